import { decisionProblem, defaultReviewOn, handlingProblems } from './intelligence-rules.js';
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
