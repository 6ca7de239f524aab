import { registerEnumType } from '@nestjs/graphql';

export enum AuditAction {
  READ = 'READ',
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
  SHARE = 'SHARE',
  EXPORT = 'EXPORT',
  LOGIN = 'LOGIN',
  LOGIN_FAILED = 'LOGIN_FAILED',
}
registerEnumType(AuditAction, { name: 'AuditAction' });
