import { registerEnumType } from '@nestjs/graphql';

export enum Role {
  ADMIN = 'ADMIN',
  MANAGER = 'MANAGER',
  OUTREACH_WORKER = 'OUTREACH_WORKER',
  STAFF = 'STAFF',
  PARTNER = 'PARTNER',
  DPO = 'DPO',
}
registerEnumType(Role, { name: 'Role' });
