/**
 * The oracle of what a recipient may see of a shared case, in plain TypeScript over the data a
 * test generated. It shares no code with the implementation (the shared-case views in SQL,
 * migration SharedCaseViews): test/sharing-oracle.e2e-spec.ts compares the two on random data.
 */

/** The data categories, in their canonical order. */
export const ALL_CATEGORIES = ['IDENTITY', 'CONTACT', 'INCIDENTS', 'BANS', 'REFERRALS', 'INTELLIGENCE', 'SPECIAL_CATEGORY', 'CRIMINAL_OFFENCE'];

/** A recipient of shares: a partner organisation, or another library service. */
export type Recipient = { org: string } | { service: string };

/** The categories a recipient sees of a case: the union over its live shares, in the canonical order. */
export function unionCategories(shares: { categories: string[] }[]): string[] {
  return ALL_CATEGORIES.filter((c) => shares.some((s) => s.categories.includes(c)));
}

/**
 * Whether a record of a granted section may be shown: one holding special category data needs
 * SPECIAL_CATEGORY granted too, one holding criminal offence data CRIMINAL_OFFENCE.
 */
export function recordShareable(record: { special: boolean; criminal: boolean }, categories: string[]): boolean {
  return (!record.special || categories.includes('SPECIAL_CATEGORY')) && (!record.criminal || categories.includes('CRIMINAL_OFFENCE'));
}

/** Whether a recipient granted INTELLIGENCE sees an item: accepted, and handling code P, or C naming the recipient. */
export function intelligenceVisibleTo(item: { status: string; code: 'P' | 'C'; orgs: string[]; services: string[] }, r: Recipient): boolean {
  if (item.status !== 'ACCEPTED') return false;
  if (item.code === 'P') return true;
  return 'org' in r ? item.orgs.includes(r.org) : item.services.includes(r.service);
}
