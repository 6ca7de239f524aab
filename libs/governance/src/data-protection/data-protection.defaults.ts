import { BadInputError } from '../../../common/src/index.js';
import { DataProtection, type DataProtectionInput } from './data-protection.embedded.js';
import { LawfulBasis } from './lawful-basis.enum.js';

/**
 * The bases a library service may rely on for its public tasks: every Article 6(1) basis but
 * legitimate interests, which the last paragraph of Article 6(1) denies public authorities for
 * the performance of their tasks.
 */
const PUBLIC_TASK_BASES: readonly LawfulBasis[] = [
  LawfulBasis.CONSENT,
  LawfulBasis.CONTRACT,
  LawfulBasis.LEGAL_OBLIGATION,
  LawfulBasis.VITAL_INTERESTS,
  LawfulBasis.PUBLIC_TASK,
];

/**
 * The lawful bases each record type allows, by its @PersonalData recordType: the one place this
 * rule lives (docs/domain.md#lawful-basis lists it in words, and a test checks that it still
 * matches). Records about the people the service works with are its public tasks. Partner
 * contacts and contact logs are about partner organisations' staff in their working capacity,
 * kept to run the relationship rather than to perform a task about a member of the public, so
 * legitimate interests stays open to them.
 */
export const LAWFUL_BASES = {
  SUBJECT: PUBLIC_TASK_BASES,
  SUBJECT_SPECIAL_CATEGORY: PUBLIC_TASK_BASES,
  CASE: PUBLIC_TASK_BASES,
  CASE_NOTE: PUBLIC_TASK_BASES, // the case's basis, inherited
  CASE_UPDATE: PUBLIC_TASK_BASES,
  INCIDENT: PUBLIC_TASK_BASES,
  ALARM: PUBLIC_TASK_BASES, // the incident it may become
  BAN: PUBLIC_TASK_BASES,
  REFERRAL: PUBLIC_TASK_BASES,
  REFERRAL_UPDATE: PUBLIC_TASK_BASES, // the referral's basis, inherited
  INTELLIGENCE: PUBLIC_TASK_BASES,
  BRANCH_WARNING: PUBLIC_TASK_BASES,
  DATA_SHARING_AGREEMENT: PUBLIC_TASK_BASES,
  RIGHTS_REQUEST: [LawfulBasis.LEGAL_OBLIGATION],
  PARTNER_CONTACT: Object.values(LawfulBasis),
  CONTACT_LOG: Object.values(LawfulBasis),
} as const satisfies Record<string, readonly LawfulBasis[]>;

export type LawfulBasisRecordType = keyof typeof LAWFUL_BASES;

/** Whether `basis` is one the record type allows. */
export function isLawfulBasisAllowed(recordType: LawfulBasisRecordType, basis: LawfulBasis): boolean {
  return (LAWFUL_BASES[recordType] as readonly LawfulBasis[]).includes(basis);
}

/** Refuses a basis the record type does not allow, naming the ones it does (BAD_USER_INPUT). */
export function assertLawfulBasisAllowed(recordType: LawfulBasisRecordType, basis: LawfulBasis | null | undefined, field = 'dataProtection.lawfulBasis'): void {
  if (basis == null || isLawfulBasisAllowed(recordType, basis)) return;
  const allowed = LAWFUL_BASES[recordType];
  const why =
    basis === LawfulBasis.LEGITIMATE_INTERESTS ? ': a public authority cannot rely on legitimate interests for its public tasks (UK GDPR Article 6(1))' : '';
  throw new BadInputError(`lawful basis ${basis} is not allowed for ${recordType} records${why}; use one of ${allowed.join(', ')}`, {
    field,
    allowed: [...allowed],
  });
}

/** Data protection of a new record: PUBLIC_TASK unless the user states another basis, which must be one its type allows. */
export function newDataProtection(recordType: LawfulBasisRecordType, input: DataProtectionInput | undefined, retainUntil: string): DataProtection {
  assertLawfulBasisAllowed(recordType, input?.lawfulBasis);
  return Object.assign(new DataProtection(), {
    lawfulBasis: input?.lawfulBasis ?? LawfulBasis.PUBLIC_TASK,
    specialCategoryCondition: input?.specialCategoryCondition ?? null,
    criminalOffenceCondition: input?.criminalOffenceCondition ?? null,
    legalHold: input?.legalHold ?? false,
    retainUntil,
  });
}

/**
 * Applies what an update states; the retention date is always recomputed by the caller's rule. A
 * basis given must be one the type allows; one already stored is left to the record of processing
 * to flag, so an unrelated correction is not refused.
 */
export function updateDataProtection(
  recordType: LawfulBasisRecordType,
  current: DataProtection,
  input: DataProtectionInput | undefined,
  retainUntil: string,
): void {
  assertLawfulBasisAllowed(recordType, input?.lawfulBasis);
  if (input?.lawfulBasis != null) current.lawfulBasis = input.lawfulBasis;
  if (input?.specialCategoryCondition !== undefined) current.specialCategoryCondition = input.specialCategoryCondition ?? null;
  if (input?.criminalOffenceCondition !== undefined) current.criminalOffenceCondition = input.criminalOffenceCondition ?? null;
  if (input?.legalHold != null) current.legalHold = input.legalHold;
  current.retainUntil = retainUntil;
}
