import type { AppConfig } from '../../../common/src/index.js';
import { ReferralStatus, ReferralUrgency } from './referral.enums.js';
import { isPastDeadline, overdueCutoff, workingDayDeadline } from './working-days.js';

/** Working days a partner has to answer a SENT referral, per urgency. */
export type ResponseDays = Record<ReferralUrgency, number>;

/** From configuration (REFERRAL_RESPONSE_DAYS_*; defaults URGENT 1, SOON 5, ROUTINE 10). */
export function responseDaysFrom(
  config: Pick<AppConfig, 'REFERRAL_RESPONSE_DAYS_URGENT' | 'REFERRAL_RESPONSE_DAYS_SOON' | 'REFERRAL_RESPONSE_DAYS_ROUTINE'>,
): ResponseDays {
  return {
    [ReferralUrgency.URGENT]: config.REFERRAL_RESPONSE_DAYS_URGENT,
    [ReferralUrgency.SOON]: config.REFERRAL_RESPONSE_DAYS_SOON,
    [ReferralUrgency.ROUTINE]: config.REFERRAL_RESPONSE_DAYS_ROUTINE,
  };
}

/** When the partner's answer is (or was) due; null for a draft. */
export function responseDueAt(r: { sentAt: Date | null; urgency: ReferralUrgency }, days: ResponseDays): Date | null {
  return r.sentAt ? workingDayDeadline(r.sentAt, days[r.urgency]) : null;
}

/** SENT and not answered by its deadline. */
export function isOverdue(r: { status: ReferralStatus; sentAt: Date | null; urgency: ReferralUrgency }, days: ResponseDays, now = new Date()): boolean {
  return r.status === ReferralStatus.SENT && !!r.sentAt && isPastDeadline(r.sentAt, days[r.urgency], now);
}

/** Per urgency, referrals sent before this instant are overdue now (for the SQL of overdueReferrals). */
export function overdueCutoffs(days: ResponseDays, now = new Date()): Record<ReferralUrgency, Date> {
  return {
    [ReferralUrgency.URGENT]: overdueCutoff(now, days.URGENT),
    [ReferralUrgency.SOON]: overdueCutoff(now, days.SOON),
    [ReferralUrgency.ROUTINE]: overdueCutoff(now, days.ROUTINE),
  };
}
