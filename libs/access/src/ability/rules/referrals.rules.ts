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
 * What the library may record on a partner's behalf when the partner answered outside the app (most
 * partners have no login): checked as `recordOnBehalf` on the referral answered, with the partner's
 * move, or the kind of record the partner would have added (a message on the referral, an update on
 * the person's shared case), as the "field".
 */
export const REFERRAL_ON_BEHALF_RECORDS = [...REFERRAL_PARTNER_MOVES, 'ReferralUpdate', 'CaseUpdate'];

/**
 * Outreach workers and managers make and follow up referrals in their service. A partner user
 * sees only referrals addressed to their organisation once sent (never drafts), answers them
 * and records the outcome. When the partner answered outside the app, the worker who made the
 * referral, or a manager of its service, records the answer on the partner's behalf; a partner user
 * answers as themselves, never on behalf. The DPO reads. Staff and administrators get nothing.
 */
export function referralsRules({ can, p, inService }: RuleContext): void {
  switch (p.role) {
    case Role.OUTREACH_WORKER:
    case Role.MANAGER:
      can('read', 'Referral', inService);
      can(['create', 'update'], 'Referral', inService);
      can('transition', 'Referral', REFERRAL_LIBRARY_MOVES, inService);
      can(['read', 'create'], 'ReferralUpdate', inService);
      // A manager for any referral of the service; an outreach worker for their own.
      if (p.role === Role.MANAGER) can('recordOnBehalf', 'Referral', REFERRAL_ON_BEHALF_RECORDS, inService);
      else can('recordOnBehalf', 'Referral', REFERRAL_ON_BEHALF_RECORDS, { ...inService, referredById: p.id });
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
