import { randomBytes, randomUUID } from 'node:crypto';
import { createApp } from '../apps/api/create-app.js';
import { loadConfig } from '../libs/common/src/index.js';
import { DataSource } from 'typeorm';
import { DeliveryWorker, type Job, JobQueue, NotificationKind, NotificationOutbox } from '../libs/notifications/src/index.js';
import { createUser, demoServiceId } from './support/builders.js';
import { NOTIFY_ENV, pendingJobs, waitFor } from './support/notifications.js';
import { startTestSmtp, type TestSmtp } from './support/smtp.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Delivery through the durable queue: the mail relay goes down while events keep coming, every
 * message waits (retried with backoff), and once the relay is back each arrives exactly once.
 */
describe('notification delivery (e2e, real SMTP server)', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let demo: string;
  const users: { id: string; email: string }[] = [];

  const queue = (recordId: string, userIds: string[], eventKey?: string) =>
    t.db.transaction((m) => t.running.app.get(NotificationOutbox).queue(m, { kind: NotificationKind.FOLLOW_UP_DUE, recordId, to: { userIds }, eventKey }));
  const arrived = (email: string, recordId: string) => smtp.received.filter((m) => m.to.includes(email) && m.text.includes(recordId)).length;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    // Retries every 100 to 400 ms, and never given up during the outage.
    t = await startTestApp({ ...NOTIFY_ENV(smtp.url), NOTIFICATION_MAX_ATTEMPTS: '1000', NOTIFICATION_BATCH_SIZE: '4' });
    demo = await demoServiceId(t.db);
    for (let i = 0; i < 5; i++) {
      const email = `reader${i}@delivery.test`;
      users.push({ id: await createUser(t.db, { email, role: 'STAFF', serviceId: demo }), email });
    }
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop().catch(() => undefined);
  });

  it('SMTP down: nothing is lost, each job is retried with backoff; back up: every message arrives exactly once', async () => {
    await smtp.stop();
    const before = smtp.received.length;
    const records: string[] = Array.from({ length: 6 }, () => randomUUID());
    for (const r of records)
      await queue(
        r,
        users.map((u) => u.id),
      );
    const expected = records.length * users.length;
    const [{ n: queued }] = await t.db.query(`SELECT count(*)::int AS n FROM notification_job WHERE payload->>'recordId' = ANY($1)`, [records]);
    expect(queued).toBe(expected);

    // Every job has failed at least twice (the relay refuses connections: nodemailer's ESOCKET), none is sent or given up.
    const jobs = async () =>
      t.db.query(`SELECT attempts, last_error, sent_at, dead_at, next_run_at FROM notification_job WHERE payload->>'recordId' = ANY($1)`, [records]);
    await waitFor('every job to have been tried twice', async () => (await jobs()).every((j: any) => j.attempts >= 2));
    const failing = await jobs();
    expect(failing.filter((j: any) => !(j.sent_at === null && j.dead_at === null && j.last_error === 'ESOCKET'))).toEqual([]);
    expect(smtp.received.length).toBe(before);

    await smtp.start();
    await waitFor('the queue to drain', async () => (await pendingJobs(t)) === 0, 30_000);
    for (const r of records) for (const u of users) expect([u.email, r, arrived(u.email, r)]).toEqual([u.email, r, 1]);
    const sent = await jobs();
    expect(sent.every((j: any) => j.sent_at !== null && j.dead_at === null)).toBe(true);
  });

  it('one message per event per recipient: an event queued again sends nothing more', async () => {
    const record = randomUUID();
    const key = `FOLLOW_UP_DUE:${record}:2030-01-01`;
    await queue(record, [users[0].id], key);
    await queue(record, [users[0].id, users[0].id], key);
    await waitFor('the queue to drain', async () => (await pendingJobs(t)) === 0);
    expect(arrived(users[0].email, record)).toBe(1);
    expect((await t.db.query('SELECT count(*)::int AS n FROM notification WHERE record_id = $1', [record]))[0].n).toBe(1);
  });

  it('a recipient who can no longer be reached is given up at once, by id, and does not block the rest', async () => {
    const gone = await createUser(t.db, { email: 'gone@delivery.test', role: 'STAFF', serviceId: demo });
    const record = randomUUID();
    await t.db.transaction(async (m) => {
      await t.running.app.get(NotificationOutbox).queue(m, { kind: NotificationKind.FOLLOW_UP_DUE, recordId: record, to: { userIds: [gone, users[1].id] } });
      // Deactivated after the event, before the message is sent: the address is read at send time.
      await m.query('UPDATE app_user SET is_active = false WHERE id = $1', [gone]);
    });
    await waitFor('the queue to settle', async () => (await pendingJobs(t)) === 0);
    const [dead] = await t.db.query(`SELECT dead_at, last_error, attempts FROM notification_job WHERE recipient = $1`, [`user:${gone}`]);
    expect(dead).toMatchObject({ last_error: 'NO_ADDRESS', attempts: 1 });
    expect(dead.dead_at).not.toBeNull();
    expect(arrived(users[1].email, record)).toBe(1);
    expect(arrived('gone@delivery.test', record)).toBe(0);
  });

  // Two replicas need a database both reach: PostgreSQL (the embedded database is one process's).
  (process.env.DATABASE_URL ? it : it.skip)('two replicas sending from one queue deliver each message once', async () => {
    const url = (t.db.options as { url: string }).url;
    const replica = await createApp(
      loadConfig({
        DATABASE_URL: url,
        JWT_SECRET: randomBytes(32).toString('hex'),
        ...NOTIFY_ENV(smtp.url),
        SEED_DEMO: 'false',
        SCHEDULER_TICK_MS: '0',
        LOG_LEVEL: 'silent',
        HOST: '127.0.0.1',
      }),
      0,
    );
    try {
      const records: string[] = Array.from({ length: 10 }, () => randomUUID());
      // Queued through either replica's outbox: each wakes its own sender, and both poll.
      const outboxes = [t.running.app.get(NotificationOutbox), replica.app.get(NotificationOutbox)];
      const dbs = [t.db, replica.db.dataSource];
      for (const [i, r] of records.entries()) {
        await dbs[i % 2].transaction((m) =>
          outboxes[i % 2].queue(m, { kind: NotificationKind.FOLLOW_UP_DUE, recordId: r, to: { userIds: users.map((u) => u.id) } }),
        );
      }
      await waitFor('the queue to drain', async () => (await pendingJobs(t)) === 0, 30_000);
      for (const r of records) for (const u of users) expect([u.email, r, arrived(u.email, r)]).toEqual([u.email, r, 1]);
    } finally {
      await replica.close();
    }
  });

  it('workers claim disjoint jobs (FOR UPDATE SKIP LOCKED), on one connection or several', async () => {
    // Last: the app's own worker is stopped, so the claims below are the only ones.
    await t.running.app.get(DeliveryWorker).beforeApplicationShutdown();
    const records: string[] = Array.from({ length: 12 }, () => randomUUID());
    for (const r of records) await queue(r, [users[2].id]);
    const policy = { baseMs: 100, maxMs: 400, maxAttempts: 5, leaseMs: 60_000 };
    const sources: DataSource[] = [t.db];
    const url = (t.db.options as { url?: string }).url;
    // On PostgreSQL, a second pool as another replica would have; PGlite is one session (one process).
    if (process.env.DATABASE_URL && url) sources.push(await new DataSource({ type: 'postgres', url }).initialize());
    try {
      const queues = [new JobQueue(sources[0], policy), new JobQueue(sources.at(-1)!, policy), new JobQueue(sources[0], policy)];
      // Claims side by side; one may skip rows another holds for the moment (that is SKIP LOCKED), so claim until all are taken.
      const claimed: Job[] = [];
      for (let round = 0; round < 10 && claimed.length < records.length; round++) {
        claimed.push(...(await Promise.all(queues.map((q) => q.claim(5)))).flat().filter((j) => records.includes(j.payload.recordId as string)));
      }
      const ids = claimed.map((j) => j.id);
      expect(ids).toHaveLength(12);
      expect(new Set(ids).size).toBe(12);
      expect(new Set(claimed.map((j) => j.payload.recordId))).toEqual(new Set(records));
      // Claimed jobs are leased: nobody takes them again while their sender works.
      expect((await Promise.all(queues.map((q) => q.claim(50)))).flat()).toEqual([]);
    } finally {
      for (const s of sources.slice(1)) await s.destroy();
    }
  });
});
