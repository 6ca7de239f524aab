import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Role } from '../../../access/src/index.js';
import { APP_CONFIG, type AppConfig } from '../../../common/src/index.js';
import { dailyPeriod, ScheduledWork } from '../../../database/src/scheduled-work.js';
import { NotificationOutbox } from '../notification-outbox.service.js';
import { NotificationKind } from '../notification-kind.enum.js';
import { DUE_QUERIES, dueRecords } from './due-records.js';

/** Who hears of each due date. */
const AUDIENCE: Record<keyof typeof DUE_QUERIES, Role[] | 'owner'> = {
  FOLLOW_UP_DUE: 'owner',
  BAN_REVIEW_DUE: [Role.MANAGER],
  AGREEMENT_REVIEW_DUE: [Role.MANAGER],
  RIGHTS_REQUEST_DEADLINE: [Role.DPO],
};

/**
 * The daily notification work: the reminders of what is due tomorrow, the digest emails, and
 * the clean-up of old notifications and sent messages.
 * Every SCHEDULER_TICK_MS each task whose day has come (NOTIFICATION_DAILY_HOUR, UTC) tries to
 * claim that day in scheduled_run; one process in the whole deployment wins and runs it. The
 * work is idempotent besides (reminders are keyed by record and due date, digests by day), so a
 * run taken over from a process that died part-way notifies nobody twice.
 */
@Injectable()
export class NotificationScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  readonly work: ScheduledWork;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<string[]> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: NotificationOutbox,
  ) {
    this.work = new ScheduledWork(db);
  }

  onApplicationBootstrap(): void {
    if (!this.config.SCHEDULER_TICK_MS) return;
    this.timer = setInterval(() => void this.tick().catch(() => undefined), this.config.SCHEDULER_TICK_MS);
    this.timer.unref();
  }

  /** Runs the tasks due at `now` that no process has run for their day yet; the names of those this call ran. */
  async tick(now = new Date()): Promise<string[]> {
    if (this.running) return [];
    this.running = (async () => {
      const ran: string[] = [];
      const day = dailyPeriod(now, this.config.NOTIFICATION_DAILY_HOUR);
      if (!day) return ran;
      for (const [task, run] of [
        ['notification-reminders', () => this.reminders(day)],
        ['notification-digest', () => this.digest(day)],
        ['notification-cleanup', () => this.cleanup()],
      ] as const) {
        try {
          if (await this.work.runOnce(task, day, run)) ran.push(task);
        } catch (err) {
          this.logger.error(`${task} for ${day} failed: ${(err as Error).name}; it is tried again at the next tick`);
        }
      }
      return ran;
    })();
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  /** Queues a reminder for each record due the day after `day`, one transaction per kind. */
  async reminders(day: string): Promise<void> {
    for (const kind of Object.keys(DUE_QUERIES) as (keyof typeof DUE_QUERIES)[]) {
      await this.db.transaction(async (m) => {
        for (const due of await dueRecords(m, kind, day)) {
          const audience = AUDIENCE[kind];
          await this.outbox.queue(m, {
            kind: NotificationKind[kind],
            recordId: due.id,
            eventKey: `${kind}:${due.id}:${due.dueOn}`,
            to: audience === 'owner' ? { userIds: due.ownerId ? [due.ownerId] : [] } : { roles: { libraryServiceId: due.libraryServiceId, roles: audience } },
          });
        }
      });
    }
  }

  /**
   * One email per user with notifications waiting for a digest: how many of each kind. The
   * notifications are marked digested in the same statement that queues the email, so each is
   * counted in one digest only.
   */
  async digest(day: string): Promise<void> {
    await this.db.transaction((m) =>
      m.query(
        `WITH taken AS (
           UPDATE notification SET digested_at = clock_timestamp() WHERE digest AND digested_at IS NULL
           RETURNING user_id, library_service_id, kind),
         per_kind AS (SELECT user_id, library_service_id, kind, count(*)::int AS n FROM taken GROUP BY 1, 2, 3)
         INSERT INTO notification_job (library_service_id, event_key, recipient, channel, kind, payload)
         SELECT min(library_service_id::text)::uuid, 'DAILY_DIGEST:' || $1, 'user:' || user_id, 'EMAIL', 'DAILY_DIGEST',
                jsonb_build_object('counts', jsonb_agg(jsonb_build_object('kind', kind, 'count', n) ORDER BY kind))
         FROM per_kind GROUP BY user_id
         ON CONFLICT (event_key, recipient, channel) DO NOTHING`,
        [day],
      ),
    );
    this.outbox.nudge();
  }

  /**
   * What is no longer needed: notifications read more than 90 days ago (or any older than a
   * year), messages sent or given up more than 30 days ago, and the claims of past periods.
   * Notifications say what someone worked on; they are not a record to keep.
   */
  async cleanup(): Promise<void> {
    await this.db.query(`DELETE FROM notification WHERE read_at < now() - interval '90 days' OR created_at < now() - interval '1 year'`);
    await this.db.query(`DELETE FROM notification_job WHERE coalesce(sent_at, dead_at) < now() - interval '30 days'`);
    await this.db.query(`DELETE FROM scheduled_run WHERE finished_at < now() - interval '90 days'`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
