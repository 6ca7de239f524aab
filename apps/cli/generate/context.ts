import type { DataSource } from 'typeorm';
import type { Plan, Range, ServicePlan } from './plan.js';
import type { Progress } from './progress.js';
import { Rng } from './sql.js';

/** What every family works with: the database, the plan, the progress line, and a way to run one batch. */
export class Gen {
  constructor(
    readonly ds: DataSource,
    readonly plan: Plan,
    readonly progress: Progress,
  ) {}

  get seed(): number {
    return this.plan.seed;
  }

  /** The day the data is relative to, as a SQL date. */
  get today(): string {
    return `'${this.plan.today}'::date`;
  }

  rng(family: string, key = 'n'): Rng {
    return new Rng(this.seed, family, key);
  }

  /**
   * One batch, in a transaction of its own. The statement timeout is lifted (a batch of a large
   * family may take longer than a request may) and the commit does not wait for the disk (a crash
   * loses the last whole batches, never part of one). A statement that ends `SELECT … AS rows` (a
   * data-modifying WITH) reports the rows it wrote that way; a plain INSERT by its row count.
   */
  async batch(label: string, statements: { sql: string; params?: unknown[] }[]): Promise<number> {
    const runner = this.ds.createQueryRunner();
    let rows = 0;
    try {
      await runner.connect();
      await runner.startTransaction();
      // No statement timeout; no JIT (the row estimates of generate_series make it compile for seconds what runs in milliseconds).
      await runner.query(`SET LOCAL statement_timeout = 0; SET LOCAL jit = off; SET LOCAL synchronous_commit = off`);
      for (const { sql, params } of statements) {
        const result = await runner.query(sql, params, true);
        const first = Array.isArray(result.records) ? (result.records[0] as { rows?: number | string } | undefined) : undefined;
        rows += first?.rows !== undefined ? Number(first.rows) : (result.affected ?? 0);
      }
      await runner.commitTransaction();
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw new Error(`generate-data: ${label} failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    } finally {
      await runner.release();
    }
    this.progress.add(rows, label);
    return rows;
  }
}

/** The [lo, hi] (inclusive) global numbers of a range, in chunks of at most `size`. */
export function* chunks(range: Range, size: number): Generator<[number, number]> {
  for (let lo = range.lo; lo < range.lo + range.count; lo += size) yield [lo, Math.min(range.lo + range.count, lo + size) - 1];
}

/** One kind of record (with its child rows), generated service by service. */
export interface Family {
  name: string;
  /** Rows it will write for a service, roughly (for the progress line). */
  estimate(s: ServicePlan): number;
  run(g: Gen, s: ServicePlan): Promise<void>;
}
