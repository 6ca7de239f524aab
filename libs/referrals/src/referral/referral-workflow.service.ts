import { Injectable } from '@nestjs/common';
import { AccessScopes, type Actor } from '../../../access/src/index.js';
import { AccessDeniedError, BadInputError } from '../../../common/src/index.js';
import { AuditAction, retainUntilFor } from '../../../governance/src/index.js';
import { sendProblems } from './referral-send.rules.js';
import { isTerminal, planTransition, type TransitionDetails } from './referral-status.machine.js';
import { ReferralTransition } from './referral-transition.entity.js';
import { Referral } from './referral.entity.js';
import { ReferralStatus } from './referral.enums.js';
import { activePartner } from './referral.references.js';
import { REFERRAL } from './referral.service.js';

/**
 * Moves referrals through their status flow. Order of checks, each with its own answer:
 * not readable → NOT_FOUND; no move at all allowed (DPO) → FORBIDDEN; stale version → CONFLICT;
 * this side may not make this move (a partner withdrawing, the library accepting) → FORBIDDEN;
 * the flow does not allow it from the current status → CONFLICT naming from and to;
 * something the move needs is missing (decline reason, outcome, consent or lawful basis) → BAD_USER_INPUT.
 */
@Injectable()
export class ReferralWorkflowService {
  constructor(private readonly scopes: AccessScopes) {}

  async transition(actor: Actor, id: string, version: number, to: ReferralStatus, details: TransitionDetails = {}): Promise<Referral> {
    return this.scopes.of(actor).transaction(async (s, m) => {
      const referral = await s.forWrite(Referral, REFERRAL, id, 'transition', version);
      if (!s.can('transition', REFERRAL, referral, to)) {
        throw new AccessDeniedError(`As ${actor.principal.role} you may not move a referral to ${to}`, { to });
      }
      const now = new Date();
      const patch = planTransition(referral.status, to, details, now);
      if (to === ReferralStatus.SENT) {
        const problems = sendProblems(referral);
        if (problems.length) {
          throw new BadInputError(`Referral ${id} cannot be sent: ${problems.map((p) => p.message).join('; ')}`, {
            missing: problems.map((p) => p.field),
            problems,
          });
        }
        await activePartner(s, referral.partnerOrganisationId);
      }
      const from = referral.status;
      Object.assign(referral, patch);
      // The retention clock starts when the referral ends (closed, declined or withdrawn).
      if (isTerminal(to)) referral.dataProtection.retainUntil = await retainUntilFor(m, referral.libraryServiceId, 'REFERRAL', now);
      const saved = await m.getRepository(Referral).save(referral);
      await m.getRepository(ReferralTransition).insert({
        libraryServiceId: saved.libraryServiceId,
        referralId: saved.id,
        fromStatus: from,
        toStatus: to,
        actorId: actor.principal.id,
        actorRole: actor.principal.role,
        at: now,
      });
      if (isTerminal(to)) {
        await m.query('UPDATE referral_update SET retain_until = $2, version = version + 1 WHERE referral_id = $1', [
          saved.id,
          saved.dataProtection.retainUntil,
        ]);
      }
      await s.audited(AuditAction.UPDATE, REFERRAL, [saved]);
      return saved;
    });
  }
}
