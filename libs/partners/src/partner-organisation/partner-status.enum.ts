import { registerEnumType } from '@nestjs/graphql';

export enum PartnerStatus {
  ACTIVE = 'ACTIVE',
  INACTIVE = 'INACTIVE',
  ARCHIVED = 'ARCHIVED',
}
registerEnumType(PartnerStatus, { name: 'PartnerStatus' });
