/**
 * Benchmarks: start the real app (embedded database unless DATABASE_URL is set), load a data set,
 * and time GraphQL requests over HTTP. Prints the figures. Run with `npm run bench`.
 * BENCH_REQUESTS (default 400) and BENCH_CONCURRENCY (default 8) tune the run.
 */
import { randomBytes } from 'node:crypto';
import { createApp } from '../apps/api/create-app.js';
import { loadConfig } from '../libs/common/src/index.js';
import { dropSchema } from '../libs/database/src/index.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const SERVICES = 20;
const PARTNERS_PER_SERVICE = 100;
const CONTACTS_PER_PARTNER = 3;

async function main() {
  const url = process.env.DATABASE_URL;
  const schema = url ? `bench_${randomBytes(4).toString('hex')}` : undefined;
  const config = loadConfig({ ...(url ? { DATABASE_URL: url, DATABASE_SCHEMA: schema, JWT_SECRET: randomBytes(32).toString('hex') } : { DATA_DIR: ':memory:' }), SEED_DEMO: 'true', LOG_LEVEL: 'silent', HOST: '127.0.0.1' });
  const app = await createApp(config, 0);
  const db = app.db.dataSource;
  try {
    const t0 = performance.now();
    await db.query(`
      WITH s AS (INSERT INTO library_service (name, code) SELECT 'Bench ' || g, 'BENCH_' || g FROM generate_series(1, ${SERVICES}) g RETURNING id),
      p AS (INSERT INTO partner_organisation (library_service_id, name, type, relationship)
            SELECT s.id, 'Partner ' || g || ' of ' || s.id, 'CHARITY', 'COLLABORATIVE_RELATIONSHIP' FROM s, generate_series(1, ${PARTNERS_PER_SERVICE}) g RETURNING id, library_service_id)
      INSERT INTO partner_contact (library_service_id, partner_organisation_id, name, lawful_basis, retain_until)
      SELECT p.library_service_id, p.id, 'Contact ' || g, 'PUBLIC_TASK', '2030-01-01' FROM p, generate_series(1, ${CONTACTS_PER_PARTNER}) g`);
    await db.query('ANALYZE');
    console.log(`database: ${app.db.embedded ? 'embedded PGlite' : 'PostgreSQL'}; loaded ${SERVICES * PARTNERS_PER_SERVICE} partners, ${SERVICES * PARTNERS_PER_SERVICE * CONTACTS_PER_PARTNER} contacts in ${(performance.now() - t0).toFixed(0)} ms`);

    const token = await login(app.url, 'manager@demo.test');
    const partnerToken = await login(app.url, 'pcso@demo.test');
    await run(app.url, 'partnerOrganisations first:20 (manager, with totalCount)', token, `{ partnerOrganisations(first: 20) { totalCount edges { node { id name type } } } }`);
    await run(app.url, 'partnerOrganisations first:20 + nested contacts (DataLoader, audited reads)', token, `{ partnerOrganisations(first: 20) { totalCount edges { node { id name contacts { id name phone } } } } }`);
    await run(app.url, 'partnerContacts first:50 (partner user, rules in SQL)', partnerToken, `{ partnerContacts(first: 50) { totalCount edges { node { id name } } } }`);
    await run(app.url, 'me (auth + ability only)', token, `{ me { id role } }`);
  } finally {
    await app.close();
    if (url && schema) await dropSchema(url, schema);
  }
}

async function login(base: string, email: string): Promise<string> {
  const r = await post(base, `mutation { login(email: "${email}", password: "demo-password") { accessToken } }`);
  return r.data.login.accessToken;
}

async function post(base: string, query: string, token?: string) {
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query }) });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body;
}

async function run(base: string, name: string, token: string, query: string) {
  for (let i = 0; i < 10; i++) await post(base, query, token); // warm-up
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next++ < REQUESTS) {
      const t = performance.now();
      await post(base, query, token);
      latencies.push(performance.now() - t);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))].toFixed(1);
  console.log(`${name}: ${(latencies.length / seconds).toFixed(0)} req/s, p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, p99 ${pct(0.99)} ms (${latencies.length} requests, concurrency ${CONCURRENCY})`);
}

void main().catch((err) => { console.error(err); process.exit(1); });
