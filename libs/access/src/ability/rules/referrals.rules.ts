import { Role } from '../../users/role.enum.js';
import type { RuleContext } from './rule-context.js';

/**
 * Referral transitions are checked as `transition` with the target status as the "field", so
 * each side's moves are stated here, once. (Strings, not the referrals lib's enum: access must
 * not import the contexts that import it.)
 */
export const REFERRAL_LIBRARY_MOVES = ['SENT', 'WITHDRAWN', 'CLOSED'];
export const REFERRAL_PARTNER_MOVES = ['ACCEPTED', 'DECLINED', 'IN_PROGRESS', 'CLOSED'];

/**
 * Outreach workers and managers make and follow up referrals in their service. A partner user
 * sees only referrals addressed to their organisation once sent (never drafts), answers them
 * and records the outcome. The DPO reads. Staff and administrators get nothing.
 */
export function referralsRules({ can, p, inService }: RuleContext): void {
  switch (p.role) {
    case Role.OUTREACH_WORKER:
    case Role.MANAGER:
      can('read', 'Referral', inService);
      can(['create', 'update'], 'Referral', inService);
      can('transition', 'Referral', REFERRAL_LIBRARY_MOVES, inService);
      can(['read', 'create'], 'ReferralUpdate', inService);
      break;
    case Role.PARTNER: {
      if (!p.partnerOrganisationId) break;
      const addressed = { ...inService, partnerOrganisationId: p.partnerOrganisationId };
      const sent = { ...addressed, status: { $ne: 'DRAFT' } };
      can('read', 'Referral', sent);
      can('transition', 'Referral', REFERRAL_PARTNER_MOVES, sent);
      can(['read', 'create'], 'ReferralUpdate', addressed);
      break;
    }
    case Role.DPO:
      can('read', ['Referral', 'ReferralUpdate'], inService);
      break;
  }
}
