import { Injectable } from '@nestjs/common';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AccessScopes, type Actor, type SubjectType } from '../../../access/src/index.js';
import { BadInputError, type Connection, type PageArgs } from '../../../common/src/index.js';
import type { Case } from './case.entity.js';
import { CaseNote } from './case-note.entity.js';
import { type TimelineEntry, TimelineEntryKind } from './timeline-entry.js';

const SUMMARY_LENGTH = 280;

/** A column of the part's table by its SQL name (quoted: the alias may be camel-cased). */
const col = (alias: string, column: string) => `"${alias}"."${column}"`;

type Part = { entity: string | typeof CaseNote; type: SubjectType; select: (qb: SelectQueryBuilder<ObjectLiteral>, alias: string) => void };

/** Every part selects the same columns: kind, id, at, summary, and the time as PostgreSQL text (to the microsecond) for the cursor. */
const columns = (qb: SelectQueryBuilder<ObjectLiteral>, a: string, kind: TimelineEntryKind, at: string, summary: string) =>
  qb
    .select(`'${kind}'`, 'kind')
    .addSelect(`${col(a, 'id')}::text`, 'id')
    .addSelect(col(a, at), 'at')
    .addSelect(summary, 'summary')
    .addSelect(`CAST(${col(a, at)} AS text)`, 'cursor_at');

/**
 * A case's timeline: its notes, the incidents its subject was involved in, its subject's bans and referrals,
 * newest first (ties: kind, then id), in one UNION ALL query, paged by a keyset cursor. Each part
 * applies the reader's access rules for its own type; every entry returned is audited as a READ of its record.
 */
@Injectable()
export class CaseTimelineService {
  constructor(private readonly scopes: AccessScopes) {}

  async timeline(actor: Actor, c: Case, args: PageArgs): Promise<Connection<TimelineEntry>> {
    const scope = this.scopes.of(actor);
    const first = args.first ?? 20;
    const parts: Part[] = [
      {
        entity: CaseNote,
        type: 'CaseNote',
        select: (qb, a) =>
          columns(
            qb,
            a,
            TimelineEntryKind.NOTE,
            'created_at',
            `CASE WHEN ${col(a, 'corrects_note_id')} IS NULL THEN '' ELSE 'Correction: ' END || left(${col(a, 'body')}, ${SUMMARY_LENGTH})`,
          ).andWhere(`${col(a, 'case_id')} = :tlCaseId`),
      },
      {
        entity: 'incident',
        type: 'Incident',
        select: (qb, a) =>
          columns(
            qb,
            a,
            TimelineEntryKind.INCIDENT,
            'occurred_at',
            `${col(a, 'category')} || coalesce(' (' || ${col(a, 'severity')} || ')', '') || coalesce(': ' || left(${col(a, 'description')}, ${SUMMARY_LENGTH}), '')`,
          ).andWhere(`EXISTS (SELECT 1 FROM incident_subject tl_is WHERE tl_is.incident_id = ${col(a, 'id')} AND tl_is.subject_id = :tlSubjectId)`),
      },
      {
        entity: 'ban',
        type: 'Ban',
        select: (qb, a) =>
          columns(
            qb,
            a,
            TimelineEntryKind.BAN,
            'created_at',
            `'Ban ' || ${col(a, 'status')} || coalesce(' from ' || ${col(a, 'starts_on')}::text, '') || coalesce(' until ' || ${col(a, 'ends_on')}::text, '')` +
              ` || coalesce(': ' || left(${col(a, 'reason')}, ${SUMMARY_LENGTH}), '')`,
          ).andWhere(`${col(a, 'subject_id')} = :tlSubjectId`),
      },
      // By table name: referrals belong to another context, installed after this one (absent: the part is left out).
      {
        entity: 'referral',
        type: 'Referral',
        select: (qb, a) =>
          columns(
            qb,
            a,
            TimelineEntryKind.REFERRAL,
            'created_at',
            `'Referral (' || ${col(a, 'status')} || ', ' || ${col(a, 'urgency')} || ') to ' || coalesce((SELECT po.name FROM partner_organisation po WHERE po.id = ${col(a, 'partner_organisation_id')}), 'a partner')` +
              ` || coalesce(': ' || left(${col(a, 'reason')}, ${SUMMARY_LENGTH}), '')`,
          ).andWhere(`${col(a, 'subject_id')} = :tlSubjectId`),
      },
    ];
    const installed = parts.filter((p) => scope.manager.connection.hasMetadata(p.entity));
    const params: Record<string, unknown> = { tlCaseId: c.id, tlSubjectId: c.subjectId, tlLimit: first + 1 };
    // After the cursor in the order newest first, then kind, then id.
    let after = '';
    if (args.after) {
      const cursor = decodeTimelineCursor(args.after);
      after = 'WHERE (u.at < CAST(:tlAt AS timestamptz) OR (u.at = CAST(:tlAt AS timestamptz) AND (u.kind, u.id) > (:tlKind, :tlId)))';
      Object.assign(params, { tlAt: cursor.at, tlKind: cursor.kind, tlId: cursor.id });
    }
    const totalCount = await scope.unionCount(installed, params);
    const found = await scope.union<TimelineEntry & { cursor_at: string }>(
      installed,
      `${after} ORDER BY u.at DESC, u.kind, u.id LIMIT :tlLimit`,
      params,
      first,
    );
    const edges = found.slice(0, first).map(({ cursor_at, ...entry }) => ({ cursor: encodeTimelineCursor(cursor_at, entry.kind, entry.id), node: entry }));
    return { edges, totalCount, pageInfo: { hasNextPage: found.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
  }
}

function encodeTimelineCursor(at: string, kind: string, id: string): string {
  return Buffer.from(JSON.stringify([at, kind, id])).toString('base64url');
}

function decodeTimelineCursor(cursor: string): { at: string; kind: string; id: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 3 && parsed.every((p) => typeof p === 'string')) return { at: parsed[0], kind: parsed[1], id: parsed[2] };
  } catch {
    /* fall through */
  }
  throw new BadInputError('The `after` cursor is not valid; use an endCursor returned by this timeline');
}
