import { type Family, type Gen, chunks } from './context.js';
import type { ServicePlan } from './plan.js';
import { BATCH_ROWS } from './scales.js';
import { intArray, lit, pick, plusYears, textArray, ukMoment, utcDate, weighted } from './sql.js';
import { ALIASES, DESCRIPTIONS, FIRST_NAMES, LAST_NAMES, SPECIAL_CATEGORY_DETAILS } from './words.js';

/** The condition every generated record of special category data states (as the demo does). */
export const SAFEGUARDING_CONDITION = 'UK GDPR Article 9(2)(g); DPA 2018 Schedule 1 paragraph 18 (safeguarding of children and individuals at risk)';

const AGE_BANDS = ['UNDER_10', 'AGE_10_13', 'AGE_14_17', 'AGE_18_24', 'AGE_25_34', 'AGE_35_49', 'AGE_50_64', 'AGE_65_PLUS'];
const AGE_FROM = [6, 10, 14, 18, 25, 35, 50, 65];
const AGE_TO = [9, 13, 17, 24, 34, 49, 64, 84];
/** Who turns up in a library's incident book: many teenagers and young adults. */
const AGE_WEIGHTS: [number, number][] = [
  [1, 2],
  [2, 8],
  [3, 22],
  [4, 18],
  [5, 17],
  [6, 18],
  [7, 11],
  [8, 4],
];

const NOTES = [
  'Usually comes in after school with the same group.',
  'Calmer when spoken to by the same member of staff.',
  'Uses the public computers most days for job searches.',
  'Has said they sleep in the park when the hostel is full.',
];

/**
 * People (subjects): most named, some known only by a description, a date of birth or an age band,
 * now and then an alias or a photo reference; the safeguarding flags; and for one in twenty a
 * special category detail with its Article 9 condition. Person 1 of a service is its most active
 * (the incidents, cases and bans pick low numbers more often). The date of their latest activity
 * (their retention clock) is set once their incidents are in (activity.ts).
 */
export const people: Family = {
  name: 'people',
  estimate: (s) => s.people.count * 1.05,
  async run(g: Gen, s: ServicePlan) {
    const r = g.rng('subject');
    const authors = [...s.outreach, ...s.managers];
    for (const [lo, hi] of chunks(s.people, BATCH_ROWS)) {
      const sql = `
        WITH src AS MATERIALIZED (
          SELECT n, ${r.id('subject', 'n')} AS id, band, ${r.u('age')} AS age_u,
                 ${r.chance('named', 0.88)} AS named, ${r.chance('dob', 0.35)} AS has_dob, ${r.chance('band', 0.7)} AS has_band,
                 ($2::uuid[])[1 + floor(${r.u('by')} * ${authors.length})::int] AS created_by,
                 ${ukMoment(`${g.today} - (1 + floor(730 * ${r.u('created')})::int)`, `600 + floor(${r.u('time')} * 480)`)} AS created,
                 ${r.chance('special', 0.05)} AS has_special,
                 ${weighted(r.u('kind'), [
                   ['HEALTH', 30],
                   ['MENTAL_HEALTH', 40],
                   ['ETHNICITY', 10],
                   ['RELIGION', 5],
                   ['OTHER', 15],
                 ])} AS special
            FROM generate_series($3::bigint, $4::bigint) n,
                 LATERAL (SELECT ${weighted(r.u('band'), AGE_WEIGHTS)} AS band) b),
        subjects AS (
          INSERT INTO subject (id, library_service_id, name, description, aliases, date_of_birth, age_band, photo_reference, is_child_safeguarding,
                               is_adult_at_risk, notes, created_by_id, lawful_basis, retain_until, created_at, updated_at)
          SELECT id, $1,
                 CASE WHEN named THEN ${pick(r.u('first'), FIRST_NAMES)} || ' ' || ${pick(r.u('last'), LAST_NAMES)} END,
                 CASE WHEN NOT named OR ${r.chance('described', 0.35)} THEN ${pick(r.u('description'), DESCRIPTIONS)} END,
                 CASE WHEN ${r.chance('alias', 0.08)} THEN ARRAY[${pick(r.u('alias'), ALIASES)}] ELSE '{}' END,
                 CASE WHEN has_dob THEN ${g.today} - ((${intArray(AGE_FROM)})[band] * 365
                        + floor(age_u * ((${intArray(AGE_TO)})[band] - (${intArray(AGE_FROM)})[band] + 1) * 365))::int END,
                 CASE WHEN NOT has_dob AND has_band THEN (${textArray(AGE_BANDS)})[band] END,
                 CASE WHEN ${r.chance('photo', 0.1)} THEN 'photo-' || n || '.jpg' END,
                 band <= 3 AND ${r.chance('child', 0.3)},
                 ${r.chance('adult_at_risk', 0.05)},
                 CASE WHEN ${r.chance('notes', 0.25)} THEN ${pick(r.u('note'), NOTES)} END,
                 created_by, 'PUBLIC_TASK', ${plusYears(utcDate('created'), s.retention.SUBJECT)}, created, created
            FROM src RETURNING 1),
        special AS (
          INSERT INTO subject_special_category (id, library_service_id, subject_id, category, details, recorded_by_id, lawful_basis,
                                                special_category_condition, retain_until, created_at, updated_at)
          SELECT ${r.id('subject_special_category', 'n')}, $1, id, special,
                 CASE special ${Object.entries(SPECIAL_CATEGORY_DETAILS)
                   .map(([k, v]) => `WHEN ${lit(k)} THEN ${pick(r.u('details'), v)}`)
                   .join(' ')} END,
                 created_by, 'PUBLIC_TASK', ${lit(SAFEGUARDING_CONDITION)},
                 ${plusYears(utcDate(`created + interval '1 hour'`), s.retention.SUBJECT)}, created + interval '1 hour', created + interval '1 hour'
            FROM src WHERE has_special RETURNING 1)
        SELECT (SELECT count(*) FROM subjects) + (SELECT count(*) FROM special) AS rows`;
      await g.batch(`${s.code}: people`, [{ sql, params: [s.id, authors, lo, hi] }]);
    }
  },
};
