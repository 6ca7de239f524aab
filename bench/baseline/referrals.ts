import type { Principal } from './auth.js';
import { auditIdentity, type Handler, onlyKeys } from './context.js';
import { afterCursor, auditInsert, cursorSql, cursorText, iso, notRestricted, Params, pageSize } from './sql.js';

/** The referral read rules (referrals.rules.ts, restriction.rules.ts) as SQL on alias `r`; null when the role reads none. */
function referralRule(q: Params, p: Principal): string | null {
  switch (p.role) {
    case 'MANAGER':
    case 'OUTREACH_WORKER':
      return `r.library_service_id = ${q.add(p.libraryServiceId, 'uuid')} AND ${notRestricted('r.subject_id')}`;
    case 'DPO':
      return `r.library_service_id = ${q.add(p.libraryServiceId, 'uuid')}`;
    case 'PARTNER':
      if (!p.partnerOrganisationId) return null;
      return `r.library_service_id = ${q.add(p.libraryServiceId, 'uuid')} AND r.partner_organisation_id = ${q.add(p.partnerOrganisationId, 'uuid')}
              AND r.status <> 'DRAFT' AND ${notRestricted('r.subject_id')}`;
    default:
      return null;
  }
}

/** Partner organisations the reader may read (partners.rules.ts) as SQL on alias `po`. */
function organisationRule(q: Params, p: Principal): string {
  if (p.role === 'PARTNER') return p.partnerOrganisationId ? `po.id = ${q.add(p.partnerOrganisationId, 'uuid')}` : 'FALSE';
  return ['ADMIN', 'MANAGER', 'OUTREACH_WORKER', 'STAFF', 'DPO'].includes(p.role) ? `po.library_service_id = ${q.add(p.libraryServiceId, 'uuid')}` : 'FALSE';
}

/**
 * `referrals(first, filter)` with the person referred (name or description) and the receiving
 * organisation, in one statement: the reader's referrals matching the filter, newest created
 * first, totalCount with the same WHERE; one READ audit row per referral returned and one per
 * distinct person shown (as Subject: ReferralDetailsService.subject), written by the same statement.
 */
export const referrals: Handler = async (ctx, v) => {
  const q = new Params();
  const rule = referralRule(q, ctx.principal);
  if (!rule) return JSON.stringify({ data: { referrals: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } } });
  const f = onlyKeys(
    v.filter as Record<string, unknown>,
    ['statuses', 'urgencies', 'needs', 'partnerOrganisationId', 'referredById', 'from', 'to'],
    'referrals',
  );
  const where = [rule];
  if (f.statuses) where.push(`r.status = ANY (${q.add(f.statuses, 'text[]')})`);
  if (f.urgencies) where.push(`r.urgency = ANY (${q.add(f.urgencies, 'text[]')})`);
  if (f.needs) where.push((f.needs as unknown[]).length ? `r.needs && ${q.add(f.needs, 'text[]')}` : 'FALSE');
  if (f.partnerOrganisationId) where.push(`r.partner_organisation_id = ${q.add(f.partnerOrganisationId, 'uuid')}`);
  if (f.referredById) where.push(`r.referred_by_id = ${q.add(f.referredById, 'uuid')}`);
  if (f.from) where.push(`r.created_at >= ${q.add(new Date(String(f.from)), 'timestamptz')}`);
  if (f.to) where.push(`r.created_at < ${q.add(new Date(String(f.to)), 'timestamptz')}`);
  const first = pageSize(v.first);
  const limit = q.add(first, 'int');
  const after = afterCursor(q, v.after, 'createdAt:DESC', 'r.created_at', 'r.id', 'uuid');
  const organisations = organisationRule(q, ctx.principal);
  const audit = auditInsert(
    q,
    auditIdentity(ctx),
    'READ',
    `SELECT 'Referral' AS t, id::text AS id, library_service_id AS svc FROM shown
     UNION ALL SELECT DISTINCT 'Subject', s.id::text, s.library_service_id FROM shown sh JOIN subject s ON s.id = sh.subject_id AND s.library_service_id = sh.library_service_id`,
  );
  const sql = `
    WITH matching AS NOT MATERIALIZED (SELECT r.* FROM referral r WHERE ${where.join(' AND ')}),
    page AS (SELECT r.id, r.library_service_id, r.subject_id, r.partner_organisation_id, r.status, r.urgency, r.needs, r.created_at, r.sent_at
               FROM matching r WHERE ${after} ORDER BY r.created_at DESC, r.id DESC LIMIT ${limit} + 1),
    shown AS (SELECT * FROM page ORDER BY created_at DESC, id DESC LIMIT ${limit}),
    audit AS (${audit})
    SELECT json_build_object('data', json_build_object('referrals', json_build_object(
      'totalCount', (SELECT count(*) FROM matching),
      'pageInfo', json_build_object(
        'hasNextPage', (SELECT count(*) FROM page) > ${limit},
        'endCursor', (SELECT ${cursorSql('createdAt:DESC', cursorText('l.created_at'), 'l.id')} FROM shown l ORDER BY l.created_at, l.id LIMIT 1)),
      'edges', coalesce((
        SELECT json_agg(json_build_object(
          'cursor', ${cursorSql('createdAt:DESC', cursorText('sh.created_at'), 'sh.id')},
          'node', json_build_object(
            'id', sh.id, 'status', sh.status, 'urgency', sh.urgency, 'needs', sh.needs, 'createdAt', ${iso('sh.created_at')}, 'sentAt', ${iso('sh.sent_at')},
            'subject', (SELECT json_build_object('id', s.id, 'name', s.name, 'description', s.description)
                          FROM subject s WHERE s.id = sh.subject_id AND s.library_service_id = sh.library_service_id),
            'partnerOrganisation', (SELECT json_build_object('id', po.id, 'name', po.name)
                                      FROM partner_organisation po WHERE po.id = sh.partner_organisation_id AND ${organisations})))
          ORDER BY sh.created_at DESC, sh.id DESC)
        FROM shown sh), '[]')))) ::text AS body`;
  const { rows } = await ctx.pool.query(sql, q.values);
  return rows[0].body;
};
