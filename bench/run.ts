/**
 * `npm run bench`: the built service against a hand-written baseline (bench/baseline), on a
 * generated database, over HTTP (autocannon), in the same run. For each scale: get the database
 * (bench/load/database.ts), start the service (node dist/apps/api/main.js) and the baseline as
 * child processes on it with the same JWT secret, pick real ids (fixtures.ts), check that both
 * answer alike (compare.ts), then drive each scenario at each concurrency, service and baseline
 * alternately, each after a warm-up, sampling the service's resident memory. Prints the table
 * and writes it under bench/results/ (JSON and Markdown). `--smoke` (CI) fails when a request
 * errs or the answers differ. Options: bench/load/options.ts (npm run bench -- --help).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { compareServers, send } from './load/compare.js';
import { benchDatabase, embeddedUrl } from './load/database.js';
import { drive, type Measurement, type Target } from './load/drive.js';
import { DEMO_PASSWORD, DEMO_USERS, type Fixtures, pickFixtures } from './load/fixtures.js';
import { SCENARIOS } from './load/operations.js';
import { type BenchOptions, parseOptions, type Scale, SWEEP, USAGE } from './load/options.js';
import { profileMarkdown, summariseProfiles } from './load/profile.js';
import { BASELINE_MAIN, childEnv, DIST, SERVICE_MAIN, startChild, waitQuiet } from './load/processes.js';
import { BASELINE_STATEMENTS, growth, machine, type Report, type Row, type ScaleResult, textTable, writeReport } from './load/report.js';

/** The same for both servers: sign-in limits loose enough for 10 parallel sign-ins of one user, tokens that outlast a run. */
const SHARED_ENV = {
  LOGIN_MAX_FAILURES: '100',
  LOGIN_MAX_FAILURES_PER_EMAIL: '1000',
  LOGIN_MAX_FAILURES_PER_IP: '100000',
  JWT_TTL_SECONDS: '86400',
  // Users sign in once, with a password, and keep their tokens for the run: what is measured is the
  // service answering, not a person typing a code from an app.
  TWO_FACTOR_ROLES: 'none',
};

async function benchScale(scale: Scale, o: BenchOptions, secret: string): Promise<ScaleResult> {
  const db = await benchDatabase(scale, secret, o.fresh);
  const profiles = o.profile ? mkdtempSync(join(tmpdir(), 'safer-bench-profile-')) : null;
  console.log(`\n== ${scale}: ${db.label}${db.generatedSeconds ? `, generated in ${Math.round(db.generatedSeconds)} s` : ''}`);
  const service = await startChild(
    'service',
    SERVICE_MAIN,
    childEnv({
      ...db.env,
      ...SHARED_ENV,
      ...workersEnv(o),
      JWT_SECRET: secret,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: '0',
      SEED_DEMO: 'false',
    }),
    /GraphQL endpoint:\s+(http:\/\/\S+?)\/graphql/,
    profiles ? ['--cpu-prof', `--cpu-prof-dir=${profiles}`] : [],
  );
  let baseline: Awaited<ReturnType<typeof startChild>> | null = null;
  try {
    const url = db.url ?? embeddedUrl(db.env.DATA_DIR);
    baseline = await startChild(
      'baseline',
      BASELINE_MAIN,
      // The embedded database takes four connections: the service's one, two here, one for the checks.
      childEnv({ ...SHARED_ENV, DATABASE_URL: url, JWT_SECRET: secret, BASELINE_POOL_SIZE: db.kind === 'embedded' ? '2' : '10', PORT: '0' }),
      /baseline listening on (http:\/\/\S+)/,
    );
    await analyze(url);
    const fixtures = await signIn(service.url, await pickFixtures(url));
    const checks = new pg.Client({ connectionString: url });
    await checks.connect();
    const comparison = await compareServers(service.url, baseline.url, fixtures, checks).finally(() => checks.end());
    for (const c of comparison) console.log(`  ${c.same ? 'same' : 'DIFFERENT'}: ${c.scenario} (${c.auditRows} audit rows)${c.same ? '' : ` ${c.detail}`}`);
    // On the embedded database the service's process runs the baseline's statements too.
    const embedded = db.kind === 'embedded';
    const servers: Record<'service' | 'baseline', Target> = {
      service: { url: service.url, pid: service.pid, databasePid: embedded ? null : undefined },
      baseline: { url: baseline.url, pid: baseline.pid, databasePid: embedded ? service.pid : undefined },
    };
    const pids = [service.pid, baseline.pid];
    // The embedded database runs in the service's process: its CPU says when it is done.
    const quiet = () => waitQuiet(pids, db.kind === 'postgres' ? () => activeStatements(url) : undefined);
    const rows: Row[] = [];
    const lowest = Math.min(...o.concurrencies);
    for (const s of SCENARIOS.filter((x) => o.scenarios.includes(x.name))) {
      for (const concurrency of s.lowestOnly ? [lowest] : o.concurrencies) {
        await analyze(url);
        // Alternately first, so neither always runs on the warmer (or busier) machine.
        const order: ('service' | 'baseline')[] = rows.length % 2 ? ['baseline', 'service'] : ['service', 'baseline'];
        const m = {} as Record<'service' | 'baseline', Measurement>;
        for (const who of order) {
          await drive(servers[who], s, fixtures, concurrency, o.warmup);
          await quiet();
          m[who] = await drive(servers[who], s, fixtures, concurrency, o.duration);
          await quiet();
        }
        const row: Row = {
          scenario: s.name,
          letter: s.letter,
          title: s.title,
          concurrency,
          service: m.service,
          baseline: m.baseline,
          ratio: m.service.perSecond / m.baseline.perSecond,
          first: order[0],
        };
        rows.push(row);
        console.log(textTable([row]).split('\n').at(-1));
      }
    }
    const { users: _users, ...ids } = fixtures;
    return { scale, database: db.kind, databaseLabel: db.label, generatedSeconds: db.generatedSeconds, fixtures: ids, comparison, rows };
  } finally {
    await baseline?.stop();
    await service.stop();
    // The profiles are written as the service exits.
    if (profiles) writeProfile(profiles, scale, db.kind, o);
  }
}

