import { Inject, Injectable, Optional } from '@nestjs/common';
import { EVENT_BUS, type EventBus } from '../../../events/src/index.js';
import { AccessScopes, type Actor } from '../../../access/src/index.js';
import { AccessDeniedError, BadInputError } from '../../../common/src/index.js';
import { AuditAction, retainUntilFor } from '../../../governance/src/index.js';
import { NotificationKind, NotificationOutbox } from '../../../notifications/src/index.js';
import { assertAnswerOfRecipient, type OnBehalfAnswer, planOnBehalf } from '../on-behalf/on-behalf.rules.js';
import type { OnBehalfColumns } from '../on-behalf/recorded-on-behalf.js';
import { sendProblems } from './referral-send.rules.js';
import { canTransition, InvalidReferralTransitionError, isTerminal, planTransition, type TransitionDetails } from './referral-status.machine.js';
import { ReferralTransition } from './referral-transition.entity.js';
import { Referral } from './referral.entity.js';
import { ReferralStatus } from './referral.enums.js';
import { activePartner } from './referral.references.js';
import { publishReferralChanged, REFERRAL } from './referral.service.js';

const NOT_ON_BEHALF: OnBehalfColumns = { onBehalfAnsweredBy: null, onBehalfChannel: null, onBehalfAnsweredAt: null };

/**
 * Moves referrals through their status flow. Order of checks, each with its own answer:
 * not readable → NOT_FOUND; no move at all allowed (DPO) → FORBIDDEN; stale version → CONFLICT;
 * this side may not make this move (a partner withdrawing, the library accepting) → FORBIDDEN;
 * the flow does not allow it from the current status → CONFLICT naming from and to;
 * something the move needs is missing (decline reason, outcome, consent or lawful basis) → BAD_USER_INPUT.
 *
 * A partner's move given outside the app (`onBehalf`) is the same move, checked as `recordOnBehalf`
 * instead of `transition` (the referring worker or a manager of its service: referrals.rules.ts),
 * plus: the answer must be the organisation's the referral was sent to (FORBIDDEN, before the flow
 * is checked) and not older than the referral's current step (BAD_USER_INPUT, after). The step's own time (acceptedAt, declinedAt,
 * startedAt, closedAt) is when the partner answered, so statistics count it exactly like an answer
 * given in the app; the history row is stamped when it was recorded.
 */
@Injectable()
export class ReferralWorkflowService {
  constructor(
    private readonly scopes: AccessScopes,
    private readonly notifications: NotificationOutbox,
    // Absent where no app runs (the demo story): nobody is watching.
    @Optional() @Inject(EVENT_BUS) private readonly bus?: EventBus,
  ) {}

  async transition(
    actor: Actor,
    id: string,
    version: number,
    to: ReferralStatus,
    details: TransitionDetails = {},
    onBehalf?: OnBehalfAnswer,
  ): Promise<Referral> {
    const scope = this.scopes.of(actor);
    const action = onBehalf ? 'recordOnBehalf' : 'transition';
    // Checked before the referral is looked up, so a user who may never record on behalf (a partner, staff, the DPO) learns nothing about it.
    if (onBehalf) scope.assertCan(action, REFERRAL, { libraryServiceId: actor.principal.libraryServiceId, referredById: actor.principal.id });
    const moved = await scope.transaction(async (s, m) => {
      const referral = await s.forWrite(Referral, REFERRAL, id, action, version);
      if (!s.can(action, REFERRAL, referral, to)) {
        throw new AccessDeniedError(
          `As ${actor.principal.role} you may not ${onBehalf ? 'record on the partner’s behalf a move' : 'move a referral'} to ${to}`,
          { to },
        );
      }
      const now = new Date();
      let answer = NOT_ON_BEHALF;
      if (onBehalf) {
        assertAnswerOfRecipient(onBehalf, referral);
        if (!canTransition(referral.status, to)) throw new InvalidReferralTransitionError(referral.status, to);
        answer = planOnBehalf(onBehalf, referral, { sinceCurrentStep: true, now });
      }
      const at = answer.onBehalfAnsweredAt ?? now;
      const patch = planTransition(referral.status, to, details, at);
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
      // The retention clock starts when the referral ends (closed, declined or withdrawn): at the step's own time.
      if (isTerminal(to)) referral.dataProtection.retainUntil = await retainUntilFor(m, referral.libraryServiceId, 'REFERRAL', at);
      const saved = await m.getRepository(Referral).save(referral);
      await m.getRepository(ReferralTransition).insert({
        libraryServiceId: saved.libraryServiceId,
        referralId: saved.id,
        fromStatus: from,
        toStatus: to,
        actorId: actor.principal.id,
        actorRole: actor.principal.role,
        at: now,
        ...answer,
      });
      if (isTerminal(to)) {
        await m.query('UPDATE referral_update SET retain_until = $2, version = version + 1 WHERE referral_id = $1', [
          saved.id,
          saved.dataProtection.retainUntil,
        ]);
      }
      await s.audited(AuditAction.UPDATE, REFERRAL, [saved]);
      // In this transaction (the outbox): a move that rolls back tells nobody; one that commits is never lost.
      if (to === ReferralStatus.SENT) {
        await this.notifications.queue(m, {
          kind: NotificationKind.REFERRAL_RECEIVED,
          recordId: saved.id,
          to: { partnerOrganisationId: saved.partnerOrganisationId },
          organisation: { partnerOrganisationId: saved.partnerOrganisationId, inbox: true, webhook: true },
        });
      } else {
        await this.notifications.queue(m, {
          kind: NotificationKind.REFERRAL_STATUS_CHANGED,
          recordId: saved.id,
          to: { userIds: [saved.referredById], exceptUserId: actor.principal.id },
        });
      }
      return saved;
    });
    await publishReferralChanged(this.bus, moved);
    return moved;
  }
}
