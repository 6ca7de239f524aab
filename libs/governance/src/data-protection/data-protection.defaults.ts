import { DataProtection, type DataProtectionInput } from './data-protection.embedded.js';
import { LawfulBasis } from './lawful-basis.enum.js';

/** Data protection of a new record: PUBLIC_TASK unless the user states another basis. */
export function newDataProtection(input: DataProtectionInput | undefined, retainUntil: string): DataProtection {
  return Object.assign(new DataProtection(), {
    lawfulBasis: input?.lawfulBasis ?? LawfulBasis.PUBLIC_TASK,
    specialCategoryCondition: input?.specialCategoryCondition ?? null,
    criminalOffenceCondition: input?.criminalOffenceCondition ?? null,
    legalHold: input?.legalHold ?? false,
    retainUntil,
  });
}

/** Applies what an update states; the retention date is always recomputed by the caller's rule. */
export function updateDataProtection(current: DataProtection, input: DataProtectionInput | undefined, retainUntil: string): void {
  if (input?.lawfulBasis != null) current.lawfulBasis = input.lawfulBasis;
  if (input?.specialCategoryCondition !== undefined) current.specialCategoryCondition = input.specialCategoryCondition ?? null;
  if (input?.criminalOffenceCondition !== undefined) current.criminalOffenceCondition = input.criminalOffenceCondition ?? null;
  if (input?.legalHold != null) current.legalHold = input.legalHold;
  current.retainUntil = retainUntil;
}
