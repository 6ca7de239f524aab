/**
 * Notification throughput: events queued at a steady rate (BENCH_RATE a second, default 100, for
 * BENCH_SECONDS, default 10), each in its own transaction through the outbox, as the referral and
 * sharing services queue them; the app's own sender delivers them to a real SMTP server in this
 * process (smtp-server). Reports messages sent a second, the lag from commit to the SMTP server
 * (p50, p99), and any message lost or sent twice. Run with `npm run bench:notifications` (embedded
 * database), or with DATABASE_URL set for PostgreSQL (in a schema of its own, dropped afterwards).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createApp } from '../apps/api/create-app.js';
import { loadConfig } from '../libs/common/src/index.js';
import { dropSchema } from '../libs/database/src/index.js';
import { NotificationKind, NotificationOutbox } from '../libs/notifications/src/index.js';

const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const LINK = /#\/FollowUpAction\/([0-9a-f-]{36})/;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

async function main() {
  const arrivals = new Map<string, number[]>();
  const smtp = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const id = LINK.exec(
          Buffer.concat(chunks)
            .toString('utf8')
            .replace(/=\r?\n/g, ''),
        )?.[1];
        if (id) arrivals.set(id, [...(arrivals.get(id) ?? []), performance.now()]);
        callback();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;

  const url = process.env.DATABASE_URL;
  const schema = url ? `bench_${randomBytes(4).toString('hex')}` : undefined;
  const config = loadConfig({
    ...(url ? { DATABASE_URL: url, DATABASE_SCHEMA: schema, JWT_SECRET: randomBytes(32).toString('hex') } : { DATA_DIR: ':memory:' }),
    SEED_DEMO: 'base',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    SMTP_URL: smtpUrl,
    NOTIFICATION_POLL_MS: '200',
    SCHEDULER_TICK_MS: '0',
  });
  const running = await createApp(config, 0);
  const db = running.db.dataSource;
  try {
    const users: string[] = (await db.query(`SELECT id FROM app_user WHERE is_active ORDER BY email`)).map((r: { id: string }) => r.id);
    const outbox = running.app.get(NotificationOutbox);
    const queuedAt = new Map<string, number>();
    const total = RATE * SECONDS;
    const started = performance.now();
    for (let i = 0; i < total; i++) {
      // Steady: event i is due at i / RATE seconds; late ones go at once (the queueing itself is measured too).
      const wait = started + (i * 1000) / RATE - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const recordId = randomUUID();
      await db.transaction((m) => outbox.queue(m, { kind: NotificationKind.FOLLOW_UP_DUE, recordId, to: { userIds: [users[i % users.length]] } }));
      queuedAt.set(recordId, performance.now());
    }
    const queuedIn = (performance.now() - started) / 1000;
    const deadline = performance.now() + 120_000;
    while (arrivals.size < total && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const lags = [...queuedAt].flatMap(([id, at]) => (arrivals.get(id) ?? []).slice(0, 1).map((t) => t - at)).sort((a, b) => a - b);
    const lastArrival = Math.max(...[...arrivals.values()].map((a) => a[0]));
    const duplicates = [...arrivals.values()].filter((a) => a.length > 1).length;
    console.log(
      JSON.stringify(
        {
          database: url ? 'postgresql' : 'embedded (PGlite)',
          rate: RATE,
          seconds: SECONDS,
          queued: total,
          queuedPerSecond: Math.round(total / queuedIn),
          sent: arrivals.size,
          sentPerSecond: Math.round(arrivals.size / ((lastArrival - started) / 1000)),
          lagMsP50: Math.round(percentile(lags, 50)),
          lagMsP99: Math.round(percentile(lags, 99)),
          lost: total - arrivals.size,
          sentTwice: duplicates,
        },
        null,
        2,
      ),
    );
  } finally {
    await running.close();
    smtp.close();
    if (url && schema) await dropSchema(url, schema);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
