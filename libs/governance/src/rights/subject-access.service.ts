import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, assertAllowed, auditActor } from '../../../access/src/index.js';
import { AuditAction } from '../audit/audit-action.enum.js';
import { type AuditActor, AuditService } from '../audit/audit.service.js';
import type { SubjectAccessExport } from './rights.types.js';
import type { SubjectAccessDocument } from './subject-access-document.js';
import { buildSubjectAccessReport, renderSubjectAccessReport } from './subject-access-report.js';
import { auditedRecords, SubjectGraph } from './subject-graph.js';

/**
 * Subject access (UK GDPR Article 15): every record linked to the person (found by the catalog
 * crawl, so later contexts' tables are included without changes here), who received them, who
 * has seen them, and the person's own requests. Recorded as EXPORT, one event per record.
 */
@Injectable()
export class SubjectAccessService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly graph: SubjectGraph,
  ) {}

  async exportFor(actor: Actor, subjectId: string): Promise<SubjectAccessExport> {
    const libraryServiceId = actor.principal.libraryServiceId;
    assertAllowed(actor, 'export', 'Subject', { libraryServiceId });
    return this.db.transaction((m) => this.build(m, subjectId, libraryServiceId, auditActor(actor)));
  }

  /** The export itself; `libraryServiceId` null (the CLI) finds the subject in any service. */
  async build(m: EntityManager, subjectId: string, libraryServiceId: string | null, who: AuditActor): Promise<SubjectAccessExport> {
    const g = await this.graph.crawl(m, subjectId, libraryServiceId);
    const service = g.libraryServiceId;
    const [{ name: controller }] = await m.query('SELECT name FROM library_service WHERE id = $1', [service]);
    const refs = auditedRecords(g);
    const accessLog = await m.query(
      `SELECT to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "occurredAt", e.action, e.entity_type AS "entityType",
              e.entity_id AS "entityId", e.actor_role AS "actorRole", po.name AS "actorOrganisation", e.purpose
       FROM audit_event e
       LEFT JOIN app_user u ON u.id = e.actor_id
       LEFT JOIN partner_organisation po ON po.id = u.partner_organisation_id
       WHERE e.library_service_id = $1 AND (e.entity_type, e.entity_id) IN (SELECT * FROM unnest($2::text[], $3::text[]))
       ORDER BY e.occurred_at, e.id`,
      [service, refs.map((r) => r.entityType), refs.map((r) => r.id)],
    );
    const byPartner = new Map<string, { entityType: string; id: string }[]>();
    for (const t of g.tables) {
      for (const row of t.rows) {
        const partner = row.partner_organisation_id;
        if (typeof partner !== 'string') continue;
        byPartner.set(partner, [...(byPartner.get(partner) ?? []), { entityType: t.entityType, id: String(row.id ?? '') }]);
      }
    }
    const partners: { id: string; name: string }[] = byPartner.size
      ? await m.query('SELECT id, name FROM partner_organisation WHERE id = ANY($1) ORDER BY name', [[...byPartner.keys()]])
      : [];
    const rightsRequests = (
      await m.query(
        `SELECT to_jsonb(r) - 'outcome' - 'logged_by_id' - 'decided_by_id' AS row FROM rights_request r WHERE r.subject_id = $1 AND r.library_service_id = $2 ORDER BY r.received_on`,
        [subjectId, service],
      )
    ).map((r: { row: Record<string, unknown> }) => r.row);
    const generatedAt = new Date();
    const report = buildSubjectAccessReport({
      controller,
      generatedAt,
      subject: g.subject,
      records: g.tables,
      accessLog,
      rightsRequests,
      names: await namesOf(m, [g.subject, ...g.tables.flatMap((t) => t.rows), ...rightsRequests]),
      titles: new Map([[g.subjectEntityType, 'Your record'], ...g.tables.map((t) => [t.entityType, t.title] as [string, string])]),
    });
    const doc: SubjectAccessDocument = {
      generatedAt: generatedAt.toISOString(),
      controller,
      subjectId,
      subject: g.subject,
      records: g.tables.map((t) => ({ table: t.table, title: t.title, entityType: t.entityType, linkedBy: t.kind, via: t.via, rows: t.rows })),
      recipients: partners.map((p) => ({ partnerOrganisationId: p.id, name: p.name, records: byPartner.get(p.id)! })),
      accessLog,
      rightsRequests,
      report,
    };
    const byType = new Map<string, string[]>();
    for (const r of refs) byType.set(r.entityType, [...(byType.get(r.entityType) ?? []), r.id]);
    for (const [entityType, entityIds] of byType)
      await this.audit.record(m, who, { action: AuditAction.EXPORT, entityType, entityIds, libraryServiceId: service });
    return {
      subjectId,
      generatedAt,
      recordCount: 1 + g.tables.reduce((n, t) => n + t.rows.length, 0),
      json: JSON.stringify(doc, null, 2),
      html: renderSubjectAccessReport(report),
    };
  }
}

/** The names the records' ids stand for: staff, partner organisations, branches, agreements, library services. */
async function namesOf(m: EntityManager, rows: Record<string, unknown>[]): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const row of rows)
    for (const [column, v] of Object.entries(row)) if (/_id$/.test(column) && column !== 'subject_id' && typeof v === 'string') ids.add(v);
  if (!ids.size) return new Map();
  const found: { id: string; name: string }[] = await m.query(
    `SELECT id::text AS id, display_name AS name FROM app_user WHERE id = ANY($1::uuid[])
     UNION ALL SELECT id::text, name FROM partner_organisation WHERE id = ANY($1::uuid[])
     UNION ALL SELECT id::text, name FROM branch WHERE id = ANY($1::uuid[])
     UNION ALL SELECT id::text, title FROM data_sharing_agreement WHERE id = ANY($1::uuid[])
     UNION ALL SELECT id::text, name FROM library_service WHERE id = ANY($1::uuid[])`,
    [[...ids].filter((id) => /^[0-9a-f-]{36}$/i.test(id))],
  );
  return new Map(found.map((r) => [r.id, r.name]));
}
