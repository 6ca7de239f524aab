import type { DataSource } from 'typeorm';
import { calendarDate } from '../../libs/common/src/index.js';

/**
 * Raw-SQL set-up for the sharing tests (issue 5): people, cases and their records, agreements and
 * shares, made directly in the database so a test can build states the API would refuse (an
 * expired share, a suspended agreement) and hundreds of rows quickly.
 */
const RETAIN = '2040-01-01';

export async function createSubject(db: DataSource, s: { serviceId: string; createdById: string; name?: string | null; description?: string | null; child?: boolean; adultAtRisk?: boolean }): Promise<string> {
  const [row] = await db.query(
    `INSERT INTO subject (library_service_id, name, description, aliases, date_of_birth, photo_reference, is_child_safeguarding, is_adult_at_risk, notes, created_by_id, lawful_basis, retain_until)
     VALUES ($1, $2, $3, $4, '1990-04-01', 'photo-ref-1', $5, $6, 'internal note: never shared', $7, 'PUBLIC_TASK', $8) RETURNING id`,
    [s.serviceId, s.name ?? null, s.description ?? (s.name ? null : 'male, 30s, red jacket'), ['Al'], s.child ?? false, s.adultAtRisk ?? false, s.createdById, RETAIN]);
  return row.id;
}

export async function createCase(db: DataSource, c: { serviceId: string; subjectId: string; ownerId: string; title: string; openedAt?: Date; status?: string }): Promise<string> {
  const closed = c.status === 'CLOSED';
  const [row] = await db.query(
    `INSERT INTO case_file (library_service_id, subject_id, owner_id, title, summary, opened_at, status, closed_at, lawful_basis, retain_until)
     VALUES ($1, $2, $3, $4, 'internal summary: never shared', $5, $6, $7, 'PUBLIC_TASK', $8) RETURNING id`,
    [c.serviceId, c.subjectId, c.ownerId, c.title, c.openedAt ?? new Date(), c.status ?? 'OPEN', closed ? new Date() : null, RETAIN]);
  return row.id;
}

export async function createIncident(db: DataSource, i: {
  serviceId: string; branchId: string; recordedById: string; subjectId: string; part?: string; criminal?: boolean; special?: boolean; occurredAt?: Date; description?: string;
}): Promise<string> {
  const [row] = await db.query(
    `INSERT INTO incident (library_service_id, branch_id, occurred_at, reported_at, category, severity, description, actions_taken, reported_to_police,
       crime_reference_number, recorded_by_id, debrief_notes, lawful_basis, special_category_condition, criminal_offence_condition, retain_until)
     VALUES ($1, $2, $3, $3, 'VERBAL_ABUSE', 'MEDIUM', $4, 'Asked to leave', $5, $6, $7, 'debrief: never shared', 'PUBLIC_TASK', $8, $9, $10) RETURNING id`,
    [i.serviceId, i.branchId, i.occurredAt ?? new Date(Date.now() - 86_400_000), i.description ?? 'Shouted at staff', Boolean(i.criminal),
      i.criminal ? 'CRN-123' : null, i.recordedById, i.special ? 'Sch 1 para 18 safeguarding' : null, i.criminal ? 'Sch 1 para 10 unlawful acts' : null, RETAIN]);
  await db.query(`INSERT INTO incident_subject (incident_id, subject_id, part, library_service_id, added_by_id) VALUES ($1, $2, $3, $4, $5)`,
    [row.id, i.subjectId, i.part ?? 'PERPETRATOR', i.serviceId, i.recordedById]);
  return row.id;
}

