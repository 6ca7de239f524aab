import type { ShareRecipient } from '../../../access/src/index.js';
import { subjectNotRestrictedSql } from '../../../governance/src/index.js';
import { TODAY_SQL } from '../sharing-sql.js';

/**
 * SQL of the partner-side projection. Every query starts from `granted`: per case, the union of
 * the categories of the live shares (live_case_share) with this recipient, unless the case's
 * subject is restricted (Article 18). A section is read only
 * where its category is granted, and a record holding special category or criminal offence data
 * only where SPECIAL_CATEGORY or CRIMINAL_OFFENCE is granted too (see recordShareable).
 * Parameters: $1 the case ids, $2 the recipient (organisation or library service), $3 the
 * partner's library service (partners only: the tenancy condition of their rule).
 */
export function granted(recipient: ShareRecipient, libraryServiceId: string, caseIds: readonly string[]): { cte: string; params: unknown[]; kind: 'organisation' | 'service' } {
  const byOrganisation = 'organisationId' in recipient;
  const where = byOrganisation ? 'ls.partner_organisation_id = $2 AND ls.library_service_id = $3' : 'ls.recipient_library_service_id = $2';
  const params = byOrganisation ? [caseIds, recipient.organisationId, libraryServiceId] : [caseIds, recipient.libraryServiceId];
  const cte = `WITH granted AS (
      SELECT ls.case_id, ls.library_service_id, array_agg(DISTINCT c.cat) AS cats
        FROM live_case_share ls JOIN case_file rc ON rc.id = ls.case_id CROSS JOIN LATERAL unnest(ls.categories) AS c(cat)
       WHERE ls.case_id = ANY($1::uuid[]) AND ${where} AND ${subjectNotRestrictedSql('rc.subject_id')}
       GROUP BY ls.case_id, ls.library_service_id)`;
  return { cte, params, kind: byOrganisation ? 'organisation' : 'service' };
}

/** A record's special category and criminal offence data need their own categories (alias `x`). */
const gated = (x: string) => `(${x}.special_category_condition IS NULL OR 'SPECIAL_CATEGORY' = ANY(g.cats))
  AND (${x}.criminal_offence_condition IS NULL OR 'CRIMINAL_OFFENCE' = ANY(g.cats))`;

export const CASE_HEADERS = `
  SELECT g.case_id AS "caseId", g.cats AS categories, s.name AS "libraryServiceName"
    FROM granted g JOIN library_service s ON s.id = g.library_service_id`;

export const SUBJECT_SECTION = `
  SELECT g.case_id AS "caseId", s.id, s.library_service_id AS "libraryServiceId", s.name, s.description, s.aliases,
         to_char(s.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth", s.age_band AS "ageBand", s.photo_reference AS "photoReference"
    FROM granted g JOIN case_file cf ON cf.id = g.case_id JOIN subject s ON s.id = cf.subject_id
   WHERE 'IDENTITY' = ANY(g.cats)`;

export const CONTACT_SECTION = `
  SELECT g.case_id AS "caseId", r.id, r.library_service_id AS "libraryServiceId", r.contact_route AS "contactRoute"
    FROM granted g JOIN case_file cf ON cf.id = g.case_id
    JOIN referral r ON r.subject_id = cf.subject_id AND r.library_service_id = cf.library_service_id
   WHERE 'CONTACT' = ANY(g.cats) AND r.status <> 'DRAFT' AND r.contact_route IS NOT NULL AND ${gated('r')}
   ORDER BY r.created_at, r.id`;

export const INCIDENT_SECTION = `
  SELECT g.case_id AS "caseId", i.id, i.library_service_id AS "libraryServiceId", i.occurred_at AS "occurredAt", b.name AS "branchName",
         i.location_in_building AS "locationInBuilding", i.category, i.severity, i.description, i.actions_taken AS "actionsTaken",
         i.reported_to_police AS "reportedToPolice", i.crime_reference_number AS "crimeReferenceNumber",
         array_agg(DISTINCT isub.part ORDER BY isub.part) AS "subjectParts"
    FROM granted g JOIN case_file cf ON cf.id = g.case_id
    JOIN incident_subject isub ON isub.subject_id = cf.subject_id
    JOIN incident i ON i.id = isub.incident_id AND i.library_service_id = cf.library_service_id
    JOIN branch b ON b.id = i.branch_id
   WHERE 'INCIDENTS' = ANY(g.cats) AND ${gated('i')}
   GROUP BY g.case_id, i.id, b.name
   ORDER BY i.occurred_at DESC, i.id`;

