import type { Principal } from './auth.js';
import { auditIdentity, type Handler, onlyKeys } from './context.js';
import { afterCursor, auditInsert, cursorSql, cursorText, iso, notRestricted, Params, pageSize } from './sql.js';

/** The incident read rules (incidents.rules.ts) as SQL on alias `i`; null when the role reads no incidents. */
export function incidentRule(q: Params, p: Principal): string | null {
  switch (p.role) {
    case 'MANAGER':
    case 'OUTREACH_WORKER':
    case 'DPO':
      return `i.library_service_id = ${q.add(p.libraryServiceId, 'uuid')}`;
    case 'STAFF':
      return `i.library_service_id = ${q.add(p.libraryServiceId, 'uuid')} AND i.branch_id = ANY (${q.add(p.branchIds, 'uuid[]')})`;
    default:
      return null;
  }
}

/**
 * `incidents(first, filter)` with the people named on each, in one statement: the reader's
 * incidents (the rules above) matching the filter, newest first; totalCount with the same WHERE;
 * for each incident its people with their part, named unless a restriction hides the person from
 * this reader (everyone but the DPO: AccessScope.peopleNamed); one READ audit row per incident
 * returned, written by the same statement.
 */
export const incidents: Handler = async (ctx, v) => {
  const q = new Params();
  const rule = incidentRule(q, ctx.principal);
  if (!rule) return JSON.stringify({ data: { incidents: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } } });
  const f = onlyKeys(
    v.filter as Record<string, unknown>,
    ['branchIds', 'categories', 'severities', 'from', 'to', 'reportedToPolice', 'subjectId'],
    'incidents',
  );
  const where = [rule];
  if (f.branchIds) where.push(`i.branch_id = ANY (${q.add(f.branchIds, 'uuid[]')})`);
  if (f.categories) where.push(`i.category = ANY (${q.add(f.categories, 'text[]')})`);
  if (f.severities) where.push(`i.severity = ANY (${q.add(f.severities, 'text[]')})`);
  if (f.from) where.push(`i.occurred_at >= ${q.add(new Date(String(f.from)), 'timestamptz')}`);
  if (f.to) where.push(`i.occurred_at <= ${q.add(new Date(String(f.to)), 'timestamptz')}`);
  if (typeof f.reportedToPolice === 'boolean') where.push(`i.reported_to_police = ${q.add(f.reportedToPolice, 'boolean')}`);
  if (f.subjectId) where.push(`EXISTS (SELECT 1 FROM incident_subject fis WHERE fis.incident_id = i.id AND fis.subject_id = ${q.add(f.subjectId, 'uuid')})`);
  const first = pageSize(v.first);
  const limit = q.add(first, 'int');
  const after = afterCursor(q, v.after, 'occurredAt:DESC', 'i.occurred_at', 'i.id', 'uuid');
  const visible = ctx.principal.role === 'DPO' ? 'TRUE' : notRestricted('lnk.subject_id');
  const audit = auditInsert(q, auditIdentity(ctx), 'READ', `SELECT 'Incident' AS t, id::text AS id, library_service_id AS svc FROM shown`);
  const sql = `
    WITH matching AS NOT MATERIALIZED (SELECT i.* FROM incident i WHERE ${where.join(' AND ')}),
    page AS (SELECT i.id, i.library_service_id, i.occurred_at, i.category, i.severity, i.description, i.reported_to_police, i.branch_id
               FROM matching i WHERE ${after} ORDER BY i.occurred_at DESC, i.id DESC LIMIT ${limit} + 1),
    shown AS (SELECT * FROM page ORDER BY occurred_at DESC, id DESC LIMIT ${limit}),
    audit AS (${audit})
    SELECT json_build_object('data', json_build_object('incidents', json_build_object(
      'totalCount', (SELECT count(*) FROM matching),
      'pageInfo', json_build_object(
        'hasNextPage', (SELECT count(*) FROM page) > ${limit},
        'endCursor', (SELECT ${cursorSql('occurredAt:DESC', cursorText('l.occurred_at'), 'l.id')} FROM shown l ORDER BY l.occurred_at, l.id LIMIT 1)),
      'edges', coalesce((
        SELECT json_agg(json_build_object(
          'cursor', ${cursorSql('occurredAt:DESC', cursorText('sh.occurred_at'), 'sh.id')},
          'node', json_build_object(
            'id', sh.id, 'occurredAt', ${iso('sh.occurred_at')}, 'category', sh.category, 'severity', sh.severity, 'description', sh.description,
            'reportedToPolice', sh.reported_to_police, 'branchId', sh.branch_id,
            'people', coalesce((
              SELECT json_agg(json_build_object('subjectId', lnk.subject_id, 'part', lnk.part, 'label', coalesce(person.name, person.description))
                              ORDER BY lnk.part, lnk.created_at)
                FROM incident_subject lnk
                LEFT JOIN subject person ON person.id = lnk.subject_id AND person.library_service_id = sh.library_service_id AND ${visible}
               WHERE lnk.incident_id = sh.id), '[]')))
          ORDER BY sh.occurred_at DESC, sh.id DESC)
        FROM shown sh), '[]')))) ::text AS body`;
  const { rows } = await ctx.pool.query(sql, q.values);
  return rows[0].body;
};
