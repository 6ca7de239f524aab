import { type Family, type Gen, chunks } from './context.js';
import type { ServicePlan } from './plan.js';
import { BATCH_ROWS } from './scales.js';
import { lit, pick, plusYears, textArray, ukMoment, utcDate, weighted } from './sql.js';
import { ACTIONS_TAKEN, CATEGORY_BYELAWS, INCIDENT_DESCRIPTIONS, LOCATIONS } from './words.js';

/** The condition an incident with a crime reference records (libs/cases incident.checks.ts). */
const CRIMINAL_OFFENCE_CONDITION = 'DPA 2018 Schedule 1 Part 3 paragraph 36, applying Part 2 paragraph 10 (preventing or detecting unlawful acts)';

const CATEGORIES: [string, number][] = [
  ['ANTISOCIAL_BEHAVIOUR', 28],
  ['VERBAL_ABUSE', 18],
  ['THREATENING_BEHAVIOUR', 10],
  ['DRUGS_OR_ALCOHOL', 10],
  ['THEFT', 8],
  ['DAMAGE', 6],
  ['HARASSMENT', 6],
  ['VIOLENCE', 4],
  ['SOCIAL_MEDIA_AUDITOR', 3],
  ['OTHER', 7],
];
const SERIOUS = `('VIOLENCE','THREATENING_BEHAVIOUR','HARASSMENT')`;
/** Chance that an incident of each category was reported to the police. */
const POLICE: Record<string, number> = { VIOLENCE: 0.75, THEFT: 0.5, THREATENING_BEHAVIOUR: 0.3, DAMAGE: 0.3, HARASSMENT: 0.25, DRUGS_OR_ALCOHOL: 0.2 };
/** Minutes after opening (09:00) by weight: busy at lunch, busiest after school. */
const HOURS: [number, number][] = [
  [0, 3],
  [60, 6],
  [120, 7],
  [180, 8],
  [240, 8],
  [300, 8],
  [360, 12],
  [420, 13],
  [480, 10],
  [540, 6],
  [600, 4],
];

/**
 * Incidents over the last two years (more of them lately, none on a Sunday), mostly at the busiest
 * branches, by the hour of the day libraries see them, with the categories and severities their
 * incident books show; the people involved (a perpetrator, now and then a victim or a witness:
 * the same people again and again), CCTV and other evidence, the staff involved, the welfare
 * checklist after violence, follow-ups and debriefs after serious ones, crime references with the
 * Schedule 1 condition they need.
 */
/** The day incident `key` happened: the last two years, more of them lately; a Sunday moves to the Saturday before. */
export function incidentDay(g: Gen, key = 'n'): string {
  const r = g.rng('incident', key);
  const d = `(${g.today} - (1 + floor(730 * power(${r.u('day')}, 1.2))::int))`;
  return `(${d} - (extract(isodow from ${d}) = 7)::int)`;
}

/** The person (global number) who caused incident `key`, or NULL (none identified): often the same few. */
export function incidentPerpetrator(g: Gen, s: ServicePlan, key = 'n'): string {
  const r = g.rng('incident', key);
  return `(CASE WHEN ${r.chance('perpetrator', 0.78)} THEN ${s.people.lo} + floor(${s.people.count} * power(${r.u('who')}, 2))::bigint END)`;
}

