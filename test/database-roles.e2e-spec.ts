import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createApp, type RunningApp } from '../apps/api/create-app.js';
import { loadConfig, runAsTenant } from '../libs/common/src/index.js';
import { databaseUrl } from './support/database-template.js';
import {
  createBranch,
  createIncident,
  createIntelligence,
  createLibraryService,
  createSubject,
  createUser,
  demoServiceId,
  type Db,
  isoDaysFromNow,
} from './support/builders.js';

/**
 * Two roles on PostgreSQL: the owner runs the migrations and owns everything; the service connects
 * as an application role that cannot change the schema, its triggers or the audit trail's past.
 * PostgreSQL only (the embedded database is one local session, guarded by its socket's password).
 */
const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;

onPostgres('database roles', () => {
  const admin = process.env.DATABASE_URL!;
  const suffix = randomBytes(4).toString('hex');
  const owner = `sl_owner_${suffix}`;
  const app = `sl_app_${suffix}`;
  const database = `sl_roles_${suffix}`;
  const as = (role: string) => {
    const u = new URL(databaseUrl(admin, database));
    u.username = role;
    u.password = '';
    return u.toString();
  };
  const superuser = async (sql: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  let running: RunningApp;
  let client: pg.Client;

  beforeAll(async () => {
    await superuser(`CREATE ROLE ${owner} LOGIN`);
    await superuser(`CREATE ROLE ${app} LOGIN`);
    await superuser(`CREATE DATABASE ${database} OWNER ${owner}`);
    const config = loadConfig({
      DATABASE_URL: as(app),
      MIGRATION_DATABASE_URL: as(owner),
      JWT_SECRET: randomBytes(32).toString('hex'),
      SEED_DEMO: 'base',
      LOG_LEVEL: 'silent',
      HOST: '127.0.0.1',
      // Signing in with a password alone, as the other tests do (two-factor sign-in: test/two-factor.e2e-spec.ts).
      TWO_FACTOR_ROLES: 'none',
      // One connection, so a test can look at the setting the last request left on it.
      DATABASE_POOL_SIZE: '1',
    });
    running = await createApp(config, 0);
    client = new pg.Client({ connectionString: as(app) });
    await client.connect();
    // As the service does outside a signed-in request (row-level security is tried below).
    await client.query(`SELECT set_config('safer.tenant', 'platform', false)`);
  }, 120_000);
  afterAll(async () => {
    await client?.end();
    await running?.close();
    await superuser(`DROP DATABASE IF EXISTS ${database}`);
    await superuser(`DROP ROLE IF EXISTS ${app}`);
    await superuser(`DROP ROLE IF EXISTS ${owner}`);
  });

  const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const res = await fetch(`${running.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data: any; errors?: unknown[] };
  };
  const refused = (sql: string, params: unknown[] = []) => expect(client.query(sql, params)).rejects.toMatchObject({ code: '42501' });

  it('the service runs as the application role: migrated and seeded by the owner, signed in, audited', async () => {
    const tables = await client.query(`SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'`);
    expect(tables.rows).toEqual([{ tableowner: owner }]);
    const login = await gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`, {
      e: 'dpo@demo.test',
      p: 'demo-password',
    });
    expect(login.errors).toBeUndefined();
    const trail = await gql(`{ auditEvents(first: 5) { totalCount } }`, {}, login.data.login.accessToken);
    expect(trail.errors).toBeUndefined();
    expect(trail.data.auditEvents.totalCount).toBeGreaterThan(0);
  });

  it('is no superuser and cannot create roles, databases or bypass row security', async () => {
    const r = await client.query(`SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolreplication FROM pg_roles WHERE rolname = current_user`);
    expect(r.rows).toEqual([{ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false, rolreplication: false }]);
  });

  it('cannot change the schema: no DDL, no TRUNCATE, no triggers turned off, no replication role', async () => {
    await refused(`CREATE TABLE planted (i int)`);
    await refused(`DROP TRIGGER audit_event_no_update_delete ON audit_event`);
    await refused(`ALTER TABLE audit_event DISABLE TRIGGER ALL`);
    await refused(`TRUNCATE incident`);
    await refused(`SET session_replication_role = replica`);
    await refused(`CREATE OR REPLACE FUNCTION audit_retention_floor() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$`);
    await refused(`UPDATE application_grant SET privileges = 'SELECT, INSERT, UPDATE, DELETE'`);
  });

  it('can only add to the audit trail, at the time of writing', async () => {
    const [{ id }] = (await client.query(`INSERT INTO audit_event (action, entity_type) VALUES ('READ', 'Probe') RETURNING id`)).rows;
    await refused(`UPDATE audit_event SET purpose = 'rewritten' WHERE id = $1`, [id]);
    await refused(`DELETE FROM audit_event WHERE id = $1`, [id]);
    await client.query('BEGIN');
    await client.query(`SET LOCAL safer.retention_sweep = on`);
    await expect(client.query(`DELETE FROM audit_event WHERE id = $1`, [id])).rejects.toMatchObject({ code: '42501' });
    await client.query('ROLLBACK');
    await refused(`INSERT INTO audit_event (action, entity_type, occurred_at) VALUES ('READ', 'Probe', now() - interval '8 years')`);
    // The sweep's way in deletes only what is past retention: a new event stays.
    expect((await client.query(`SELECT * FROM prune_audit_events(ARRAY[$1::bigint])`, [id])).rows).toEqual([]);
    expect((await client.query(`SELECT count(*)::int AS n FROM audit_event WHERE id = $1`, [id])).rows).toEqual([{ n: 1 }]);
  });

  it("chains what it writes, and verifies the chain, but cannot move a chain's head or pruned mark", async () => {
    const [{ id }] = (await client.query(`INSERT INTO audit_event (action, entity_type) VALUES ('READ', 'Chained') RETURNING id`)).rows;
    const [row] = (await client.query(`SELECT chain_position::int AS p, length(hash) AS n FROM audit_event WHERE id = $1`, [id])).rows;
    expect(row.n).toBe(32);
    expect((await client.query(`SELECT position::int AS p FROM audit_chain WHERE chain = 'platform'`)).rows).toEqual([{ p: row.p }]);
    await refused(`UPDATE audit_chain SET position = 0, hash = NULL`);
    await refused(`UPDATE audit_chain SET pruned_position = position, pruned_hash = hash`);
    await refused(`DELETE FROM audit_chain`);
    await refused(`INSERT INTO audit_chain (chain, position) VALUES ('planted', 0)`);
    await refused(`DELETE FROM audit_digest`);
    await refused(
      `CREATE OR REPLACE FUNCTION audit_event_hash(bigint, bigint, timestamptz, uuid, text, text, text, text, uuid, text, text, text, bytea) RETURNS bytea LANGUAGE sql AS $$ SELECT NULL::bytea $$`,
    );
    const login = await gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`, {
      e: 'dpo@demo.test',
      p: 'demo-password',
    });
    const verified = await gql(`{ auditTrailVerification { isIntact eventsChecked } }`, {}, login.data.login.accessToken);
    expect(verified.errors).toBeUndefined();
    expect(verified.data.auditTrailVerification.isIntact).toBe(true);
    expect(verified.data.auditTrailVerification.eventsChecked).toBeGreaterThan(0);
  });

  describe('row-level security, the second wall of the tenancy', () => {
    let demo: string;
    let other: string;
    const rowsOf = (sql: string) => running.db.dataSource.query(sql);
    const superDb = (): Db => ({
      query: async (sql: string, params?: unknown[]) => {
        const c = new pg.Client({ connectionString: databaseUrl(admin, database) });
        await c.connect();
        try {
          return (await c.query(sql, params)).rows;
        } finally {
          await c.end();
        }
      },
    });
    beforeAll(async () => {
      const db = superDb();
      demo = await demoServiceId(db);
      other = await createLibraryService(db, { name: 'Wall County' });
      const branchId = await createBranch(db, { serviceId: other });
      const recordedById = await createUser(db, { serviceId: other, email: 'manager@wall.test', role: 'MANAGER' });
      await createIncident(db, { serviceId: other, branchId, recordedById });
      const demoBranch = (await db.query(`SELECT id FROM branch WHERE library_service_id = $1 LIMIT 1`, [demo]))[0].id;
      const demoManager = (await db.query(`SELECT id FROM app_user WHERE email = 'manager@demo.test'`))[0].id;
      await createIncident(db, { serviceId: demo, branchId: demoBranch, recordedById: demoManager });
    });

    it('a query that forgot its tenancy condition sees only the service it acts for; outside a request, every service', async () => {
      const services = (rows: { s: string }[]) => rows.map((r) => r.s).sort();
      const sql = `SELECT DISTINCT library_service_id::text AS s FROM incident`;
      expect(services(await runAsTenant(demo, () => rowsOf(sql)))).toEqual([demo]);
      expect(services(await runAsTenant(other, () => rowsOf(sql)))).toEqual([other]);
      expect(services(await rowsOf(sql))).toEqual([demo, other].sort());
      // Nor can it write into another service.
      await expect(
        runAsTenant(demo, () => running.db.dataSource.query(`UPDATE incident SET description = 'moved' WHERE library_service_id = $1 RETURNING id`, [other])),
      ).resolves.toEqual([[], 0]);
      await expect(
        runAsTenant(demo, () => running.db.dataSource.query(`INSERT INTO branch (library_service_id, name) VALUES ($1, 'Planted')`, [other])),
      ).rejects.toMatchObject({ code: '42501' });
    });

    it("a signed-in request acts for its user's service", async () => {
      const login = await gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`, {
        e: 'manager@wall.test',
        p: 'demo-password',
      });
      const r = await gql(`{ incidents(first: 10) { totalCount } }`, {}, login.data.login.accessToken);
      expect(r.errors).toBeUndefined();
      expect(r.data.incidents.totalCount).toBe(1);
      // The pool's one connection, taken without the tenant binding, still says whom it last served.
      const pool = (running.db.dataSource.driver as unknown as { master: pg.Pool }).master;
      const c = await pool.connect();
      try {
        expect((await c.query(`SELECT current_setting('safer.tenant') AS t`)).rows).toEqual([{ t: other }]);
      } finally {
        c.release();
      }
    });
  });

  it('keeps intelligence review decisions as written: added, and deleted with their item, never changed', async () => {
    const db: Db = { query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows };
    const serviceId = await demoServiceId(db);
    const [{ id: manager }] = await db.query(`SELECT id FROM app_user WHERE email = 'manager@demo.test'`);
    const subjectId = await createSubject(db, { serviceId, createdById: manager, name: 'Reviewed Person' });
    const id = await createIntelligence(db, { serviceId, subjectId, authorId: manager });
    const login = await gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`, {
      e: 'manager@demo.test',
      p: 'demo-password',
    });
    const token = login.data.login.accessToken;
    const renewed = await gql(
      `mutation($i: RenewIntelligenceInput!) { renewIntelligence(input: $i) { version reviews { totalCount } } }`,
      { i: { id, version: 1, reviewOn: isoDaysFromNow(30), reason: 'Still relevant' } },
      token,
    );
    expect(renewed).toEqual({ data: { renewIntelligence: { version: 2, reviews: { totalCount: 1 } } } });
    await refused(`UPDATE intelligence_review SET reason = 'rewritten'`);
    const deleted = await gql(`mutation($i: VersionedReasonInput!) { deleteIntelligence(input: $i) { id } }`, { i: { id, version: 2, reason: 'Done' } }, token);
    expect(deleted).toEqual({ data: { deleteIntelligence: { id } } });
    expect((await client.query(`SELECT count(*)::int AS n FROM intelligence_review WHERE intelligence_item_id = $1`, [id])).rows).toEqual([{ n: 0 }]);
  });

  it('the owner can still prune what is past retention, through the same function the sweep calls', async () => {
    const c = new pg.Client({ connectionString: as(owner) });
    await c.connect();
    try {
      const [{ id }] = (
        await c.query(`INSERT INTO audit_event (action, entity_type, occurred_at) VALUES ('READ', 'Old', now() - interval '8 years') RETURNING id`)
      ).rows;
      expect((await client.query(`SELECT id::text AS id FROM prune_audit_events(ARRAY[$1::bigint]) AS id`, [id])).rows).toEqual([{ id }]);
    } finally {
      await c.end();
    }
  });
});
