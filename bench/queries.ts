/**
 * Query benchmarks (the load benchmark against the hand-written baseline is bench/run.ts): start the real app (embedded database unless DATABASE_URL is set), load a data set,
 * and time GraphQL requests over HTTP. Prints the figures. Run with `npm run bench:queries`.
 * BENCH_REQUESTS (default 400) and BENCH_CONCURRENCY (default 8) tune the run.
 * BENCH_TENANT_WALL=1 (PostgreSQL only): run as the two roles of README "Database roles" and time
 * each query with row-level security on and off, alternately, in the same run.
 */
import { randomBytes } from 'node:crypto';
import { createApp } from '../apps/api/create-app.js';
import { loadConfig } from '../libs/common/src/index.js';
import { dropSchema } from '../libs/database/src/index.js';
import pg from 'pg';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const SERVICES = 20;
const PARTNERS_PER_SERVICE = 100;
const CONTACTS_PER_PARTNER = 3;

const TENANT_WALL = process.env.BENCH_TENANT_WALL === '1';

async function main() {
  const url = process.env.DATABASE_URL;
  if (TENANT_WALL && !url) throw new Error('BENCH_TENANT_WALL needs DATABASE_URL (a PostgreSQL superuser, to create the two roles)');
  const roles = TENANT_WALL ? await createRoles(url!) : null;
  const schema = url && !roles ? `bench_${randomBytes(4).toString('hex')}` : undefined;
  const database = roles
    ? { DATABASE_URL: roles.appUrl, MIGRATION_DATABASE_URL: roles.ownerUrl }
    : url
      ? { DATABASE_URL: url, DATABASE_SCHEMA: schema! }
      : { DATA_DIR: ':memory:' };
  const config = loadConfig({
    ...database,
    ...(url ? { JWT_SECRET: randomBytes(32).toString('hex') } : {}),
    SEED_DEMO: 'base',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    // Its users sign in with a password alone: what is timed is the queries.
    TWO_FACTOR_ROLES: 'none',
  });
  const app = await createApp(config, 0);
  const db = app.db.dataSource;
  // With the wall: each query twice in turn, the policies on, then off (as the owner), then on again.
  const run = roles ? (b: string, n: string, t: string, q: string) => compareWall(roles, b, n, t, q) : timeRequests;
  try {
    const t0 = performance.now();
    await db.query(`
      WITH s AS (INSERT INTO library_service (name, code) SELECT 'Bench ' || g, 'BENCH_' || g FROM generate_series(1, ${SERVICES}) g RETURNING id),
      p AS (INSERT INTO partner_organisation (library_service_id, name, type, relationship)
            SELECT s.id, 'Partner ' || g || ' of ' || s.id, 'CHARITY', 'COLLABORATIVE_RELATIONSHIP' FROM s, generate_series(1, ${PARTNERS_PER_SERVICE}) g RETURNING id, library_service_id)
      INSERT INTO partner_contact (library_service_id, partner_organisation_id, name, lawful_basis, retain_until)
      SELECT p.library_service_id, p.id, 'Contact ' || g, 'PUBLIC_TASK', '2030-01-01' FROM p, generate_series(1, ${CONTACTS_PER_PARTNER}) g`);
    await loadPeople(db);
    // Statistics need the tables' owner; the application role's ANALYZE would only skip them.
    await (roles ? roles.analyze() : db.query('ANALYZE'));
    console.log(
      `database: ${app.db.embedded ? 'embedded PGlite' : 'PostgreSQL'}; loaded ${SERVICES * PARTNERS_PER_SERVICE} partners, ${SERVICES * PARTNERS_PER_SERVICE * CONTACTS_PER_PARTNER} contacts in ${(performance.now() - t0).toFixed(0)} ms`,
    );

    const token = await login(app.url, 'manager@demo.test');
    const partnerToken = await login(app.url, 'pcso@demo.test');
    await run(
      app.url,
      'partnerOrganisations first:20 (manager, with totalCount)',
      token,
      `{ partnerOrganisations(first: 20) { totalCount edges { node { id name type } } } }`,
    );
    await run(
      app.url,
      'partnerOrganisations first:20 + nested contacts (DataLoader, audited reads)',
      token,
      `{ partnerOrganisations(first: 20) { totalCount edges { node { id name contacts { id name phone } } } } }`,
    );
    await run(
      app.url,
      'partnerContacts first:50 (partner user, rules in SQL)',
      partnerToken,
      `{ partnerContacts(first: 50) { totalCount edges { node { id name } } } }`,
    );
    const staffToken = await login(app.url, 'staff@demo.test');
    await run(
      app.url,
      `sharedCases first:20 + subject + incidents (partner; live shares in SQL; ${SHARED_CASES} of ${CASES} cases shared)`,
      partnerToken,
      `{ sharedCases(first: 20, purpose: "benchmark") { totalCount edges { node { id subject { name } incidents { occurredAt category } } } } }`,
    );
    await run(
      app.url,
      `incidents first:20 (staff, own branch only; ${CASES * INCIDENTS_PER_PERSON} incidents)`,
      staffToken,
      `{ incidents(first: 20) { totalCount edges { node { id category } } } }`,
    );
    await run(app.url, 'me (auth + ability only)', token, `{ me { id role } }`);
  } finally {
    await app.close();
    if (url && schema) await dropSchema(url, schema);
    await roles?.drop();
  }
}