/** API_WORKERS for the service; several processes share live events through Redis. */
function workersEnv(o: BenchOptions): Record<string, string> {
  if (o.workers === 1) return {};
  return { API_WORKERS: String(o.workers), REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' };
}

function writeProfile(dir: string, scale: Scale, database: string, o: BenchOptions): void {
  const what = `${scale} on ${database}, scenarios ${o.scenarios.join(', ')} at ${o.concurrencies.join(', ')}${o.workers > 1 ? `, ${o.workers} service processes` : ''}`;
  const md = profileMarkdown(summariseProfiles(dir), what);
  console.log(`\n${md}`);
  const file = join(DIST, '..', 'bench', 'results', `profile-${scale}-${database}.md`);
  writeFileSync(file, `# Profile: ${new Date().toISOString()}\n\n${md}`);
  console.log(`written: ${file}`);
}

/**
 * Fresh statistics for the tables the benchmark writes to, before each measured pair, as
 * autovacuum would keep them (the local PostgreSQL runs without it, and the embedded database has
 * none). With the statistics of the freshly generated database (an audit trail of a few rows), the
 * audit chain trigger's look-up of a chain's last event is planned as a scan of every event of the
 * service (audit_event_library_service_idx, then a sort), once per audit row: each request then
 * costs more than the one before, whichever server sends it.
 */
async function analyze(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('ANALYZE audit_event, audit_chain, incident, login_throttle');
  } finally {
    await c.end();
  }
}

/** Whether statements of other sessions are running on the benchmark's database (PostgreSQL). */
async function activeStatements(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`,
    );
    return rows[0].n > 0;
  } finally {
    await c.end();
  }
}

/** A token for each demo user, from the service's own login (the baseline verifies the same tokens). */
async function signIn(service: string, picked: Awaited<ReturnType<typeof pickFixtures>>): Promise<Fixtures> {
  const { userIds, ...rest } = picked;
  const users = {} as Fixtures['users'];
  for (const [key, email] of Object.entries(DEMO_USERS) as [keyof typeof DEMO_USERS, string][]) {
    const r = await send(service, {
      operationName: 'SignIn',
      query: 'mutation SignIn($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }',
      variables: { email, password: DEMO_PASSWORD },
    });
    if (!r.json.data?.login) throw new Error(`${email} cannot sign in: ${JSON.stringify(r.json.errors)}`);
    users[key] = { id: userIds[key], token: r.json.data.login.accessToken };
  }
  return { ...rest, users };
}

async function main() {
  let o: BenchOptions;
  try {
    o = parseOptions(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  const started = performance.now();
  const secret = `bench-${randomBytes(24).toString('hex')}`;
  const scales = o.sweep ? SWEEP : [o.scale];
  const report: Report = {
    date: new Date().toISOString(),
    machine: machine(),
    duration: o.duration,
    warmup: o.warmup,
    concurrencies: o.concurrencies,
    serviceWorkers: o.workers,
    baselineStatements: BASELINE_STATEMENTS,
    results: [],
    seconds: 0,
  };
  for (const scale of scales) report.results.push(await benchScale(scale, o, secret));
  report.seconds = (performance.now() - started) / 1000;

  for (const r of report.results) console.log(`\n${r.scale} on ${r.database}:\n${textTable(r.rows)}`);
  const g = growth(report.results);
  if (g) console.log(`\n${g}`);
  const database = report.results[0].database;
  const workers = o.workers > 1 ? `-${o.workers}-workers` : '';
  const name = (o.smoke ? `smoke-${database}` : o.sweep ? `scale-sweep-${database}` : `${o.scale}-${database}`) + workers;
  // The smoke run checks, it does not measure: its files go to the temp directory, not into the repository.
  const dir = o.smoke ? join(tmpdir(), 'safer-bench-results') : join(DIST, '..', 'bench', 'results');
  const files = writeReport(dir, name, report, o.sweep ? 'Benchmark: growth with the data' : `Benchmark: ${o.scale} scale`);
  console.log(`\nwritten: ${files.join(', ')} (${Math.round(report.seconds)} s)`);

  if (o.smoke) {
    const errors = report.results.flatMap((r) => r.rows).filter((r) => r.service.errors || r.baseline.errors);
    const differing = report.results.flatMap((r) => r.comparison).filter((c) => !c.same);
    const idle = report.results.flatMap((r) => r.rows).filter((r) => !r.service.requests || !r.baseline.requests);
    for (const r of errors)
      console.error(`smoke: ${r.scenario} at ${r.concurrency}: ${r.service.errors} service and ${r.baseline.errors} baseline requests failed`);
    for (const c of differing) console.error(`smoke: ${c.scenario}: the service and the baseline answer differently: ${c.detail}`);
    // Not a failure: a request slower than the run is cut off uncounted (the comparison above has seen both answer it).
    for (const r of idle) console.warn(`smoke: ${r.scenario} at ${r.concurrency}: a server answered no request within ${o.duration} s`);
    if (errors.length || differing.length) process.exit(1);
    console.log('smoke: every request answered, and the service and the baseline answer alike');
  }
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
