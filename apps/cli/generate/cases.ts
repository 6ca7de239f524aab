import { type Family, type Gen, chunks } from './context.js';
import type { ServicePlan } from './plan.js';
import { BATCH_ROWS } from './scales.js';
import { lit, pick, plusYears, ukMoment, utcDate, weighted } from './sql.js';
import { CASE_NOTES, CASE_TITLES } from './words.js';

/**
 * Cases about a service's most active people (case k is about person k), open, monitored or
 * closed, with one to six notes over their life (now and then a note correcting the one before).
 * The first cases of a service are the ones it shares (sharing.ts): they are open or monitored,
 * at medium or high risk. A case's clock is its closure, or while open its latest note; its notes
 * keep its date.
 */
/** How many days ago case `key` was opened (14 to 693). */
const caseAge = (g: Gen, key = 'n') => `(14 + floor(680 * ${g.rng('case_file', key).u('age')})::int)`;

/** When case `key` (its global number) was opened. */
export function caseOpened(g: Gen, key = 'n'): string {
  return ukMoment(`${g.today} - ${caseAge(g, key)}`, `540 + floor(${g.rng('case_file', key).u('time')} * 480)`);
}

export const cases: Family = {
  name: 'cases and notes',
  estimate: (s) => s.cases.count * 4.5,
  async run(g: Gen, s: ServicePlan) {
    const r = g.rng('case_file');
    const owners = [...s.outreach, ...s.managers];
    const shared = s.policeShares + s.crossShares;
    for (const [lo, hi] of chunks(s.cases, BATCH_ROWS / 5)) {
      const sql = `
        WITH base AS MATERIALIZED (
          SELECT n, ${r.id('case_file', 'n')} AS id, n - ${s.cases.lo} + 1 AS k, ${caseAge(g)} AS age,
                 ($2::uuid[])[1 + floor(${r.u('owner')} * ${owners.length})::int] AS owner, 1 + floor(${r.u('notes')} * 6)::int AS note_count
            FROM generate_series($3::bigint, $4::bigint) n),
        src AS MATERIALIZED (
          SELECT b.*, opened, status,
                 CASE WHEN status = 'CLOSED' THEN opened + (0.3 + 0.6 * ${r.u('closed')}) * (age - 1) * interval '1 day' END AS closed
            FROM base b,
                 LATERAL (SELECT ${caseOpened(g)} AS opened,
                                 CASE WHEN b.k <= ${shared} THEN ${weighted(r.u('status'), [
                                   ['OPEN', 60],
                                   ['MONITORING', 40],
                                 ])}
                                 ELSE ${weighted(r.u('status'), [
                                   ['OPEN', 35],
                                   ['MONITORING', 25],
                                   ['CLOSED', 40],
                                 ])} END AS status) o),
        dated AS MATERIALIZED (
          SELECT src.*, opened + (note_count::float8 / (note_count + 1)) * (coalesce(closed, opened + (age - 1) * interval '1 day') - opened) AS last_note,
                 coalesce(closed, opened + (age - 1) * interval '1 day') AS until
            FROM src),
        kept AS MATERIALIZED (
          SELECT dated.*, ${plusYears(utcDate('coalesce(closed, last_note)'), s.retention.CASE)} AS retain FROM dated),
        cases AS (
          INSERT INTO case_file (id, library_service_id, subject_id, owner_id, status, risk_level, title, summary, opened_at, closed_at, closed_by_id,
                                 closure_summary, lawful_basis, retain_until, created_at, updated_at)
          SELECT id, $1, ${r.id('subject', `${s.people.lo} + k - 1`)}, owner, status,
                 CASE WHEN k <= ${shared} THEN ${weighted(r.u('risk'), [
                   ['MEDIUM', 50],
                   ['HIGH', 50],
                 ])} ELSE ${weighted(r.u('risk'), [
                   ['LOW', 40],
                   ['MEDIUM', 40],
                   ['HIGH', 20],
                 ])} END,
                 ${pick(r.u('title'), CASE_TITLES)},
                 CASE WHEN ${r.chance('summary', 0.7)} THEN ${lit('Repeated incidents at the branch; working with partners on support and boundaries.')} END,
                 opened, closed, CASE WHEN closed IS NOT NULL THEN owner END,
                 CASE WHEN closed IS NOT NULL THEN ${pick(r.u('closure'), [
                   'No incidents for three months; support in place.',
                   'Moved out of the area.',
                   'Ban served; no further concerns.',
                 ])} END,
                 'PUBLIC_TASK', retain, opened, last_note
            FROM kept RETURNING 1),
        notes AS (
          INSERT INTO case_note (id, library_service_id, case_id, author_id, body, corrects_note_id, lawful_basis, retain_until, created_at, updated_at)
          SELECT ${r.id('case_note', 'c.n * 8 + j')}, $1, c.id,
                 CASE WHEN ${r.chance('own_note', 0.8, 'c.n * 8 + j')} THEN c.owner ELSE ($2::uuid[])[1 + floor(${r.u('author', 'c.n * 8 + j')} * ${owners.length})::int] END,
                 CASE WHEN corrects THEN ${lit('Correction to the note before: it was the Tuesday, not the Monday, and the PCSO was there too.')}
                      ELSE ${pick(r.u('body', 'c.n * 8 + j'), CASE_NOTES)} END,
                 CASE WHEN corrects THEN ${r.id('case_note', 'c.n * 8 + j - 1')} END,
                 'PUBLIC_TASK', c.retain, at, at
            FROM kept c, generate_series(1, c.note_count) j,
                 LATERAL (SELECT c.opened + (j::float8 / (c.note_count + 1)) * (c.until - c.opened) AS at,
                                 j > 1 AND ${r.chance('correction', 0.03, 'c.n * 8 + j')} AS corrects) x
          RETURNING 1)
        SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM notes) AS rows`;
      await g.batch(`${s.code}: cases`, [{ sql, params: [s.id, owners, lo, hi] }]);
    }
  },
};
