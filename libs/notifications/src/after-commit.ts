import type { DataSource, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';

interface Pending {
  depth: number;
  run: () => void;
}

/**
 * Work to do once a transaction has committed (publishing a live event, waking the sender):
 * an event about a row another process cannot see yet would send readers looking for nothing.
 * Kept per query runner (one per transaction); dropped with a rollback, including a rollback
 * to a savepoint for what was added inside it.
 */
export class AfterCommit implements EntitySubscriberInterface {
  private readonly pending = new WeakMap<QueryRunner, Pending[]>();

  static on(db: DataSource): AfterCommit {
    const hook = new AfterCommit();
    (db.subscribers as EntitySubscriberInterface[]).push(hook);
    return hook;
  }

  add(runner: QueryRunner, run: () => void): void {
    const list = this.pending.get(runner) ?? [];
    list.push({ depth: (runner as unknown as { transactionDepth: number }).transactionDepth, run });
    this.pending.set(runner, list);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (event.queryRunner.isTransactionActive) return; // a savepoint released: the outer transaction may still roll back
    const list = this.pending.get(event.queryRunner);
    this.pending.delete(event.queryRunner);
    for (const p of list ?? []) p.run();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    const runner = event.queryRunner;
    if (!runner.isTransactionActive) {
      this.pending.delete(runner);
      return;
    }
    const depth = (runner as unknown as { transactionDepth: number }).transactionDepth;
    const list = this.pending.get(runner);
    if (list)
      this.pending.set(
        runner,
        list.filter((p) => p.depth <= depth),
      );
  }
}
