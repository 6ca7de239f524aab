/**
 * How fast an alarm reaches its subscribers (README "Benchmarks", live alerts): BENCH_SUBSCRIBERS
 * staff (default 1,000), each on a WebSocket of their own with `alarmRaised` for their branch,
 * spread evenly over two app instances in this process on one PostgreSQL database (a schema of its
 * own, dropped afterwards) with REDIS_URL between them; BENCH_ALARMS alarms (default 10) raised one
 * after another through the first instance. The latency of a delivery is from sending raiseAlarm to
 * the subscriber's client having the alarm: the mutation, the commit, Redis, then for each
 * subscriber its token checked, the alarm read through its rules and audited. Printed: p50, p99 and
 * the slowest, over all deliveries and per instance. Without DATABASE_URL and REDIS_URL: one
 * embedded instance with the in-process bus. The clients run in a worker thread of their own, as
 * they would be other machines: their parsing is not the servers' work (times are absolute, so both
 * threads' clocks agree).
 *
 *   DATABASE_URL=postgres://… REDIS_URL=redis://127.0.0.1:6379 npm run bench:alarms
 */
import { randomBytes } from 'node:crypto';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { JwtService } from '@nestjs/jwt';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createApp, type RunningApp } from '../apps/api/create-app.js';
import { hashPassword } from '../libs/access/src/index.js';
import { loadConfig } from '../libs/common/src/index.js';
import { dropSchema } from '../libs/database/src/index.js';
import { EVENT_BUS, type EventBus } from '../libs/events/src/index.js';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1_000);
const ALARMS = Number(process.env.BENCH_ALARMS ?? 10);
const SUBSCRIPTION = `subscription($b: [ID!]!) { alarmRaised(branchIds: $b) { id } }`;

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const figures = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return `p50 ${quantile(s, 0.5).toFixed(0)} ms, p99 ${quantile(s, 0.99).toFixed(0)} ms, slowest ${s[s.length - 1]!.toFixed(0)} ms (${s.length} deliveries)`;
};

