import { Inject, Injectable, Logger, Optional, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../common/src/index.js';
import { intervalPeriod, ScheduledWork } from '../../../database/src/scheduled-work.js';
import { RetentionSweepService, SweepAlreadyRunningError } from './retention-sweep.service.js';

/**
 * The in-app schedule (RETENTION_SWEEP_INTERVAL_MINUTES, off by default). One sweep at a time
 * per process; a tick while another sweep holds the sweep lock (another replica, the CLI, the
 * DPO's runRetentionSweep) is skipped. Shutdown waits for a sweep in progress so its batch is
 * not cut off mid-transaction. Across replicas each interval's sweep runs once: a tick claims
 * its period in scheduled_run first (libs/database/src/scheduled-work.ts), so replicas whose
 * timers fire minutes apart do not sweep one after another.
 */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('RetentionSweep');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly work: ScheduledWork | null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sweeper: RetentionSweepService,
    @Optional() @InjectDataSource() db?: DataSource,
  ) {
    this.work = db ? new ScheduledWork(db) : null;
  }

  onApplicationBootstrap(): void {
    const minutes = this.config.RETENTION_SWEEP_INTERVAL_MINUTES;
    if (!minutes) return;
    this.timer = setInterval(() => void this.tick(), minutes * 60_000);
    this.timer.unref();
    this.logger.log(`retention sweep scheduled every ${minutes} minutes`);
  }

  /** One scheduled sweep; skipped if the previous one is still running, or another replica has this interval's. */
  async tick(now = new Date()): Promise<void> {
    if (this.running) return;
    this.running = (async () => {
      try {
        const minutes = this.config.RETENTION_SWEEP_INTERVAL_MINUTES;
        let runs: Awaited<ReturnType<RetentionSweepService['sweep']>> = [];
        const sweep = async () => {
          runs = await this.sweeper.sweep({ triggeredBy: 'SCHEDULE' });
        };
        if (minutes && this.work) {
          if (!(await this.work.runOnce('retention-sweep', intervalPeriod(now, minutes * 60_000), sweep))) {
            this.logger.log('retention sweep skipped: this interval was swept by another process');
            return;
          }
        } else await sweep();
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
