import { ConflictError } from '../../../common/src/index.js';
import { assertCaseStatusChange, canChangeCaseStatus, caseRetainUntil } from './case-rules.js';
import { CaseStatus } from './case-status.enum.js';

const { OPEN, MONITORING, CLOSED } = CaseStatus;

describe('case status changes', () => {
  it.each([
    [OPEN, MONITORING, true],
    [MONITORING, OPEN, true],
    [OPEN, CLOSED, true],
    [MONITORING, CLOSED, true],
    [CLOSED, OPEN, true],
    [CLOSED, MONITORING, false],
    [OPEN, OPEN, true],
  ])('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canChangeCaseStatus(from, to)).toBe(allowed);
  });

  it('refuses with a CONFLICT that says how to go on', () => {
    expect(() => assertCaseStatusChange(CLOSED, MONITORING)).toThrow(ConflictError);
    expect(() => assertCaseStatusChange(CLOSED, MONITORING)).toThrow(/reopen it first/);
  });
});

describe('caseRetainUntil', () => {
  const now = new Date('2026-05-10T09:00:00Z');

  it('an open or monitored case: 6 years after the latest activity', () => {
    expect(caseRetainUntil({ status: OPEN, closedAt: null }, null, 6, now)).toBe('2032-05-10');
    expect(caseRetainUntil({ status: MONITORING, closedAt: null }, '2031-01-01', 6, now)).toBe('2032-05-10');
  });

  it('never moves earlier while open', () => {
    expect(caseRetainUntil({ status: OPEN, closedAt: null }, '2035-01-01', 6, now)).toBe('2035-01-01');
  });

  it('a closed case: 6 years after closure, whatever the time now', () => {
    expect(caseRetainUntil({ status: CLOSED, closedAt: new Date('2027-12-31T23:59:00Z') }, '2032-05-10', 6, now)).toBe('2033-12-31');
  });

  it('follows a service policy with another period', () => {
    expect(caseRetainUntil({ status: OPEN, closedAt: null }, null, 3, now)).toBe('2029-05-10');
    expect(caseRetainUntil({ status: CLOSED, closedAt: new Date('2027-12-31T23:59:00Z') }, null, 10, now)).toBe('2037-12-31');
  });

  it('closure on 29 February rolls to 1 March', () => {
    expect(caseRetainUntil({ status: CLOSED, closedAt: new Date('2028-02-29T10:00:00Z') }, null, 6, now)).toBe('2034-03-01');
  });
});
