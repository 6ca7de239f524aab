import { registerEnumType } from '@nestjs/graphql';
import { Role } from '../../../access/src/users/role.enum.js';

/** Who acted, as the audit trail records it: a user's role, or one of the two actors that are not users. */
export const AuditActorRole = { ...Role, CLI: 'CLI', RETENTION_SWEEP: 'RETENTION_SWEEP' } as const;
export type AuditActorRole = (typeof AuditActorRole)[keyof typeof AuditActorRole];

registerEnumType(AuditActorRole, {
  name: 'AuditActorRole',
  description: "The acting user's role at the time, or CLI / RETENTION_SWEEP for the admin commands and the retention sweep",
  valuesMap: {
    CLI: { description: 'An admin command (no user)' },
    RETENTION_SWEEP: { description: 'The retention sweep (no user)' },
  },
});
