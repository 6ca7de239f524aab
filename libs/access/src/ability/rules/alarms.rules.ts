import { Role } from '../../users/role.enum.js';
import type { RuleContext } from './rule-context.js';

/**
 * Codeword alarms. Whoever may record an incident at a branch raises alarms there and stands them
 * down (`create`, `update`): STAFF at their own branches, MANAGER and OUTREACH_WORKER anywhere in
 * the service. `transition` is acknowledging ("on my way"): the same people, and the users of a
 * partner organisation that an ACTIVE agreement in force names for the branch
 * (`alertPartnerOrganisationId`, an SQL condition registered by libs/alarms: the agreement's
 * `alertBranchIds` and its parties), who also read those alarms. A PCSO acknowledging tells the
 * branch that police are coming, which is the point of sending them the alarm. Partners never raise
 * or stand down. DPO reads. ADMIN gets nothing, as with incidents.
 */
export function alarmsRules({ can, p, inService }: RuleContext): void {
  switch (p.role) {
    case Role.MANAGER:
    case Role.OUTREACH_WORKER:
      can(['read', 'create', 'update', 'transition'], 'Alarm', inService);
      break;
    case Role.STAFF:
      can(['read', 'create', 'update', 'transition'], 'Alarm', { ...inService, branchId: { $in: p.branchIds } });
      break;
    case Role.PARTNER:
      if (p.partnerOrganisationId) can(['read', 'transition'], 'Alarm', { ...inService, alertPartnerOrganisationId: p.partnerOrganisationId });
      break;
    case Role.DPO:
      can('read', 'Alarm', inService);
      break;
  }
}
