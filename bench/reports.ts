/**
 * Report benchmark: a year's incident statistics for one library service by month and category
 * (the statements incidentStatistics runs: groups with both comparisons, then repeat people and
 * places), on a generated database (bench/load/database.ts: `safer_bench_<scale>` on the
 * PostgreSQL of DATABASE_URL). Prints p50/p99 over BENCH_RUNS runs (default 50) and the plan of
 * the first statement. It times what the service runs for a manager (the daily counts, as
 * dailyCountsAnswer decides for a manager's ability) beside the row path every other reader gets
 * (the statement before issue 14: the baseline), checks that both answer the same, and prints the
 * plans. BENCH_SCALE picks the database (default national); it must exist already:
 * generate it with `npm run bench -- --scale national` (about ten minutes of CPU) or the CLI's
 * generate-data. Run with `npm run bench:reports`. Target: p99 under 200 ms.
 */
import { loadavg } from 'node:os';
import pg from 'pg';
import { IncidentStatisticsGroupBy as G } from '../libs/reports/src/incident-statistics/incident-statistics.input.js';
import { repeatsFromSequences, repeatsStatement } from '../libs/reports/src/incident-statistics/incident-repeats.sql.js';
import { defineAbilityFor, Role } from '../libs/access/src/index.js';
import { dailyCountsAnswer, dailyCountSource, sequencesAnswer } from '../libs/reports/src/incident-statistics/incident-statistics-rollup.js';
import { groupsStatement, INCIDENT_COLUMNS, incidentWhere, rowSource } from '../libs/reports/src/incident-statistics/incident-statistics.sql.js';
import { previousPeriod, yearBefore } from '../libs/reports/src/report-period.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const SCALE = process.env.BENCH_SCALE ?? 'national';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main() {
  const admin = process.env.DATABASE_URL;
  if (!admin) throw new Error('DATABASE_URL must name a PostgreSQL server holding safer_bench_<scale> (see bench/load/database.ts)');
  const u = new URL(admin);
  u.pathname = `/safer_bench_${SCALE}`;
  const client = new pg.Client({ connectionString: u.toString() });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`safer_bench_${SCALE} is not there: generate it first (npm run bench -- --scale ${SCALE})`, { cause: err });
  }
  try {
    // The busiest service over the year to its latest incident: the worst case of a service's own report.
    const [busiest] = (
      await client.query(`SELECT library_service_id AS id, count(*)::int AS n, max(occurred_at) AS last FROM incident GROUP BY 1 ORDER BY 2 DESC LIMIT 1`)
    ).rows;
    const [{ total }] = (await client.query(`SELECT count(*)::int AS total FROM incident`)).rows;
    const to = new Date(busiest.last);
    const from = new Date(to);
    from.setUTCFullYear(from.getUTCFullYear() - 1);
    const cur = { from, to };
    const prev = previousPeriod(cur);
    const year = yearBefore(cur);
    const lo = new Date(Math.min(prev.from.getTime(), year.from.getTime()));
    // What the access scope gives a manager: the service's incidents (the app adds its rules' SQL here; RLS too).
    const scoped = { sql: `SELECT id, ${INCIDENT_COLUMNS.join(', ')} FROM incident WHERE library_service_id = $1`, params: [busiest.id] };
    const all = incidentWhere(scoped, { serviceId: busiest.id, lo, hi: to });
    const periods = { cur: [from, to], prev: [prev.from, prev.to], year: [year.from, year.to] } satisfies Record<string, [Date, Date]>;
    const groupBy = [G.MONTH, G.CATEGORY];
    // A manager of that service: the service asks dailyCountsAnswer, as it does for every request.
    const principal = {
      id: '00000000-0000-4000-8000-000000000000',
      role: Role.MANAGER,
      libraryServiceId: busiest.id,
      partnerOrganisationId: null,
      branchIds: [],
    };
    const actor = { principal, ability: defineAbilityFor(principal), requestId: 'bench' };
    if (!dailyCountsAnswer(actor, busiest.id, groupBy, {}) || !sequencesAnswer(actor, busiest.id, {})) {
      throw new Error('a manager should be answered from the daily counts and the sequences');
    }
    const paths = [
      {
        name: 'service (daily counts + edge rows, sequences)',
        grouped: groupsStatement(groupBy, dailyCountSource(all, groupBy, {}, periods)),
        repeats: repeatsFromSequences(busiest.id, from, to),
      },
      {
        name: 'baseline (every row, before issue 14)',
        grouped: groupsStatement(groupBy, rowSource(all, periods)),
        repeats: repeatsStatement(incidentWhere(scoped, { serviceId: busiest.id, lo: from, hi: to })),
      },
    ];
    const answers: string[] = [];
    for (const p of paths) {
      const g = (await client.query(p.grouped.sql, p.grouped.params)).rows;
      const [r] = (await client.query(p.repeats.sql, p.repeats.params)).rows;
      answers.push(JSON.stringify({ g, r: { ...r, top_places: typeof r.top_places === 'string' ? JSON.parse(r.top_places) : r.top_places } }));
    }
    if (answers[0] !== answers[1]) throw new Error(`the two paths answer differently:\n${answers.join('\n')}`);
    const plan = async (s: { sql: string; params: unknown[] }) =>
      (await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.params)).rows.map((r) => `    ${r['QUERY PLAN']}`).join('\n');
    console.log(`database: safer_bench_${SCALE} (${total} incidents; the busiest service has ${busiest.n})`);
    console.log(
      `a year's statistics by month and category (${JSON.parse(answers[0]!).g.length - 1} groups, the same from both paths), ${RUNS} runs each, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}:`,
    );
    for (const p of paths) {
      const whole: number[] = [];
      const groups: number[] = [];
      const rep: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        await client.query(p.grouped.sql, p.grouped.params);
        const t1 = performance.now();
        await client.query(p.repeats.sql, p.repeats.params);
        const t2 = performance.now();
        groups.push(t1 - t0);
        rep.push(t2 - t1);
        whole.push(t2 - t0);
      }
      const f = (xs: number[]) => {
        xs.sort((a, b) => a - b);
        return `p50 ${percentile(xs, 50).toFixed(1)} ms  p99 ${percentile(xs, 99).toFixed(1)} ms`;
      };
      console.log(`  ${p.name}: both statements ${f(whole)} (target p99 < 200 ms); groups ${f(groups)}; repeats ${f(rep)}`);
    }
    console.log(
      `  load average after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    if (process.env.BENCH_PLANS !== '0') {
      for (const p of paths) console.log(`plan of the grouping statement, ${p.name}:\n${await plan(p.grouped)}`);
      for (const p of paths) console.log(`plan of the repeats statement, ${p.name}:\n${await plan(p.repeats)}`);
    }
  } finally {
    await client.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
