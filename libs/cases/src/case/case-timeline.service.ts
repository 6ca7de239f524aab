import { Injectable } from '@nestjs/common';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AccessScopes, type Actor, type SubjectType } from '../../../access/src/index.js';
import type { Case } from './case.entity.js';
import { CaseNote } from './case-note.entity.js';
import { type TimelineEntry, TimelineEntryKind } from './timeline-entry.js';

const SUMMARY_LENGTH = 280;

/** A column of the part's table by its SQL name (quoted: the alias may be camel-cased). */
const col = (alias: string, column: string) => `"${alias}"."${column}"`;

type Part = { entity: string | typeof CaseNote; type: SubjectType; select: (qb: SelectQueryBuilder<ObjectLiteral>, alias: string) => void };

/**
 * A case's timeline: its notes, the incidents its subject was involved in, its subject's bans and referrals,
 * newest first (ties: kind, then id), in one UNION ALL query. Each part applies the reader's
 * access rules for its own type; every entry returned is audited as a READ of its record.
 */
@Injectable()
export class CaseTimelineService {
  constructor(private readonly scopes: AccessScopes) {}

  async timeline(actor: Actor, c: Case, first: number): Promise<TimelineEntry[]> {
    const scope = this.scopes.of(actor);
    const parts: Part[] = [
      { entity: CaseNote, type: 'CaseNote', select: (qb, a) => qb
        .select(`'${TimelineEntryKind.NOTE}'`, 'kind').addSelect(col(a, 'id'), 'id').addSelect(col(a, 'created_at'), 'at')
        .addSelect(`CASE WHEN ${col(a, 'corrects_note_id')} IS NULL THEN '' ELSE 'Correction: ' END || left(${col(a, 'body')}, ${SUMMARY_LENGTH})`, 'summary')
        .andWhere(`${col(a, 'case_id')} = :tlCaseId`) },
      { entity: 'incident', type: 'Incident', select: (qb, a) => qb
        .select(`'${TimelineEntryKind.INCIDENT}'`, 'kind').addSelect(col(a, 'id'), 'id').addSelect(col(a, 'occurred_at'), 'at')
        .addSelect(`${col(a, 'category')} || coalesce(' (' || ${col(a, 'severity')} || ')', '') || coalesce(': ' || left(${col(a, 'description')}, ${SUMMARY_LENGTH}), '')`, 'summary')
        .andWhere(`EXISTS (SELECT 1 FROM incident_subject tl_is WHERE tl_is.incident_id = ${col(a, 'id')} AND tl_is.subject_id = :tlSubjectId)`) },
      { entity: 'ban', type: 'Ban', select: (qb, a) => qb
        .select(`'${TimelineEntryKind.BAN}'`, 'kind').addSelect(col(a, 'id'), 'id').addSelect(col(a, 'created_at'), 'at')
        .addSelect(`'Ban ' || ${col(a, 'status')} || coalesce(' from ' || ${col(a, 'starts_on')}::text, '') || coalesce(' until ' || ${col(a, 'ends_on')}::text, '')`
          + ` || coalesce(': ' || left(${col(a, 'reason')}, ${SUMMARY_LENGTH}), '')`, 'summary')
        .andWhere(`${col(a, 'subject_id')} = :tlSubjectId`) },
      // By table name: referrals belong to another context, installed after this one (absent: the part is left out).
      { entity: 'referral', type: 'Referral', select: (qb, a) => qb
        .select(`'${TimelineEntryKind.REFERRAL}'`, 'kind').addSelect(col(a, 'id'), 'id').addSelect(col(a, 'created_at'), 'at')
        .addSelect(`'Referral (' || ${col(a, 'status')} || ', ' || ${col(a, 'urgency')} || ') to ' || coalesce((SELECT po.name FROM partner_organisation po WHERE po.id = ${col(a, 'partner_organisation_id')}), 'a partner')`
          + ` || coalesce(': ' || left(${col(a, 'reason')}, ${SUMMARY_LENGTH}), '')`, 'summary')
        .andWhere(`${col(a, 'subject_id')} = :tlSubjectId`) },
    ];
    const installed = parts.filter((p) => scope.manager.connection.hasMetadata(p.entity));
    return scope.union<TimelineEntry>(installed, 'ORDER BY u.at DESC, u.kind, u.id LIMIT :tlLimit', { tlCaseId: c.id, tlSubjectId: c.subjectId, tlLimit: first });
  }
}
