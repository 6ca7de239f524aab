import type { MigrationInterface, QueryRunner } from 'typeorm';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(',');
const CATEGORIES = ['IDENTITY', 'CONTACT', 'INCIDENTS', 'BANS', 'REFERRALS', 'INTELLIGENCE', 'SPECIAL_CATEGORY', 'CRIMINAL_OFFENCE'];
const AGREEMENT_STATUSES = ['DRAFT', 'ACTIVE', 'SUSPENDED', 'EXPIRED', 'TERMINATED'];
const LAWFUL_BASES = ['CONSENT', 'CONTRACT', 'LEGAL_OBLIGATION', 'VITAL_INTERESTS', 'PUBLIC_TASK', 'LEGITIMATE_INTERESTS'];
const SOURCE_TYPES = ['STAFF_OBSERVATION', 'PARTNER', 'MEMBER_OF_PUBLIC', 'CCTV'];
const INTELLIGENCE_CATEGORIES = ['WEAPONS', 'VIOLENCE', 'DRUGS', 'ANTISOCIAL_BEHAVIOUR', 'EXPLOITATION', 'SAFEGUARDING', 'THEFT', 'PUBLIC_ORDER', 'OTHER'];

/** Same data-protection columns as the Foundation migration (libs/governance DataProtection). */
const dataProtection = `
  lawful_basis text NOT NULL CHECK (lawful_basis IN (${list(LAWFUL_BASES)})),
  special_category_condition text,
  criminal_offence_condition text,
  retain_until date NOT NULL,
  legal_hold boolean NOT NULL DEFAULT false`;

const stamps = `
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()`;

/**
 * Sharing (issue 5): data sharing agreements with their parties and signatories, case shares,
 * the updates partners add to shared cases, intelligence items and branch warnings.
 *
 * `live_case_share` is the one definition of a share that works: not revoked, started, not past
 * its `until`, under an agreement that is ACTIVE and in force today and still names the recipient.
 * It is a view, so liveness is computed from dates and status at read time: no job has to run
 * for a revocation, an expiry or a suspension to take effect. "Today" is the calendar date in
 * the UK, as in the code (libs/common calendarDate), whatever the server's time zone.
 *
 * Shares and partners' updates go with their case (ON DELETE CASCADE: erasure or the retention
 * sweep of a case takes them too); intelligence and warnings, kept under their own retention,
 * only lose the link (SET NULL).
 */
