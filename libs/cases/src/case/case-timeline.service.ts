import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { accessibleQuery, type Actor, auditEach, type SubjectType } from '../../../access/src/index.js';
import { AuditAction, AuditService } from '../../../governance/src/index.js';
import type { Case } from './case.entity.js';
import { CaseNote } from './case-note.entity.js';
import { TIMELINE_ENTITY_TYPE, type TimelineEntry, TimelineEntryKind } from './timeline-entry.js';

const SUMMARY_LENGTH = 280;

/** A column of the part's table by its SQL name (quoted: the alias may be camel-cased). */
const col = (qb: SelectQueryBuilder<ObjectLiteral>, column: string) => `"${qb.alias}"."${column}"`;

/**
 * One part of the timeline: the rows of `table` the actor may read (its access rules in the WHERE),
 * selected as (kind, id, at, summary). Null when the actor may read none, or when the table's
 * context is not installed (incidents and bans come from another migration).
 */
function part(m: EntityManager, actor: Actor, table: string, type: SubjectType, select: (qb: SelectQueryBuilder<ObjectLiteral>) => void): SelectQueryBuilder<ObjectLiteral> | null {
  if (!m.connection.hasMetadata(table)) return null;
  const qb = accessibleQuery<ObjectLiteral>(m, table, type, actor);
  if (qb) select(qb);
  return qb;
}

/**
 * A case's timeline: its notes, the incidents its subject was involved in, its subject's bans and referrals,
 * newest first (ties: kind, then id), in one UNION ALL query. Each part applies the reader's
 * access rules for its own type; every entry returned is audited as a READ of its record.
 */
@Injectable()
export class CaseTimelineService {
  constructor(@InjectDataSource() private readonly db: DataSource, private readonly audit: AuditService) {}

  async timeline(actor: Actor, c: Case, first: number): Promise<TimelineEntry[]> {
    const m = this.db.manager;
    const params = { tlCaseId: c.id, tlSubjectId: c.subjectId, tlLimit: first };
    const parts = [
      part(m, actor, m.getRepository(CaseNote).metadata.tableName, 'CaseNote', (qb) => qb
        .select(`'${TimelineEntryKind.NOTE}'`, 'kind').addSelect(`${col(qb, 'id')}`, 'id').addSelect(`${col(qb, 'created_at')}`, 'at')
        .addSelect(`CASE WHEN ${col(qb, 'corrects_note_id')} IS NULL THEN '' ELSE 'Correction: ' END || left(${col(qb, 'body')}, ${SUMMARY_LENGTH})`, 'summary')
        .andWhere(`${col(qb, 'case_id')} = :tlCaseId`)),
      part(m, actor, 'incident', 'Incident', (qb) => qb
        .select(`'${TimelineEntryKind.INCIDENT}'`, 'kind').addSelect(`${col(qb, 'id')}`, 'id').addSelect(`${col(qb, 'occurred_at')}`, 'at')
        .addSelect(`${col(qb, 'category')} || coalesce(' (' || ${col(qb, 'severity')} || ')', '') || coalesce(': ' || left(${col(qb, 'description')}, ${SUMMARY_LENGTH}), '')`, 'summary')
        .andWhere(`EXISTS (SELECT 1 FROM incident_subject tl_is WHERE tl_is.incident_id = ${col(qb, 'id')} AND tl_is.subject_id = :tlSubjectId)`)),
      part(m, actor, 'ban', 'Ban', (qb) => qb
        .select(`'${TimelineEntryKind.BAN}'`, 'kind').addSelect(`${col(qb, 'id')}`, 'id').addSelect(`${col(qb, 'created_at')}`, 'at')
        .addSelect(`'Ban ' || ${col(qb, 'status')} || coalesce(' from ' || ${col(qb, 'starts_on')}::text, '') || coalesce(' until ' || ${col(qb, 'ends_on')}::text, '')`
          + ` || coalesce(': ' || left(${col(qb, 'reason')}, ${SUMMARY_LENGTH}), '')`, 'summary')
        .andWhere(`${col(qb, 'subject_id')} = :tlSubjectId`)),
      part(m, actor, 'referral', 'Referral', (qb) => qb
        .select(`'${TimelineEntryKind.REFERRAL}'`, 'kind').addSelect(`${col(qb, 'id')}`, 'id').addSelect(`${col(qb, 'created_at')}`, 'at')
        .addSelect(`'Referral (' || ${col(qb, 'status')} || ', ' || ${col(qb, 'urgency')} || ') to ' || coalesce((SELECT po.name FROM partner_organisation po WHERE po.id = ${col(qb, 'partner_organisation_id')}), 'a partner')`
          + ` || coalesce(': ' || left(${col(qb, 'reason')}, ${SUMMARY_LENGTH}), '')`, 'summary')
        .andWhere(`${col(qb, 'subject_id')} = :tlSubjectId`)),
    ].filter((p): p is SelectQueryBuilder<ObjectLiteral> => p !== null);
    if (!parts.length) return [];

    const union = parts.map((p) => `(${p.getQuery()})`).join(' UNION ALL ');
    const allParams = Object.assign({}, ...parts.map((p) => p.getParameters()), params);
    const [sql, values] = m.connection.driver.escapeQueryWithParameters(
      `SELECT tl.kind, tl.id::text AS id, tl.at, tl.summary FROM (${union}) tl ORDER BY tl.at DESC, tl.kind, tl.id LIMIT :tlLimit`, allParams);
    const entries: TimelineEntry[] = await m.query(sql, values);

    for (const kind of Object.values(TimelineEntryKind)) {
      const rows = entries.filter((e) => e.kind === kind).map((e) => ({ id: e.id, libraryServiceId: c.libraryServiceId }));
      await auditEach(this.audit, m, actor, AuditAction.READ, TIMELINE_ENTITY_TYPE[kind], rows);
    }
    return entries;
  }
}
