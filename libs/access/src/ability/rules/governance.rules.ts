import { Role } from '../../users/role.enum.js';
import type { RuleContext } from './rule-context.js';

/**
 * Accountability and data subjects' rights (libs/governance). The DPO reads the audit trail
 * (and the record of processing, which shares its permission), exports it, runs subject access
 * exports, and logs and decides rights requests; nobody else does. Administrators manage the
 * retention policies (docs/domain.md#retention-policies), the DPO reads them and the retention report,
 * except the audit trail's own retention: only the DPO changes that (the evidence of everyone's
 * access, administrators' included), and the database keeps it above a floor (AuditRetentionFloor migration).
 * The data protection policies (the criminal offence condition a record type records by default)
 * are the administrators' to change, as the retention policies are; the DPO reads them.
 * Legal holds and starting the retention sweep are the DPO's alone (administrators set the
 * policies the sweep applies, never which records it spares).
 */
/** The retention record type of the audit trail (RETENTION_YEARS). */
const AUDIT_TRAIL = 'AUDIT_EVENT';

export function governanceRules({ can, cannot, p, inService }: RuleContext): void {
  if (p.role === Role.DPO) {
    can(['read', 'export'], 'AuditEvent', inService);
    can('read', ['RetentionPolicy', 'DataProtectionPolicy'], inService);
    can('update', 'RetentionPolicy', { ...inService, recordType: AUDIT_TRAIL });
    can(['read', 'create', 'update'], 'RightsRequest', inService);
    can('export', 'Subject', inService);
    can('update', 'LegalHold', inService);
    can('create', 'RetentionSweep', inService);
  }
  if (p.role === Role.ADMIN) {
    can(['read', 'update'], ['RetentionPolicy', 'DataProtectionPolicy'], inService);
    cannot('update', 'RetentionPolicy', { recordType: AUDIT_TRAIL });
  }
}
