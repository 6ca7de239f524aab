import type { DataSource } from 'typeorm';

/** One message to send, as the queue holds it: identifiers only. */
export interface Job {
  id: string;
  libraryServiceId: string;
  eventKey: string;
  recipient: string;
  channel: 'EMAIL' | 'WEBHOOK';
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  createdAt: Date;
}

export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  maxAttempts: number;
  /** How long a claimed job is left to its sender before another may take it (a crashed process). */
  leaseMs: number;
}

/** The wait after the `attempts`-th failure: base, doubled each time, capped. */
export const backoffMs = (attempts: number, p: Pick<RetryPolicy, 'baseMs' | 'maxMs'>): number => Math.min(p.maxMs, p.baseMs * 2 ** Math.max(0, attempts - 1));

/**
 * The durable queue of messages, on the database (notification_job). A worker claims due jobs
 * with FOR UPDATE SKIP LOCKED in one short statement, so several workers (replicas) never take
 * the same job, and sets a lease instead of holding a transaction open while it sends (the
 * embedded database has one connection). A job whose lease ran out (its sender died) is due
 * again. Each claim counts an attempt; a failure waits backoffMs before the next, and after
 * maxAttempts the job is marked dead (kept, for an operator to see). The unique key
 * (event_key, recipient, channel) is what makes one message per event per recipient.
 */
export class JobQueue {
  constructor(
    private readonly db: DataSource,
    private readonly policy: RetryPolicy,
  ) {}

  async claim(limit: number): Promise<Job[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `UPDATE notification_job j SET attempts = j.attempts + 1, locked_until = clock_timestamp() + make_interval(secs => $2::double precision / 1000)
       WHERE j.id IN (
         SELECT id FROM notification_job
         WHERE sent_at IS NULL AND dead_at IS NULL AND next_run_at <= clock_timestamp() AND (locked_until IS NULL OR locked_until < clock_timestamp())
         ORDER BY next_run_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING j.id, j.library_service_id, j.event_key, j.recipient, j.channel, j.kind, j.payload, j.attempts, j.created_at`,
      [limit, this.policy.leaseMs],
    );
    return (Array.isArray(rows[0]) ? (rows[0] as Record<string, unknown>[]) : rows).map((r) => ({
      id: String(r.id),
      libraryServiceId: r.library_service_id as string,
      eventKey: r.event_key as string,
      recipient: r.recipient as string,
      channel: r.channel as Job['channel'],
      kind: r.kind as string,
      payload: r.payload as Record<string, unknown>,
      attempts: Number(r.attempts),
      createdAt: new Date(r.created_at as string),
    }));
  }

  /** Marks jobs sent, in one statement (a batch's worth). */
  async sent(...jobs: Job[]): Promise<void> {
    if (!jobs.length) return;
    await this.db.query('UPDATE notification_job SET sent_at = clock_timestamp(), locked_until = NULL, last_error = NULL WHERE id = ANY($1::bigint[])', [
      jobs.map((j) => j.id),
    ]);
  }

  /** A failed try: due again after the backoff, or dead after the last attempt. `code` names the error; it never quotes it. */
  async failed(job: Job, code: string, permanent = false): Promise<'retry' | 'dead'> {
    const dead = permanent || job.attempts >= this.policy.maxAttempts;
    await this.db.query(
      `UPDATE notification_job SET locked_until = NULL, last_error = $2,
         next_run_at = clock_timestamp() + make_interval(secs => $3::double precision / 1000),
         dead_at = CASE WHEN $4 THEN clock_timestamp() END
       WHERE id = $1`,
      [job.id, code.slice(0, 100), backoffMs(job.attempts, this.policy), dead],
    );
    return dead ? 'dead' : 'retry';
  }
}
