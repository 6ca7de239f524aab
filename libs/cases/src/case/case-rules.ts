import { ConflictError } from '../../../common/src/index.js';
import { retainUntil } from '../../../governance/src/index.js';
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
 * Retention of a case and its notes (6 years, RETENTION_YEARS.CASE): after closure when closed;
 * while open or monitored there is no end yet, so the date is refreshed to 6 years after each
 * write (update, note) and never moves earlier than it was. Closing sets it to closure + 6 years,
 * which is never earlier than any date set while the case was open.
 */
export function caseRetainUntil(c: { status: CaseStatus; closedAt: Date | null }, current: string | null, now: Date = new Date()): string {
  if (c.status === CaseStatus.CLOSED && c.closedAt) return retainUntil('CASE', c.closedAt);
  const fromNow = retainUntil('CASE', now);
  return current && current > fromNow ? current : fromNow;
}