interface Roles {
  appUrl: string;
  ownerUrl: string;
  setWall(on: boolean): Promise<void>;
  analyze(): Promise<void>;
  drop(): Promise<void>;
}

/** An owner and an application role, and a database the owner owns (dropped at the end). */
async function createRoles(url: string): Promise<Roles> {
  const suffix = randomBytes(4).toString('hex');
  const [owner, appRole, database] = [`bench_owner_${suffix}`, `bench_app_${suffix}`, `bench_wall_${suffix}`];
  const as = (role: string | null) => {
    const u = new URL(url);
    u.pathname = `/${database}`;
    if (role) [u.username, u.password] = [role, ''];
    return u.toString();
  };
  const sql = async (connection: string, text: string) => {
    const c = new pg.Client({ connectionString: connection });
    await c.connect();
    try {
      return (await c.query(text)).rows;
    } finally {
      await c.end();
    }
  };
  await sql(url, `CREATE ROLE ${owner} LOGIN`);
  await sql(url, `CREATE ROLE ${appRole} LOGIN`);
  await sql(url, `CREATE DATABASE ${database} OWNER ${owner}`);
  return {
    appUrl: as(appRole),
    ownerUrl: as(owner),
    async setWall(on) {
      const tables = await sql(as(owner), `SELECT c.relname FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid WHERE p.polname = 'tenant_wall'`);
      const verb = on ? 'ENABLE' : 'DISABLE';
      await sql(as(owner), tables.map((t) => `ALTER TABLE "${t.relname}" ${verb} ROW LEVEL SECURITY;`).join('\n'));
    },
    async analyze() {
      await sql(as(owner), 'ANALYZE');
    },
    async drop() {
      await sql(url, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await sql(url, `DROP ROLE IF EXISTS ${appRole}`);
      await sql(url, `DROP ROLE IF EXISTS ${owner}`);
    },
  };
}

/** The same query with the tenant wall on and off, twice each, alternately; prints the cost of the wall. */
async function compareWall(roles: Roles, base: string, name: string, token: string, query: string) {
  const figures: Record<'on' | 'off', number[]> = { on: [], off: [] };
  for (const on of [true, false, true, false]) {
    await roles.setWall(on);
    figures[on ? 'on' : 'off'].push((await timeRequests(base, `${name} [row-level security ${on ? 'on' : 'off'}]`, token, query)).perSecond);
  }
  await roles.setWall(true);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(`  => with the wall ${((mean(figures.on) / mean(figures.off)) * 100).toFixed(0)} % of the throughput without it`);
}

const CASES = 500;
const SHARED_CASES = 200;
const INCIDENTS_PER_PERSON = 2;

/** People with a case each and incidents across the demo branches; an active agreement with the police team; some cases shared with it. */
async function loadPeople(db: import('typeorm').DataSource) {
  const [demo] = await db.query(`SELECT s.id, (SELECT id FROM app_user WHERE email = 'manager@demo.test') AS manager,
    (SELECT id FROM partner_organisation WHERE library_service_id = s.id AND type = 'POLICE_NEIGHBOURHOOD_TEAM') AS police FROM library_service s WHERE code = 'DEMO'`);
  await db.query(
    `
    WITH p AS (INSERT INTO subject (library_service_id, name, created_by_id, lawful_basis, retain_until)
               SELECT $1, 'Person ' || g, $2, 'PUBLIC_TASK', '2040-01-01' FROM generate_series(1, ${CASES}) g RETURNING id),
    c AS (INSERT INTO case_file (library_service_id, subject_id, owner_id, title, lawful_basis, retain_until)
          SELECT $1, p.id, $2, 'Support plan', 'PUBLIC_TASK', '2040-01-01' FROM p RETURNING id, subject_id),
    i AS (INSERT INTO incident (library_service_id, branch_id, occurred_at, category, description, recorded_by_id, lawful_basis, retain_until)
          SELECT $1, (SELECT id FROM branch WHERE library_service_id = $1 ORDER BY random() + g LIMIT 1), now() - g * interval '1 hour', 'ANTISOCIAL_BEHAVIOUR', 'Shouting', $2, 'PUBLIC_TASK', '2040-01-01'
          FROM c, generate_series(1, ${INCIDENTS_PER_PERSON}) g RETURNING id, description)
    SELECT count(*) FROM i`,
    [demo.id, demo.manager],
  );
  await db.query(
    `INSERT INTO incident_subject (incident_id, subject_id, part, library_service_id, added_by_id)
    SELECT i.id, c.subject_id, 'PERPETRATOR', $1, $2 FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM incident) i
    JOIN (SELECT subject_id, row_number() OVER (ORDER BY id) AS n FROM case_file) c ON c.n = (i.n - 1) % ${CASES} + 1`,
    [demo.id, demo.manager],
  );
  const [agreement] = await db.query(
    `INSERT INTO data_sharing_agreement (library_service_id, title, purpose, lawful_basis, categories, starts_on, status, created_by_id, activated_at, activated_by_id)
    VALUES ($1, 'Town centre ISA', 'Reducing crime and disorder', 'PUBLIC_TASK', '{IDENTITY,INCIDENTS,BANS}', '2025-01-01', 'ACTIVE', $2, now(), $2) RETURNING id`,
    [demo.id, demo.manager],
  );
  await db.query(`INSERT INTO data_sharing_agreement_party (library_service_id, agreement_id, partner_organisation_id) VALUES ($1, $2, $3)`, [
    demo.id,
    agreement.id,
    demo.police,
  ]);
  await db.query(
    `INSERT INTO case_share (library_service_id, case_id, agreement_id, partner_organisation_id, categories, reason, shared_by_id)
    SELECT $1, id, $2, $3, '{IDENTITY,INCIDENTS}', 'Joint problem solving', $4 FROM case_file ORDER BY id LIMIT ${SHARED_CASES}`,
    [demo.id, agreement.id, demo.police, demo.manager],
  );
}

async function login(base: string, email: string): Promise<string> {
  const r = await post(base, `mutation { login(email: "${email}", password: "demo-password") { accessToken } }`);
  return r.data.login.accessToken;
}

async function post(base: string, query: string, token?: string) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body;
}

async function timeRequests(base: string, name: string, token: string, query: string): Promise<{ perSecond: number }> {
  for (let i = 0; i < 10; i++) await post(base, query, token); // warm-up
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < REQUESTS) {
        const t = performance.now();
        await post(base, query, token);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))].toFixed(1);
  console.log(
    `${name}: ${(latencies.length / seconds).toFixed(0)} req/s, p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, p99 ${pct(0.99)} ms (${latencies.length} requests, concurrency ${CONCURRENCY})`,
  );
  return { perSecond: latencies.length / seconds };
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
