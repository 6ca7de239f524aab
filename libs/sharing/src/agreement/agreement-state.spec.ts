import {
  activationProblems,
  addDays,
  type AgreementFacts,
  AgreementRuleError,
  assertAgreementTransition,
  defaultAgreementReviewOn,
  effectiveAgreementStatus,
  isAgreementInForce,
  refusedEdits,
} from './agreement-state.js';
import { AgreementStatus as S, DataCategory as C } from './agreement.enums.js';

const TODAY = '2026-06-15';
const ready = (over: Partial<AgreementFacts> = {}): AgreementFacts => ({
  status: S.DRAFT,
  startsOn: '2026-06-01',
  endsOn: '2027-05-31',
  reviewOn: '2027-01-01',
  categories: [C.IDENTITY, C.INCIDENTS],
  specialCategoryCondition: null,
  criminalOffenceCondition: null,
  dpaPart3: false,
  partyCount: 1,
  hasPolicePartner: false,
  signatories: [{ signedOn: '2026-05-20' }],
  ...over,
});
const fails = (f: () => unknown, kind: 'input' | 'conflict', message: RegExp) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AgreementRuleError);
    expect((e as AgreementRuleError).kind).toBe(kind);
    expect((e as Error).message).toMatch(message);
    return;
  }
  throw new Error('expected a rule error');
};

describe('agreement state machine', () => {
  it('reads ACTIVE or SUSPENDED past the end date as EXPIRED, from the dates alone', () => {
    expect(effectiveAgreementStatus({ status: S.ACTIVE, endsOn: '2026-06-14' }, TODAY)).toBe(S.EXPIRED);
    expect(effectiveAgreementStatus({ status: S.SUSPENDED, endsOn: '2026-06-14' }, TODAY)).toBe(S.EXPIRED);
    expect(effectiveAgreementStatus({ status: S.ACTIVE, endsOn: TODAY }, TODAY)).toBe(S.ACTIVE);
    expect(effectiveAgreementStatus({ status: S.ACTIVE, endsOn: null }, TODAY)).toBe(S.ACTIVE);
    expect(effectiveAgreementStatus({ status: S.DRAFT, endsOn: '2020-01-01' }, TODAY)).toBe(S.DRAFT);
    expect(effectiveAgreementStatus({ status: S.TERMINATED, endsOn: '2020-01-01' }, TODAY)).toBe(S.TERMINATED);
  });

  it('is in force when ACTIVE, started and not ended (the live_case_share rule)', () => {
    expect(isAgreementInForce({ status: S.ACTIVE, startsOn: TODAY, endsOn: TODAY }, TODAY)).toBe(true);
    expect(isAgreementInForce({ status: S.ACTIVE, startsOn: '2026-06-16', endsOn: null }, TODAY)).toBe(false);
    expect(isAgreementInForce({ status: S.ACTIVE, startsOn: '2026-01-01', endsOn: '2026-06-14' }, TODAY)).toBe(false);
    expect(isAgreementInForce({ status: S.SUSPENDED, startsOn: '2026-01-01', endsOn: null }, TODAY)).toBe(false);
    expect(isAgreementInForce({ status: S.ACTIVE, startsOn: null, endsOn: null }, TODAY)).toBe(false);
  });

  it('activates a complete draft, and a suspended agreement again', () => {
    expect(assertAgreementTransition(ready(), 'activate', TODAY)).toBe(S.ACTIVE);
    expect(assertAgreementTransition(ready({ status: S.SUSPENDED }), 'activate', TODAY)).toBe(S.ACTIVE);
  });

  it('refuses to activate without start date, parties, signatories or review date, naming each', () => {
    const problems = activationProblems(ready({ startsOn: null, partyCount: 0, signatories: [], reviewOn: null, categories: [] }), TODAY);
    expect(problems.join(' | ')).toMatch(/startsOn.*party.*category.*signatory.*reviewOn/);
    fails(() => assertAgreementTransition(ready({ signatories: [] }), 'activate', TODAY), 'input', /signatory/);
    fails(() => assertAgreementTransition(ready({ signatories: [{ signedOn: '2026-07-01' }] }), 'activate', TODAY), 'input', /today or earlier/);
    fails(() => assertAgreementTransition(ready({ endsOn: '2026-06-01' }), 'activate', TODAY), 'input', /endsOn/);
  });

  it('asks for the legal conditions special category and criminal offence data need', () => {
    fails(() => assertAgreementTransition(ready({ categories: [C.SPECIAL_CATEGORY] }), 'activate', TODAY), 'input', /specialCategoryCondition/);
    expect(assertAgreementTransition(ready({ categories: [C.SPECIAL_CATEGORY], specialCategoryCondition: 'Sch 1 para 18' }), 'activate', TODAY)).toBe(S.ACTIVE);
    fails(() => assertAgreementTransition(ready({ categories: [C.CRIMINAL_OFFENCE] }), 'activate', TODAY), 'input', /criminalOffenceCondition/);
    expect(assertAgreementTransition(ready({ categories: [C.CRIMINAL_OFFENCE], dpaPart3: true, hasPolicePartner: true }), 'activate', TODAY)).toBe(S.ACTIVE);
    fails(() => assertAgreementTransition(ready({ dpaPart3: true }), 'activate', TODAY), 'input', /police partner/);
  });

  it('allows only the moves of the effective status', () => {
    expect(assertAgreementTransition(ready({ status: S.ACTIVE }), 'suspend', TODAY)).toBe(S.SUSPENDED);
    expect(assertAgreementTransition(ready({ status: S.ACTIVE }), 'terminate', TODAY)).toBe(S.TERMINATED);
    expect(assertAgreementTransition(ready(), 'terminate', TODAY)).toBe(S.TERMINATED);
    fails(() => assertAgreementTransition(ready(), 'suspend', TODAY), 'conflict', /DRAFT.*activate or terminate/);
    fails(() => assertAgreementTransition(ready({ status: S.ACTIVE }), 'activate', TODAY), 'conflict', /ACTIVE/);
    fails(() => assertAgreementTransition(ready({ status: S.TERMINATED }), 'activate', TODAY), 'conflict', /final/);
    const expired = ready({ status: S.ACTIVE, endsOn: '2026-06-01' });
    fails(() => assertAgreementTransition(expired, 'suspend', TODAY), 'conflict', /EXPIRED/);
    expect(assertAgreementTransition(expired, 'terminate', TODAY)).toBe(S.TERMINATED);
  });

  it('freezes the terms once activated: only dates, retention and security change', () => {
    expect(refusedEdits(S.DRAFT, ['categories', 'title'])).toEqual([]);
    expect(refusedEdits(S.ACTIVE, ['categories', 'reviewOn', 'endsOn', 'partnerOrganisationIds'])).toEqual(['categories', 'partnerOrganisationIds']);
    expect(refusedEdits(S.TERMINATED, ['reviewOn'])).toEqual(['reviewOn']);
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-25', 10)).toBe('2027-01-04');
    expect(addDays('2026-06-15', 0)).toBe('2026-06-15');
  });

  it('reviews one calendar year after the start by default (not 365 days: a leap year is longer), none without a start', () => {
    expect(defaultAgreementReviewOn('2027-06-01')).toBe('2028-06-01');
    expect(defaultAgreementReviewOn('2026-12-02')).toBe('2027-12-02');
    expect(defaultAgreementReviewOn(null)).toBeNull();
  });
});
