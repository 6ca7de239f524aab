import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../libs/common/src/index.js';
import { dailyPeriod, intervalPeriod, ScheduledWork } from '../libs/database/src/scheduled-work.js';
import { RetentionScheduler, RetentionSweepService } from '../libs/governance/src/engines.js';
import { NotificationOutbox, NotificationScheduler } from '../libs/notifications/src/index.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Scheduled work runs once per period across replicas: several schedulers, on one connection
 * pool and (on PostgreSQL) on another, race for the same period and exactly one runs it. PGlite
 * is one session, where advisory locks never block: the claim is a row, which works on both.
 */
describe('scheduled work, once across replicas (e2e)', () => {
  let t: TestApp;
  let other: DataSource | null = null;
  /** The pools a replica would have: the app's, and on PostgreSQL a second one to the same database. */
  let pools: DataSource[];

  beforeAll(async () => {
    t = await startTestApp({ RETENTION_SWEEP_INTERVAL_MINUTES: '1440', NOTIFICATION_DAILY_HOUR: '6' });
    const url = (t.db.options as { url?: string }).url;
    if (process.env.DATABASE_URL && url) other = await new DataSource({ type: 'postgres', url }).initialize();
    pools = other ? [t.db, other] : [t.db];
  });
  afterAll(async () => {
    await other?.destroy();
    await t.close();
  });

  const replicas = (n: number, staleAfterMs?: number) => Array.from({ length: n }, (_, i) => new ScheduledWork(pools[i % pools.length], staleAfterMs));

  it('of several schedulers racing for one period, exactly one runs the task; the next period runs again', async () => {
    const runs: string[] = [];
    const work = replicas(4);
    const won = await Promise.all(
      work.map((w, i) =>
        w.runOnce('test-task', '2026-12-03', async () => {
          runs.push(`replica ${i}`);
        }),
      ),
    );
    expect(runs).toHaveLength(1);
    expect(won.filter(Boolean)).toHaveLength(1);
    // Later in the same period: nobody runs it again.
    expect(await work[1].runOnce('test-task', '2026-12-03', async () => void runs.push('again'))).toBe(false);
    // The next period is a new claim.
    expect(await work[2].runOnce('test-task', '2026-12-04', async () => void runs.push('next day'))).toBe(true);
    expect(runs).toHaveLength(2);
    const rows = await t.db.query(`SELECT period_key, finished_at IS NOT NULL AS finished FROM scheduled_run WHERE task = 'test-task' ORDER BY 1`);
    expect(rows).toEqual([
      { period_key: '2026-12-03', finished: true },
      { period_key: '2026-12-04', finished: true },
    ]);
  });

  it('a run that fails gives its period back, so the next tick (here or elsewhere) tries again', async () => {
    const [a, b] = replicas(2);
    await expect(a.runOnce('failing-task', 'p1', () => Promise.reject(new Error('the task failed')))).rejects.toThrow('the task failed');
    let ran = 0;
    expect(await b.runOnce('failing-task', 'p1', async () => void ran++)).toBe(true);
    expect(ran).toBe(1);
  });

  it('a claim left unfinished by a process that died is taken over once stale, and not before', async () => {
    await t.db.query(
      `INSERT INTO scheduled_run (task, period_key, claimed_by, claimed_at) VALUES ('orphan-task', 'p1', 'dead-host:1:x', clock_timestamp() - interval '2 hours')`,
    );
    await t.db.query(`INSERT INTO scheduled_run (task, period_key, claimed_by) VALUES ('orphan-task', 'p2', 'busy-host:1:x')`);
    const [w] = replicas(1, 60 * 60_000);
    let ran = 0;
    expect(await w.runOnce('orphan-task', 'p1', async () => void ran++)).toBe(true);
    expect(await w.runOnce('orphan-task', 'p2', async () => void ran++)).toBe(false);
    expect(ran).toBe(1);
  });

  it('the daily notification tasks run once per day across schedulers, and not before their hour', async () => {
    const config = t.running.app.get<symbol, AppConfig>(APP_CONFIG);
    const outbox = t.running.app.get(NotificationOutbox);
    const schedulers = [t.running.app.get(NotificationScheduler), ...pools.map((db) => new NotificationScheduler(config, db, outbox))];
    const day = new Date().toISOString().slice(0, 10);
    expect(await schedulers[0].tick(new Date(`${day}T05:59:00Z`))).toEqual([]);
    const ran = await Promise.all(schedulers.map((s) => s.tick(new Date(`${day}T09:00:00Z`))));
    expect(ran.flat().sort()).toEqual(['notification-cleanup', 'notification-digest', 'notification-reminders']);
    expect(await schedulers[1].tick(new Date(`${day}T23:00:00Z`))).toEqual([]);
    expect(dailyPeriod(new Date(`${day}T05:59:00Z`), 6)).toBeNull();
    expect(dailyPeriod(new Date(`${day}T06:00:00Z`), 6)).toBe(day);
  });

  it('the daily clean-up deletes old read notifications and old sent messages, and keeps the rest', async () => {
    const [{ id: user, library_service_id: service }] = await t.db.query(`SELECT id, library_service_id FROM app_user WHERE email = 'staff@demo.test'`);
    const add = (readAt: string | null, createdAt: string) =>
      t.db.query(
        `INSERT INTO notification (library_service_id, user_id, kind, record_type, record_id, event_key, read_at, created_at)
         VALUES ($1, $2, 'FOLLOW_UP_DUE', 'FollowUpAction', gen_random_uuid(), gen_random_uuid()::text, now() - $3::interval, now() - $4::interval) RETURNING id`,
        [service, user, readAt ?? '0 days', createdAt],
      );
    const [[oldRead], [recentRead], [oldUnread], [ancient]] = [
      await add('100 days', '120 days'),
      await add('10 days', '120 days'),
      await add(null, '200 days'),
      await add(null, '400 days'),
    ];
    await t.db.query('UPDATE notification SET read_at = NULL WHERE id = ANY($1)', [[oldUnread.id, ancient.id]]);
    await t.db.query(
      `INSERT INTO notification_job (library_service_id, event_key, recipient, channel, kind, sent_at) VALUES
       ($1, 'old', 'user:' || $2, 'EMAIL', 'FOLLOW_UP_DUE', now() - interval '31 days'), ($1, 'new', 'user:' || $2, 'EMAIL', 'FOLLOW_UP_DUE', now() - interval '1 day')`,
      [service, user],
    );
    await t.running.app.get(NotificationScheduler).cleanup();
    const left = (await t.db.query('SELECT id FROM notification WHERE id = ANY($1)', [[oldRead.id, recentRead.id, oldUnread.id, ancient.id]])).map(
      (r: { id: string }) => r.id,
    );
    expect(left.sort()).toEqual([recentRead.id, oldUnread.id].sort());
    expect(
      (await t.db.query(`SELECT event_key FROM notification_job WHERE event_key IN ('old', 'new')`)).map((r: { event_key: string }) => r.event_key),
    ).toEqual(['new']);
  });

  // As the application role alone (TEST_APPLICATION_ROLE) the sweep itself is refused (42501), with or without a schedule.
  const asOwner = process.env.TEST_APPLICATION_ROLE ? it.skip : it;
  asOwner('the retention sweep’s schedule sweeps once per interval across replicas (no longer only one at a time)', async () => {
    const config = t.running.app.get<symbol, AppConfig>(APP_CONFIG);
    const sweeper = t.running.app.get(RetentionSweepService);
    const schedulers = [t.running.app.get(RetentionScheduler), ...pools.map((db) => new RetentionScheduler(config, sweeper, db))];
    // The scheduled runs since the test began, one per service swept (and one for the audit events of no service).
    const [{ since }] = await t.db.query('SELECT clock_timestamp() AS since');
    const runs = async () =>
      t.db.query(
        `SELECT coalesce(library_service_id::text, 'none') AS service FROM retention_run WHERE triggered_by = 'SCHEDULE' AND started_at >= $1 ORDER BY 1`,
        [since],
      );
    const now = new Date();
    for (const s of schedulers) await s.tick(now);
    const once = (await runs()).map((r: { service: string }) => r.service);
    expect(once.length).toBeGreaterThanOrEqual(2);
    expect(new Set(once).size).toBe(once.length); // no service swept twice
    for (const s of schedulers) await s.tick(now);
    expect((await runs()).length).toBe(once.length);
    const [claim] = await t.db.query(`SELECT period_key FROM scheduled_run WHERE task = 'retention-sweep'`);
    expect(claim.period_key).toBe(intervalPeriod(now, 1440 * 60_000));
  });
});
