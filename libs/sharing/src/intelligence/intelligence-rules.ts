import { addYears, calendarDate } from '../../../common/src/index.js';
import { HandlingCode, IntelligenceStatus } from './intelligence.enums.js';

/** Intelligence is reviewed 12 months after the (UK) day it is recorded (docs/domain.md#intelligence), unless a date is given. */
export function defaultReviewOn(recordedAt: Date): string {
  return addYears(new Date(`${calendarDate(recordedAt)}T00:00:00Z`), 1);
}

export interface Handling {
  handlingCode: HandlingCode;
  handlingConditions?: string | null;
  handlingOrganisationIds?: string[];
  handlingLibraryServiceIds?: string[];
}

/** What is wrong with a handling code and its conditions (empty: fine). */
export function handlingProblems(h: Handling): string[] {
  const named = (h.handlingOrganisationIds?.length ?? 0) + (h.handlingLibraryServiceIds?.length ?? 0);
  if (h.handlingCode === HandlingCode.C) {
    const problems: string[] = [];
    if (!h.handlingConditions?.trim()) problems.push('handling code C needs its conditions (handlingConditions)');
    if (!named)
      problems.push('handling code C needs the organisations or library services its conditions allow (handlingOrganisationIds, handlingLibraryServiceIds)');
    return problems;
  }
  return named ? ['handling code P names no organisations: use handling code C to restrict who may see it'] : [];
}

/**
 * The latest review date a renewal may set on `now`: 12 months after the (UK) day, the period an
 * item is first given (docs/domain.md#intelligence), so a renewal never keeps an item longer
 * between reviews than recording it did.
 */
export function latestReviewOn(now: Date): string {
  return defaultReviewOn(now);
}

/** What is wrong with a renewal's new review date (null: fine): after today in the UK, at most 12 months ahead. */
export function renewalProblem(reviewOn: string, now: Date): string | null {
  const today = calendarDate(now);
  if (reviewOn <= today) return `reviewOn must be after today (${today}): a renewal sets the next review`;
  const latest = latestReviewOn(now);
  if (reviewOn > latest) return `reviewOn must be at most 12 months ahead (${latest} at the latest)`;
  return null;
}

/** Only intelligence in the record is reviewed: a submission is accepted or rejected first, a rejected one is not kept in the record. */
export function reviewProblem(status: IntelligenceStatus): string | null {
  return status === IntelligenceStatus.ACCEPTED ? null : `This intelligence is ${status}: only ACCEPTED intelligence is reviewed`;
}

/**
 * The keep-until date after a review: the service's INTELLIGENCE period from the review (its
 * retention clock, `updated_at`, moves with it), and never before the next review date.
 */
export function retainUntilAfterReview(policyUntil: string, reviewOn: string): string {
  return policyUntil > reviewOn ? policyUntil : reviewOn;
}

/** Only a submission awaits a decision. */
export function decisionProblem(status: IntelligenceStatus): string | null {
  return status === IntelligenceStatus.SUBMITTED ? null : `This intelligence is ${status}: only SUBMITTED intelligence is accepted or rejected`;
}
