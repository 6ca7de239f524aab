import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, assertAllowed } from '../../../access/src/index.js';
import { PersonalDataCatalog } from '../processing/personal-data-catalog.js';
import { ident } from '../processing/schema-catalog.js';
import { addDays, todayUtc } from './retention-dates.js';
import { RetentionPolicyService } from './retention-policy.service.js';
import { dueQuery } from './retention-sweep.service.js';
import { runView } from './retention-run-view.js';
import type { RetentionReport, RetentionReportLine } from './retention.types.js';

/** What is coming up under the retention policies of the reader's library service. */
@Injectable()
export class RetentionReportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalog: PersonalDataCatalog,
    private readonly policies: RetentionPolicyService,
  ) {}

  async report(actor: Actor, now = new Date()): Promise<RetentionReport> {
    const libraryServiceId = actor.principal.libraryServiceId;
    assertAllowed(actor, 'read', 'RetentionPolicy', { libraryServiceId });
    const today = todayUtc(now);
    const [policies, entries] = await Promise.all([this.policies.effective(this.db, libraryServiceId), this.catalog.all()]);
    const lines: RetentionReportLine[] = [];
    for (const entry of entries.filter((e) => e.retention)) {
      const policy = policies.get(entry.retention!)!;
      const count = async (asOf: string, held = false) => {
        const due = dueQuery(entry, libraryServiceId, asOf, policy, { held });
        if (!due) return 0;
        const [row] = await this.db.query(`SELECT count(*)::int AS n FROM ${ident(entry.table)} AS t WHERE ${due.conditions.join(' AND ')}`, due.params);
        return row.n as number;
      };
      const overdue = await count(today);
      const held =
        entry.hasLegalHold && entry.hasService
          ? (await this.db.query(`SELECT count(*)::int AS n FROM ${ident(entry.table)} WHERE library_service_id = $1 AND legal_hold`, [libraryServiceId]))[0].n
          : 0;
      const [{ n: anonymised }] = await this.db.query('SELECT count(*)::int AS n FROM retention_anonymised WHERE table_name = $1 AND library_service_id = $2', [
        entry.table,
        libraryServiceId,
      ]);
      lines.push({
        recordType: entry.recordType,
        entityType: entry.auditEntityType,
        title: entry.title,
        policy: this.policies.view(policy, entries),
        overdue,
        dueWithin30Days: (await count(addDays(today, 30))) - overdue,
        dueWithin90Days: (await count(addDays(today, 90))) - overdue,
        onHold: held,
        onHoldPastDate: await count(today, true),
        anonymised,
      });
    }
    const runs = await this.db.query(
      `SELECT id, triggered_by, dry_run, status, started_at, finished_at, counts FROM retention_run WHERE library_service_id = $1 ORDER BY started_at DESC LIMIT 10`,
      [libraryServiceId],
    );
    return { libraryServiceId, today, lines, lastRuns: runs.map(runView) };
  }
}
