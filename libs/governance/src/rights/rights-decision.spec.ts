import { decisionProblems, responseDueOn } from './rights-decision.js';
import { RefusalGround, RightsDecision, RightsRequestType } from './rights-request.enums.js';

const { ERASURE, RECTIFICATION, RESTRICTION, ACCESS } = RightsRequestType;
const { GRANTED, PARTLY_GRANTED, REFUSED } = RightsDecision;

describe('decisionProblems', () => {
  it('accepts complete decisions', () => {
    expect(decisionProblems(ERASURE, { decision: GRANTED })).toEqual([]);
    expect(decisionProblems(ERASURE, { decision: PARTLY_GRANTED, reason: 'incidents kept for six years', keepRecordTypes: ['INCIDENT'] })).toEqual([]);
    expect(decisionProblems(ERASURE, { decision: REFUSED, reason: 'under legal hold for a claim', refusalGround: RefusalGround.LEGAL_HOLD })).toEqual([]);
    expect(decisionProblems(RECTIFICATION, { decision: GRANTED, corrections: [{}] })).toEqual([]);
    expect(decisionProblems(RESTRICTION, { decision: GRANTED })).toEqual([]);
    expect(decisionProblems(ACCESS, { decision: PARTLY_GRANTED, reason: 'third-party data withheld' })).toEqual([]);
  });

  it('refuses incomplete or contradictory decisions, saying what is missing', () => {
    expect(decisionProblems(ERASURE, { decision: REFUSED })).toEqual([
      'reason is required when a request is granted in part or refused',
      'refusalGround is required when refusing: name the retention duty, legal hold or exemption',
    ]);
    expect(decisionProblems(ERASURE, { decision: REFUSED, reason: 'x', refusalGround: RefusalGround.RETENTION_DUTY })).toEqual([
      'a refusal for a retention duty must name the record types it keeps (keepRecordTypes)',
    ]);
    expect(decisionProblems(ERASURE, { decision: GRANTED, keepRecordTypes: ['INCIDENT'] })).toEqual([
      'a full grant keeps nothing: grant in part to keep record types',
    ]);
    expect(decisionProblems(ERASURE, { decision: GRANTED, refusalGround: RefusalGround.LEGAL_HOLD })).toEqual(['refusalGround is only for refusals']);
    expect(decisionProblems(RECTIFICATION, { decision: GRANTED })).toEqual(['granting a rectification needs the corrections to make']);
    expect(decisionProblems(ACCESS, { decision: GRANTED, corrections: [{}] })).toEqual(['corrections apply to rectification requests only']);
    expect(decisionProblems(RESTRICTION, { decision: PARTLY_GRANTED, reason: 'x' })).toEqual(['a restriction is granted or refused, not granted in part']);
    expect(decisionProblems(ACCESS, { decision: GRANTED, keepRecordTypes: ['X'] })).toEqual(['keepRecordTypes applies to erasure requests only']);
  });
});

describe('responseDueOn', () => {
  it('is one calendar month later, or the last day of a shorter month', () => {
    expect(responseDueOn('2026-03-15')).toBe('2026-04-15');
    expect(responseDueOn('2026-01-31')).toBe('2026-02-28');
    expect(responseDueOn('2028-01-31')).toBe('2028-02-29');
    expect(responseDueOn('2026-12-20')).toBe('2027-01-20');
  });
});
