import { AccessDeniedError, BadInputError } from '../../../common/src/index.js';
import { ReferralStatus } from '../referral/referral.enums.js';
import type { OnBehalfColumns } from './recorded-on-behalf.js';

/** What an answer recorded on a partner's behalf says, as the input gives it. */
export interface OnBehalfAnswer {
  partnerOrganisationId: string;
  answeredBy: string;
  channel: NonNullable<OnBehalfColumns['onBehalfChannel']>;
  answeredAt: Date;
}

/** What of the referral answered decides whether the answer fits it. */
export interface AnsweredReferral {
  id: string;
  partnerOrganisationId: string;
  status: ReferralStatus;
  sentAt: Date | null;
  acceptedAt: Date | null;
  startedAt: Date | null;
}

/** When the referral reached each status a partner answers from: an answer to it cannot be older. */
const REACHED: Partial<Record<ReferralStatus, { at: keyof AnsweredReferral; what: string }>> = {
  [ReferralStatus.SENT]: { at: 'sentAt', what: 'was sent' },
  [ReferralStatus.ACCEPTED]: { at: 'acceptedAt', what: 'was accepted' },
  [ReferralStatus.IN_PROGRESS]: { at: 'startedAt', what: 'was started' },
};

/** FORBIDDEN unless the answer is the organisation's the referral was sent to: the library records only what its recipient answered. */
export function assertAnswerOfRecipient(
  answer: Pick<OnBehalfAnswer, 'partnerOrganisationId'>,
  referral: Pick<AnsweredReferral, 'id' | 'partnerOrganisationId'>,
): void {
  if (answer.partnerOrganisationId !== referral.partnerOrganisationId) {
    throw new AccessDeniedError(`Referral ${referral.id} was sent to another organisation: record only what the organisation it was sent to answered`, {
      field: 'onBehalf.partnerOrganisationId',
    });
  }
}

/**
 * Pure: checks an answer recorded on a partner's behalf against the referral it answers and
 * returns the columns to store, with the time to use as the step's own (acceptedAt, declinedAt…).
 * - another organisation than the referral's → FORBIDDEN (assertAnswerOfRecipient);
 * - answered before the referral was sent (for a move: before it reached its current status,
 *   `sinceCurrentStep`) → BAD_USER_INPUT. A time a moment ahead of the server's clock (the skew
 *   IsNotInFuture allows) is taken as now.
 */
export function planOnBehalf(
  answer: OnBehalfAnswer,
  referral: AnsweredReferral,
  opts: { sinceCurrentStep: boolean; now?: Date },
): OnBehalfColumns & { onBehalfAnsweredAt: Date } {
  assertAnswerOfRecipient(answer, referral);
  const now = opts.now ?? new Date();
  const answeredAt = answer.answeredAt.getTime() > now.getTime() ? now : answer.answeredAt;
  const step = (opts.sinceCurrentStep ? REACHED[referral.status] : undefined) ?? REACHED[ReferralStatus.SENT]!;
  const notBefore = (referral[step.at] as Date | null) ?? referral.sentAt;
  if (!notBefore) throw new BadInputError(`Referral ${referral.id} has not been sent: there is no answer to record yet`, { field: 'onBehalf.answeredAt' });
  if (answeredAt.getTime() < notBefore.getTime()) {
    throw new BadInputError(`onBehalf.answeredAt must not be before the referral ${step.what} (${notBefore.toISOString()})`, {
      field: 'onBehalf.answeredAt',
      notBefore: notBefore.toISOString(),
    });
  }
  return { onBehalfAnsweredBy: answer.answeredBy, onBehalfChannel: answer.channel, onBehalfAnsweredAt: answeredAt };
}
