import type { DataSource } from 'typeorm';

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
  /** Present once the sharing tables exist. */
  caseShare?: string;
  intelligence?: string;
}

const present = async (db: DataSource, table: string) => (await db.query('SELECT to_regclass($1) IS NOT NULL AS p', [table]))[0].p as boolean;

/**
 * A person with a record in every table that refers to a subject (and the records under those),
 * made with SQL, as the data-protection tests need them whichever context's API would make them.
 */
export async function createPersonRecords(db: DataSource, o: { serviceId: string; userId: string; partnerId: string; branchId: string; name: string; retainUntil?: string }): Promise<PersonRecords> {
  const one = async (sql: string, params: unknown[]) => (await db.query(sql, params))[0].id as string;
  const until = o.retainUntil ?? '2040-01-01';
  const dp = `'PUBLIC_TASK', '${until}'`;
  const subject = await one(`INSERT INTO subject (library_service_id, name, aliases, date_of_birth, notes, created_by_id, lawful_basis, retain_until)
    VALUES ($1, $2, '{"Al"}', '1990-05-01', 'Often at Central', $3, ${dp}) RETURNING id`, [o.serviceId, o.name, o.userId]);
  const duplicate = await one(`INSERT INTO subject (library_service_id, name, created_by_id, lawful_basis, retain_until, merged_into_id, merged_at)
    VALUES ($1, $2, $3, ${dp}, $4, now()) RETURNING id`, [o.serviceId, `${o.name} (duplicate)`, o.userId, subject]);
  const specialCategory = await one(`INSERT INTO subject_special_category (library_service_id, subject_id, category, details, recorded_by_id, lawful_basis, special_category_condition, retain_until)
    VALUES ($1, $2, 'MENTAL_HEALTH', 'Anxiety in crowds', $3, 'PUBLIC_TASK', 'Art 9(2)(g), DPA 2018 Sch 1 para 18', '${until}') RETURNING id`, [o.serviceId, subject, o.userId]);
  const caseId = await one(`INSERT INTO case_file (library_service_id, subject_id, owner_id, title, lawful_basis, retain_until)
    VALUES ($1, $2, $3, 'Support plan', ${dp}) RETURNING id`, [o.serviceId, subject, o.userId]);
  const caseNote = await one(`INSERT INTO case_note (library_service_id, case_id, author_id, body, lawful_basis, retain_until)
    VALUES ($1, $2, $3, 'Met at the desk', ${dp}) RETURNING id`, [o.serviceId, caseId, o.userId]);
  const referral = await one(`INSERT INTO referral (library_service_id, subject_id, referred_by_id, partner_organisation_id, needs, reason, urgency, consent, status, sent_at, lawful_basis, retain_until)
    VALUES ($1, $2, $3, $4, '{HOUSING}', 'Sleeping rough', 'SOON', 'GIVEN', 'SENT', now(), 'CONSENT', '${until}') RETURNING id`, [o.serviceId, subject, o.userId, o.partnerId]);
  const referralUpdate = await one(`INSERT INTO referral_update (library_service_id, referral_id, partner_organisation_id, author_id, author_role, body, lawful_basis, retain_until)
    VALUES ($1, $2, $3, $4, 'MANAGER', 'Called them back', ${dp}) RETURNING id`, [o.serviceId, referral, o.partnerId, o.userId]);
  await db.query(`INSERT INTO referral_transition (library_service_id, referral_id, from_status, to_status, actor_id, actor_role) VALUES ($1, $2, 'DRAFT', 'SENT', $3, 'MANAGER')`,
    [o.serviceId, referral, o.userId]);
  const incident = await one(`INSERT INTO incident (library_service_id, branch_id, occurred_at, category, description, recorded_by_id, lawful_basis, retain_until)
    VALUES ($1, $2, now() - interval '1 day', 'VERBAL_ABUSE', 'Shouting at staff', $3, ${dp}) RETURNING id`, [o.serviceId, o.branchId, o.userId]);
  await db.query(`INSERT INTO incident_subject (incident_id, subject_id, part, library_service_id, added_by_id) VALUES ($1, $2, 'PERPETRATOR', $3, $4)`,
    [incident, subject, o.serviceId, o.userId]);
  const ban = await one(`INSERT INTO ban (library_service_id, subject_id, scope, reason, proposed_by_id, starts_on, lawful_basis, retain_until)
    VALUES ($1, $2, 'ALL_BRANCHES', 'Repeated abuse', $3, current_date, ${dp}) RETURNING id`, [o.serviceId, subject, o.userId]);
  const records: PersonRecords = { subject, duplicate, specialCategory, caseId, caseNote, referral, referralUpdate, incident, ban };
  if (await present(db, 'case_share')) {
    const agreement = await one(`INSERT INTO data_sharing_agreement (library_service_id, title, purpose, lawful_basis, categories, starts_on, status, created_by_id, activated_at, activated_by_id)
      VALUES ($1, $2, 'Reducing crime and disorder', 'PUBLIC_TASK', '{IDENTITY,INCIDENTS}', '2025-01-01', 'ACTIVE', $3, now(), $3) RETURNING id`, [o.serviceId, `Agreement for ${o.name}`, o.userId]);
    await db.query(`INSERT INTO data_sharing_agreement_party (library_service_id, agreement_id, partner_organisation_id) VALUES ($1, $2, $3)`, [o.serviceId, agreement, o.partnerId]);
    records.caseShare = await one(`INSERT INTO case_share (library_service_id, case_id, agreement_id, partner_organisation_id, categories, reason, shared_by_id)
      VALUES ($1, $2, $3, $4, '{IDENTITY}', 'Joint problem solving', $5) RETURNING id`, [o.serviceId, caseId, agreement, o.partnerId, o.userId]);
    records.intelligence = await one(`INSERT INTO intelligence_item (library_service_id, subject_id, body, source_type, source_evaluation, intelligence_assessment, handling_code, category, status, review_on, author_id, lawful_basis, retain_until)
      VALUES ($1, $2, 'Carries a knife', 'PARTNER', 2, 'B', 'P', 'WEAPONS', 'SUBMITTED', current_date + 365, $3, ${dp}) RETURNING id`, [o.serviceId, subject, o.userId]);
  }
  return records;
}
