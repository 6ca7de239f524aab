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

/** Only a submission awaits a decision. */
export function decisionProblem(status: IntelligenceStatus): string | null {
  return status === IntelligenceStatus.SUBMITTED ? null : `This intelligence is ${status}: only SUBMITTED intelligence is accepted or rejected`;
}
