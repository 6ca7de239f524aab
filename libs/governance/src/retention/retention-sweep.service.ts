import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, assertAllowed, auditActor } from '../../../access/src/index.js';
import { BadInputError, ConflictError } from '../../../common/src/index.js';
import { AuditAction } from '../audit/audit-action.enum.js';
import { type AuditActor, AuditService } from '../audit/audit.service.js';
import { type CatalogEntry, PersonalDataCatalog } from '../processing/personal-data-catalog.js';
import { ident, returning } from '../processing/schema-catalog.js';
import { RetentionAction } from './retention-action.enum.js';
import { dueCutoff, retainUntilSql, todayUtc } from './retention-dates.js';
import { type EffectivePolicy, RetentionPolicyService } from './retention-policy.service.js';
import type { RetentionTypeCount } from './retention-run.entity.js';
import { withSavepoints } from './savepoints.js';
import { runView } from './retention-run-view.js';
import type { RetentionRunView } from './retention.types.js';

export interface SweepOptions {
  dryRun?: boolean;
  /** One library service; omitted: every service, then the audit events of no service. */
  libraryServiceId?: string;
  triggeredBy: 'CLI' | 'SCHEDULE' | 'API';
  batchSize?: number;
  now?: Date;
}

export interface SweepRunResult {
  runId: string;
  libraryServiceId: string | null;
  dryRun: boolean;
  counts: RetentionTypeCount[];
}

export const SWEEP_ROLE = 'RETENTION_SWEEP';
export const DELETED_PURPOSE = 'retention: deleted';
export const ANONYMISED_PURPOSE = 'retention: anonymised';
/** The advisory lock a sweep holds while it runs (one key for the whole database). */
export const SWEEP_LOCK_NAME = 'safer-libraries retention sweep';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Another sweep (of any service, in any replica) holds the lock. */
export class SweepAlreadyRunningError extends ConflictError {
  constructor() {
    super('a sweep is already running: try again when it has finished');
  }
}

/** The SQL that picks one record type's due records in one service. */
interface DueQuery {
  conditions: string[];
  params: unknown[];
  key: string;
  keyType: string;
  policyUntil: string | null;
}

/**
 * The retention sweep: every record past its retain-until date and not on legal hold is deleted
 * or anonymised (per its service's policy), one audit event each, in bounded batches, each batch
 * its own transaction. Batches take their rows with FOR UPDATE SKIP LOCKED, so two sweeps at once
 * share the work and never process a record twice; a record that is gone or already anonymised
 * when a statement runs is simply not returned, so nothing is audited twice either. On top of that
 * an in-app sweep that changes records (the DPO's runRetentionSweep, the schedule) runs alone: it
 * holds a PostgreSQL advisory lock for its whole run (a session lock, on a connection of its own,
 * since each batch is its own transaction), so one started while another runs, in this process or
 * another replica, is refused (CONFLICT). Admin commands take the lock shared: several of them
 * split the work, none runs beside an in-app sweep. Dry runs change nothing and take no lock.
 */
