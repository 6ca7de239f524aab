import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { accessibleQuery, type Actor, auditEach, type SubjectType } from '../../../access/src/index.js';
import { BadInputError, type Connection, emptyConnection, type PageArgs } from '../../../common/src/index.js';
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

  async timeline(actor: Actor, c: Case, args: PageArgs): Promise<Connection<TimelineEntry>> {
    const m = this.db.manager;
    const first = args.first ?? 20;
    const params: Record<string, unknown> = { tlCaseId: c.id, tlSubjectId: c.subjectId, tlLimit: first + 1 };
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
    if (!parts.length) return emptyConnection();

    const union = parts.map((p) => `(${p.getQuery()})`).join(' UNION ALL ');
    // After the cursor in the order newest first, then kind, then id; the time as PostgreSQL text, to the microsecond.
    let after = '';
    if (args.after) {
      const cursor = decodeTimelineCursor(args.after);
      after = 'WHERE (tl.at < CAST(:tlAt AS timestamptz) OR (tl.at = CAST(:tlAt AS timestamptz) AND (tl.kind, tl.id::text) > (:tlKind, :tlId)))';
      Object.assign(params, { tlAt: cursor.at, tlKind: cursor.kind, tlId: cursor.id });
    }
    const allParams = Object.assign({}, ...parts.map((p) => p.getParameters()), params);
    const query = (text: string) => m.query(...m.connection.driver.escapeQueryWithParameters(text, allParams));
    const [{ n }] = await query(`SELECT count(*)::int AS n FROM (${union}) tl`);
    const found: (TimelineEntry & { cursor_at: string })[] = await query(
      `SELECT tl.kind, tl.id::text AS id, tl.at, tl.summary, CAST(tl.at AS text) AS cursor_at FROM (${union}) tl ${after} ORDER BY tl.at DESC, tl.kind, tl.id LIMIT :tlLimit`);
    const entries = found.slice(0, first);

    for (const kind of Object.values(TimelineEntryKind)) {
      const rows = entries.filter((e) => e.kind === kind).map((e) => ({ id: e.id, libraryServiceId: c.libraryServiceId }));
      await auditEach(this.audit, m, actor, AuditAction.READ, TIMELINE_ENTITY_TYPE[kind], rows);
    }
    const edges = entries.map(({ cursor_at, ...entry }) => ({ cursor: encodeTimelineCursor(cursor_at, entry.kind, entry.id), node: entry }));
    return { edges, totalCount: n, pageInfo: { hasNextPage: found.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
  }
}

function encodeTimelineCursor(at: string, kind: string, id: string): string {
  return Buffer.from(JSON.stringify([at, kind, id])).toString('base64url');
}

function decodeTimelineCursor(cursor: string): { at: string; kind: string; id: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 3 && parsed.every((p) => typeof p === 'string')) return { at: parsed[0], kind: parsed[1], id: parsed[2] };
  } catch { /* fall through */ }
  throw new BadInputError('The `after` cursor is not valid; use an endCursor returned by this timeline');
}
