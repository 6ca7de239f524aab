import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig, withTenantSlot } from '../../common/src/index.js';
import { Mailer, type MailMessage } from '../../mail/src/index.js';
import { type Job, JobQueue } from './job-queue.js';
import { NotificationOutbox } from './notification-outbox.service.js';
import { NotificationKind } from './notification-kind.enum.js';
import { renderJob, webhookBody } from './templates.js';
import { SIGNATURE_HEADER, signature, TIMESTAMP_HEADER } from './webhooks/signature.js';

const WEBHOOK_TIMEOUT_MS = 10_000;
/** Batches one wake-up works through before it sleeps again (it is woken again by new work). */
const MAX_BATCHES_PER_TICK = 50;

/** A failure that trying again will not mend (no address any more, the webhook removed). */
class Permanent extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/**
 * The sender: polls the queue every NOTIFICATION_POLL_MS (and at once when the outbox says a
 * change committed messages), claims a batch, sends each message, and marks it sent or failed.
 * Addresses are read at send time (a job holds none). Logs name the job and the channel, never
 * an address. Runs in every API process; the queue keeps replicas from sending one job twice.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private readonly queue: JobQueue;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly mailer: Mailer,
    outbox: NotificationOutbox,
  ) {
    this.queue = new JobQueue(db, {
      baseMs: config.NOTIFICATION_RETRY_BASE_MS,
      maxMs: config.NOTIFICATION_RETRY_MAX_MS,
      maxAttempts: config.NOTIFICATION_MAX_ATTEMPTS,
      leaseMs: Math.max(60_000, 3 * WEBHOOK_TIMEOUT_MS),
    });
    outbox.onQueued(() => this.wake());
  }

  get enabled(): boolean {
    return this.config.NOTIFICATION_POLL_MS > 0;
  }

  onApplicationBootstrap(): void {
    if (this.enabled) this.schedule();
  }

  /** Looks at the queue now (or right after the look in progress). */
  wake(): void {
    if (!this.enabled || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    // Woken from the commit of a user's request: the sender works for the platform (every service's queue), not for that user's service.
    withTenantSlot(() => void this.tick());
  }

  /** One look: batches until the queue has nothing due. Never throws (a failing database is logged, and tried at the next poll). */
  async tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        do {
          this.again = false;
          for (let i = 0; i < MAX_BATCHES_PER_TICK && !this.stopped; i++) {
            const jobs = await this.queue.claim(this.config.NOTIFICATION_BATCH_SIZE);
            const delivered = await Promise.all(jobs.map((job) => this.deliver(job)));
            await this.queue.sent(...jobs.filter((_, i) => delivered[i]));
            if (jobs.length < this.config.NOTIFICATION_BATCH_SIZE) break;
          }
        } while (this.again && !this.stopped);
      } catch (err) {
        this.logger.error(`notification queue unavailable: ${(err as Error).name}`);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick().then(() => this.schedule()), this.config.NOTIFICATION_POLL_MS);
    this.timer.unref();
  }

  /** Sends one job; true when it went (the batch marks those sent together), false when it failed and was marked so. */
  private async deliver(job: Job): Promise<boolean> {
    try {
      if (job.channel === 'WEBHOOK') await this.post(job);
      else await this.mailer.send(await this.email(job));
      return true;
    } catch (err) {
      const code = err instanceof Permanent ? err.code : String((err as { code?: unknown }).code ?? (err as Error).name ?? 'Error');
      const outcome = await this.queue.failed(job, code, err instanceof Permanent).catch(() => 'unrecorded');
      const log = `notification job ${job.id} (${job.channel}) failed: ${code}; ${outcome === 'dead' ? 'given up' : 'will retry'}`;
      if (outcome === 'dead') this.logger.error(log);
      else this.logger.warn(log);
      return false;
    }
  }

  private async email(job: Job): Promise<MailMessage> {
    const [type, id] = job.recipient.split(':') as ['user' | 'org', string];
    const [row] =
      type === 'org'
        ? await this.db.query(`SELECT email FROM partner_organisation WHERE id = $1 AND archived_at IS NULL AND status = 'ACTIVE'`, [id])
        : await this.db.query('SELECT email FROM app_user WHERE id = $1 AND is_active', [id]);
    if (!row?.email) throw new Permanent('NO_ADDRESS');
    return { to: row.email, ...renderJob(job.kind as NotificationKind | 'DAILY_DIGEST', type, job.payload, this.config.publicUrl) };
  }

  private async post(job: Job): Promise<void> {
    const organisationId = job.recipient.split(':')[1];
    const [hook] = await this.db.query('SELECT url, secret FROM partner_webhook WHERE partner_organisation_id = $1', [organisationId]);
    if (!hook) throw new Permanent('WEBHOOK_REMOVED');
    const p = job.payload as { recordType: string; recordId: string };
    const sentAt = new Date().toISOString();
    const body = webhookBody({
      eventKey: job.eventKey,
      kind: job.kind as NotificationKind,
      recordType: p.recordType,
      recordId: p.recordId,
      partnerOrganisationId: organisationId,
      sentAt,
    });
    const res = await fetch(hook.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature(hook.secret, body), [TIMESTAMP_HEADER]: sentAt },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    await res.body?.cancel().catch(() => undefined);
    if (res.status === 410) throw new Permanent('HTTP_410');
    if (res.status < 200 || res.status >= 300) throw Object.assign(new Error('webhook refused'), { code: `HTTP_${res.status}` });
  }

  /** Stops taking work, and waits for the batch in progress (its jobs are marked; anything unsent waits in the queue). */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  // Modules are destroyed before the application's shutdown hooks run: stop before the Mailer closes.
  onModuleDestroy(): Promise<void> {
    return this.beforeApplicationShutdown();
  }
}
