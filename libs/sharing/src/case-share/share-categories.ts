import { ALL_DATA_CATEGORIES, DataCategory } from '../agreement/agreement.enums.js';

/**
 * The categories a share passes on: those asked for plus IDENTITY (a partner cannot act on a
 * case without knowing whom it is about: "a case shared for INCIDENTS shows incidents and the
 * subject's identity"), without duplicates, in the enum's order.
 */
export function shareCategories(requested: DataCategory[]): DataCategory[] {
  const wanted = new Set([DataCategory.IDENTITY, ...requested]);
  return ALL_DATA_CATEGORIES.filter((c) => wanted.has(c));
}

/** The categories of a share its agreement does not allow (empty: covered). */
export function missingCategories(shared: DataCategory[], allowed: DataCategory[]): DataCategory[] {
  return shared.filter((c) => !allowed.includes(c));
}

/** The categories a recipient sees of a case: the union over its live shares. */
export function unionCategories(shares: { categories: DataCategory[] }[]): DataCategory[] {
  const all = new Set(shares.flatMap((s) => s.categories));
  return ALL_DATA_CATEGORIES.filter((c) => all.has(c));
}

/**
 * Whether a record of a shared section may be shown, given the categories shared: records holding
 * special category data (a specialCategoryCondition) need SPECIAL_CATEGORY, and records holding
 * criminal offence data (a criminalOffenceCondition) need CRIMINAL_OFFENCE, on top of their own
 * category. The SQL of the sections applies the same rule.
 */
export function recordShareable(record: { specialCategoryCondition: string | null; criminalOffenceCondition: string | null }, categories: DataCategory[]): boolean {
  return (record.specialCategoryCondition === null || categories.includes(DataCategory.SPECIAL_CATEGORY))
    && (record.criminalOffenceCondition === null || categories.includes(DataCategory.CRIMINAL_OFFENCE));
}
