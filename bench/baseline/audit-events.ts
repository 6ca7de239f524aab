import { auditIdentity, type Handler, onlyKeys } from './context.js';
import { afterCursor, auditInsert, cursorSql, cursorText, iso, Params, pageSize } from './sql.js';

/**
 * The records the audit trail may name for a person (libs/governance subject-graph.ts as it crawls
 * this schema): the person, records merged into them, the records that refer to them, the
 * incidents they are linked to, and the records of those (level two), all in the reader's service.
 * The crawl finds these tables from the foreign keys at run time; here they are written out.
 */
function recordsOf(subject: string, service: string): string {
  const own = (table: string) => `SELECT t.id FROM ${table} t WHERE t.subject_id = ${subject} AND t.library_service_id = ${service}`;
  const child = (table: string, column: string, parents: string) =>
    `SELECT t.id::text FROM ${table} t WHERE t.${column} IN (${parents}) AND t.library_service_id = ${service}`;
  const incidents = `SELECT i.id FROM incident i WHERE i.library_service_id = ${service}
                       AND i.id IN (SELECT l.incident_id FROM incident_subject l WHERE l.subject_id = ${subject} AND l.library_service_id = ${service})`;
  const parts: [string, string][] = [
    ['Subject', `SELECT ${subject}::text`],
    ['Subject', `SELECT s.id::text FROM subject s WHERE s.merged_into_id = ${subject} AND s.library_service_id = ${service}`],
    ['Ban', `SELECT id::text FROM (${own('ban')}) x`],
    ['Case', `SELECT id::text FROM (${own('case_file')}) x`],
    ['Incident', `SELECT id::text FROM (${incidents}) x`],
    ['IntelligenceItem', `SELECT id::text FROM (${own('intelligence_item')}) x`],
    ['Referral', `SELECT id::text FROM (${own('referral')}) x`],
    ['SubjectRestriction', `SELECT id::text FROM (${own('subject_restriction')}) x`],
    ['SubjectSpecialCategory', `SELECT id::text FROM (${own('subject_special_category')}) x`],
    ['BanTransition', child('ban_transition', 'ban_id', own('ban'))],
    ['CaseNote', child('case_note', 'case_id', own('case_file'))],
    ['CaseShare', child('case_share', 'case_id', own('case_file'))],
    ['CaseUpdate', child('case_update', 'case_id', own('case_file'))],
    ['IncidentEvidence', child('incident_evidence', 'incident_id', incidents)],
    ['IncidentFollowUpAction', child('incident_follow_up_action', 'incident_id', incidents)],
    ['BranchWarning', child('branch_warning', 'intelligence_item_id', own('intelligence_item'))],
    ['ReferralTransition', child('referral_transition', 'referral_id', own('referral'))],
    ['ReferralUpdate', child('referral_update', 'referral_id', own('referral'))],
  ];
  return parts.map(([type, sql]) => `SELECT '${type}'::text AS t, r.id FROM (${sql}) AS r(id)`).join('\n UNION ALL ');
}

/**
 * The DPO's `auditEvents(first, filter: { subjectId })` with each event's actor, in one statement:
 * the events of the reader's service (the AuditEvent rules: the DPO only) naming the person or any
 * record linked to them, newest first; the actor where the DPO may read the user (their service);
 * and the one READ audit row for reading the trail (entity AuditEvent, no id), written by the same statement.
 */
export const auditEvents: Handler = async (ctx, v) => {
  const p = ctx.principal;
  if (p.role !== 'DPO') return JSON.stringify({ data: { auditEvents: { pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } } });
  const f = onlyKeys(v.filter as Record<string, unknown>, ['subjectId', 'actions', 'entityType', 'from', 'to'], 'auditEvents');
  const q = new Params();
  const service = q.add(p.libraryServiceId, 'uuid');
  const where = [`e.library_service_id = ${service}`];
  if (f.actions) where.push((f.actions as unknown[]).length ? `e.action = ANY (${q.add(f.actions, 'text[]')})` : 'FALSE');
  if (f.entityType) where.push(`e.entity_type = ${q.add(f.entityType, 'text')}`);
  if (f.from) where.push(`e.occurred_at >= ${q.add(new Date(String(f.from)), 'timestamptz')}`);
  if (f.to) where.push(`e.occurred_at < ${q.add(new Date(String(f.to)), 'timestamptz')}`);
  const first = pageSize(v.first);
  const limit = q.add(first, 'int');
  where.push(afterCursor(q, v.after, 'occurredAt:DESC', 'e.occurred_at', 'e.id', 'bigint'));
  // About a person: the newest events of each record, from the (entity_type, entity_id, occurred_at) index, then the newest of those.
  const events = f.subjectId
    ? `SELECT x.* FROM (SELECT DISTINCT t, id FROM (${recordsOf(q.add(f.subjectId, 'uuid'), service)}) refs) r
         CROSS JOIN LATERAL (SELECT e.* FROM audit_event e WHERE e.entity_type = r.t AND e.entity_id = r.id AND ${where.join(' AND ')}
                              ORDER BY e.occurred_at DESC, e.id DESC LIMIT ${limit} + 1) x`
    : `SELECT e.* FROM audit_event e WHERE ${where.join(' AND ')}`;
  const audit = auditInsert(q, auditIdentity(ctx), 'READ', `SELECT 'AuditEvent' AS t, NULL::text AS id, ${service} AS svc`);
  const self = q.add(p.id, 'uuid');
  const sql = `
    WITH page AS (SELECT e.* FROM (${events}) e ORDER BY e.occurred_at DESC, e.id DESC LIMIT ${limit} + 1),
    shown AS (SELECT * FROM page ORDER BY occurred_at DESC, id DESC LIMIT ${limit}),
    audit AS (${audit})
    SELECT json_build_object('data', json_build_object('auditEvents', json_build_object(
      'pageInfo', json_build_object(
        'hasNextPage', (SELECT count(*) FROM page) > ${limit},
        'endCursor', (SELECT ${cursorSql('occurredAt:DESC', cursorText('l.occurred_at'), 'l.id')} FROM shown l ORDER BY l.occurred_at, l.id LIMIT 1)),
      'edges', coalesce((
        SELECT json_agg(json_build_object(
          'cursor', ${cursorSql('occurredAt:DESC', cursorText('e.occurred_at'), 'e.id')},
          'node', json_build_object(
            'id', e.id::text, 'occurredAt', ${iso('e.occurred_at')}, 'action', e.action, 'entityType', e.entity_type, 'entityId', e.entity_id,
            'actorId', e.actor_id, 'actorRole', e.actor_role, 'purpose', e.purpose, 'requestId', e.request_id,
            'actor', (SELECT json_build_object('displayName', u.display_name, 'role', u.role)
                        FROM app_user u WHERE u.id = e.actor_id AND (u.library_service_id = ${service} OR u.id = ${self}))))
          ORDER BY e.occurred_at DESC, e.id DESC)
        FROM shown e), '[]')))) ::text AS body`;
  const { rows } = await ctx.pool.query(sql, q.values);
  return rows[0].body;
};