export async function createBan(db: DataSource, b: { serviceId: string; subjectId: string; byId: string; status?: string; branchIds?: string[]; criminal?: boolean }): Promise<string> {
  const status = b.status ?? 'ACTIVE';
  const confirmed = status !== 'PROPOSED';
  const [row] = await db.query(
    `INSERT INTO ban (library_service_id, subject_id, status, scope, reason, conditions, notes, proposed_by_id, confirmed_by_id, confirmed_at, starts_on, ends_on,
       review_on, lawful_basis, criminal_offence_condition, retain_until)
     VALUES ($1, $2, $3, $4, 'Repeated abuse', 'No entry', 'internal ban note', $5, $6, $7, current_date - 10, current_date + 170, current_date + 80, 'PUBLIC_TASK', $8, $9) RETURNING id`,
    [b.serviceId, b.subjectId, status, b.branchIds?.length ? 'LISTED_BRANCHES' : 'ALL_BRANCHES', b.byId, confirmed ? b.byId : null, confirmed ? new Date() : null,
      b.criminal ? 'Sch 1 para 10' : null, RETAIN]);
  for (const br of b.branchIds ?? []) await db.query(`INSERT INTO ban_branch (ban_id, branch_id, library_service_id) VALUES ($1, $2, $3)`, [row.id, br, b.serviceId]);
  return row.id;
}

export async function createReferral(db: DataSource, r: { serviceId: string; subjectId: string; byId: string; partnerId: string; status?: string; contactRoute?: string | null; special?: boolean }): Promise<string> {
  const status = r.status ?? 'SENT';
  const [row] = await db.query(
    `INSERT INTO referral (library_service_id, subject_id, referred_by_id, partner_organisation_id, needs, reason, urgency, contact_route, consent, status, sent_at,
       lawful_basis, special_category_condition, retain_until)
     VALUES ($1, $2, $3, $4, $5, 'Needs support', 'SOON', $6, 'GIVEN', $7, $8, 'CONSENT', $9, $10) RETURNING id`,
    [r.serviceId, r.subjectId, r.byId, r.partnerId, r.special ? ['MENTAL_HEALTH'] : ['HOUSING'], r.contactRoute ?? null, status, status === 'DRAFT' ? null : new Date(),
      r.special ? 'Sch 1 para 18' : null, RETAIN]);
  return row.id;
}

export async function createSpecialCategory(db: DataSource, s: { serviceId: string; subjectId: string; byId: string; details?: string }): Promise<string> {
  const [row] = await db.query(
    `INSERT INTO subject_special_category (library_service_id, subject_id, category, details, recorded_by_id, lawful_basis, special_category_condition, retain_until)
     VALUES ($1, $2, 'MENTAL_HEALTH', $3, $4, 'PUBLIC_TASK', 'Sch 1 para 18', $5) RETURNING id`,
    [s.serviceId, s.subjectId, s.details ?? 'Anxiety; prefers a quiet approach', s.byId, RETAIN]);
  return row.id;
}

export interface AgreementSpec {
  serviceId: string; createdById: string; categories: string[]; organisationIds?: string[]; serviceIds?: string[];
  status?: 'DRAFT' | 'ACTIVE' | 'SUSPENDED' | 'TERMINATED'; startsOn?: string; endsOn?: string | null; title?: string;
}

