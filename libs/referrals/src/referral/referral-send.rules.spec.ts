import { LawfulBasis } from '../../../governance/src/index.js';
import { type SendableReferral, sendProblems } from './referral-send.rules.js';
import { ReferralConsent, ReferralNeed } from './referral.enums.js';

const ready: SendableReferral = {
  needs: [ReferralNeed.HOUSING],
  reason: 'Sleeping rough, asked for help with housing',
  contactRoute: 'At Central Library most mornings',
  consent: ReferralConsent.GIVEN,
  consentRecordedAt: new Date('2026-03-01T10:00:00Z'),
  consentMethod: 'Verbally, in person',
  lawfulBasisJustification: null,
  dataProtection: { lawfulBasis: LawfulBasis.PUBLIC_TASK, specialCategoryCondition: null },
};
const fields = (r: Partial<SendableReferral>) => sendProblems({ ...ready, ...r }).map((p) => p.field);

describe('sendProblems', () => {
  it('a referral with consent recorded (when and how) is ready, under CONSENT or PUBLIC_TASK', () => {
    expect(sendProblems(ready)).toEqual([]);
    expect(fields({ dataProtection: { lawfulBasis: LawfulBasis.CONSENT, specialCategoryCondition: null } })).toEqual([]);
  });

  it('consent GIVEN or REFUSED needs when and how it was recorded', () => {
    expect(fields({ consentRecordedAt: null, consentMethod: ' ' })).toEqual(['consentRecordedAt', 'consentMethod']);
    expect(fields({ consent: ReferralConsent.REFUSED, consentRecordedAt: null, consentMethod: null, lawfulBasisJustification: 'Risk to life' })).toEqual([
      'consentRecordedAt',
      'consentMethod',
    ]);
  });

  it.each([ReferralConsent.REFUSED, ReferralConsent.NOT_ASKED, ReferralConsent.NOT_POSSIBLE])('without consent (%s) a justification is required', (consent) => {
    const problems = sendProblems({ ...ready, consent, lawfulBasisJustification: null });
    expect(problems.map((p) => p.field)).toEqual(['lawfulBasisJustification']);
    expect(problems[0]!.message).toContain(`consent is ${consent}`);
    expect(fields({ consent, lawfulBasisJustification: 'Serious risk of harm; person lacks capacity today' })).toEqual([]);
  });

  it('without consent, CONSENT and LEGITIMATE_INTERESTS are no lawful basis', () => {
    for (const lawfulBasis of [LawfulBasis.CONSENT, LawfulBasis.LEGITIMATE_INTERESTS]) {
      expect(
        fields({ consent: ReferralConsent.NOT_ASKED, lawfulBasisJustification: 'x', dataProtection: { lawfulBasis, specialCategoryCondition: null } }),
      ).toEqual(['dataProtection.lawfulBasis']);
    }
    expect(
      fields({
        consent: ReferralConsent.NOT_POSSIBLE,
        lawfulBasisJustification: 'x',
        dataProtection: { lawfulBasis: LawfulBasis.VITAL_INTERESTS, specialCategoryCondition: null },
      }),
    ).toEqual([]);
  });

  it.each([ReferralNeed.MENTAL_HEALTH, ReferralNeed.ADDICTION, ReferralNeed.PHYSICAL_HEALTH])('a %s need needs a special category condition', (need) => {
    const problems = sendProblems({ ...ready, needs: [ReferralNeed.FOOD, need] });
    expect(problems.map((p) => p.field)).toEqual(['dataProtection.specialCategoryCondition']);
    expect(problems[0]!.message).toContain(need);
    expect(
      fields({ needs: [need], dataProtection: { lawfulBasis: LawfulBasis.PUBLIC_TASK, specialCategoryCondition: 'Art. 9(2)(h); DPA 2018 Sch. 1 para 2' } }),
    ).toEqual([]);
  });

  it('reports everything missing at once', () => {
    expect(
      fields({
        needs: [],
        reason: ' ',
        contactRoute: null,
        consent: ReferralConsent.NOT_ASKED,
        lawfulBasisJustification: null,
        dataProtection: { lawfulBasis: LawfulBasis.CONSENT, specialCategoryCondition: null },
      }),
    ).toEqual(['needs', 'reason', 'contactRoute', 'dataProtection.lawfulBasis', 'lawfulBasisJustification']);
  });
});
