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
  /** A sign-in refused before its password was checked: too many recent failures. */
  LOGIN_REFUSED = 'LOGIN_REFUSED',
  /** A read or change the user asked for and was refused (NOT_FOUND or FORBIDDEN): probing shows here. */
  REFUSED = 'REFUSED',
}
registerEnumType(AuditAction, { name: 'AuditAction' });
