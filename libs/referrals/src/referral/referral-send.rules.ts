import { LawfulBasis } from '../../../governance/src/index.js';
import { ReferralConsent, type ReferralNeed, SPECIAL_CATEGORY_NEEDS } from './referral.enums.js';

/** What the send check reads of a referral. */
export interface SendableReferral {
  needs: ReferralNeed[];
  reason: string;
  contactRoute: string | null;
  consent: ReferralConsent;
  consentRecordedAt: Date | null;
  consentMethod: string | null;
  lawfulBasisJustification: string | null;
  dataProtection: { lawfulBasis: LawfulBasis; specialCategoryCondition: string | null };
}

export interface SendProblem {
  field: string;
  message: string;
}

/**
 * Without consent the library may still refer under another Article 6 basis, but a public
 * authority cannot rely on legitimate interests for its public tasks (UK GDPR Art. 6(1) last
 * sentence), and CONSENT is no basis when consent was not given.
 */
export const BASES_WITHOUT_CONSENT: readonly LawfulBasis[] = [
  LawfulBasis.PUBLIC_TASK,
  LawfulBasis.VITAL_INTERESTS,
  LawfulBasis.LEGAL_OBLIGATION,
  LawfulBasis.CONTRACT,
];

const blank = (s: string | null | undefined) => !s || !s.trim();

/**
 * Pure: everything that stops a referral from being sent, so the user can fix it all at once.
 * - at least one need, a reason, and a contact route (how the partner can reach the person);
 * - consent GIVEN or REFUSED: when (consentRecordedAt) and how (consentMethod) it was recorded;
 * - consent not GIVEN: a lawful basis other than CONSENT (and not LEGITIMATE_INTERESTS) with a justification;
 * - a health need (mental health, addiction, physical health) is special category data: an
 *   Article 9(2) / DPA 2018 Schedule 1 condition must be stated.
 */
export function sendProblems(r: SendableReferral): SendProblem[] {
  const problems: SendProblem[] = [];
  if (!r.needs.length) problems.push({ field: 'needs', message: 'name at least one need' });
  if (blank(r.reason)) problems.push({ field: 'reason', message: 'give the reason for the referral' });
  if (blank(r.contactRoute)) problems.push({ field: 'contactRoute', message: 'contactRoute is missing: say how the partner can reach the person' });
  if (r.consent === ReferralConsent.GIVEN || r.consent === ReferralConsent.REFUSED) {
    if (!r.consentRecordedAt)
      problems.push({ field: 'consentRecordedAt', message: `consentRecordedAt is missing: when was consent ${r.consent.toLowerCase()}?` });
    if (blank(r.consentMethod))
      problems.push({ field: 'consentMethod', message: 'consentMethod is missing: how was the answer recorded (e.g. verbally in person, signed form)?' });
  }
  if (r.consent !== ReferralConsent.GIVEN) {
    if (!BASES_WITHOUT_CONSENT.includes(r.dataProtection.lawfulBasis)) {
      problems.push({
        field: 'dataProtection.lawfulBasis',
        message: `lawful basis ${r.dataProtection.lawfulBasis} cannot be used when consent is ${r.consent}: choose ${BASES_WITHOUT_CONSENT.join(', ')}`,
      });
    }
    if (blank(r.lawfulBasisJustification)) {
      problems.push({
        field: 'lawfulBasisJustification',
        message: `lawfulBasisJustification is missing: consent is ${r.consent}, so explain why the referral is made without it`,
      });
    }
  }
  const health = r.needs.filter((n) => SPECIAL_CATEGORY_NEEDS.includes(n));
  if (health.length && blank(r.dataProtection.specialCategoryCondition)) {
    problems.push({
      field: 'dataProtection.specialCategoryCondition',
      message: `dataProtection.specialCategoryCondition is missing: ${health.join(', ')} reveal health data, so state the Article 9(2) condition (and DPA 2018 Schedule 1 condition where needed)`,
    });
  }
  return problems;
}
