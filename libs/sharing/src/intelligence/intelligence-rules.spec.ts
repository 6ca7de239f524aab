import {
  decisionProblem,
  defaultReviewOn,
  handlingProblems,
  latestReviewOn,
  renewalProblem,
  retainUntilAfterReview,
  reviewProblem,
} from './intelligence-rules.js';
import { HandlingCode, IntelligenceStatus } from './intelligence.enums.js';

describe('intelligence rules', () => {
  it('is reviewed 12 months after it is recorded', () => {
    expect(defaultReviewOn(new Date('2026-03-15T10:00:00Z'))).toBe('2027-03-15');
    expect(defaultReviewOn(new Date('2028-02-29T10:00:00Z'))).toBe('2029-03-01');
    // 23:30 UTC on 30 June is 1 July in the UK.
    expect(defaultReviewOn(new Date('2026-06-30T23:30:00Z'))).toBe('2027-07-01');
  });

  it('handling code C needs conditions naming someone; P names nobody', () => {
    expect(handlingProblems({ handlingCode: HandlingCode.P })).toEqual([]);
    expect(handlingProblems({ handlingCode: HandlingCode.P, handlingOrganisationIds: ['o1'] })).toHaveLength(1);
    expect(handlingProblems({ handlingCode: HandlingCode.C })).toHaveLength(2);
    expect(handlingProblems({ handlingCode: HandlingCode.C, handlingConditions: 'Police only', handlingOrganisationIds: ['o1'] })).toEqual([]);
    expect(handlingProblems({ handlingCode: HandlingCode.C, handlingConditions: ' ', handlingLibraryServiceIds: ['s1'] })).toHaveLength(1);
  });

  it('only a submission awaits a decision', () => {
    expect(decisionProblem(IntelligenceStatus.SUBMITTED)).toBeNull();
    expect(decisionProblem(IntelligenceStatus.ACCEPTED)).toMatch(/ACCEPTED/);
  });
});

describe('intelligence review rules', () => {
  const now = new Date('2026-03-15T10:00:00Z');

  it('a renewal sets a date after today and at most 12 months ahead (UK days)', () => {
    expect(renewalProblem('2026-03-16', now)).toBeNull();
    expect(renewalProblem('2027-03-15', now)).toBeNull();
    expect(renewalProblem('2026-03-15', now)).toMatch(/after today \(2026-03-15\)/);
    expect(renewalProblem('2025-12-01', now)).toMatch(/after today/);
    expect(renewalProblem('2027-03-16', now)).toMatch(/at most 12 months ahead \(2027-03-15/);
    // 23:30 UTC on 30 June is 1 July in the UK: 1 July is today, not tomorrow.
    expect(renewalProblem('2026-07-01', new Date('2026-06-30T23:30:00Z'))).toMatch(/after today \(2026-07-01\)/);
    expect(latestReviewOn(new Date('2026-06-30T23:30:00Z'))).toBe('2027-07-01');
  });

  it('only accepted intelligence is reviewed', () => {
    expect(reviewProblem(IntelligenceStatus.ACCEPTED)).toBeNull();
    expect(reviewProblem(IntelligenceStatus.SUBMITTED)).toMatch(/SUBMITTED/);
    expect(reviewProblem(IntelligenceStatus.REJECTED)).toMatch(/REJECTED/);
  });

  it('kept for the retention period from the review, and never past before the next review', () => {
    expect(retainUntilAfterReview('2027-03-15', '2026-09-01')).toBe('2027-03-15');
    expect(retainUntilAfterReview('2027-03-14', '2027-03-15')).toBe('2027-03-15');
  });
});