async function main() {
  const url = process.env.DATABASE_URL;
  const redis = process.env.REDIS_URL;
  const shared = Boolean(url && redis);
  const schema = url ? `bench_${randomBytes(4).toString('hex')}` : undefined;
  const env = shared
    ? { DATABASE_URL: url, DATABASE_SCHEMA: schema, REDIS_URL: redis, JWT_SECRET: randomBytes(32).toString('hex') }
    : { DATA_DIR: ':memory:', ...(url ? { DATABASE_URL: url, DATABASE_SCHEMA: schema, JWT_SECRET: randomBytes(32).toString('hex') } : {}) };
  // One connection per subscriber; the default pool and request limits, as in production.
  const config = loadConfig({ ...env, SEED_DEMO: 'base', LOG_LEVEL: 'silent', HOST: '127.0.0.1', TWO_FACTOR_ROLES: 'none' });
  const apps: RunningApp[] = [];
  let clientThread: Worker | undefined;
  try {
    apps.push(await createApp(config, 0));
    if (shared) apps.push(await createApp(config, 0));
    const ds = apps[0]!.db.dataSource;
    const [{ id: serviceId }] = await ds.query(`SELECT id FROM library_service WHERE code = 'DEMO'`);
    const [{ id: branchId }] = await ds.query(`SELECT id FROM branch WHERE library_service_id = $1 AND name = 'Central Library'`, [serviceId]);
    const [{ id: raiserId }] = await ds.query(`SELECT id FROM app_user WHERE email = 'staff@demo.test'`);
    // Staff of Central Library, made in one statement; their tokens signed as sign-in would (a sign-in each would time argon2).
    const hash = await hashPassword(randomBytes(16).toString('hex'));
    const users: { id: string }[] = await ds.query(
      `INSERT INTO app_user (email, display_name, role, library_service_id, password_hash)
       SELECT 'bench' || n || '@bench.test', 'Bench ' || n, 'STAFF', $1, $2 FROM generate_series(1, $3::int) AS n RETURNING id`,
      [serviceId, hash, SUBSCRIBERS],
    );
    await ds.query(`INSERT INTO user_branch (user_id, branch_id) SELECT unnest($1::uuid[]), $2`, [users.map((u) => u.id), branchId]);
    const jwt = apps[0]!.app.get(JwtService);
    const sign = (sub: string) => jwt.signAsync({ sub, gen: 0 }, { expiresIn: config.JWT_TTL_SECONDS });

    const sentAt = new Map<string, number>();
    const latencies: { app: number; ms: number }[] = [];
    const early = new Map<string, { app: number; at: number }[]>();
    let arrived = 0;
    let onArrival: () => void = () => {};
    const subscribers = await Promise.all(users.map(async (u, i) => ({ app: i % apps.length, token: await sign(u.id) })));
    const clients = new Worker(new URL(import.meta.url), { workerData: { urls: apps.map((a) => a.url), subscribers, branchId } satisfies ClientsData });
    clientThread = clients;
    clients.on('error', (err) => console.error('clients failed', err));
    clients.on('message', ({ id, app, at }: Arrival) => {
      const sent = sentAt.get(id);
      // The answer to raiseAlarm may come after some deliveries: those are timed once it does.
      if (sent === undefined) early.set(id, [...(early.get(id) ?? []), { app, at }]);
      else latencies.push({ app, ms: at - sent });
      arrived++;
      onArrival();
    });
    const buses = apps.map((a) => a.app.get<EventBus>(EVENT_BUS));
    while (buses.reduce((n, b) => n + b.listenerCount('ALARM_RAISED'), 0) < SUBSCRIBERS) await new Promise((r) => setTimeout(r, 20));
    console.log(
      `${SUBSCRIBERS} subscribers on ${apps.length} instance(s) (${shared ? 'PostgreSQL, Redis bus' : url ? 'PostgreSQL, in-process bus' : 'embedded PGlite, in-process bus'}), ${ALARMS} alarms`,
    );
    const raiserToken = await sign(raiserId);
    for (let n = 0; n < ALARMS; n++) {
      const expected = (n + 1) * SUBSCRIBERS;
      const done = new Promise<void>((resolve) => {
        onArrival = () => arrived >= expected && resolve();
      });
      const started = now();
      const res = await fetch(`${apps[0]!.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${raiserToken}` },
        body: JSON.stringify({ query: `mutation($b: ID!) { raiseAlarm(input: { branchId: $b, codeword: "Bench" }) { id } }`, variables: { b: branchId } }),
      });
      const { data } = (await res.json()) as { data: { raiseAlarm: { id: string } } };
      sentAt.set(data.raiseAlarm.id, started);
      for (const e of early.get(data.raiseAlarm.id) ?? []) latencies.push({ app: e.app, ms: e.at - started });
      early.delete(data.raiseAlarm.id);
      if (arrived < expected) await done;
    }
    console.log(`all:        ${figures(latencies.map((l) => l.ms))}`);
    for (const [i] of apps.entries()) console.log(`instance ${i + 1}: ${figures(latencies.filter((l) => l.app === i).map((l) => l.ms))}`);
  } finally {
    await clientThread?.terminate();
    for (const a of apps.reverse()) await a.close();
    if (url && schema) await dropSchema(url, schema);
  }
}

interface ClientsData {
  urls: string[];
  subscribers: { app: number; token: string }[];
  branchId: string;
}
interface Arrival {
  id: string;
  app: number;
  at: number;
}

/** Milliseconds since the epoch, to the microsecond: the same clock in both threads. */
const now = () => performance.timeOrigin + performance.now();

/** The worker thread: a WebSocket and an `alarmRaised` subscription per subscriber, each arrival posted back with its time. */
function runClients({ urls, subscribers, branchId }: ClientsData): void {
  for (const { app, token } of subscribers) {
    const client = createClient({
      url: `${urls[app]!.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    client.subscribe<{ alarmRaised: { id: string } }>(
      { query: SUBSCRIPTION, variables: { b: [branchId] } },
      {
        next: ({ data }) => parentPort!.postMessage({ id: data!.alarmRaised.id, app, at: now() } satisfies Arrival),
        error: (err) => console.error('subscription error', err),
        complete: () => {},
      },
    );
  }
}

if (isMainThread) await main();
else runClients(workerData as ClientsData);
