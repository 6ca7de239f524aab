import {
  criminalOffenceConditionFor,
  DEFAULT_CRIMINAL_OFFENCE_CONDITION,
  defaultReportedAt,
  incidentRetainUntil,
  incidentTimeProblems,
} from './incident.checks.js';

describe('criminalOffenceConditionFor', () => {
  it('defaults to the Schedule 1 Part 3 condition when there is a crime reference', () => {
    expect(criminalOffenceConditionFor('CR/123/25', undefined)).toBe(DEFAULT_CRIMINAL_OFFENCE_CONDITION);
    expect(DEFAULT_CRIMINAL_OFFENCE_CONDITION).toMatch(/Schedule 1 Part 3/);
  });
  it('keeps a condition the user stated', () => {
    expect(criminalOffenceConditionFor('CR/123/25', 'Schedule 1 Part 3 para 33 (legal claims)')).toBe('Schedule 1 Part 3 para 33 (legal claims)');
  });
  it('is null without a crime reference or a stated condition', () => {
    expect(criminalOffenceConditionFor(null, undefined)).toBeNull();
  });
});

describe('incidentTimeProblems', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  it('accepts a report made after the incident', () => {
    expect(incidentTimeProblems(new Date('2026-03-10T10:00:00Z'), new Date('2026-03-10T11:00:00Z'), now)).toEqual([]);
  });
  it('refuses a report before the incident', () => {
    expect(incidentTimeProblems(new Date('2026-03-10T10:00:00Z'), new Date('2026-03-10T09:00:00Z'), now)).toEqual([
      expect.stringMatching(/reportedAt must be on or after occurredAt/),
    ]);
  });
  it('refuses times in the future, allowing a little clock skew', () => {
    expect(incidentTimeProblems(new Date('2026-03-10T13:00:00Z'), new Date('2026-03-10T13:00:00Z'), now)).toHaveLength(2);
    expect(incidentTimeProblems(new Date('2026-03-10T12:01:00Z'), new Date('2026-03-10T12:01:00Z'), now)).toEqual([]);
  });
  it('reports now by default, never before the incident', () => {
    expect(defaultReportedAt(new Date('2026-03-10T10:00:00Z'), now)).toEqual(now);
    expect(defaultReportedAt(new Date('2026-03-10T12:01:00Z'), now)).toEqual(new Date('2026-03-10T12:01:00Z'));
  });
});

describe('incidentRetainUntil', () => {
  it('is 6 years (the default period) after the incident (UTC date)', () => {
    expect(incidentRetainUntil(new Date('2026-03-10T23:30:00Z'), 6)).toBe('2032-03-10');
  });
  it('follows a service policy with another period', () => {
    expect(incidentRetainUntil(new Date('2026-03-10T23:30:00Z'), 3)).toBe('2029-03-10');
  });
});
