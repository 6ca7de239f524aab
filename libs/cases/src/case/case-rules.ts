import { addYears, ConflictError } from '../../../common/src/index.js';
import { CaseStatus } from './case-status.enum.js';

/**
 * Case status changes: OPEN ⇄ MONITORING with updateCase, OPEN | MONITORING → CLOSED with closeCase,
 * CLOSED → OPEN with reopenCase. Anything else (e.g. closing a closed case) is refused.
 */
const ALLOWED: Record<CaseStatus, CaseStatus[]> = {
  [CaseStatus.OPEN]: [CaseStatus.MONITORING, CaseStatus.CLOSED],
  [CaseStatus.MONITORING]: [CaseStatus.OPEN, CaseStatus.CLOSED],
  [CaseStatus.CLOSED]: [CaseStatus.OPEN],
};

export function canChangeCaseStatus(from: CaseStatus, to: CaseStatus): boolean {
  return from === to || ALLOWED[from].includes(to);
}

export function assertCaseStatusChange(from: CaseStatus, to: CaseStatus): void {
  if (!canChangeCaseStatus(from, to)) {
    const hint = from === CaseStatus.CLOSED ? ': it is closed (reopen it first)' : '';
    throw new ConflictError(`A ${from} case cannot become ${to}${hint}`, { from, to });
  }
}

/**
 * Retention of a case and its notes, `years` being the service's CASE policy (retentionYearsFor;
 * default 6): after closure when closed; while open or monitored there is no end yet, so the date
 * is refreshed to `years` after each write (update, note) and never moves earlier than it was.
 * Closing sets it to closure + `years`, never earlier than a date set under the same policy while open.
 */
export function caseRetainUntil(c: { status: CaseStatus; closedAt: Date | null }, current: string | null, years: number, now: Date = new Date()): string {
  if (c.status === CaseStatus.CLOSED && c.closedAt) return addYears(c.closedAt, years);
  const fromNow = addYears(now, years);
  return current && current > fromNow ? current : fromNow;
}