export const BAN_SECTION = `
  SELECT g.case_id AS "caseId", bn.id, bn.library_service_id AS "libraryServiceId",
         CASE WHEN bn.status IN ('ACTIVE','UNDER_REVIEW') AND bn.ends_on < ${TODAY_SQL} THEN 'EXPIRED' ELSE bn.status END AS status,
         bn.scope, bn.reason, bn.conditions, to_char(bn.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(bn.ends_on, 'YYYY-MM-DD') AS "endsOn",
         to_char(bn.review_on, 'YYYY-MM-DD') AS "reviewOn",
         coalesce((SELECT array_agg(br.name ORDER BY br.name) FROM ban_branch bb JOIN branch br ON br.id = bb.branch_id WHERE bb.ban_id = bn.id), '{}') AS "branchNames"
    FROM granted g JOIN case_file cf ON cf.id = g.case_id
    JOIN ban bn ON bn.subject_id = cf.subject_id AND bn.library_service_id = cf.library_service_id
   WHERE 'BANS' = ANY(g.cats) AND bn.status <> 'PROPOSED' AND ${gated('bn')}
   ORDER BY bn.starts_on DESC, bn.id`;

export const REFERRAL_SECTION = `
  SELECT g.case_id AS "caseId", r.id, r.library_service_id AS "libraryServiceId", po.name AS "partnerOrganisationName", r.needs, r.urgency,
         r.status, r.sent_at AS "sentAt", r.outcome, r.closed_at AS "closedAt"
    FROM granted g JOIN case_file cf ON cf.id = g.case_id
    JOIN referral r ON r.subject_id = cf.subject_id AND r.library_service_id = cf.library_service_id
    JOIN partner_organisation po ON po.id = r.partner_organisation_id
   WHERE 'REFERRALS' = ANY(g.cats) AND r.status <> 'DRAFT' AND ${gated('r')}
   ORDER BY r.sent_at DESC NULLS LAST, r.id`;

/** Handling code P: any recipient with INTELLIGENCE; C: only the organisations or services its conditions name. */
export function intelligenceSection(kind: 'organisation' | 'service'): string {
  const named = kind === 'organisation' ? 'it.handling_organisation_ids' : 'it.handling_library_service_ids';
  return `
  SELECT g.case_id AS "caseId", it.id, it.library_service_id AS "libraryServiceId", it.body, it.source_type AS "sourceType",
         it.source_evaluation AS "sourceEvaluation", it.intelligence_assessment AS "intelligenceAssessment", it.handling_code AS "handlingCode",
         it.handling_conditions AS "handlingConditions", it.category, it.place_description AS "placeDescription", b.name AS "branchName",
         to_char(it.review_on, 'YYYY-MM-DD') AS "reviewOn", it.created_at AS "recordedAt"
    FROM granted g JOIN intelligence_item it ON it.case_id = g.case_id AND it.library_service_id = g.library_service_id
    LEFT JOIN branch b ON b.id = it.branch_id
   WHERE 'INTELLIGENCE' = ANY(g.cats) AND it.status = 'ACCEPTED'
     AND (it.handling_code = 'P' OR (it.handling_code = 'C' AND $2 = ANY(${named})))
     AND ${gated('it')}
   ORDER BY it.created_at DESC, it.id`;
}

export const SPECIAL_CATEGORY_SECTION = `
  SELECT g.case_id AS "caseId", s.id AS "subjectId", s.library_service_id AS "libraryServiceId",
         s.is_child_safeguarding AS "isChildSafeguarding", s.is_adult_at_risk AS "isAdultAtRisk",
         coalesce((SELECT json_agg(json_build_object('id', sc.id, 'category', sc.category, 'details', sc.details) ORDER BY sc.created_at, sc.id)
                     FROM subject_special_category sc WHERE sc.subject_id = s.id), '[]') AS details
    FROM granted g JOIN case_file cf ON cf.id = g.case_id JOIN subject s ON s.id = cf.subject_id
   WHERE 'SPECIAL_CATEGORY' = ANY(g.cats)`;

export function sharesSection(kind: 'organisation' | 'service'): string {
  const where = kind === 'organisation' ? 'ls.partner_organisation_id = $2' : 'ls.recipient_library_service_id = $2';
  return `
  SELECT ls.case_id AS "caseId", ls.id, ls.categories, ls.starts_at AS "startsAt", ls.until, cs.reason, d.id AS "agreementId", d.title AS "agreementTitle"
    FROM granted g JOIN live_case_share ls ON ls.case_id = g.case_id AND ${where}
    JOIN case_share cs ON cs.id = ls.id JOIN data_sharing_agreement d ON d.id = ls.agreement_id
   ORDER BY ls.starts_at, ls.id`;
}
