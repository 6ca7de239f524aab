import { auditIdentity, type Handler, onlyKeys, unsupported } from './context.js';
import { afterCursor, auditInsert, BadRequest, cursorSql, cursorText, iso, notRestricted, Params, pageSize } from './sql.js';

/** The data categories in their canonical order (migration SharedCaseViews): a grant lists them so. */
const CATEGORIES = `'{IDENTITY,CONTACT,INCIDENTS,BANS,REFERRALS,INTELLIGENCE,SPECIAL_CATEGORY,CRIMINAL_OFFENCE}'::text[]`;

/** A record holding special category or criminal offence data shows only with that category granted too (the views' `gated`). */
const gated = (x: string) =>
  `(${x}.special_category_condition IS NULL OR 'SPECIAL_CATEGORY' = ANY (g.categories)) AND (${x}.criminal_offence_condition IS NULL OR 'CRIMINAL_OFFENCE' = ANY (g.categories))`;

/**
 * A partner user's `sharedCases` page with the subject, incidents and referrals sections, in one
 * statement: the cases with a live share to the reader's organisation in the reader's service
 * (the SharedCase rules), none of a restricted person (Art 18); the categories granted, computed
 * once for the page from live_case_share; each section only where its category is granted, a
 * record of special category or criminal offence data only with that category too (what the
 * shared-case views hold); one READ audit row per case, subject, incident and referral returned
 * (as Case, Subject, Incident, Referral), written by the same statement; the JSON as the service
 * answers it.
 */
