import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../common/src/index.js';
import { RetentionSweepService, SweepAlreadyRunningError } from './retention-sweep.service.js';

/**
 * The in-app schedule (RETENTION_SWEEP_INTERVAL_MINUTES, off by default). One sweep at a time
 * per process; a tick while another sweep holds the sweep lock (another replica, the CLI, the
 * DPO's runRetentionSweep) is skipped. Shutdown waits for a sweep in progress so its batch is
 * not cut off mid-transaction.
 */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('RetentionSweep');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sweeper: RetentionSweepService,
  ) {}

  onApplicationBootstrap(): void {
    const minutes = this.config.RETENTION_SWEEP_INTERVAL_MINUTES;
    if (!minutes) return;
    this.timer = setInterval(() => void this.tick(), minutes * 60_000);
    this.timer.unref();
    this.logger.log(`retention sweep scheduled every ${minutes} minutes`);
  }

  /** One scheduled sweep; skipped if the previous one is still running. */
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = (async () => {
      try {
        const runs = await this.sweeper.sweep({ triggeredBy: 'SCHEDULE' });
        const total = (k: 'deleted' | 'anonymised' | 'onHold' | 'blocked') => runs.reduce((n, r) => n + r.counts.reduce((s, c) => s + c[k], 0), 0);
        this.logger.log(
          `retention sweep done: ${runs.length} runs, ${total('deleted')} deleted, ${total('anonymised')} anonymised, ${total('onHold')} on hold, ${total('blocked')} blocked`,
        );
      } catch (err) {
        if (err instanceof SweepAlreadyRunningError) this.logger.log('retention sweep skipped: another sweep is running');
        else this.logger.error(`retention sweep failed: ${(err as Error).name}`);
      } finally {
        this.running = null;
      }
    })();
    await this.running;
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
