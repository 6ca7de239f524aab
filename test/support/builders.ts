import { hashPassword } from '../../libs/access/src/index.js';
import { calendarDate } from '../../libs/common/src/index.js';

/**
 * Test data, one typed builder per kind of record, written straight to the database with SQL: a
 * test can then build states the API would refuse (an expired ban, a suspended agreement, a
 * back-dated note) and hundreds of rows quickly, whichever context's API would make them.
 *
 * Every option left out takes a default that makes an ordinary, valid record; `null` stores NULL.
 * The defaults fill the fields partners must never see (notes, summaries, debriefs) with text that
 * says so, so any test may check that they do not leak. Each builder returns the new record's id.
 */

/** A DataSource or an EntityManager (inside a transaction). */
export interface Db {
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

/** A moment: a Date, or an ISO timestamp. */
export type When = Date | string;

const RETAIN = '2040-01-01';

/** A value written as SQL rather than as a parameter (a default relative to the database's clock). */
class Sql {
  constructor(readonly text: string) {}
}
const sql = (text: string) => new Sql(text);

/** The option as given (null included), or the default when it was left out. */
const or = <T, D>(value: T | undefined, fallback: D): T | D => (value === undefined ? fallback : value);

/** Inserts one row; a column whose value is `undefined` takes its default from the table. */
async function insertRow(db: Db, table: string, row: Record<string, unknown>, returning = ''): Promise<any> {
  const columns: string[] = [];
  const values: string[] = [];
  const params: unknown[] = [];
  for (const [column, value] of Object.entries(row)) {
    if (value === undefined) continue;
    columns.push(column);
    if (value instanceof Sql) values.push(value.text);
    else values.push(`$${params.push(value)}`);
  }
  const rows = await db.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${values.join(', ')})${returning}`, params);
  return rows[0];
}

const insert = async (db: Db, table: string, row: Record<string, unknown>): Promise<string> => (await insertRow(db, table, row, ' RETURNING id')).id;

// ---------------------------------------------------------------------------------------------
// Library services, their branches, users and partners

let serviceCount = 0;

export async function createLibraryService(db: Db, o: { name?: string; code?: string } = {}): Promise<string> {
  const name = o.name ?? `Test Libraries ${++serviceCount}`;
  return insert(db, 'library_service', { name, code: o.code ?? name.toUpperCase().replace(/\W+/g, '_') });
}

export async function createBranch(db: Db, o: { serviceId: string; name?: string; address?: string | null }): Promise<string> {
  return insert(db, 'branch', { library_service_id: o.serviceId, name: o.name ?? 'Test Branch', address: o.address });
}

export interface UserSpec {
  email: string;
  role: string;
  serviceId: string;
  /** Defaults to the email. */
  displayName?: string;
  partnerId?: string;
  branchIds?: string[];
  /** Defaults to the demo password. */
  password?: string;
}

/** One hash per password for the whole run: hashing is slow on purpose, and a salt shared between test users costs nothing. */
const passwordHashes = new Map<string, Promise<string>>();
const hashOnce = (password: string): Promise<string> => {
  if (!passwordHashes.has(password)) passwordHashes.set(password, hashPassword(password));
  return passwordHashes.get(password)!;
};

export async function createUser(db: Db, u: UserSpec): Promise<string> {
  const id = await insert(db, 'app_user', {
    email: u.email,
    display_name: u.displayName ?? u.email,
    role: u.role,
    library_service_id: u.serviceId,
    partner_organisation_id: u.partnerId ?? null,
    password_hash: await hashOnce(u.password ?? 'demo-password'),
  });
  for (const b of u.branchIds ?? []) await insertRow(db, 'user_branch', { user_id: id, branch_id: b });
  return id;
}

/** A partner organisation, ACTIVE by default; an ARCHIVED one was archived now. */
export async function createPartner(
  db: Db,
  o: { serviceId: string; name?: string; type?: string; relationship?: string; status?: 'ACTIVE' | 'INACTIVE' | 'ARCHIVED' },
): Promise<string> {
  return insert(db, 'partner_organisation', {
    library_service_id: o.serviceId,
    name: o.name ?? 'Test Partner',
    type: o.type ?? 'CHARITY',
    relationship: o.relationship ?? 'COLLABORATIVE_RELATIONSHIP',
    status: o.status,
    archived_at: o.status === 'ARCHIVED' ? new Date() : undefined,
  });
}

export interface PartnerContactSpec {
  serviceId: string;
  partnerId: string;
  name?: string;
  phone?: string | null;
  email?: string | null;
  lawfulBasis?: string;
  retainUntil?: string;
  updatedAt?: When;
  /** Archived now. */
  archived?: boolean;
}

export async function createPartnerContact(db: Db, c: PartnerContactSpec): Promise<string> {
  return insert(db, 'partner_contact', {
    library_service_id: c.serviceId,
    partner_organisation_id: c.partnerId,
    name: c.name ?? 'Pat Contact',
    phone: c.phone,
    email: c.email,
    lawful_basis: c.lawfulBasis ?? 'PUBLIC_TASK',
    retain_until: c.retainUntil ?? RETAIN,
    updated_at: c.updatedAt,
    archived_at: c.archived ? new Date() : undefined,
  });
}

export interface ContactLogSpec {
  serviceId: string;
  partnerId: string;
  recordedById: string;
  /** Defaults to now. */
  occurredAt?: When;
  channel?: string;
  summary?: string;
  lawfulBasis?: string;
  retainUntil?: string;
  legalHold?: boolean;
  /** Archived now. */
  archived?: boolean;
}

export async function createContactLog(db: Db, l: ContactLogSpec): Promise<string> {
  return insert(db, 'contact_log', {
    library_service_id: l.serviceId,
    partner_organisation_id: l.partnerId,
    occurred_at: l.occurredAt ?? sql('now()'),
    channel: l.channel ?? 'MEETING',
    summary: l.summary ?? 'Met at the library',
    recorded_by_id: l.recordedById,
    lawful_basis: l.lawfulBasis ?? 'PUBLIC_TASK',
    retain_until: l.retainUntil ?? RETAIN,
    legal_hold: l.legalHold,
    archived_at: l.archived ? new Date() : undefined,
  });
}

// ---------------------------------------------------------------------------------------------
// People and their records

export interface SubjectSpec {
  serviceId: string;
  /** Defaults to a user of the service. */
  createdById?: string;
  name?: string | null;
  /** Defaults to a description when there is no name. */
  description?: string | null;
  aliases?: string[];
  dateOfBirth?: string | null;
  photoReference?: string | null;
  notes?: string | null;
  child?: boolean;
  adultAtRisk?: boolean;
  lawfulBasis?: string;
  retainUntil?: string;
  /** A duplicate record already merged into this one. */
  mergedIntoId?: string;
}

export async function createSubject(db: Db, s: SubjectSpec): Promise<string> {
  const name = s.name ?? null;
  const createdById = s.createdById ?? (await db.query('SELECT id FROM app_user WHERE library_service_id = $1 LIMIT 1', [s.serviceId]))[0].id;
  return insert(db, 'subject', {
    library_service_id: s.serviceId,
    name,
    description: or(s.description, name ? null : 'male, 30s, red jacket'),
    aliases: s.aliases ?? ['Al'],
    date_of_birth: or(s.dateOfBirth, '1990-04-01'),
    photo_reference: or(s.photoReference, 'photo-ref-1'),
    is_child_safeguarding: s.child ?? false,
    is_adult_at_risk: s.adultAtRisk ?? false,
    notes: or(s.notes, 'internal note: never shared'),
    created_by_id: createdById,
    lawful_basis: s.lawfulBasis ?? 'PUBLIC_TASK',
    retain_until: s.retainUntil ?? RETAIN,
    merged_into_id: s.mergedIntoId,
    merged_at: s.mergedIntoId ? sql('now()') : undefined,
  });
}

export interface SpecialCategorySpec {
  serviceId: string;
  subjectId: string;
  byId: string;
  category?: string;
  details?: string;
  /** The Article 9 condition; the database refuses a row without one. */
  condition?: string;
  retainUntil?: string;
}

export async function createSpecialCategory(db: Db, s: SpecialCategorySpec): Promise<string> {
  return insert(db, 'subject_special_category', {
    library_service_id: s.serviceId,
    subject_id: s.subjectId,
    category: s.category ?? 'MENTAL_HEALTH',
    details: s.details ?? 'Anxiety; prefers a quiet approach',
    recorded_by_id: s.byId,
    lawful_basis: 'PUBLIC_TASK',
    special_category_condition: s.condition ?? 'Sch 1 para 18',
    retain_until: s.retainUntil ?? RETAIN,
  });
}

/** A restriction of processing (UK GDPR Art 18) on a subject: in force, or lifted now by `liftedById`. */
export async function createRestriction(
  db: Db,
  r: { serviceId: string; subjectId: string; restrictedById: string; reason?: string; liftedById?: string },
): Promise<string> {
  return insert(db, 'subject_restriction', {
    library_service_id: r.serviceId,
    subject_id: r.subjectId,
    reason: r.reason ?? 'Accuracy contested',
    restricted_by_id: r.restrictedById,
    lifted_at: r.liftedById ? new Date() : undefined,
    lifted_by_id: r.liftedById,
    lift_reason: r.liftedById ? 'Accuracy verified' : undefined,
  });
}

export interface CaseSpec {
  serviceId: string;
  subjectId: string;
  ownerId: string;
  title?: string;
  summary?: string | null;
  openedAt?: Date;
  status?: string;
  retainUntil?: string;
}

/** A case, OPEN by default; a CLOSED one is closed now. */
export async function createCase(db: Db, c: CaseSpec): Promise<string> {
  const status = c.status ?? 'OPEN';
  return insert(db, 'case_file', {
    library_service_id: c.serviceId,
    subject_id: c.subjectId,
    owner_id: c.ownerId,
    title: c.title ?? 'Support plan',
    summary: or(c.summary, 'internal summary: never shared'),
    opened_at: c.openedAt ?? new Date(),
    status,
    closed_at: status === 'CLOSED' ? new Date() : null,
    lawful_basis: 'PUBLIC_TASK',
    retain_until: c.retainUntil ?? RETAIN,
  });
}

/** A case note; `createdAt` back-dates it (the API stamps now). */
export async function createCaseNote(
  db: Db,
  n: { serviceId: string; caseId: string; authorId: string; body?: string; createdAt?: When; retainUntil?: string },
): Promise<string> {
  return insert(db, 'case_note', {
    library_service_id: n.serviceId,
    case_id: n.caseId,
    author_id: n.authorId,
    body: n.body ?? 'Met at the desk',
    lawful_basis: 'PUBLIC_TASK',
    retain_until: n.retainUntil ?? RETAIN,
    created_at: n.createdAt,
  });
}

export interface IncidentPerson {
  subjectId: string;
  /** PERPETRATOR by default. */
  part?: string;
}

export interface IncidentSpec {
  serviceId: string;
  branchId: string;
  recordedById: string;
  /** One person involved (with `part`); `people` names several. */
  subjectId?: string;
  part?: string;
  people?: IncidentPerson[];
  /** Defaults to a day ago. */
  occurredAt?: When;
  /** Defaults to the time it occurred. */
  reportedAt?: When;
  category?: string;
  severity?: string | null;
  description?: string;
  actionsTaken?: string | null;
  debriefNotes?: string | null;
  /** Reported to the police, with a crime reference and a criminal offence condition. */
  criminal?: boolean;
  /** Carries a special category condition. */
  special?: boolean;
  retainUntil?: string;
}

export async function createIncident(db: Db, i: IncidentSpec): Promise<string> {
  const occurredAt = i.occurredAt ?? new Date(Date.now() - 86_400_000);
  const id = await insert(db, 'incident', {
    library_service_id: i.serviceId,
    branch_id: i.branchId,
    occurred_at: occurredAt,
    reported_at: i.reportedAt ?? occurredAt,
    category: i.category ?? 'VERBAL_ABUSE',
    severity: or(i.severity, 'MEDIUM'),
    description: i.description ?? 'Shouted at staff',
    actions_taken: or(i.actionsTaken, 'Asked to leave'),
    reported_to_police: Boolean(i.criminal),
    crime_reference_number: i.criminal ? 'CRN-123' : null,
    recorded_by_id: i.recordedById,
    debrief_notes: or(i.debriefNotes, 'debrief: never shared'),
    lawful_basis: 'PUBLIC_TASK',
    special_category_condition: i.special ? 'Sch 1 para 18 safeguarding' : null,
    criminal_offence_condition: i.criminal ? 'Sch 1 para 10 unlawful acts' : null,
    retain_until: i.retainUntil ?? RETAIN,
  });
  const people = i.people ?? (i.subjectId ? [{ subjectId: i.subjectId, part: i.part }] : []);
  for (const p of people)
    await addIncidentSubject(db, { serviceId: i.serviceId, incidentId: id, subjectId: p.subjectId, part: p.part, addedById: i.recordedById });
  return id;
}

/** Links a person to an incident in a part (PERPETRATOR by default). */
export async function addIncidentSubject(
  db: Db,
  l: { serviceId: string; incidentId: string; subjectId: string; part?: string; addedById: string },
): Promise<void> {
  await insertRow(db, 'incident_subject', {
    incident_id: l.incidentId,
    subject_id: l.subjectId,
    part: l.part ?? 'PERPETRATOR',
    library_service_id: l.serviceId,
    added_by_id: l.addedById,
  });
}

export interface BanSpec {
  serviceId: string;
  subjectId: string;
  /** Proposes it and, unless PROPOSED, confirms it (and lifts a LIFTED one, today). */
  byId: string;
  /** Proposed by someone else (a member of staff), confirmed by `byId`. */
  proposedById?: string;
  /** ACTIVE by default. */
  status?: string;
  /** Only these branches (LISTED_BRANCHES); all branches otherwise. */
  branchIds?: string[];
  reason?: string;
  conditions?: string | null;
  notes?: string | null;
  /** Dates as YYYY-MM-DD; by default it started ten days ago and runs for six months, reviewed in 80 days. */
  startsOn?: string;
  endsOn?: string | null;
  reviewOn?: string | null;
  criminal?: boolean;
  createdAt?: When;
  retainUntil?: string;
}

export async function createBan(db: Db, b: BanSpec): Promise<string> {
  const status = b.status ?? 'ACTIVE';
  const confirmed = status !== 'PROPOSED';
  const id = await insert(db, 'ban', {
    library_service_id: b.serviceId,
    subject_id: b.subjectId,
    status,
    scope: b.branchIds?.length ? 'LISTED_BRANCHES' : 'ALL_BRANCHES',
    reason: b.reason ?? 'Repeated abuse',
    conditions: or(b.conditions, 'No entry'),
    notes: or(b.notes, 'internal ban note'),
    proposed_by_id: b.proposedById ?? b.byId,
    confirmed_by_id: confirmed ? b.byId : null,
    confirmed_at: confirmed ? new Date() : null,
    lifted_on: status === 'LIFTED' ? calendarDate(new Date()) : undefined,
    lifted_by_id: status === 'LIFTED' ? b.byId : undefined,
    starts_on: b.startsOn ?? sql('current_date - 10'),
    ends_on: or(b.endsOn, sql('current_date + 170')),
    review_on: or(b.reviewOn, sql('current_date + 80')),
    lawful_basis: 'PUBLIC_TASK',
    criminal_offence_condition: b.criminal ? 'Sch 1 para 10' : null,
    retain_until: b.retainUntil ?? RETAIN,
    created_at: b.createdAt,
  });
  for (const br of b.branchIds ?? []) await insertRow(db, 'ban_branch', { ban_id: id, branch_id: br, library_service_id: b.serviceId });
  return id;
}

/** Links an incident to a ban. */
export async function addBanIncident(db: Db, l: { serviceId: string; banId: string; incidentId: string }): Promise<void> {
  await insertRow(db, 'ban_incident', { ban_id: l.banId, incident_id: l.incidentId, library_service_id: l.serviceId });
}

export interface ReferralSpec {
  serviceId: string;
  subjectId: string;
  byId: string;
  partnerId: string;
  partnerContactId?: string;
  /** SENT by default. */
  status?: string;
  needs?: string[];
  reason?: string;
  urgency?: string;
  consent?: string;
  contactRoute?: string | null;
  /** Defaults to now, or none for a DRAFT. */
  sentAt?: When | null;
  acceptedAt?: When | null;
  declinedAt?: When | null;
  declineReason?: string | null;
  withdrawnAt?: When | null;
  startedAt?: When | null;
  closedAt?: When | null;
  outcome?: string | null;
  lawfulBasis?: string;
  /** A mental health need, with its special category condition. */
  special?: boolean;
  createdAt?: When;
  retainUntil?: string;
}

export async function createReferral(db: Db, r: ReferralSpec): Promise<string> {
  const status = r.status ?? 'SENT';
  return insert(db, 'referral', {
    library_service_id: r.serviceId,
    subject_id: r.subjectId,
    referred_by_id: r.byId,
    partner_organisation_id: r.partnerId,
    partner_contact_id: r.partnerContactId,
    needs: r.needs ?? (r.special ? ['MENTAL_HEALTH'] : ['HOUSING']),
    reason: r.reason ?? 'Needs support',
    urgency: r.urgency ?? 'SOON',
    contact_route: r.contactRoute ?? null,
    consent: r.consent ?? 'GIVEN',
    status,
    sent_at: or(r.sentAt, status === 'DRAFT' ? null : new Date()),
    accepted_at: r.acceptedAt,
    declined_at: r.declinedAt,
    decline_reason: r.declineReason,
    withdrawn_at: r.withdrawnAt,
    started_at: r.startedAt,
    closed_at: r.closedAt,
    outcome: r.outcome,
    lawful_basis: r.lawfulBasis ?? 'CONSENT',
    special_category_condition: r.special ? 'Sch 1 para 18' : null,
    retain_until: r.retainUntil ?? RETAIN,
    created_at: r.createdAt,
  });
}

export interface AgreementSpec {
  serviceId: string;
  createdById: string;
  categories: string[];
  organisationIds?: string[];
  serviceIds?: string[];
  status?: 'DRAFT' | 'ACTIVE' | 'SUSPENDED' | 'TERMINATED';
  startsOn?: string;
  endsOn?: string | null;
  reviewOn?: string | null;
  title?: string;
  purpose?: string;
  /** By default it relies on section 115 and names a special category and a criminal offence condition. */
  usesSection115?: boolean;
  specialCategoryCondition?: string | null;
  criminalOffenceCondition?: string | null;
  /** One signatory by default; false: none. */
  signed?: boolean;
}

/** An agreement in any state (ACTIVE by default, started a month ago, open-ended), with its parties and one signatory. */
export async function createAgreement(db: Db, a: AgreementSpec): Promise<string> {
  const status = a.status ?? 'ACTIVE';
  const id = await insert(db, 'data_sharing_agreement', {
    library_service_id: a.serviceId,
    title: a.title ?? 'Test agreement',
    purpose: a.purpose ?? 'Reducing disorder',
    lawful_basis: 'PUBLIC_TASK',
    uses_section_115: a.usesSection115 ?? true,
    dpa_part_3: false,
    special_category_condition: or(a.specialCategoryCondition, 'Sch 1 para 18'),
    criminal_offence_condition: or(a.criminalOffenceCondition, 'Sch 1 para 10'),
    categories: a.categories,
    starts_on: a.startsOn ?? isoDaysFromNow(-30),
    ends_on: a.endsOn ?? null,
    review_on: or(a.reviewOn, isoDaysFromNow(200)),
    status,
    created_by_id: a.createdById,
    activated_at: status === 'DRAFT' ? null : new Date(),
    activated_by_id: status === 'DRAFT' ? null : a.createdById,
    terminated_at: status === 'TERMINATED' ? new Date() : null,
  });
  for (const o of a.organisationIds ?? [])
    await insertRow(db, 'data_sharing_agreement_party', { library_service_id: a.serviceId, agreement_id: id, partner_organisation_id: o });
  for (const s of a.serviceIds ?? [])
    await insertRow(db, 'data_sharing_agreement_party', { library_service_id: a.serviceId, agreement_id: id, party_library_service_id: s });
  if (a.signed ?? true) {
    await insertRow(db, 'data_sharing_agreement_signatory', {
      library_service_id: a.serviceId,
      agreement_id: id,
      name: 'Signer',
      on_behalf_of: 'Library',
      signed_on: sql('current_date - 40'),
    });
  }
  return id;
}

export interface ShareSpec {
  serviceId: string;
  caseId: string;
  agreementId: string;
  byId: string;
  categories: string[];
  organisationId?: string;
  recipientServiceId?: string;
  /** Defaults to an hour ago. */
  startsAt?: Date;
  until?: Date | null;
  revoked?: boolean;
  reason?: string;
}

export async function createShare(db: Db, s: ShareSpec): Promise<string> {
  return insert(db, 'case_share', {
    library_service_id: s.serviceId,
    case_id: s.caseId,
    agreement_id: s.agreementId,
    partner_organisation_id: s.organisationId ?? null,
    recipient_library_service_id: s.recipientServiceId ?? null,
    categories: s.categories,
    reason: s.reason ?? 'Test share',
    shared_by_id: s.byId,
    starts_at: s.startsAt ?? new Date(Date.now() - 3_600_000),
    until: s.until ?? null,
    revoked_at: s.revoked ? new Date() : null,
    revoked_by_id: s.revoked ? s.byId : null,
  });
}

export interface IntelligenceSpec {
  serviceId: string;
  subjectId: string;
  caseId?: string;
  authorId: string;
  /** P (any recipient of the case) by default; C: only the organisations and services named. */
  handlingCode?: 'P' | 'C';
  organisationIds?: string[];
  serviceIds?: string[];
  /** ACCEPTED (decided now by the author) by default. */
  status?: string;
  sourceType?: string;
  special?: boolean;
  criminal?: boolean;
  body?: string;
  retainUntil?: string;
  /** YYYY-MM-DD; a year from today by default. */
  reviewOn?: string;
  legalHold?: boolean;
  /** When it was recorded and last changed (now by default): the retention clock is updated_at. */
  recordedAt?: When;
  /** Submitted by a partner organisation, or by another library service, to a case shared with it. */
  submittedByOrganisationId?: string;
  submittedByLibraryServiceId?: string;
  submittedViaShareId?: string;
  /** Who decided (unless SUBMITTED); defaults to the author. */
  decidedById?: string;
}

export async function createIntelligence(db: Db, i: IntelligenceSpec): Promise<string> {
  const code = i.handlingCode ?? 'P';
  const status = i.status ?? 'ACCEPTED';
  const decided = status !== 'SUBMITTED';
  return insert(db, 'intelligence_item', {
    library_service_id: i.serviceId,
    subject_id: i.subjectId,
    case_id: i.caseId,
    body: i.body ?? 'Seen with a knife',
    source_type: i.sourceType ?? 'STAFF_OBSERVATION',
    source_evaluation: 2,
    intelligence_assessment: 'B',
    handling_code: code,
    handling_conditions: code === 'C' ? 'Named recipients only' : null,
    handling_organisation_ids: code === 'C' ? (i.organisationIds ?? []) : [],
    handling_library_service_ids: code === 'C' ? (i.serviceIds ?? []) : [],
    category: 'WEAPONS',
    status,
    review_on: i.reviewOn ?? sql('current_date + 365'),
    author_id: i.authorId,
    decided_at: decided ? (i.recordedAt ?? new Date()) : null,
    decided_by_id: decided ? (i.decidedById ?? i.authorId) : null,
    submitted_by_organisation_id: i.submittedByOrganisationId,
    submitted_by_library_service_id: i.submittedByLibraryServiceId,
    submitted_via_share_id: i.submittedViaShareId,
    lawful_basis: 'PUBLIC_TASK',
    special_category_condition: i.special ? 'Sch 1 para 18' : null,
    criminal_offence_condition: i.criminal ? 'Sch 1 para 10' : null,
    retain_until: i.retainUntil ?? RETAIN,
    legal_hold: i.legalHold,
    created_at: i.recordedAt,
    updated_at: i.recordedAt,
  });
}

export interface CaseUpdateSpec {
  /** The case's service, which keeps the update. */
  serviceId: string;
  caseId: string;
  shareId: string;
  /** The recipient organisation that wrote it; leave out for another library service (authorServiceId). */
  partnerId?: string;
  /** The author's library service: the case's own for a partner's update. */
  authorServiceId: string;
  authorId: string;
  authorRole: string;
  kind?: 'ACTION_TAKEN' | 'INFORMATION';
  body?: string;
  retainUntil?: string;
}

/** An update a recipient added to a shared case (the API allows it only while the share is live; this does not check). */
export async function createCaseUpdate(db: Db, u: CaseUpdateSpec): Promise<string> {
  return insert(db, 'case_update', {
    library_service_id: u.serviceId,
    case_id: u.caseId,
    case_share_id: u.shareId,
    partner_organisation_id: u.partnerId ?? null,
    author_library_service_id: u.authorServiceId,
    author_id: u.authorId,
    author_role: u.authorRole,
    kind: u.kind ?? 'INFORMATION',
    body: u.body ?? 'Seen at the bus station',
    lawful_basis: 'PUBLIC_TASK',
    retain_until: u.retainUntil ?? RETAIN,
  });
}

export interface BranchWarningSpec {
  serviceId: string;
  branchId: string;
  publishedById: string;
  text?: string;
  /** YYYY-MM-DD; none by default (it shows until withdrawn). A past date makes an expired warning. */
  expiresOn?: string | null;
  /** Withdrawn now by the publisher. */
  withdrawn?: boolean;
  intelligenceItemId?: string;
  retainUntil?: string;
}

export async function createBranchWarning(db: Db, w: BranchWarningSpec): Promise<string> {
  return insert(db, 'branch_warning', {
    library_service_id: w.serviceId,
    branch_id: w.branchId,
    intelligence_item_id: w.intelligenceItemId,
    text: w.text ?? 'Man, 40s, grey hoodie: do not approach alone',
    published_by_id: w.publishedById,
    expires_on: w.expiresOn ?? null,
    withdrawn_at: w.withdrawn ? new Date() : null,
    withdrawn_by_id: w.withdrawn ? w.publishedById : null,
    lawful_basis: 'PUBLIC_TASK',
    retain_until: w.retainUntil ?? RETAIN,
  });
}

export interface AuditEventSpec {
  entityType: string;
  entityId?: string | null;
  action?: string;
  /** Defaults to the moment of writing. */
  occurredAt?: When;
  actorId?: string | null;
  actorRole?: string | null;
  serviceId?: string | null;
  purpose?: string | null;
}

/** An audit event as the app would have written it (the trail is append-only: it can be added to, never changed). */
export async function createAuditEvent(db: Db, e: AuditEventSpec): Promise<string> {
  return insert(db, 'audit_event', {
    occurred_at: e.occurredAt,
    actor_id: e.actorId,
    actor_role: e.actorRole,
    action: e.action ?? 'READ',
    entity_type: e.entityType,
    entity_id: e.entityId,
    library_service_id: e.serviceId,
    purpose: e.purpose,
  });
}

// ---------------------------------------------------------------------------------------------
// A person with a record everywhere

export interface PersonRecords {
  subject: string;
  duplicate: string;
  specialCategory: string;
  caseId: string;
  caseNote: string;
  referral: string;
  referralUpdate: string;
  incident: string;
  ban: string;
  caseShare: string;
  intelligence: string;
}

/**
 * A person with a record in every table that refers to a subject (and the records under those),
 * as the data-protection tests need them: a merged duplicate, special category details, a case
 * with a note, a sent referral with an update, an incident, a proposed ban, a case share under an
 * active agreement with `partnerId`, and submitted intelligence.
 */
export async function createPersonRecords(
  db: Db,
  o: { serviceId: string; userId: string; partnerId: string; branchId: string; name: string; retainUntil?: string },
): Promise<PersonRecords> {
  const retainUntil = o.retainUntil ?? RETAIN;
  const by = { serviceId: o.serviceId, retainUntil };
  const subject = await createSubject(db, {
    ...by,
    createdById: o.userId,
    name: o.name,
    aliases: ['Al'],
    dateOfBirth: '1990-05-01',
    photoReference: null,
    notes: 'Often at Central',
  });
  const duplicate = await createSubject(db, {
    ...by,
    createdById: o.userId,
    name: `${o.name} (duplicate)`,
    aliases: [],
    dateOfBirth: null,
    photoReference: null,
    notes: null,
    mergedIntoId: subject,
  });
  const specialCategory = await createSpecialCategory(db, {
    ...by,
    subjectId: subject,
    byId: o.userId,
    details: 'Anxiety in crowds',
    condition: 'Art 9(2)(g), DPA 2018 Sch 1 para 18',
  });
  const caseId = await createCase(db, { ...by, subjectId: subject, ownerId: o.userId, title: 'Support plan', summary: null });
  const caseNote = await createCaseNote(db, { ...by, caseId, authorId: o.userId, body: 'Met at the desk' });
  const referral = await createReferral(db, {
    ...by,
    subjectId: subject,
    byId: o.userId,
    partnerId: o.partnerId,
    reason: 'Sleeping rough',
    needs: ['HOUSING'],
  });
  const referralUpdate = await insert(db, 'referral_update', {
    library_service_id: o.serviceId,
    referral_id: referral,
    partner_organisation_id: o.partnerId,
    author_id: o.userId,
    author_role: 'MANAGER',
    body: 'Called them back',
    lawful_basis: 'PUBLIC_TASK',
    retain_until: retainUntil,
  });
  await insertRow(db, 'referral_transition', {
    library_service_id: o.serviceId,
    referral_id: referral,
    from_status: 'DRAFT',
    to_status: 'SENT',
    actor_id: o.userId,
    actor_role: 'MANAGER',
  });
  const incident = await createIncident(db, {
    ...by,
    branchId: o.branchId,
    recordedById: o.userId,
    subjectId: subject,
    description: 'Shouting at staff',
    reportedAt: new Date(),
    severity: null,
    actionsTaken: null,
    debriefNotes: null,
  });
  const ban = await createBan(db, {
    ...by,
    subjectId: subject,
    byId: o.userId,
    status: 'PROPOSED',
    startsOn: isoDaysFromNow(0),
    endsOn: null,
    reviewOn: null,
    conditions: null,
    notes: null,
  });
  const agreement = await createAgreement(db, {
    serviceId: o.serviceId,
    createdById: o.userId,
    title: `Agreement for ${o.name}`,
    purpose: 'Reducing crime and disorder',
    categories: ['IDENTITY', 'INCIDENTS'],
    startsOn: '2025-01-01',
    reviewOn: null,
    organisationIds: [o.partnerId],
    usesSection115: false,
    specialCategoryCondition: null,
    criminalOffenceCondition: null,
    signed: false,
  });
  const caseShare = await createShare(db, {
    serviceId: o.serviceId,
    caseId,
    agreementId: agreement,
    organisationId: o.partnerId,
    categories: ['IDENTITY'],
    reason: 'Joint problem solving',
    byId: o.userId,
  });
  const intelligence = await createIntelligence(db, {
    ...by,
    subjectId: subject,
    authorId: o.userId,
    body: 'Carries a knife',
    sourceType: 'PARTNER',
    status: 'SUBMITTED',
  });
  return { subject, duplicate, specialCategory, caseId, caseNote, referral, referralUpdate, incident, ban, caseShare, intelligence };
}

// ---------------------------------------------------------------------------------------------
// Looking things up

export async function demoServiceId(db: Db): Promise<string> {
  const [row] = await db.query(`SELECT id FROM library_service WHERE code = 'DEMO'`);
  return row.id;
}

export async function userId(db: Db, email: string): Promise<string> {
  const [row] = await db.query(`SELECT id FROM app_user WHERE email = $1`, [email]);
  return row.id;
}

export async function auditRows(db: Db, where: { action?: string; entityType?: string; entityId?: string; actorId?: string }) {
  return db.query(
    `SELECT * FROM audit_event WHERE ($1::text IS NULL OR action = $1) AND ($2::text IS NULL OR entity_type = $2)
       AND ($3::text IS NULL OR entity_id = $3) AND ($4::uuid IS NULL OR actor_id = $4) ORDER BY id`,
    [where.action ?? null, where.entityType ?? null, where.entityId ?? null, where.actorId ?? null],
  );
}

/** The UK calendar date `days` from now (the "today" of the app). */
export function isoDaysFromNow(days: number): string {
  return calendarDate(new Date(Date.now() + days * 86_400_000));
}
