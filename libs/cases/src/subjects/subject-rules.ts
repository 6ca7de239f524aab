import { addYears, isoDate } from '../../../common/src/index.js';

/** Trims and collapses inner spaces, so "John  Smith " and "John Smith" are the same name. */
export function normaliseName(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

/** The key names are compared by: the same as SQL `lower(btrim(name))` on a normalised name. */
export function nameKey(value: string | null | undefined): string | null {
  const n = value == null ? '' : normaliseName(value).toLowerCase();
  return n === '' ? null : n;
}

/** Unique, normalised aliases, in the order given (blank ones dropped). */
export function normaliseAliases(aliases: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const a of aliases) {
    const n = normaliseName(a);
    if (n && !seen.has(n.toLowerCase())) {
      seen.add(n.toLowerCase());
      out.push(n);
    }
  }
  return out;
}

/**
 * What a possible-duplicate search compares. A record is a candidate when its name matches and
 * the dates of birth do not contradict each other (equal, or either unknown), or when any of its
 * name and aliases matches any of the new name and aliases.
 */
export interface DuplicateKeys {
  nameKey: string | null;
  aliasKeys: string[];
  /** The name and the aliases: matched against the other record's aliases. */
  allKeys: string[];
  dateOfBirth: string | null;
}

export function duplicateKeys(p: { name?: string | null; aliases?: readonly string[] | null; dateOfBirth?: string | null }): DuplicateKeys {
  const key = nameKey(p.name);
  const aliasKeys = normaliseAliases(p.aliases ?? []).map((a) => a.toLowerCase());
  const allKeys = [...new Set([...(key ? [key] : []), ...aliasKeys])];
  return { nameKey: key, aliasKeys, allKeys, dateOfBirth: p.dateOfBirth ?? null };
}

/** The in-memory version of the SQL match, for tests and for reasoning about it. */
export function isPossibleDuplicate(candidate: { name: string | null; aliases: string[]; dateOfBirth: string | null }, keys: DuplicateKeys): boolean {
  const theirs = duplicateKeys(candidate);
  const datesAgree = !keys.dateOfBirth || !theirs.dateOfBirth || keys.dateOfBirth === theirs.dateOfBirth;
  if (keys.nameKey && theirs.nameKey === keys.nameKey && datesAgree) return true;
  if (theirs.aliasKeys.some((k) => keys.allKeys.includes(k))) return true;
  return theirs.nameKey !== null && keys.aliasKeys.includes(theirs.nameKey);
}

/** A date of birth must not be in the future nor before 1900 (a typo, not a person). */
export function isPlausibleDateOfBirth(dateOfBirth: string, today: string = isoDate(new Date())): boolean {
  return dateOfBirth >= '1900-01-01' && dateOfBirth <= today;
}

export function laterDate(a: string, b: string): string {
  return a >= b ? a : b;
}

/**
 * Subjects have no natural end date: they are kept `years` (the service's SUBJECT policy,
 * retentionYearsFor; default 6) after the latest activity recorded about them. Every write to the
 * subject moves the date to now + `years` (never earlier than it was), and a case's retention
 * date extends the subject's (see case-rules.ts).
 */
export function subjectRetainUntil(current: string | null, years: number, now: Date = new Date()): string {
  const fromNow = addYears(now, years);
  return current ? laterDate(current, fromNow) : fromNow;
}

/** What the kept record takes from the merged one: more names, any safeguarding flag, blanks filled. */
export interface MergeableSubject {
  name: string | null;
  description: string | null;
  aliases: string[];
  dateOfBirth: string | null;
  ageBand: string | null;
  photoReference: string | null;
  isChildSafeguarding: boolean;
  isAdultAtRisk: boolean;
}

export function combineSubjects<T extends MergeableSubject>(keep: T, merged: MergeableSubject): Partial<MergeableSubject> {
  const otherNames = [...(merged.name ? [merged.name] : []), ...merged.aliases].filter((n) => nameKey(n) !== nameKey(keep.name));
  const dateOfBirth = keep.dateOfBirth ?? merged.dateOfBirth;
  return {
    name: keep.name ?? merged.name,
    description: keep.description ?? merged.description,
    aliases: normaliseAliases([...keep.aliases, ...otherNames]).filter((a) => nameKey(a) !== nameKey(keep.name ?? merged.name)),
    dateOfBirth,
    ageBand: dateOfBirth ? null : (keep.ageBand ?? merged.ageBand),
    photoReference: keep.photoReference ?? merged.photoReference,
    // A safeguarding concern on either record stays: dropping one would be the unsafe mistake.
    isChildSafeguarding: keep.isChildSafeguarding || merged.isChildSafeguarding,
    isAdultAtRisk: keep.isAdultAtRisk || merged.isAdultAtRisk,
  };
}