@Injectable()
export class RetentionSweepService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly catalog: PersonalDataCatalog,
    private readonly policies: RetentionPolicyService,
  ) {}

  /**
   * The DPO's sweep of their own library service (or its dry run), as its run's report. The run
   * is audited (CREATE RetentionRun) as the DPO's; each record it changes as the sweep's.
   */
  async runFor(actor: Actor, dryRun: boolean): Promise<RetentionRunView> {
    const libraryServiceId = actor.principal.libraryServiceId;
    assertAllowed(actor, 'create', 'RetentionSweep', { libraryServiceId });
    const [run] = await this.sweep({ dryRun, libraryServiceId, triggeredBy: 'API' });
    await this.db.transaction((m) =>
      this.audit.record(m, auditActor(actor), { action: AuditAction.CREATE, entityType: 'RetentionRun', entityIds: [run.runId], libraryServiceId }),
    );
    const [row] = await this.db.query(
      'SELECT id, triggered_by, dry_run, status, started_at, finished_at, counts FROM retention_run WHERE id = $1 AND library_service_id = $2',
      [run.runId, libraryServiceId],
    );
    return runView(row);
  }

  /** In this process: the embedded database is one session, where advisory locks never block. */
  private runningHere = false;

  async sweep(options: SweepOptions): Promise<SweepRunResult[]> {
    if (options.dryRun) return this.sweepAll(options);
    return this.alone(options.triggeredBy === 'CLI', () => this.sweepAll(options));
  }

  /**
   * Runs `run` holding the sweep lock, or refuses with SweepAlreadyRunningError. The in-app
   * sweeps (the DPO's, the schedule's) hold it alone; the admin command shares it with other
   * admin commands (they split the work, SKIP LOCKED) but never runs beside an in-app sweep.
   */
  private async alone<T>(shared: boolean, run: () => Promise<T>): Promise<T> {
    if (!shared && this.runningHere) throw new SweepAlreadyRunningError();
    if (!shared) this.runningHere = true;
    try {
      // One connection only (the embedded database): holding it would leave the sweep none, and one process is all there is.
      if (((this.db.options as { extra?: { max?: number } }).extra?.max ?? 10) <= 1) return await run();
      const lock = this.db.createQueryRunner();
      await lock.connect();
      const kind = shared ? '_shared' : '';
      try {
        const [{ locked }] = await lock.query(`SELECT pg_try_advisory_lock${kind}(hashtext($1)) AS locked`, [SWEEP_LOCK_NAME]);
        if (!locked) throw new SweepAlreadyRunningError();
        try {
          return await run();
        } finally {
          await lock.query(`SELECT pg_advisory_unlock${kind}(hashtext($1))`, [SWEEP_LOCK_NAME]);
        }
      } finally {
        await lock.release();
      }
    } finally {
      if (!shared) this.runningHere = false;
    }
  }

  private async sweepAll(options: SweepOptions): Promise<SweepRunResult[]> {
    let services: (string | null)[];
    if (options.libraryServiceId) {
      if (!UUID.test(options.libraryServiceId)) throw new BadInputError(`${options.libraryServiceId} is not a library service id (UUID)`);
      const [row] = await this.db.query('SELECT id FROM library_service WHERE id = $1', [options.libraryServiceId]);
      if (!row) throw new BadInputError(`library service ${options.libraryServiceId} does not exist`);
      services = [row.id];
    } else {
      services = [...(await this.db.query('SELECT id FROM library_service ORDER BY name')).map((r: { id: string }) => r.id), null];
    }
    const results: SweepRunResult[] = [];
    for (const service of services) results.push(await this.sweepService(service, options));
    return results;
  }

  private async sweepService(libraryServiceId: string | null, options: SweepOptions): Promise<SweepRunResult> {
    const dryRun = Boolean(options.dryRun);
    const today = todayUtc(options.now);
    const [{ id: runId }] = await this.db.transaction((m) =>
      m.query(`INSERT INTO retention_run (library_service_id, triggered_by, dry_run) VALUES ($1, $2, $3) RETURNING id`, [
        libraryServiceId,
        options.triggeredBy,
        dryRun,
      ]),
    );
    try {
      const policies = await this.policies.effective(this.db, libraryServiceId);
      const counts: RetentionTypeCount[] = [];
      for (const entry of await this.catalog.sweepOrder()) {
        const policy = policies.get(entry.retention!)!;
        const due = dueQuery(entry, libraryServiceId, today, policy);
        if (!due) continue;
        const count: RetentionTypeCount = {
          recordType: entry.recordType,
          entityType: entry.auditEntityType,
          table: entry.table,
          policy: policy.recordType,
          action: policy.action,
          retainYears: policy.retainYears,
          deleted: 0,
          anonymised: 0,
          extended: 0,
          onHold: 0,
          blocked: 0,
          due: 0,
        };
        count.onHold = await this.onHold(entry, libraryServiceId, today, policy);
        if (dryRun) await this.preview(entry, due, today, count);
        else await this.process(entry, due, today, policy, libraryServiceId, runId, options.batchSize ?? 500, count);
        counts.push(count);
      }
      await this.db.transaction((m) =>
        m.query(`UPDATE retention_run SET status = 'COMPLETED', finished_at = clock_timestamp(), counts = $2, version = version + 1 WHERE id = $1`, [
          runId,
          JSON.stringify(counts),
        ]),
      );
      return { runId, libraryServiceId, dryRun, counts };
    } catch (err) {
      // Identifiers only: a database message can quote values.
      const code = (err as { driverError?: { code?: string } }).driverError?.code;
      await this.db.transaction((m) =>
        m.query(`UPDATE retention_run SET status = 'FAILED', finished_at = clock_timestamp(), error = $2, version = version + 1 WHERE id = $1`, [
          runId,
          `${(err as Error).name ?? 'Error'}${code ? ` (${code})` : ''}`,
        ]),
      );
      throw err;
    }
  }

  private async onHold(entry: CatalogEntry, libraryServiceId: string | null, today: string, policy: EffectivePolicy): Promise<number> {
    if (!entry.hasLegalHold) return 0;
    const due = dueQuery(entry, libraryServiceId, today, policy, { held: true })!;
    const [row] = await this.db.query(`SELECT count(*)::int AS n FROM ${ident(entry.table)} AS t WHERE ${due.conditions.join(' AND ')}`, due.params);
    return row.n;
  }

  /** Dry run: counts and a few ids of what a sweep would do; no locks, no changes. */
  private async preview(entry: CatalogEntry, due: DueQuery, today: string, count: RetentionTypeCount): Promise<void> {
    const where = due.conditions.join(' AND ');
    const params = [...due.params, today];
    const until = due.policyUntil ?? 'NULL::date';
    const [row] = await this.db.query(
      `SELECT count(*) FILTER (WHERE pu IS NULL OR pu < $${params.length}::date)::int AS due, count(*) FILTER (WHERE pu >= $${params.length}::date)::int AS extended
       FROM (SELECT ${until} AS pu FROM ${ident(entry.table)} AS t WHERE ${where}) AS x`,
      params,
    );
    count.due = row.due;
    count.extended = row.extended;
    const sample = await this.db.query(
      `SELECT t.id::text AS id FROM ${ident(entry.table)} AS t WHERE ${where} AND (${until} IS NULL OR ${until} < $${params.length}::date)
       ORDER BY ${due.key}, t.id LIMIT 20`,
      params,
    );
    count.sampleIds = sample.map((r: { id: string }) => r.id);
  }

  private async process(
    entry: CatalogEntry,
    due: DueQuery,
    today: string,
    policy: EffectivePolicy,
    libraryServiceId: string | null,
    runId: string,
    batchSize: number,
    count: RetentionTypeCount,
  ): Promise<void> {
    const t = ident(entry.table);
    let cursor: { k: string; id: string } | null = null;
    for (;;) {
      const taken: number = await this.db.transaction(async (m) => {
        const params = [...due.params];
        let after = '';
        if (cursor) {
          params.push(cursor.k, cursor.id);
          after = ` AND (${due.key}, t.id) > ($${params.length - 1}::${due.keyType}, $${params.length}::${entry.idType})`;
        }
        const rows: { id: string; k: string; policy_until: string | null }[] = await m.query(
          `SELECT t.id::text AS id, (${due.key})::text AS k, (${due.policyUntil ?? 'NULL::date'})::text AS policy_until
           FROM ${t} AS t WHERE ${due.conditions.join(' AND ')}${after}
           ORDER BY ${due.key}, t.id LIMIT ${batchSize} FOR UPDATE OF t SKIP LOCKED`,
          params,
        );
        if (!rows.length) return 0;
        cursor = { k: rows.at(-1)!.k, id: rows.at(-1)!.id };
        const extend = rows.filter((r) => r.policy_until !== null && r.policy_until >= today).map((r) => r.id);
        const ids = rows.filter((r) => !(r.policy_until !== null && r.policy_until >= today)).map((r) => r.id);
        if (extend.length) {
          const moved = await returning(
            m,
            `UPDATE ${t} AS t SET retain_until = ${retainUntilSql(entry.clockDate!, '$2::int')}
            WHERE t.id = ANY($1) AND t.retain_until < $3::date RETURNING t.id`,
            [extend, policy.retainYears, today],
          );
          count.extended += moved.length;
        }
        let deleted: string[] = [];
        let toAnonymise: string[] = [];
        if (policy.action === RetentionAction.DELETE) {
          const result = await withSavepoints(m, ids, (batch) => this.delete(m, entry, batch));
          deleted = result.done;
          if (entry.anonymise)
            toAnonymise = result.failed; // still referred to: anonymise instead
          else count.blocked += result.failed.length;
        } else {
          toAnonymise = ids;
        }
        let anonymised: string[] = [];
        if (toAnonymise.length) {
          const result = await withSavepoints(m, toAnonymise, (batch) => this.anonymise(m, entry, batch, libraryServiceId, runId));
          anonymised = result.done;
          count.blocked += result.failed.length;
        }
        const actor = (purpose: string): AuditActor => ({ userId: null, role: SWEEP_ROLE, libraryServiceId, requestId: `retention-run:${runId}`, purpose });
        await this.audit.record(m, actor(DELETED_PURPOSE), {
          action: AuditAction.DELETE,
          entityType: entry.auditEntityType,
          entityIds: deleted,
          libraryServiceId,
        });
        await this.audit.record(m, actor(ANONYMISED_PURPOSE), {
          action: AuditAction.UPDATE,
          entityType: entry.auditEntityType,
          entityIds: anonymised,
          libraryServiceId,
        });
        count.deleted += deleted.length;
        count.anonymised += anonymised.length;
        return rows.length;
      });
      if (taken < batchSize) break;
    }
  }

  private async delete(m: EntityManager, entry: CatalogEntry, ids: string[]): Promise<string[]> {
    // The only way the audit trail loses rows: the owner's prune_audit_events, which deletes only
    // events past their retention (the trigger checks each one's age). See the LeastPrivilege migration.
    if (entry.table === 'audit_event') {
      const pruned: { id: string }[] = await m.query(`SELECT id::text AS id FROM prune_audit_events($1::bigint[]) AS id`, [ids]);
      return pruned.map((r) => r.id);
    }
    const rows = await returning<{ id: string }>(m, `DELETE FROM ${ident(entry.table)} AS t WHERE t.id = ANY($1) RETURNING t.id::text AS id`, [ids]);
    return rows.map((r) => r.id);
  }

  /** Replaces the declared columns; the marker row keeps the record out of later sweeps. */
  async anonymise(m: EntityManager, entry: CatalogEntry, ids: string[], libraryServiceId: string | null, runId: string | null): Promise<string[]> {
    const params: unknown[] = [ids, entry.table];
    const sets = entry.anonymise!.map(({ column, value }) => {
      if (value === null) return `${ident(column)} = NULL`;
      params.push(value);
      return `${ident(column)} = $${params.length}`;
    });
    if (entry.hasVersion) sets.push('version = t.version + 1');
    if (entry.hasUpdatedAt) sets.push('updated_at = now()');
    const rows = await returning<{ id: string }>(
      m,
      `UPDATE ${ident(entry.table)} AS t SET ${sets.join(', ')}
      WHERE t.id = ANY($1) AND NOT EXISTS (SELECT 1 FROM retention_anonymised ra WHERE ra.table_name = $2 AND ra.record_id = t.id::text)
      RETURNING t.id::text AS id`,
      params,
    );
    const done = rows.map((r) => r.id);
    if (done.length) {
      await m.query(
        `INSERT INTO retention_anonymised (table_name, record_id, library_service_id, run_id) SELECT $1, unnest($2::text[]), $3, $4 ON CONFLICT DO NOTHING`,
        [entry.table, done, libraryServiceId, runId],
      );
    }
    return done;
  }
}

