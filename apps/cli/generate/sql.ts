import { createHash } from 'node:crypto';

/**
 * SQL building blocks of the data generator. Every random choice is a pure function of the seed,
 * the record family, a salt and the record's number (`hashint8extended`, the hash PostgreSQL's hash
 * partitioning relies on, so the same on every platform and on PGlite): a batch needs no state
 * from the one before, the rows of a statement can come in any order, and the same seed gives
 * the same data. Ids are derived the same way (uuid-shaped md5), so one record can point at
 * another by its number, without looking it up.
 */

/** A text literal (the generator's own texts only). */
export const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** A text[] literal. */
export const textArray = (values: readonly string[]): string => (values.length ? `ARRAY[${values.map(lit).join(',')}]::text[]` : `'{}'::text[]`);

/** An int[] literal. */
export const intArray = (values: readonly number[]): string => `ARRAY[${values.join(',')}]::int[]`;

/** A 52-bit number from text: the hash seed of one (seed, family, salt). */
function hashSeed(text: string): string {
  return BigInt('0x' + createHash('md5').update(text).digest('hex').slice(0, 13)).toString();
}

/** The id of record `n` of `family` under `seed` (same formula in SQL: `gidSql`). */
export function gid(seed: number, family: string, n: number): string {
  const h = createHash('md5').update(`${seed}:${family}:${n}`).digest('hex');
  const v4 = h.slice(0, 12) + '4' + h.slice(13, 16) + '8' + h.slice(17);
  return `${v4.slice(0, 8)}-${v4.slice(8, 12)}-${v4.slice(12, 16)}-${v4.slice(16, 20)}-${v4.slice(20)}`;
}

/** SQL for the id of record `nExpr` of `family` (the same as `gid`). */
export function gidSql(seed: number, family: string, nExpr: string): string {
  return `overlay(overlay(md5(${lit(`${seed}:${family}:`)} || (${nExpr})::text) placing '4' from 13) placing '8' from 17)::uuid`;
}

/** Random numbers of one record family: `u(salt)` is uniform in [0, 1), a function of the seed, the salt and the row's number. */
export class Rng {
  constructor(
    readonly seed: number,
    readonly family: string,
    private readonly key = 'n',
  ) {}

  u(salt: number | string, key = this.key): string {
    return `((hashint8extended(${key}, ${hashSeed(`${this.seed}:${this.family}:${salt}`)}) >> 11)::float8 / 9007199254740992.0 + 0.5)`;
  }

  /** A whole number in [lo, hi]. */
  int(salt: number | string, lo: number, hi: number, key = this.key): string {
    return `(${lo} + floor(${this.u(salt, key)} * ${hi - lo + 1})::int)`;
  }

  /** True with probability p. */
  chance(salt: number | string, p: number, key = this.key): string {
    return `(${this.u(salt, key)} < ${p})`;
  }

  id(family: string, nExpr: string): string {
    return gidSql(this.seed, family, nExpr);
  }
}

/** One of `values`, uniformly, by the uniform number `u`. */
export function pick(u: string, values: readonly string[]): string {
  return `(${textArray(values)})[1 + floor(${u} * ${values.length})::int]`;
}

/** One of the values by weight: `[['LOW', 45], ['HIGH', 15], …]` (texts, numbers, or `null` for NULL). */
export function weighted(u: string, choices: readonly (readonly [string | number | null, number])[]): string {
  const total = choices.reduce((s, [, w]) => s + w, 0);
  const sql = (v: string | number | null) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : lit(v));
  let acc = 0;
  const whens = choices.slice(0, -1).map(([v, w]) => {
    acc += w;
    return `WHEN ${u} < ${acc / total} THEN ${sql(v)}`;
  });
  return `(CASE ${whens.join(' ')} ELSE ${sql(choices[choices.length - 1][0])} END)`;
}

/** An element of a uuid[] parameter, by a uniform number (or by a 1-based index with `at`). */
export const element = (arrayParam: string, length: number, u: string): string => `(${arrayParam}::uuid[])[1 + floor(${u} * ${length})::int]`;

/**
 * `years` after a date, as `addYears` (libs/common) computes a keep-until date: the same day and
 * month, 29 February rolling to 1 March.
 */
export function plusYears(dateExpr: string, years: number): string {
  return `((date_trunc('month', (${dateExpr})::timestamp) + interval '${years} years')::date + (extract(day from ${dateExpr})::int - 1))`;
}

/** The UTC calendar date of a timestamptz expression (what `addYears` counts from). */
export const utcDate = (tsExpr: string): string => `((${tsExpr}) AT TIME ZONE 'UTC')::date`;

/** A moment on a UK calendar day (a date expression) at a local time in minutes after midnight. */
export const ukMoment = (dateExpr: string, minutesExpr: string): string =>
  `(((${dateExpr})::timestamp + (${minutesExpr}) * interval '1 minute') AT TIME ZONE 'Europe/London')`;

/** Small deterministic PRNG for the plan (mulberry32). */
export function planRandom(seed: number): () => number {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
