import { Role } from '../../users/role.enum.js';
import type { RuleContext } from './rule-context.js';

/**
 * Reports (libs/reports): counts over the whole service (incident statistics, bans, referrals,
 * partner engagement, staff welfare) and the anonymised summaries a manager gives the community
 * safety partnership or the council. Managers run the service and the DPO answers for what it
 * records, so both read them; `export` covers the CSV and the printable page, `share` the
 * anonymised summary for a partner (a manager's decision, under an agreement). Frontline staff,
 * outreach workers, partners and administrators get none: the counts span branches and people
 * they have no part in.
 */
export function reportsRules({ can, p, inService }: RuleContext): void {
  if (p.role === Role.MANAGER) can(['read', 'export', 'share'], 'Report', inService);
  if (p.role === Role.DPO) can(['read', 'export'], 'Report', inService);
}