/** An agreement in any state (ACTIVE by default, started a month ago, open-ended), with its parties and one signatory. */
export async function createAgreement(db: DataSource, a: AgreementSpec): Promise<string> {
  const status = a.status ?? 'ACTIVE';
  const [row] = await db.query(
    `INSERT INTO data_sharing_agreement (library_service_id, title, purpose, lawful_basis, uses_section_115, dpa_part_3, special_category_condition,
       criminal_offence_condition, categories, starts_on, ends_on, review_on, status, created_by_id, activated_at, activated_by_id, terminated_at)
     VALUES ($1, $2, 'Reducing disorder', 'PUBLIC_TASK', true, false, 'Sch 1 para 18', 'Sch 1 para 10', $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [a.serviceId, a.title ?? 'Test agreement', a.categories, a.startsOn ?? isoDaysFromNow(-30), a.endsOn ?? null, isoDaysFromNow(200), status, a.createdById,
      status === 'DRAFT' ? null : new Date(), status === 'DRAFT' ? null : a.createdById, status === 'TERMINATED' ? new Date() : null]);
  for (const o of a.organisationIds ?? []) {
    await db.query(`INSERT INTO data_sharing_agreement_party (library_service_id, agreement_id, partner_organisation_id) VALUES ($1, $2, $3)`, [a.serviceId, row.id, o]);
  }
  for (const s of a.serviceIds ?? []) {
    await db.query(`INSERT INTO data_sharing_agreement_party (library_service_id, agreement_id, party_library_service_id) VALUES ($1, $2, $3)`, [a.serviceId, row.id, s]);
  }
  await db.query(`INSERT INTO data_sharing_agreement_signatory (library_service_id, agreement_id, name, on_behalf_of, signed_on) VALUES ($1, $2, 'Signer', 'Library', current_date - 40)`,
    [a.serviceId, row.id]);
  return row.id;
}

export interface ShareSpec {
  serviceId: string; caseId: string; agreementId: string; byId: string; categories: string[]; organisationId?: string; recipientServiceId?: string;
  startsAt?: Date; until?: Date | null; revoked?: boolean;
}

export async function createShare(db: DataSource, s: ShareSpec): Promise<string> {
  const [row] = await db.query(
    `INSERT INTO case_share (library_service_id, case_id, agreement_id, partner_organisation_id, recipient_library_service_id, categories, reason, shared_by_id,
       starts_at, until, revoked_at, revoked_by_id)
     VALUES ($1, $2, $3, $4, $5, $6, 'Test share', $7, $8, $9, $10, $11) RETURNING id`,
    [s.serviceId, s.caseId, s.agreementId, s.organisationId ?? null, s.recipientServiceId ?? null, s.categories, s.byId, s.startsAt ?? new Date(Date.now() - 3_600_000),
      s.until ?? null, s.revoked ? new Date() : null, s.revoked ? s.byId : null]);
  return row.id;
}

export async function createIntelligence(db: DataSource, i: {
  serviceId: string; caseId: string; subjectId: string; authorId: string; handlingCode?: 'P' | 'C'; organisationIds?: string[]; serviceIds?: string[];
  status?: string; special?: boolean; criminal?: boolean; body?: string;
}): Promise<string> {
  const code = i.handlingCode ?? 'P';
  const status = i.status ?? 'ACCEPTED';
  const [row] = await db.query(
    `INSERT INTO intelligence_item (library_service_id, subject_id, case_id, body, source_type, source_evaluation, intelligence_assessment, handling_code,
       handling_conditions, handling_organisation_ids, handling_library_service_ids, category, status, review_on, author_id, decided_at, decided_by_id,
       lawful_basis, special_category_condition, criminal_offence_condition, retain_until)
     VALUES ($1, $2, $3, $4, 'STAFF_OBSERVATION', 2, 'B', $5, $6, $7, $8, 'WEAPONS', $9, current_date + 365, $10, $11, $12, 'PUBLIC_TASK', $13, $14, $15) RETURNING id`,
    [i.serviceId, i.subjectId, i.caseId, i.body ?? 'Seen with a knife', code, code === 'C' ? 'Named recipients only' : null, code === 'C' ? i.organisationIds ?? [] : [],
      code === 'C' ? i.serviceIds ?? [] : [], status, i.authorId, status === 'SUBMITTED' ? null : new Date(), status === 'SUBMITTED' ? null : i.authorId,
      i.special ? 'Sch 1 para 18' : null, i.criminal ? 'Sch 1 para 10' : null, RETAIN]);
  return row.id;
}

/** The UK calendar date `days` from now (the "today" of the app). */
export function isoDaysFromNow(days: number): string {
  return calendarDate(new Date(Date.now() + days * 86_400_000));
}

export async function userId(db: DataSource, email: string): Promise<string> {
  const [row] = await db.query(`SELECT id FROM app_user WHERE email = $1`, [email]);
  return row.id;
}
