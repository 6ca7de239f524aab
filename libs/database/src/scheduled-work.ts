import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { DataSource } from 'typeorm';

/**
 * Scheduled work that runs once per period across every replica (and the CLI): a task claims
 * its period by inserting (task, period_key) into scheduled_run; the primary key lets exactly
 * one insert win, on PostgreSQL and on PGlite alike (where advisory locks never block, the
 * embedded database being one session). Nothing is held while the task runs.
 *
 * A claim whose run never finished (the process died) is taken over once it is older than
 * `staleAfterMs`: tasks must therefore be idempotent (notifications are, by their unique keys).
 * A run that fails gives its claim back, so the next tick tries again.
 */
export class ScheduledWork {
  /** Who holds a claim (host, process, instance): shown in scheduled_run for operators. */
  readonly claimant = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly db: DataSource,
    private readonly staleAfterMs = 60 * 60_000,
  ) {}

  /** Runs `work` if this call wins the period; `false` when another run has it (or finished it). */
  async runOnce(task: string, periodKey: string, work: () => Promise<void>): Promise<boolean> {
    if (!(await this.claim(task, periodKey))) return false;
    try {
      await work();
    } catch (err) {
      await this.db.query('DELETE FROM scheduled_run WHERE task = $1 AND period_key = $2 AND claimed_by = $3', [task, periodKey, this.claimant]);
      throw err;
    }
    await this.db.query('UPDATE scheduled_run SET finished_at = clock_timestamp() WHERE task = $1 AND period_key = $2 AND claimed_by = $3', [
      task,
      periodKey,
      this.claimant,
    ]);
    return true;
  }

  private async claim(task: string, periodKey: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO scheduled_run (task, period_key, claimed_by) VALUES ($1, $2, $3)
       ON CONFLICT (task, period_key) DO UPDATE SET claimed_by = EXCLUDED.claimed_by, claimed_at = clock_timestamp()
         WHERE scheduled_run.finished_at IS NULL AND scheduled_run.claimed_at < clock_timestamp() - make_interval(secs => $4::double precision / 1000)
       RETURNING task`,
      [task, periodKey, this.claimant, this.staleAfterMs],
    );
    return rows.length === 1;
  }
}

/** The period of a daily task at `now`: the UTC day, once its hour has come; null before. */
export function dailyPeriod(now: Date, hourUtc: number): string | null {
  return now.getUTCHours() >= hourUtc ? now.toISOString().slice(0, 10) : null;
}

/** The period of a task that runs every `ms`: the number of whole intervals since the epoch. */
export function intervalPeriod(now: Date, ms: number): string {
  return `every-${ms}ms:${Math.floor(now.getTime() / ms)}`;
}
