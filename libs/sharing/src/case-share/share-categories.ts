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