export const incidents: Family = {
  name: 'incidents',
  estimate: (s) => s.incidents.count * 2.5,
  async run(g: Gen, s: ServicePlan) {
    const r = g.rng('incident');
    const nb = s.branches.length;
    const subject = (k: string) => r.id('subject', k);
    const byCategory = (values: Record<string, string>, otherwise: string) =>
      `(CASE category ${Object.entries(values)
        .map(([k, v]) => `WHEN ${lit(k)} THEN ${v}`)
        .join(' ')} ELSE ${otherwise} END)`;
    for (const [lo, hi] of chunks(s.incidents, BATCH_ROWS)) {
      const sql = `
        WITH base AS MATERIALIZED (
          SELECT n, ${r.id('incident', 'n')} AS id, 1 + floor(${nb} * power(${r.u('branch')}, 1.6))::int AS bi,
                 ${weighted(r.u('category'), CATEGORIES)} AS category, ${incidentDay(g)} AS day
            FROM generate_series($1::bigint, $2::bigint) n),
        src AS MATERIALIZED (
          SELECT b.*, occurred, occurred + (5 + floor(${r.u('reported')} * 175)::int) * interval '1 minute' AS reported,
                 CASE WHEN category IN ${SERIOUS}
                      THEN ${weighted(r.u('severity'), [
                        ['LOW', 10],
                        ['MEDIUM', 35],
                        ['HIGH', 40],
                        ['CRITICAL', 15],
                      ])}
                      ELSE ${weighted(r.u('severity'), [
                        [null, 3],
                        ['LOW', 55],
                        ['MEDIUM', 32],
                        ['HIGH', 9],
                        ['CRITICAL', 1],
                      ])} END AS severity,
                 ${r.u('police')} < ${byCategory(Object.fromEntries(Object.entries(POLICE).map(([k, p]) => [k, String(p)])), '0.04')} AS police,
                 ($4::uuid[])[b.bi] AS recorded_by,
                 ($5::uuid[])[1 + floor(${r.u('manager')} * ${s.managers.length})::int] AS manager,
                 ${incidentPerpetrator(g, s)} AS perpetrator,
                 CASE WHEN ${r.chance('victim', 0.1)} THEN ${s.people.lo} + floor(${s.people.count} * ${r.u('victim_who')})::bigint END AS victim,
                 CASE WHEN ${r.chance('witness', 0.07)} THEN ${s.people.lo} + floor(${s.people.count} * ${r.u('witness_who')})::bigint END AS witness
            FROM base b, LATERAL (SELECT ${ukMoment('b.day', `540 + ${weighted(r.u('hour'), HOURS)} + floor(${r.u('minute')} * 60)`)} AS occurred) o),
        facts AS MATERIALIZED (
          SELECT src.*, police AND ${r.chance('crime_reference', 0.65)} AS has_crime_reference,
                 severity IN ('HIGH','CRITICAL') AS serious, day < ${g.today} - 2 AS settled,
                 ${r.u('staff')} < CASE WHEN severity IN ('HIGH','CRITICAL') THEN 0.5 ELSE 0.1 END AS involved
            FROM src),
        incidents AS (
          INSERT INTO incident (id, library_service_id, branch_id, occurred_at, reported_at, location_in_building, category, severity, byelaws_breached,
                                description, actions_taken, reported_to_police, crime_reference_number, recorded_by_id,
                                debrief_held_at, debrief_held_by_id, debrief_notes, lawful_basis, criminal_offence_condition, retain_until, created_at, updated_at)
          SELECT id, $3, ($6::uuid[])[bi], occurred, reported,
                 CASE WHEN ${r.chance('located', 0.85)} THEN ${pick(r.u('location'), LOCATIONS)} END,
                 category, severity,
                 ${byCategory(Object.fromEntries(Object.entries(CATEGORY_BYELAWS).map(([k, v]) => [k, textArray(v)])), `'{}'::text[]`)},
                 ${byCategory(
                   Object.fromEntries(Object.entries(INCIDENT_DESCRIPTIONS).map(([k, v]) => [k, pick(r.u('description'), v)])),
                   lit('Incident at the branch.'),
                 )},
                 CASE WHEN ${r.chance('actions', 0.8)} THEN ${pick(r.u('action'), ACTIONS_TAKEN)} END,
                 police,
                 CASE WHEN has_crime_reference THEN 'CR/' || to_char(occurred AT TIME ZONE 'Europe/London', 'YYYY') || '/' || lpad((n % 1000000)::text, 6, '0') END,
                 recorded_by,
                 CASE WHEN serious AND settled AND ${r.chance('debrief', 0.6)} THEN occurred + interval '1 day' END,
                 CASE WHEN serious AND settled AND ${r.chance('debrief', 0.6)} THEN manager END,
                 CASE WHEN serious AND settled AND ${r.chance('debrief', 0.6)} THEN ${lit('Team debrief held; staff supported and the risk assessment reviewed.')} END,
                 'PUBLIC_TASK', CASE WHEN has_crime_reference THEN ${lit(CRIMINAL_OFFENCE_CONDITION)} END,
                 ${plusYears(utcDate('occurred'), s.retention.INCIDENT)}, reported, reported
            FROM facts ORDER BY occurred RETURNING 1),
        people AS (
          INSERT INTO incident_subject (incident_id, subject_id, part, library_service_id, added_by_id, created_at)
          SELECT f.id, ${subject('p.k')}, p.part, $3, f.recorded_by, f.reported
            FROM facts f CROSS JOIN LATERAL (VALUES (f.perpetrator, 'PERPETRATOR'), (f.victim, 'VICTIM'), (f.witness, 'WITNESS')) AS p(k, part)
           WHERE p.k IS NOT NULL AND (p.part = 'PERPETRATOR' OR p.k IS DISTINCT FROM f.perpetrator)
          RETURNING 1),
        evidence AS (
          INSERT INTO incident_evidence (id, library_service_id, incident_id, kind, reference, added_by_id, created_at, updated_at)
          SELECT ${r.id('incident_evidence', 'n')}, $3, id, kind,
                 CASE kind WHEN 'CCTV' THEN 'CCTV export ' || to_char(occurred AT TIME ZONE 'Europe/London', 'YYYY-MM-DD HH24:MI') || ', camera ' || (1 + n % 6)
                           WHEN 'BODYCAM' THEN 'Body camera clip ' || lpad((n % 100000)::text, 5, '0')
                           WHEN 'PHOTO' THEN 'Photo of the damage, ' || to_char(occurred AT TIME ZONE 'Europe/London', 'YYYY-MM-DD')
                           ELSE 'Witness statement on file' END,
                 recorded_by, reported + interval '30 minutes', reported + interval '30 minutes'
            FROM facts, LATERAL (SELECT ${weighted(r.u('evidence_kind'), [
              ['CCTV', 70],
              ['BODYCAM', 10],
              ['PHOTO', 15],
              ['OTHER', 5],
            ])} AS kind) k
           WHERE ${r.u('evidence')} < CASE WHEN serious THEN 0.4 ELSE 0.12 END
          RETURNING 1),
        staff AS (
          INSERT INTO incident_staff (incident_id, user_id, library_service_id, created_at)
          SELECT id, recorded_by, $3, reported FROM facts WHERE involved RETURNING 1),
        welfare AS (
          INSERT INTO incident_welfare_check (incident_id, staff_user_id, item, library_service_id, answer, answered_by_id, created_at, updated_at)
          SELECT id, recorded_by, w.item, $3, w.answer, manager, reported + interval '2 hours', reported + interval '2 hours'
            FROM facts CROSS JOIN LATERAL (VALUES ('PHYSICALLY_HURT', ${r.chance('hurt', 0.3)}), ('OFFERED_COUNSELLING', true)) AS w(item, answer)
           WHERE category = 'VIOLENCE' AND involved
          RETURNING 1),
        follow_ups AS (
          INSERT INTO incident_follow_up_action (id, library_service_id, incident_id, description, owner_id, due_on, completed_at, completed_by_id, created_at, updated_at)
          SELECT ${r.id('incident_follow_up_action', 'n')}, $3, id, ${lit('Review the branch risk assessment and tell the team what changes')}, manager, day + 7,
                 CASE WHEN day + 7 < ${g.today} THEN ${ukMoment('day + 6', '360')} END,
                 CASE WHEN day + 7 < ${g.today} THEN manager END,
                 reported, reported
            FROM facts WHERE serious AND ${r.chance('follow_up', 0.5)}
          RETURNING 1)
        SELECT (SELECT count(*) FROM incidents) + (SELECT count(*) FROM people) + (SELECT count(*) FROM evidence) + (SELECT count(*) FROM staff)
             + (SELECT count(*) FROM welfare) + (SELECT count(*) FROM follow_ups) AS rows`;
      await g.batch(`${s.code}: incidents`, [{ sql, params: [lo, hi, s.id, s.staff, s.managers, s.branches] }]);
    }
  },
};
