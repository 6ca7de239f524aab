import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The data categories in their canonical order (DataCategory in libs/sharing): a grant lists them in this order. */
const CATEGORIES = ['IDENTITY', 'CONTACT', 'INCIDENTS', 'BANS', 'REFERRALS', 'INTELLIGENCE', 'SPECIAL_CATEGORY', 'CRIMINAL_OFFENCE'];
const TODAY = `(now() AT TIME ZONE 'Europe/London')::date`;

/** The key of every row: the case, its service, the recipient (an organisation or a library service) and the case's person. */
const KEY = 'g.case_id, g.library_service_id, g.partner_organisation_id, g.recipient_library_service_id, g.subject_id';

/** A record holding special category or criminal offence data needs that category granted too (record alias `x`). */
const gated = (x: string) => `(${x}.special_category_condition IS NULL OR 'SPECIAL_CATEGORY' = ANY (g.categories))
         AND (${x}.criminal_offence_condition IS NULL OR 'CRIMINAL_OFFENCE' = ANY (g.categories))`;

const VIEWS: [name: string, sql: string][] = [
  // Per case and recipient, the union of the categories of its live shares. The one definition of
  // what a recipient is granted; every section view below is built on it.
  [
    'shared_case_grant',
    `
    SELECT g.case_id, g.library_service_id, g.partner_organisation_id, g.recipient_library_service_id, cf.subject_id,
           ARRAY(SELECT k.category FROM unnest(ARRAY[${CATEGORIES.map((c) => `'${c}'`).join(',')}]::text[]) WITH ORDINALITY AS k(category, n)
                  WHERE k.category = ANY (g.categories) ORDER BY k.n) AS categories,
           ls.name AS library_service_name
      FROM (SELECT s.case_id, s.library_service_id, s.partner_organisation_id, s.recipient_library_service_id, array_agg(c.category) AS categories
              FROM live_case_share s CROSS JOIN LATERAL unnest(s.categories) AS c(category)
             GROUP BY s.case_id, s.library_service_id, s.partner_organisation_id, s.recipient_library_service_id) g
      JOIN case_file cf ON cf.id = g.case_id AND cf.library_service_id = g.library_service_id
      JOIN library_service ls ON ls.id = g.library_service_id`,
  ],
  [
    'shared_case_share',
    `
    SELECT s.case_id, s.library_service_id, s.partner_organisation_id, s.recipient_library_service_id, cf.subject_id,
           s.id, s.categories, s.starts_at, s.until, cs.reason, d.id AS agreement_id, d.title AS agreement_title
      FROM live_case_share s
      JOIN case_file cf ON cf.id = s.case_id AND cf.library_service_id = s.library_service_id
      JOIN case_share cs ON cs.id = s.id
      JOIN data_sharing_agreement d ON d.id = s.agreement_id`,
  ],
  [
    'shared_case_subject',
    `
    SELECT ${KEY}, s.id, s.name, s.description, s.aliases, to_char(s.date_of_birth, 'YYYY-MM-DD') AS date_of_birth, s.age_band, s.photo_reference
      FROM shared_case_grant g JOIN subject s ON s.id = g.subject_id
     WHERE 'IDENTITY' = ANY (g.categories)`,
  ],
  [
    'shared_case_contact',
    `
    SELECT ${KEY}, r.id, r.contact_route, r.created_at
      FROM shared_case_grant g
      JOIN referral r ON r.subject_id = g.subject_id AND r.library_service_id = g.library_service_id
     WHERE 'CONTACT' = ANY (g.categories) AND r.status <> 'DRAFT' AND r.contact_route IS NOT NULL
       AND ${gated('r')}`,
  ],
  [
    'shared_case_incident',
    `
    SELECT ${KEY}, i.id, i.occurred_at, b.name AS branch_name, i.location_in_building, i.category, i.severity, i.description, i.actions_taken,
           i.reported_to_police, i.crime_reference_number, array_agg(DISTINCT isub.part ORDER BY isub.part) AS subject_parts
      FROM shared_case_grant g
      JOIN incident_subject isub ON isub.subject_id = g.subject_id
      JOIN incident i ON i.id = isub.incident_id AND i.library_service_id = g.library_service_id
      JOIN branch b ON b.id = i.branch_id
     WHERE 'INCIDENTS' = ANY (g.categories)
       AND ${gated('i')}
     GROUP BY ${KEY}, i.id, b.name`,
  ],
  // Confirmed bans only; the status reads EXPIRED once the end date has passed, whatever is stored.
  [
    'shared_case_ban',
    `
    SELECT ${KEY}, bn.id,
           CASE WHEN bn.status IN ('ACTIVE','UNDER_REVIEW') AND bn.ends_on < ${TODAY} THEN 'EXPIRED' ELSE bn.status END AS status,
           bn.scope, bn.reason, bn.conditions, to_char(bn.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(bn.ends_on, 'YYYY-MM-DD') AS ends_on,
           to_char(bn.review_on, 'YYYY-MM-DD') AS review_on,
           coalesce((SELECT array_agg(br.name ORDER BY br.name) FROM ban_branch bb JOIN branch br ON br.id = bb.branch_id WHERE bb.ban_id = bn.id), '{}') AS branch_names
      FROM shared_case_grant g
      JOIN ban bn ON bn.subject_id = g.subject_id AND bn.library_service_id = g.library_service_id
     WHERE 'BANS' = ANY (g.categories) AND bn.status <> 'PROPOSED'
       AND ${gated('bn')}`,
  ],
  [
    'shared_case_referral',
    `
    SELECT ${KEY}, r.id, po.name AS partner_organisation_name, r.needs, r.urgency, r.status, r.sent_at, r.outcome, r.closed_at
      FROM shared_case_grant g
      JOIN referral r ON r.subject_id = g.subject_id AND r.library_service_id = g.library_service_id
      JOIN partner_organisation po ON po.id = r.partner_organisation_id
     WHERE 'REFERRALS' = ANY (g.categories) AND r.status <> 'DRAFT'
       AND ${gated('r')}`,
  ],
  // Accepted items only. Handling code P: any recipient granted INTELLIGENCE; C: only the
  // organisations or library services its conditions name.
  [
    'shared_case_intelligence',
    `
    SELECT ${KEY}, it.id, it.body, it.source_type, it.source_evaluation, it.intelligence_assessment, it.handling_code, it.handling_conditions,
           it.category, it.place_description, b.name AS branch_name, to_char(it.review_on, 'YYYY-MM-DD') AS review_on, it.created_at AS recorded_at
      FROM shared_case_grant g
      JOIN intelligence_item it ON it.case_id = g.case_id AND it.library_service_id = g.library_service_id
      LEFT JOIN branch b ON b.id = it.branch_id
     WHERE 'INTELLIGENCE' = ANY (g.categories) AND it.status = 'ACCEPTED'
       AND (it.handling_code = 'P' OR (it.handling_code = 'C'
            AND (g.partner_organisation_id = ANY (it.handling_organisation_ids) OR g.recipient_library_service_id = ANY (it.handling_library_service_ids))))
       AND ${gated('it')}`,
  ],
  [
    'shared_case_special_category',
    `
    SELECT ${KEY}, s.id, s.is_child_safeguarding, s.is_adult_at_risk,
           coalesce((SELECT json_agg(json_build_object('id', sc.id, 'category', sc.category, 'details', sc.details) ORDER BY sc.created_at, sc.id)
                       FROM subject_special_category sc WHERE sc.subject_id = s.id), '[]') AS details
      FROM shared_case_grant g JOIN subject s ON s.id = g.subject_id
     WHERE 'SPECIAL_CATEGORY' = ANY (g.categories)`,
  ],
];

/**
 * What a recipient may see of a case shared with it, defined once, in SQL: `shared_case_grant`
 * (per case and recipient, the union of the categories of the live shares, from live_case_share)
 * and one view per section of the partner projection built on it. Each row carries the recipient
 * (partner_organisation_id or recipient_library_service_id), the sharing service and the case's
 * person (subject_id), so the access rules (who may read which rows) and restriction (Art 18)
 * apply to them like to any table. A section shows only when its category is granted, and a record
 * holding special category or criminal offence data only when that category is granted too.
 * Views, so a revocation, an expiry or a suspension takes effect at once.
 */
export class SharedCaseViews1765000000000 implements MigrationInterface {
  name = 'SharedCaseViews1765000000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [name, sql] of VIEWS) await q.query(`CREATE VIEW ${name} AS ${sql}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name] of [...VIEWS].reverse()) await q.query(`DROP VIEW ${name}`);
  }
}
