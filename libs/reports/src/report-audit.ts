import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type Actor, auditActor } from '../../access/src/index.js';
import { AuditAction, AuditService } from '../../governance/src/index.js';

/**
 * A report that leaves the service (a download, a printable page, a summary for a partner) is an
 * EXPORT in the audit trail, as the audit trail's own download is: what, for which period, with
 * the reader's purpose. Reading a report on screen is not audited: it holds counts, not records.
 */
@Injectable()
export class ReportAudit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  exported(actor: Actor, entityType: string, entityId: string | null, what: string): Promise<void> {
    const purpose = `${actor.purpose ? `${actor.purpose} — ` : ''}${what}`.slice(0, 1000);
    return this.db.transaction((m) =>
      this.audit.record(m, { ...auditActor(actor), purpose }, { action: AuditAction.EXPORT, entityType, entityIds: [entityId] }),
    );
  }
}
