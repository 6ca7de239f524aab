import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { ALL_ENTITIES } from '../apps/api/entities.js';
import { dataSourceOptions } from '../libs/database/src/index.js';
import { seedDemo } from '../apps/api/seed/demo-seed.js';
import { createLogger } from '../apps/api/logger.js';
import { createPostgresTestDatabase } from './support/database-template.js';
import { testRedisUrl } from './support/redis.js';
import { liveClient } from './support/live.js';
import { type Replica, startReplica } from './support/replica.js';
import { waitFor } from './support/wait.js';

/**
 * Two API processes on one PostgreSQL and one Redis, as replicas behind a load balancer
 * (docs/scaling.md). PostgreSQL only: the embedded database is one process's own.
 */
const url = process.env.DATABASE_URL;
const redisUrl = url ? await testRedisUrl() : null;

(url && redisUrl ? describe : describe.skip)('two replicas', () => {
  let database: { url: string; drop(): Promise<void> };
  let a: Replica;
  let b: Replica;
  let sql: pg.Client;
  let startedAt: Date;

  beforeAll(async () => {
    database = await createPostgresTestDatabase(url!);
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    // Both sweep every minute: the scheduled work must still run once per interval across the two.
    const env = { DATABASE_URL: database.url, REDIS_URL: redisUrl!, JWT_SECRET: randomBytes(32).toString('hex'), RETENTION_SWEEP_INTERVAL_MINUTES: '1' };
    startedAt = new Date();
    [a, b] = await Promise.all([startReplica(env), startReplica(env)]);
    // Seeded once, through a connection of the test's own: the replicas start on a migrated database.
    const ds = new DataSource(dataSourceOptions({ url: database.url, poolSize: 1 }, ALL_ENTITIES));
    await ds.initialize();
    await seedDemo(ds, createLogger('silent'), 'base');
    await ds.destroy();
  }, 180_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await sql?.end();
    await database?.drop();
  });

  it('delivers an alarm raised through replica A to a subscriber on replica B (through Redis)', async () => {
    const [staffOnA, managerOnB] = await Promise.all([a.login('staff@demo.test'), b.login('manager@demo.test')]);
    const { rows } = await sql.query(`SELECT id FROM branch WHERE name = 'Central Library'`);
    const branchId = rows[0].id;
    const live = liveClient(b.url, managerOnB);
    try {
      const raised = live.subscribe<{ alarmRaised: { id: string; codeword: string | null } }>(
        `subscription($b: [ID!]!) { alarmRaised(branchIds: $b) { id codeword } }`,
        { b: [branchId] },
      );
      // graphql-ws says nothing when a subscription starts: raise on A until B's subscriber has one (each a new alarm).
      const sent = new Set<string>();
      let got: { id: string } | undefined;
      const next = raised.next().then((r) => (got = r.data?.alarmRaised));
      await waitFor(
        async () => {
          if (got) return true;
          const r = await a.gql<{ raiseAlarm: { id: string } }>(
            `mutation($i: RaiseAlarmInput!) { raiseAlarm(input: $i) { id } }`,
            { i: { branchId, codeword: 'Code blue' } },
            staffOnA,
          );
          expect(r.errors).toBeUndefined();
          sent.add(r.data.raiseAlarm.id);
          await Promise.race([next, new Promise((resolve) => setTimeout(resolve, 250))]);
          return got !== undefined;
        },
        20_000,
        'an alarm raised on A reaching B',
      );
      expect(sent.has(got!.id)).toBe(true);
      raised.stop();
    } finally {
      await live.dispose();
    }
  });

  it('runs a sweep scheduled on both replicas once per interval', async () => {
    // Both replicas started together with a one-minute interval, and both are running (A is killed only afterwards).
    await waitFor(
      async () => (await sql.query(`SELECT count(*)::int AS n FROM scheduled_run WHERE task = 'retention-sweep' AND finished_at IS NOT NULL`)).rows[0].n >= 1,
      100_000,
      'a scheduled sweep',
    );
    const { rows: periods } = await sql.query(`SELECT period_key FROM scheduled_run WHERE task = 'retention-sweep'`);
    const { rows: runs } = await sql.query(
      `SELECT coalesce(library_service_id::text, 'platform') AS service, count(*)::int AS n FROM retention_run
       WHERE triggered_by = 'SCHEDULE' AND started_at >= $1 GROUP BY 1`,
      [startedAt],
    );
    expect(runs.length).toBeGreaterThan(0);
    expect([a.process.exitCode, b.process.exitCode]).toEqual([null, null]);
    // One sweep per claimed interval: each service swept once per interval, not once per replica.
    expect(runs.filter((r: { n: number }) => r.n !== periods.length)).toEqual([]);
  }, 150_000);

  it('loses no committed write when a replica is killed mid-stream; the other carries on', async () => {
    const [tokenA, tokenB] = await Promise.all([a.login('staff@demo.test'), b.login('staff@demo.test')]);
    const { rows } = await sql.query(`SELECT b.id FROM branch b WHERE b.name = 'Central Library'`);
    const branchId = rows[0].id;
    const record = (replica: Replica, token: string, n: number) =>
      replica
        .gql<{ recordIncident: { id: string } }>(
          `mutation($i: RecordIncidentInput!) { recordIncident(input: $i) { id } }`,
          { i: { occurredAt: new Date(Date.now() - 60_000).toISOString(), branchId, category: 'VERBAL_ABUSE', description: `Replica write ${n}` } },
          token,
        )
        .then((r) => (r.errors ? null : r.data.recordIncident.id))
        .catch(() => null); // the connection dropped: the client cannot know, and retries elsewhere
    const writes: Promise<string | null>[] = [];
    for (let n = 0; n < 40; n++) writes.push(record(n % 2 ? b : a, n % 2 ? tokenB : tokenA, n));
    // Kill A while its writes are in flight.
    await new Promise((r) => setTimeout(r, 50));
    await a.kill();
    for (let n = 40; n < 60; n++) writes.push(record(b, tokenB, n));
    const answered = (await Promise.all(writes)).filter((id): id is string => id !== null);
    const { rows: stored } = await sql.query(`SELECT id FROM incident WHERE description LIKE 'Replica write %'`);
    const storedIds = new Set(stored.map((r: { id: string }) => r.id));
    // Every write a client was told succeeded is there; B's 20 after the kill all succeeded.
    expect(answered.filter((id) => !storedIds.has(id))).toEqual([]);
    expect(answered.length).toBeGreaterThanOrEqual(40);
    // Nothing half-written: every stored incident has its audit row (written in the same transaction).
    const { rows: unaudited } = await sql.query(
      `SELECT i.id FROM incident i WHERE i.description LIKE 'Replica write %'
       AND NOT EXISTS (SELECT 1 FROM audit_event e WHERE e.entity_type = 'Incident' AND e.entity_id = i.id::text AND e.action = 'CREATE')`,
    );
    expect(unaudited).toEqual([]);
  });

  it('API_WORKERS=2: two processes answer on one port, and a worker that dies is replaced', async () => {
    const env = { DATABASE_URL: database.url, REDIS_URL: redisUrl!, JWT_SECRET: randomBytes(32).toString('hex') };
    const workersOf = (pid: number) =>
      readdirSync(`/proc/${pid}/task`).flatMap((t) => readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(' ').filter(Boolean).map(Number));
    const c = await startReplica({ ...env, API_WORKERS: '2' });
    // The first worker has said it is ready; the others start after it, and say so on stdout too.
    let started = 1;
    c.process.stdout!.on('data', (d: Buffer) => (started += d.toString().split('GraphQL endpoint').length - 1));
    try {
      const primary = c.process.pid!;
      await waitFor(async () => started === 2 && workersOf(primary).length === 2, 60_000, 'two workers');
      // Each worker signs in with its own connections; many requests at once spread over both.
      const token = await c.login('manager@demo.test');
      const answers = await Promise.all(Array.from({ length: 20 }, () => c.gql<{ me: { email: string } }>(`{ me { email } }`, {}, token)));
      expect(answers.map((r) => r.data?.me.email)).toEqual(Array(20).fill('manager@demo.test'));
      const [first] = workersOf(primary);
      process.kill(first, 'SIGKILL');
      // A kept-alive connection to the dead worker fails once, as it would for any client: it asks again.
      const me = () => c.gql<{ me: { email: string } }>(`{ me { email } }`, {}, token).catch(() => null);
      await waitFor(async () => (await me())?.data.me.email === 'manager@demo.test', 20_000, 'an answer after the kill');
      // The other worker answered on the same port, before any replacement was listening.
      expect(started).toBe(2);
      await waitFor(async () => started === 3 && workersOf(primary).length === 2 && !workersOf(primary).includes(first), 60_000, 'a new worker');
      const again = await Promise.all(Array.from({ length: 10 }, () => c.gql<{ me: { email: string } }>(`{ me { email } }`, {}, token)));
      expect(again.map((r) => r.data?.me.email)).toEqual(Array(10).fill('manager@demo.test'));
    } finally {
      await c.stop();
    }
  }, 150_000);
});