export class Sharing1764300000000 implements MigrationInterface {
  name = 'Sharing1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE data_sharing_agreement (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      title text NOT NULL CHECK (btrim(title) <> ''),
      purpose text NOT NULL CHECK (btrim(purpose) <> ''),
      lawful_basis text NOT NULL CHECK (lawful_basis IN (${list(LAWFUL_BASES)})),
      lawful_basis_details text,
      uses_section_115 boolean NOT NULL DEFAULT false,
      dpa_part_3 boolean NOT NULL DEFAULT false,
      special_category_condition text,
      criminal_offence_condition text,
      categories text[] NOT NULL DEFAULT '{}' CHECK (categories <@ ARRAY[${list(CATEGORIES)}]::text[]),
      retention_agreed text,
      security_measures text,
      starts_on date,
      ends_on date,
      review_on date,
      status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN (${list(AGREEMENT_STATUSES)})),
      status_reason text,
      created_by_id uuid NOT NULL REFERENCES app_user(id),
      activated_at timestamptz,
      activated_by_id uuid REFERENCES app_user(id),
      suspended_at timestamptz,
      terminated_at timestamptz,
      terminated_by_id uuid REFERENCES app_user(id),${stamps},
      CONSTRAINT dsa_ends_after_start CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on),
      CONSTRAINT dsa_in_force_has_terms CHECK (status IN ('DRAFT','TERMINATED')
        OR (starts_on IS NOT NULL AND cardinality(categories) >= 1 AND activated_at IS NOT NULL AND activated_by_id IS NOT NULL)),
      CONSTRAINT dsa_special_category_has_condition CHECK (status = 'DRAFT' OR NOT ('SPECIAL_CATEGORY' = ANY (categories))
        OR coalesce(btrim(special_category_condition), '') <> ''),
      CONSTRAINT dsa_criminal_offence_has_condition CHECK (status = 'DRAFT' OR NOT ('CRIMINAL_OFFENCE' = ANY (categories))
        OR coalesce(btrim(criminal_offence_condition), '') <> '' OR dpa_part_3),
      CONSTRAINT dsa_terminated_consistently CHECK ((status = 'TERMINATED') = (terminated_at IS NOT NULL)))`);
    await q.query(`CREATE INDEX dsa_library_service_idx ON data_sharing_agreement (library_service_id, status, created_at)`);
    await q.query(`CREATE INDEX dsa_review_idx ON data_sharing_agreement (library_service_id, review_on) WHERE status IN ('ACTIVE','SUSPENDED')`);
    await q.query(`CREATE INDEX dsa_created_by_idx ON data_sharing_agreement (created_by_id)`);
    await q.query(`CREATE INDEX dsa_activated_by_idx ON data_sharing_agreement (activated_by_id)`);
    await q.query(`CREATE INDEX dsa_terminated_by_idx ON data_sharing_agreement (terminated_by_id)`);

    // The other parties: partner organisations of the same service, or other library services.
    // The owning service (library_service_id) is always a party and is not listed.
    await q.query(`CREATE TABLE data_sharing_agreement_party (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      agreement_id uuid NOT NULL REFERENCES data_sharing_agreement(id) ON DELETE CASCADE,
      partner_organisation_id uuid REFERENCES partner_organisation(id),
      party_library_service_id uuid REFERENCES library_service(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT dsa_party_one_kind CHECK ((partner_organisation_id IS NULL) <> (party_library_service_id IS NULL)),
      CONSTRAINT dsa_party_not_owner CHECK (party_library_service_id IS DISTINCT FROM library_service_id))`);
    await q.query(`CREATE INDEX dsa_party_library_service_idx ON data_sharing_agreement_party (library_service_id)`);
    await q.query(
      `CREATE UNIQUE INDEX dsa_party_organisation_uq ON data_sharing_agreement_party (agreement_id, partner_organisation_id) WHERE partner_organisation_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX dsa_party_service_uq ON data_sharing_agreement_party (agreement_id, party_library_service_id) WHERE party_library_service_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX dsa_party_agreement_idx ON data_sharing_agreement_party (agreement_id)`);
    await q.query(`CREATE INDEX dsa_party_organisation_idx ON data_sharing_agreement_party (partner_organisation_id)`);
    await q.query(`CREATE INDEX dsa_party_service_idx ON data_sharing_agreement_party (party_library_service_id)`);

    await q.query(`CREATE TABLE data_sharing_agreement_signatory (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      agreement_id uuid NOT NULL REFERENCES data_sharing_agreement(id) ON DELETE CASCADE,
      name text NOT NULL CHECK (btrim(name) <> ''),
      job_title text,
      on_behalf_of text NOT NULL CHECK (btrim(on_behalf_of) <> ''),
      signed_on date NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX dsa_signatory_library_service_idx ON data_sharing_agreement_signatory (library_service_id)`);
    await q.query(`CREATE INDEX dsa_signatory_agreement_idx ON data_sharing_agreement_signatory (agreement_id)`);

    await q.query(`CREATE TABLE case_share (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      case_id uuid NOT NULL REFERENCES case_file(id) ON DELETE CASCADE,
      agreement_id uuid NOT NULL REFERENCES data_sharing_agreement(id),
      partner_organisation_id uuid REFERENCES partner_organisation(id),
      recipient_library_service_id uuid REFERENCES library_service(id),
      categories text[] NOT NULL CHECK (cardinality(categories) >= 1 AND categories <@ ARRAY[${list(CATEGORIES)}]::text[]),
      reason text NOT NULL CHECK (btrim(reason) <> ''),
      shared_by_id uuid NOT NULL REFERENCES app_user(id),
      starts_at timestamptz NOT NULL DEFAULT now(),
      until timestamptz,
      revoked_at timestamptz,
      revoked_by_id uuid REFERENCES app_user(id),
      revocation_reason text,${stamps},
      CONSTRAINT case_share_one_recipient CHECK ((partner_organisation_id IS NULL) <> (recipient_library_service_id IS NULL)),
      CONSTRAINT case_share_not_to_itself CHECK (recipient_library_service_id IS DISTINCT FROM library_service_id),
      CONSTRAINT case_share_until_after_start CHECK (until IS NULL OR until > starts_at),
      CONSTRAINT case_share_revoked_consistently CHECK ((revoked_at IS NULL) = (revoked_by_id IS NULL)))`);
    await q.query(`CREATE INDEX case_share_library_service_idx ON case_share (library_service_id, created_at)`);
    await q.query(`CREATE INDEX case_share_case_idx ON case_share (case_id)`);
    await q.query(`CREATE INDEX case_share_agreement_idx ON case_share (agreement_id)`);
    // The partner-side access rules look shares up by recipient and case.
    await q.query(`CREATE INDEX case_share_partner_idx ON case_share (partner_organisation_id, case_id) WHERE revoked_at IS NULL`);
    await q.query(`CREATE INDEX case_share_recipient_service_idx ON case_share (recipient_library_service_id, case_id) WHERE revoked_at IS NULL`);
    await q.query(`CREATE INDEX case_share_shared_by_idx ON case_share (shared_by_id)`);
    await q.query(`CREATE INDEX case_share_revoked_by_idx ON case_share (revoked_by_id)`);

    await q.query(`CREATE VIEW live_case_share AS
      SELECT s.id, s.library_service_id, s.case_id, s.agreement_id, s.partner_organisation_id, s.recipient_library_service_id,
             s.categories, s.starts_at, s.until
        FROM case_share s
        JOIN data_sharing_agreement d ON d.id = s.agreement_id
       WHERE s.revoked_at IS NULL
         AND s.starts_at <= now()
         AND (s.until IS NULL OR s.until > now())
         AND d.status = 'ACTIVE'
         AND d.starts_on <= (now() AT TIME ZONE 'Europe/London')::date
         AND (d.ends_on IS NULL OR d.ends_on >= (now() AT TIME ZONE 'Europe/London')::date)
         AND EXISTS (SELECT 1 FROM data_sharing_agreement_party p
                      WHERE p.agreement_id = d.id
                        AND (p.partner_organisation_id = s.partner_organisation_id OR p.party_library_service_id = s.recipient_library_service_id))`);

    // What recipients (partners, other services) add to a case shared with them. Stored in the
    // case's service (its DPO and managers read them); the author's side is kept alongside.
    await q.query(`CREATE TABLE case_update (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      case_id uuid NOT NULL REFERENCES case_file(id) ON DELETE CASCADE,
      case_share_id uuid NOT NULL REFERENCES case_share(id) ON DELETE CASCADE,
      partner_organisation_id uuid REFERENCES partner_organisation(id),
      author_library_service_id uuid NOT NULL REFERENCES library_service(id),
      author_id uuid NOT NULL REFERENCES app_user(id),
      author_role text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('ACTION_TAKEN','INFORMATION')),
      body text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 10000),${dataProtection},${stamps})`);
    await q.query(`CREATE INDEX case_update_library_service_idx ON case_update (library_service_id, created_at)`);
    await q.query(`CREATE INDEX case_update_case_idx ON case_update (case_id, created_at)`);
    await q.query(`CREATE INDEX case_update_share_idx ON case_update (case_share_id)`);
    await q.query(`CREATE INDEX case_update_partner_idx ON case_update (partner_organisation_id)`);
    await q.query(`CREATE INDEX case_update_author_service_idx ON case_update (author_library_service_id)`);
    await q.query(`CREATE INDEX case_update_author_idx ON case_update (author_id)`);
    await q.query(`CREATE INDEX case_update_retain_until_idx ON case_update (retain_until) WHERE NOT legal_hold`);

    // Graded after the police 3x5x2 model: source evaluation 1-3, intelligence assessment A-E,
    // handling code P (may be shared lawfully) or C (only under its conditions, to the named recipients).
    await q.query(`CREATE TABLE intelligence_item (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      subject_id uuid REFERENCES subject(id),
      case_id uuid REFERENCES case_file(id) ON DELETE SET NULL,
      branch_id uuid REFERENCES branch(id),
      place_description text,
      body text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 5000),
      source_type text NOT NULL CHECK (source_type IN (${list(SOURCE_TYPES)})),
      source_evaluation smallint NOT NULL CHECK (source_evaluation BETWEEN 1 AND 3),
      intelligence_assessment text NOT NULL CHECK (intelligence_assessment IN ('A','B','C','D','E')),
      handling_code text NOT NULL CHECK (handling_code IN ('P','C')),
      handling_conditions text,
      handling_organisation_ids uuid[] NOT NULL DEFAULT '{}',
      handling_library_service_ids uuid[] NOT NULL DEFAULT '{}',
      category text NOT NULL CHECK (category IN (${list(INTELLIGENCE_CATEGORIES)})),
      status text NOT NULL CHECK (status IN ('SUBMITTED','ACCEPTED','REJECTED')),
      review_on date NOT NULL,
      author_id uuid NOT NULL REFERENCES app_user(id),
      submitted_by_organisation_id uuid REFERENCES partner_organisation(id),
      submitted_by_library_service_id uuid REFERENCES library_service(id),
      submitted_via_share_id uuid REFERENCES case_share(id) ON DELETE SET NULL,
      decided_at timestamptz,
      decided_by_id uuid REFERENCES app_user(id),
      rejection_reason text,${dataProtection},${stamps},
      CONSTRAINT intelligence_about_someone_or_somewhere CHECK (subject_id IS NOT NULL OR branch_id IS NOT NULL OR coalesce(btrim(place_description), '') <> ''),
      CONSTRAINT intelligence_handling_conditions CHECK (CASE handling_code
        WHEN 'C' THEN coalesce(btrim(handling_conditions), '') <> '' AND cardinality(handling_organisation_ids) + cardinality(handling_library_service_ids) >= 1
        ELSE cardinality(handling_organisation_ids) = 0 AND cardinality(handling_library_service_ids) = 0 END),
      CONSTRAINT intelligence_decided_consistently CHECK ((status = 'SUBMITTED') = (decided_at IS NULL) AND (decided_at IS NULL) = (decided_by_id IS NULL)))`);
    await q.query(`CREATE INDEX intelligence_library_service_idx ON intelligence_item (library_service_id, status, created_at)`);
    await q.query(`CREATE INDEX intelligence_review_idx ON intelligence_item (library_service_id, review_on) WHERE status = 'ACCEPTED'`);
    await q.query(`CREATE INDEX intelligence_case_idx ON intelligence_item (case_id, status)`);
    await q.query(`CREATE INDEX intelligence_subject_idx ON intelligence_item (subject_id)`);
    await q.query(`CREATE INDEX intelligence_branch_idx ON intelligence_item (branch_id)`);
    await q.query(`CREATE INDEX intelligence_category_idx ON intelligence_item (library_service_id, category)`);
    await q.query(`CREATE INDEX intelligence_author_idx ON intelligence_item (author_id)`);
    await q.query(`CREATE INDEX intelligence_submitted_by_organisation_idx ON intelligence_item (submitted_by_organisation_id)`);
    await q.query(`CREATE INDEX intelligence_submitted_by_service_idx ON intelligence_item (submitted_by_library_service_id)`);
    await q.query(`CREATE INDEX intelligence_submitted_via_share_idx ON intelligence_item (submitted_via_share_id)`);
    await q.query(`CREATE INDEX intelligence_decided_by_idx ON intelligence_item (decided_by_id)`);
    await q.query(`CREATE INDEX intelligence_handling_organisations_idx ON intelligence_item USING gin (handling_organisation_ids)`);
    await q.query(`CREATE INDEX intelligence_handling_services_idx ON intelligence_item USING gin (handling_library_service_ids)`);
    await q.query(`CREATE INDEX intelligence_retain_until_idx ON intelligence_item (retain_until) WHERE NOT legal_hold`);

    // Short warnings for the desk; never special category data.
    await q.query(`CREATE TABLE branch_warning (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      branch_id uuid NOT NULL REFERENCES branch(id),
      intelligence_item_id uuid REFERENCES intelligence_item(id) ON DELETE SET NULL,
      text text NOT NULL CHECK (length(btrim(text)) BETWEEN 1 AND 280),
      published_by_id uuid NOT NULL REFERENCES app_user(id),
      published_at timestamptz NOT NULL DEFAULT now(),
      expires_on date,
      withdrawn_at timestamptz,
      withdrawn_by_id uuid REFERENCES app_user(id),${dataProtection},${stamps},
      CONSTRAINT branch_warning_no_special_category CHECK (special_category_condition IS NULL),
      CONSTRAINT branch_warning_withdrawn_consistently CHECK ((withdrawn_at IS NULL) = (withdrawn_by_id IS NULL)))`);
    await q.query(`CREATE INDEX branch_warning_library_service_idx ON branch_warning (library_service_id, published_at)`);
    await q.query(`CREATE INDEX branch_warning_branch_idx ON branch_warning (branch_id, expires_on) WHERE withdrawn_at IS NULL`);
    await q.query(`CREATE INDEX branch_warning_intelligence_idx ON branch_warning (intelligence_item_id)`);
    await q.query(`CREATE INDEX branch_warning_published_by_idx ON branch_warning (published_by_id)`);
    await q.query(`CREATE INDEX branch_warning_withdrawn_by_idx ON branch_warning (withdrawn_by_id)`);
    await q.query(`CREATE INDEX branch_warning_retain_until_idx ON branch_warning (retain_until) WHERE NOT legal_hold`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW live_case_share`);
    for (const t of [
      'branch_warning',
      'intelligence_item',
      'case_update',
      'case_share',
      'data_sharing_agreement_signatory',
      'data_sharing_agreement_party',
      'data_sharing_agreement',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