export const sharedCases: Handler = async (ctx, v) => {
  const p = ctx.principal;
  if (p.role !== 'PARTNER') {
    if (p.role === 'MANAGER' || p.role === 'OUTREACH_WORKER') unsupported('sharedCases for a receiving library service');
    return JSON.stringify({ data: { sharedCases: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } } });
  }
  if (!p.partnerOrganisationId)
    return JSON.stringify({ data: { sharedCases: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } } });
  const purpose = typeof v.purpose === 'string' && v.purpose.trim() ? v.purpose.trim() : ctx.purpose;
  if (!purpose) {
    throw new BadRequest(
      'State why you are reading shared data: give a `purpose` argument or an X-Purpose header (it is written to the audit trail with every record you read)',
    );
  }
  onlyKeys(v.filter as Record<string, unknown>, [], 'sharedCases');
  const first = pageSize(v.first);
  const q = new Params();
  const service = q.add(p.libraryServiceId, 'uuid');
  const org = q.add(p.partnerOrganisationId, 'uuid');
  const limit = q.add(first, 'int');
  const after = afterCursor(q, v.after, 'openedAt:DESC', 'c.opened_at', 'c.id', 'uuid');
  const audit = auditInsert(
    q,
    auditIdentity(ctx, purpose),
    'READ',
    `SELECT 'Case' AS t, id::text AS id, library_service_id AS svc FROM shown
     UNION ALL SELECT 'Subject', s.id::text, s.svc FROM subj s
     UNION ALL SELECT 'Incident', i.id::text, i.svc FROM inc i
     UNION ALL SELECT 'Referral', r.id::text, r.svc FROM ref r`,
  );
  const sql = `
    WITH cases AS NOT MATERIALIZED (
      SELECT c.id, c.library_service_id, c.subject_id, c.title, c.status, c.risk_level, c.opened_at
        FROM case_file c
       WHERE c.library_service_id = ${service}
         AND EXISTS (SELECT 1 FROM live_case_share ls WHERE ls.case_id = c.id AND ls.partner_organisation_id = ${org})
         AND ${notRestricted('c.subject_id')}),
    page AS (SELECT * FROM cases c WHERE ${after} ORDER BY c.opened_at DESC, c.id DESC LIMIT ${limit} + 1),
    shown AS (SELECT * FROM page ORDER BY opened_at DESC, id DESC LIMIT ${limit}),
    g AS (
      SELECT a.case_id, a.categories,
             ARRAY(SELECT k.category FROM unnest(${CATEGORIES}) WITH ORDINALITY AS k(category, n) WHERE k.category = ANY (a.categories) ORDER BY k.n) AS ordered
        FROM (SELECT s.case_id, array_agg(c.category) AS categories
                FROM live_case_share s CROSS JOIN LATERAL unnest(s.categories) AS c(category)
               WHERE s.library_service_id = ${service} AND s.partner_organisation_id = ${org} AND s.case_id IN (SELECT id FROM shown)
               GROUP BY s.case_id) a),
    subj AS (
      SELECT sh.id AS case_id, sh.library_service_id AS svc, s.id, s.name, s.aliases, s.date_of_birth
        FROM shown sh JOIN g ON g.case_id = sh.id AND 'IDENTITY' = ANY (g.categories) JOIN subject s ON s.id = sh.subject_id),
    inc AS (
      SELECT sh.id AS case_id, sh.library_service_id AS svc, i.id, i.occurred_at, b.name AS branch_name, i.category, i.severity, i.description,
             array_agg(DISTINCT isub.part ORDER BY isub.part) AS subject_parts
        FROM shown sh JOIN g ON g.case_id = sh.id AND 'INCIDENTS' = ANY (g.categories)
        JOIN incident_subject isub ON isub.subject_id = sh.subject_id
        JOIN incident i ON i.id = isub.incident_id AND i.library_service_id = sh.library_service_id
        JOIN branch b ON b.id = i.branch_id
       WHERE ${gated('i')}
       GROUP BY sh.id, sh.library_service_id, i.id, b.name),
    ref AS (
      SELECT sh.id AS case_id, sh.library_service_id AS svc, r.id, po.name AS partner_organisation_name, r.needs, r.urgency, r.status, r.sent_at, r.outcome, r.closed_at
        FROM shown sh JOIN g ON g.case_id = sh.id AND 'REFERRALS' = ANY (g.categories)
        JOIN referral r ON r.subject_id = sh.subject_id AND r.library_service_id = sh.library_service_id
        JOIN partner_organisation po ON po.id = r.partner_organisation_id
       WHERE r.status <> 'DRAFT' AND ${gated('r')}),
    audit AS (${audit})
    SELECT json_build_object('data', json_build_object('sharedCases', json_build_object(
      'totalCount', (SELECT count(*) FROM cases),
      'pageInfo', json_build_object(
        'hasNextPage', (SELECT count(*) FROM page) > ${limit},
        'endCursor', (SELECT ${cursorSql('openedAt:DESC', cursorText('l.opened_at'), 'l.id')} FROM shown l ORDER BY l.opened_at, l.id LIMIT 1)),
      'edges', coalesce((
        SELECT json_agg(json_build_object(
          'cursor', ${cursorSql('openedAt:DESC', cursorText('sh.opened_at'), 'sh.id')},
          'node', json_build_object(
            'id', sh.id, 'title', sh.title, 'status', sh.status, 'riskLevel', sh.risk_level, 'openedAt', ${iso('sh.opened_at')},
            'categories', coalesce(g.ordered, '{}'),
            'subject', (SELECT json_build_object('id', s.id, 'name', s.name, 'aliases', s.aliases, 'dateOfBirth', to_char(s.date_of_birth, 'YYYY-MM-DD'))
                          FROM subj s WHERE s.case_id = sh.id),
            'incidents', CASE WHEN 'INCIDENTS' = ANY (g.categories) THEN coalesce((
              SELECT json_agg(json_build_object('id', i.id, 'occurredAt', ${iso('i.occurred_at')}, 'branchName', i.branch_name, 'category', i.category,
                                                'severity', i.severity, 'description', i.description, 'subjectParts', i.subject_parts)
                              ORDER BY i.occurred_at DESC, i.id)
                FROM inc i WHERE i.case_id = sh.id), '[]') END,
            'referrals', CASE WHEN 'REFERRALS' = ANY (g.categories) THEN coalesce((
              SELECT json_agg(json_build_object('id', r.id, 'partnerOrganisationName', r.partner_organisation_name, 'needs', r.needs, 'urgency', r.urgency,
                                                'status', r.status, 'sentAt', ${iso('r.sent_at')}, 'outcome', r.outcome, 'closedAt', ${iso('r.closed_at')})
                              ORDER BY r.sent_at DESC NULLS LAST, r.id)
                FROM ref r WHERE r.case_id = sh.id), '[]') END))
          ORDER BY sh.opened_at DESC, sh.id DESC)
        FROM shown sh LEFT JOIN g ON g.case_id = sh.id), '[]')))) ::text AS body`;
  const { rows } = await ctx.pool.query(sql, q.values);
  return rows[0].body;
};
