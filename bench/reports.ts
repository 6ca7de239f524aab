/**
 * Report benchmark: a year's incident statistics for one library service by month and category
 * (the statements incidentStatistics runs: groups with both comparisons, then repeat people and
 * places), on a generated database (bench/load/database.ts: `safer_bench_<scale>` on the
 * PostgreSQL of DATABASE_URL). Prints p50/p99 over BENCH_RUNS runs (default 50) and the plan of
 * the first statement. BENCH_SCALE picks the database (default national); it must exist already:
 * generate it with `npm run bench -- --scale national` (about ten minutes of CPU) or the CLI's
 * generate-data. Run with `npm run bench:reports`. Target: p99 under 200 ms.
 */
import pg from 'pg';
import { IncidentStatisticsGroupBy as G } from '../libs/reports/src/incident-statistics/incident-statistics.input.js';
import { repeatsStatement } from '../libs/reports/src/incident-statistics/incident-repeats.sql.js';
import { groupsStatement, INCIDENT_COLUMNS, incidentWhere } from '../libs/reports/src/incident-statistics/incident-statistics.sql.js';
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
    const grouped = groupsStatement([G.MONTH, G.CATEGORY], incidentWhere(scoped, { serviceId: busiest.id, lo, hi: to }), {
      cur: [from, to],
      prev: [prev.from, prev.to],
      year: [year.from, year.to],
    });
    const repeats = repeatsStatement(incidentWhere(scoped, { serviceId: busiest.id, lo: from, hi: to }));
    const plan = (await client.query(`EXPLAIN ${grouped.sql}`, grouped.params)).rows.map((r) => r['QUERY PLAN']).join('\n');
    const times: number[] = [];
    let groups = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      groups = (await client.query(grouped.sql, grouped.params)).rowCount! - 1;
      await client.query(repeats.sql, repeats.params);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`database: safer_bench_${SCALE} (${total} incidents; the busiest service has ${busiest.n})`);
    console.log(`a year's statistics by month and category (${groups} groups), both statements, ${RUNS} runs:`);
    console.log(
      `  p50 ${percentile(times, 50).toFixed(1)} ms   p99 ${percentile(times, 99).toFixed(1)} ms   max ${times.at(-1)!.toFixed(1)} ms   (target p99 < 200 ms)`,
    );
    console.log(`plan of the grouping statement:\n${plan}`);
  } finally {
    await client.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