/**
 * Conditions for "past its date, in this service, not on hold (or only held ones), not yet
 * anonymised". Null when the record type cannot be swept here (no date and no clock, or a table
 * without library_service_id in a per-service pass).
 */
export function dueQuery(
  entry: CatalogEntry,
  libraryServiceId: string | null,
  today: string,
  policy: EffectivePolicy,
  opts: { held?: boolean } = {},
): DueQuery | null {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const conditions: string[] = [];
  if (entry.hasService) conditions.push(libraryServiceId ? `t.library_service_id = ${p(libraryServiceId)}` : 't.library_service_id IS NULL');
  else if (libraryServiceId) return null;
  let key: string;
  let keyType: string;
  if (entry.hasRetainUntil) {
    conditions.push(`t.retain_until < ${p(today)}::date`);
    key = 't.retain_until';
    keyType = 'date';
  } else if (entry.clock && entry.clockType) {
    const cutoff = p(dueCutoff(today, policy.retainYears));
    const bound =
      entry.clockType === 'timestamp with time zone'
        ? `(${cutoff}::date::timestamp AT TIME ZONE 'UTC')`
        : entry.clockType === 'date'
          ? `${cutoff}::date`
          : `${cutoff}::date::timestamp`;
    conditions.push(`(${entry.clock}) < ${bound}`);
    key = `(${entry.clock})`;
    keyType = entry.clockType;
  } else {
    return null;
  }
  if (entry.hasLegalHold) conditions.push(opts.held ? 't.legal_hold' : 'NOT t.legal_hold');
  else if (opts.held) conditions.push('FALSE');
  if (entry.anonymise)
    conditions.push(`NOT EXISTS (SELECT 1 FROM retention_anonymised ra WHERE ra.table_name = ${p(entry.table)} AND ra.record_id = t.id::text)`);
  // The years inline (a whole number from the policy, never user text), so queries that do not select it carry no unused parameter.
  const policyUntil = entry.hasRetainUntil && entry.clockDate ? retainUntilSql(entry.clockDate, String(Math.trunc(Number(policy.retainYears)))) : null;
  return { conditions, params, key, keyType, policyUntil };
}
