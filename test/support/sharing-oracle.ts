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

/**
 * A share is live (the live_case_share view's meaning): not revoked, started, not ended, under an
 * agreement ACTIVE and in force today (`today` a UK calendar date) that names the recipient.
 */
export function shareIsLive(
  share: { revoked: boolean; startsAt: Date; until: Date | null; recipient: Recipient },
  agreement: { status: string; startsOn: string; endsOn: string | null; orgs: string[]; services: string[] },
  today: string,
): boolean {
  const now = Date.now();
  const named = 'org' in share.recipient ? agreement.orgs.includes(share.recipient.org) : agreement.services.includes(share.recipient.service);
  return (
    !share.revoked &&
    share.startsAt.getTime() <= now &&
    (share.until === null || share.until.getTime() > now) &&
    agreement.status === 'ACTIVE' &&
    agreement.startsOn <= today &&
    (agreement.endsOn === null || agreement.endsOn >= today) &&
    named
  );
}
