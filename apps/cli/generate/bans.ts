import { DEFAULT_CRIMINAL_OFFENCE_CONDITION } from '../../../libs/governance/src/index.js';
import { type Family, type Gen, chunks } from './context.js';
import { incidentDay, incidentPerpetrator } from './incidents.js';
import type { ServicePlan } from './plan.js';
import { BATCH_ROWS } from './scales.js';
import { lit, pick, plusYears, ukMoment, weighted } from './sql.js';
import { BAN_REASONS } from './words.js';

/**
 * Bans, each following an incident (ban k follows a random incident of its service and bans the
 * person who caused it, linked to it when proposed a day or more after it; when nobody was
 * identified, a frequent visitor): proposed at the desk, confirmed by a manager from the next day
 * for one, three, six or twelve months, at all branches
 * or listed ones. Whether it is still proposed, in force, under review, lifted or over follows
 * from its dates; over ones stay ACTIVE (they read as EXPIRED). Each has its transitions, its
 * branches, and the incident it followed.
 */
export const bans: Family = {
  name: 'bans',
  estimate: (s) => s.bans.count * 4.9,
  async run(g: Gen, s: ServicePlan) {
    if (!s.incidents.count) return;
    const r = g.rng('ban');
    const nb = s.branches.length;
    const proposers = s.staff;
    for (const [lo, hi] of chunks(s.bans, BATCH_ROWS / 4)) {
      const sql = `
        WITH pick AS MATERIALIZED (
          SELECT n, ${s.incidents.lo} + floor(${s.incidents.count} * ${r.u('incident')})::bigint AS m FROM generate_series($2::bigint, $3::bigint) n),
        followed AS MATERIALIZED (
          SELECT n, m, ${incidentPerpetrator(g, s, 'm')} AS perpetrator, ${incidentDay(g, 'm')} AS incident_day FROM pick),
        base AS MATERIALIZED (
          SELECT n, ${r.id('ban', 'n')} AS id, CASE WHEN perpetrator IS NOT NULL THEN ${r.id('incident', 'm')} END AS incident,
                 ${r.id('subject', `coalesce(perpetrator, ${s.people.lo} + floor(${s.people.count} * power(${r.u('who')}, 2.2))::bigint)`)} AS subject,
                 incident_day, least(incident_day + 2 + floor(${r.u('after')} * 13)::int, ${g.today} - 1) AS starts,
                 ${weighted(r.u('months'), [
                   [30, 20],
                   [91, 35],
                   [182, 30],
                   [365, 15],
                 ])} AS dur,
                 ($4::uuid[])[1 + floor(${r.u('manager')} * ${s.managers.length})::int] AS manager,
                 CASE WHEN ${r.chance('at_desk', 0.6)} THEN ($5::uuid[])[1 + floor(${r.u('proposer')} * ${proposers.length})::int] END AS desk
            FROM followed),
        kinds AS MATERIALIZED (
          SELECT b.*, CASE WHEN starts + dur < ${g.today} THEN CASE WHEN ${r.chance('lifted_early', 0.25)} THEN 'LIFTED' ELSE 'ENDED' END
                           WHEN starts >= ${g.today} - 10 AND ${r.chance('proposed', 0.5)} THEN 'PROPOSED'
                           ELSE ${weighted(r.u('running'), [
                             ['ACTIVE', 80],
                             ['UNDER_REVIEW', 10],
                             ['LIFTED', 10],
                           ])} END AS kind
            FROM base b),
        src AS MATERIALIZED (
          SELECT k.*, CASE kind WHEN 'PROPOSED' THEN 'PROPOSED' WHEN 'ENDED' THEN 'ACTIVE' ELSE kind END AS status,
                 ${ukMoment('starts - 1', `540 + floor(${r.u('proposed_at')} * 480)`)} AS proposed_at,
                 CASE WHEN kind <> 'PROPOSED' THEN ${ukMoment('starts', `540 + floor(${r.u('confirmed_at')} * 120)`)} END AS confirmed_at,
                 CASE WHEN kind <> 'PROPOSED' OR ${r.chance('proposed_end', 0.5)} THEN starts + dur END AS ends,
                 CASE WHEN kind = 'LIFTED' THEN starts + floor(${r.u('lifted')} * (least(starts + dur, ${g.today}) - starts))::int END AS lifted,
                 CASE WHEN kind = 'PROPOSED' THEN NULL WHEN kind = 'UNDER_REVIEW' THEN least(starts + dur / 2, ${g.today} - 1) ELSE starts + dur / 2 END AS review,
                 ${r.chance('listed', 0.6)} AS listed, ${r.chance('aba', 0.3)} AS aba, ${r.chance('aba_signed', 0.5)} AS aba_signed,
                 kind <> 'PROPOSED' AND starts < ${g.today} - 20 AND ${r.chance('appeal', 0.05)} AS appealed
            FROM kinds k),
        bans AS (
          INSERT INTO ban (id, library_service_id, subject_id, status, scope, reason, conditions, notes, proposed_by_id, proposed_at, confirmed_by_id, confirmed_at,
                           starts_on, ends_on, review_on, lifted_on, lifted_by_id, aba_offered, aba_signed, aba_signed_on, appeal_lodged_on, appeal_outcome,
                           appeal_outcome_on, appeal_notes, lawful_basis, criminal_offence_condition, retain_until, created_at, updated_at)
          SELECT id, $1, subject, status, CASE WHEN listed THEN 'LISTED_BRANCHES' ELSE 'ALL_BRANCHES' END, ${pick(r.u('reason'), BAN_REASONS)},
                 ${lit(`Must not enter ${s.place} libraries covered by the ban while it is in force; may ask at the door for help.`)},
                 CASE WHEN ${r.chance('notes', 0.3)} THEN ${lit('Letter handed over at the branch; they said they understood.')} END,
                 coalesce(desk, manager), proposed_at, CASE WHEN confirmed_at IS NOT NULL THEN manager END, confirmed_at,
                 starts, ends, review, lifted, CASE WHEN lifted IS NOT NULL THEN manager END,
                 aba AND kind <> 'PROPOSED', aba AND aba_signed AND kind <> 'PROPOSED', CASE WHEN aba AND aba_signed AND kind <> 'PROPOSED' THEN starts END,
                 CASE WHEN appealed THEN starts + 2 END,
                 CASE WHEN appealed THEN ${weighted(r.u('appeal_outcome'), [
                   ['UPHELD', 70],
                   ['VARIED', 20],
                   ['OVERTURNED', 10],
                 ])} END,
                 CASE WHEN appealed THEN starts + 9 END, CASE WHEN appealed THEN ${lit('Appeal heard by the head of service.')} END,
                 'PUBLIC_TASK', ${lit(DEFAULT_CRIMINAL_OFFENCE_CONDITION)}, ${plusYears('least(lifted, coalesce(ends, starts))', s.retention.BAN)},
                 proposed_at, coalesce(${ukMoment('lifted', '720')}, CASE WHEN kind = 'UNDER_REVIEW' THEN ${ukMoment('review', '600')} END, confirmed_at, proposed_at)
            FROM src RETURNING 1),
        branches AS (
          INSERT INTO ban_branch (ban_id, branch_id, library_service_id)
          SELECT DISTINCT src.id, ($6::uuid[])[bi], $1
            FROM src CROSS JOIN LATERAL (VALUES (1 + floor(power(${r.u('branch')}, 1.5) * ${nb})::int),
                                                (CASE WHEN ${r.chance('second_branch', 0.4)} THEN 1 + floor(${r.u('branch2')} * ${nb})::int END)) AS x(bi)
           WHERE listed AND bi IS NOT NULL
          RETURNING 1),
        transitions AS (
          INSERT INTO ban_transition (id, library_service_id, ban_id, from_status, to_status, by_id, at)
          SELECT ${r.id('ban_transition', 'src.n * 4 + t.step')}, $1, src.id, t.from_status, t.to_status, t.by, t.at
            FROM src CROSS JOIN LATERAL (VALUES
                   (1, NULL, 'PROPOSED', proposed_at, coalesce(desk, manager)),
                   (2, 'PROPOSED', 'ACTIVE', confirmed_at, manager),
                   (3, 'ACTIVE', 'UNDER_REVIEW', CASE WHEN kind = 'UNDER_REVIEW' THEN ${ukMoment('review', '600')} END, manager),
                   (4, 'ACTIVE', 'LIFTED', CASE WHEN kind = 'LIFTED' THEN ${ukMoment('lifted', '720')} END, manager)) AS t(step, from_status, to_status, at, by)
           WHERE t.at IS NOT NULL
          RETURNING 1),
        incidents AS (
          INSERT INTO ban_incident (ban_id, incident_id, library_service_id) SELECT id, incident, $1 FROM src WHERE incident IS NOT NULL AND starts - 1 > incident_day RETURNING 1)
        SELECT (SELECT count(*) FROM bans) + (SELECT count(*) FROM branches) + (SELECT count(*) FROM transitions) + (SELECT count(*) FROM incidents) AS rows`;
      await g.batch(`${s.code}: bans`, [{ sql, params: [s.id, lo, hi, s.managers, proposers, s.branches] }]);
    }
  },
};
