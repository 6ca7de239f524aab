import type { MigrationInterface, QueryRunner } from 'typeorm';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(',');
const CATEGORIES = [
  'VERBAL_ABUSE',
  'THREATENING_BEHAVIOUR',
  'VIOLENCE',
  'ANTISOCIAL_BEHAVIOUR',
  'DAMAGE',
  'THEFT',
  'DRUGS_OR_ALCOHOL',
  'HARASSMENT',
  'SOCIAL_MEDIA_AUDITOR',
  'OTHER',
];
const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const BYELAWS = [
  'VIOLENT_DISORDERLY_OR_INDECENT_BEHAVIOUR',
  'ABUSIVE_OR_OFFENSIVE_LANGUAGE',
  'CAUSING_INJURY',
  'CAUSING_ANNOYANCE_OR_NUISANCE',
  'INTOXICATION',
  'DAMAGE_TO_LIBRARY_PROPERTY',
  'REMOVING_LIBRARY_PROPERTY',
  'MISUSE_OF_EQUIPMENT_OR_IT',
  'OBSTRUCTING_STAFF',
  'REFUSING_TO_LEAVE',
  'ENTERING_RESTRICTED_AREA',
  'SMOKING_OR_VAPING',
  'ANIMALS',
  'UNAUTHORISED_TRADING_OR_CANVASSING',
  'UNATTENDED_CHILD',
  'LOCAL_BYELAW',
];
const PARTS = ['PERPETRATOR', 'VICTIM', 'WITNESS'];
const EVIDENCE = ['CCTV', 'BODYCAM', 'PHOTO', 'OTHER'];
const WELFARE = [
  'PHYSICALLY_HURT',
  'NEEDS_TIME_OFF',
  'OFFERED_EMPLOYEE_ASSISTANCE_PROGRAMME',
  'OFFERED_COUNSELLING',
  'TRADE_UNION_INFORMED',
  'RISK_ASSESSMENT_TO_REVISE',
];
const BAN_STATUSES = ['PROPOSED', 'ACTIVE', 'UNDER_REVIEW', 'LIFTED', 'EXPIRED'];

/** Same data-protection columns as the Foundation migration (libs/governance DataProtection). */
const dataProtection = `
  lawful_basis text NOT NULL CHECK (lawful_basis IN ('CONSENT','CONTRACT','LEGAL_OBLIGATION','VITAL_INTERESTS','PUBLIC_TASK','LEGITIMATE_INTERESTS')),
  special_category_condition text,
  criminal_offence_condition text,
  retain_until date NOT NULL,
  legal_hold boolean NOT NULL DEFAULT false`;

const stamps = `
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()`;

/** For rows listed in the order they were added: several are added in one transaction, where now() is the same. */
const orderedStamps = `
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT now()`;

/**
 * Incidents (with the people, staff, evidence, welfare checklist and follow-ups of each) and bans
 * (with their branches, linked incidents and transition history), and `ban_notice`: the desk view
 * of a ban at each branch it covers, without notes or special category data. Runs after
 * PeopleAndCases (references subject). The CHECKs repeat the rules of the code so no path can
 * store an incident with a crime reference but no criminal offence condition, or a ban whose
 * review falls after its end.
 */
export class IncidentsAndBans1764100000001 implements MigrationInterface {
  name = 'IncidentsAndBans1764100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE incident (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      branch_id uuid NOT NULL REFERENCES branch(id),
      occurred_at timestamptz NOT NULL,
      reported_at timestamptz NOT NULL DEFAULT now(),
      location_in_building text,
      category text NOT NULL CHECK (category IN (${list(CATEGORIES)})),
      severity text CHECK (severity IN (${list(SEVERITIES)})),
      byelaws_breached text[] NOT NULL DEFAULT '{}' CHECK (byelaws_breached <@ ARRAY[${list(BYELAWS)}]::text[]),
      byelaw_details text,
      description text NOT NULL CHECK (btrim(description) <> ''),
      actions_taken text,
      reported_to_police boolean NOT NULL DEFAULT false,
      crime_reference_number text,
      recorded_by_id uuid NOT NULL REFERENCES app_user(id),
      debrief_held_at timestamptz,
      debrief_held_by_id uuid REFERENCES app_user(id),
      debrief_notes text,${dataProtection},${stamps},
      CONSTRAINT incident_reported_after_occurred CHECK (reported_at >= occurred_at),
      CONSTRAINT incident_crime_reference_reported CHECK (crime_reference_number IS NULL OR reported_to_police),
      CONSTRAINT incident_crime_reference_has_condition CHECK (crime_reference_number IS NULL OR coalesce(btrim(criminal_offence_condition), '') <> ''),
      CONSTRAINT incident_debrief_consistent CHECK ((debrief_held_at IS NULL) = (debrief_held_by_id IS NULL)))`);
    await q.query(`CREATE INDEX incident_library_service_idx ON incident (library_service_id, occurred_at)`);
    await q.query(`CREATE INDEX incident_branch_idx ON incident (branch_id, occurred_at)`);
    await q.query(`CREATE INDEX incident_category_idx ON incident (library_service_id, category, occurred_at)`);
    await q.query(`CREATE INDEX incident_severity_idx ON incident (library_service_id, severity, occurred_at)`);
    await q.query(`CREATE INDEX incident_police_idx ON incident (library_service_id, occurred_at) WHERE reported_to_police`);
    await q.query(`CREATE INDEX incident_recorded_by_idx ON incident (recorded_by_id)`);
    await q.query(`CREATE INDEX incident_debrief_held_by_idx ON incident (debrief_held_by_id)`);
    await q.query(`CREATE INDEX incident_retain_until_idx ON incident (retain_until) WHERE NOT legal_hold`);

    await q.query(`CREATE TABLE incident_subject (
      incident_id uuid NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
      subject_id uuid NOT NULL REFERENCES subject(id),
      part text NOT NULL CHECK (part IN (${list(PARTS)})),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      notes text,
      added_by_id uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      PRIMARY KEY (incident_id, subject_id, part))`);
    await q.query(`CREATE INDEX incident_subject_subject_idx ON incident_subject (subject_id)`);
    await q.query(`CREATE INDEX incident_subject_library_service_idx ON incident_subject (library_service_id)`);
    await q.query(`CREATE INDEX incident_subject_added_by_idx ON incident_subject (added_by_id)`);

    await q.query(`CREATE TABLE incident_staff (
      incident_id uuid NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES app_user(id),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (incident_id, user_id))`);
    await q.query(`CREATE INDEX incident_staff_user_idx ON incident_staff (user_id)`);
    await q.query(`CREATE INDEX incident_staff_library_service_idx ON incident_staff (library_service_id)`);

    await q.query(`CREATE TABLE incident_evidence (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      incident_id uuid NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN (${list(EVIDENCE)})),
      reference text NOT NULL CHECK (btrim(reference) <> ''),
      added_by_id uuid NOT NULL REFERENCES app_user(id),${orderedStamps})`);
    await q.query(`CREATE INDEX incident_evidence_incident_idx ON incident_evidence (incident_id)`);
    await q.query(`CREATE INDEX incident_evidence_library_service_idx ON incident_evidence (library_service_id)`);
    await q.query(`CREATE INDEX incident_evidence_added_by_idx ON incident_evidence (added_by_id)`);

    await q.query(`CREATE TABLE incident_welfare_check (
      incident_id uuid NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
      staff_user_id uuid NOT NULL REFERENCES app_user(id),
      item text NOT NULL CHECK (item IN (${list(WELFARE)})),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      answer boolean NOT NULL,
      notes text,
      answered_by_id uuid NOT NULL REFERENCES app_user(id),${stamps},
      PRIMARY KEY (incident_id, staff_user_id, item))`);
    await q.query(`CREATE INDEX incident_welfare_check_staff_idx ON incident_welfare_check (staff_user_id)`);
    await q.query(`CREATE INDEX incident_welfare_check_answered_by_idx ON incident_welfare_check (answered_by_id)`);
    await q.query(`CREATE INDEX incident_welfare_check_library_service_idx ON incident_welfare_check (library_service_id)`);

    await q.query(`CREATE TABLE incident_follow_up_action (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      incident_id uuid NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
      description text NOT NULL CHECK (btrim(description) <> ''),
      owner_id uuid NOT NULL REFERENCES app_user(id),
      due_on date NOT NULL,
      completed_at timestamptz,
      completed_by_id uuid REFERENCES app_user(id),${stamps},
      CONSTRAINT incident_follow_up_completed_consistently CHECK ((completed_at IS NULL) = (completed_by_id IS NULL)))`);
    await q.query(`CREATE INDEX incident_follow_up_action_incident_idx ON incident_follow_up_action (incident_id)`);
    await q.query(
      `CREATE INDEX incident_follow_up_action_library_service_idx ON incident_follow_up_action (library_service_id, due_on) WHERE completed_at IS NULL`,
    );
    await q.query(`CREATE INDEX incident_follow_up_action_owner_idx ON incident_follow_up_action (owner_id)`);
    await q.query(`CREATE INDEX incident_follow_up_action_completed_by_idx ON incident_follow_up_action (completed_by_id)`);

    await q.query(`CREATE TABLE ban (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      subject_id uuid NOT NULL REFERENCES subject(id),
      status text NOT NULL DEFAULT 'PROPOSED' CHECK (status IN (${list(BAN_STATUSES)})),
      scope text NOT NULL CHECK (scope IN ('ALL_BRANCHES','LISTED_BRANCHES')),
      reason text NOT NULL CHECK (btrim(reason) <> ''),
      conditions text,
      notes text,
      proposed_by_id uuid NOT NULL REFERENCES app_user(id),
      proposed_at timestamptz NOT NULL DEFAULT now(),
      confirmed_by_id uuid REFERENCES app_user(id),
      confirmed_at timestamptz,
      starts_on date NOT NULL,
      ends_on date,
      review_on date,
      lifted_on date,
      lifted_by_id uuid REFERENCES app_user(id),
      aba_offered boolean NOT NULL DEFAULT false,
      aba_signed boolean NOT NULL DEFAULT false,
      aba_signed_on date,
      appeal_lodged_on date,
      appeal_outcome text CHECK (appeal_outcome IN ('UPHELD','VARIED','OVERTURNED')),
      appeal_outcome_on date,
      appeal_notes text,${dataProtection},${stamps},
      CONSTRAINT ban_ends_after_start CHECK (ends_on IS NULL OR ends_on >= starts_on),
      CONSTRAINT ban_review_within_ban CHECK (review_on IS NULL OR (review_on >= starts_on AND (ends_on IS NULL OR review_on <= ends_on))),
      CONSTRAINT ban_confirmed_has_dates CHECK (status NOT IN ('ACTIVE','UNDER_REVIEW','EXPIRED') OR (ends_on IS NOT NULL AND confirmed_by_id IS NOT NULL AND confirmed_at IS NOT NULL)),
      CONSTRAINT ban_lifted_consistently CHECK ((status = 'LIFTED') = (lifted_on IS NOT NULL AND lifted_by_id IS NOT NULL)),
      CONSTRAINT ban_aba_signed_after_offered CHECK ((NOT aba_signed OR aba_offered) AND (aba_signed_on IS NULL OR aba_signed)),
      CONSTRAINT ban_appeal_decided_after_lodged CHECK ((appeal_outcome IS NULL OR appeal_lodged_on IS NOT NULL)
        AND (appeal_outcome_on IS NULL OR (appeal_outcome IS NOT NULL AND appeal_outcome_on >= appeal_lodged_on))))`);
    await q.query(`CREATE INDEX ban_library_service_idx ON ban (library_service_id, status, ends_on)`);
    await q.query(`CREATE INDEX ban_review_idx ON ban (library_service_id, review_on) WHERE status IN ('ACTIVE','UNDER_REVIEW')`);
    await q.query(`CREATE INDEX ban_subject_idx ON ban (subject_id)`);
    await q.query(`CREATE INDEX ban_proposed_by_idx ON ban (proposed_by_id)`);
    await q.query(`CREATE INDEX ban_confirmed_by_idx ON ban (confirmed_by_id)`);
    await q.query(`CREATE INDEX ban_lifted_by_idx ON ban (lifted_by_id)`);
    await q.query(`CREATE INDEX ban_retain_until_idx ON ban (retain_until) WHERE NOT legal_hold`);

    await q.query(`CREATE TABLE ban_branch (
      ban_id uuid NOT NULL REFERENCES ban(id) ON DELETE CASCADE,
      branch_id uuid NOT NULL REFERENCES branch(id),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      PRIMARY KEY (ban_id, branch_id))`);
    await q.query(`CREATE INDEX ban_branch_branch_idx ON ban_branch (branch_id)`);
    await q.query(`CREATE INDEX ban_branch_library_service_idx ON ban_branch (library_service_id)`);

    await q.query(`CREATE TABLE ban_incident (
      ban_id uuid NOT NULL REFERENCES ban(id) ON DELETE CASCADE,
      incident_id uuid NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      PRIMARY KEY (ban_id, incident_id))`);
    await q.query(`CREATE INDEX ban_incident_incident_idx ON ban_incident (incident_id)`);
    await q.query(`CREATE INDEX ban_incident_library_service_idx ON ban_incident (library_service_id)`);

    await q.query(`CREATE TABLE ban_transition (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      ban_id uuid NOT NULL REFERENCES ban(id) ON DELETE CASCADE,
      from_status text CHECK (from_status IN (${list(BAN_STATUSES)})),
      to_status text NOT NULL CHECK (to_status IN (${list(BAN_STATUSES)})),
      by_id uuid NOT NULL REFERENCES app_user(id),
      at timestamptz NOT NULL DEFAULT clock_timestamp(),
      note text)`);
    await q.query(`CREATE INDEX ban_transition_ban_idx ON ban_transition (ban_id, at)`);
    await q.query(`CREATE INDEX ban_transition_by_idx ON ban_transition (by_id)`);
    await q.query(`CREATE INDEX ban_transition_library_service_idx ON ban_transition (library_service_id)`);

    // One row per ban and branch it covers: what frontline staff see at the desk. Only the
    // identifying fields of the subject (no notes, flags or special category data). Dates as
    // YYYY-MM-DD text: view columns carry no TypeORM date type to keep them as calendar dates.
    await q.query(`CREATE VIEW ban_notice AS
      SELECT b.id, b.library_service_id, br.id AS branch_id, b.subject_id,
             coalesce(s.name, s.description) AS subject_label, s.name AS subject_name, s.description AS subject_description,
             s.aliases AS subject_aliases, s.photo_reference, b.scope, b.conditions, b.status,
             to_char(b.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(b.ends_on, 'YYYY-MM-DD') AS ends_on
        FROM ban b
        JOIN subject s ON s.id = b.subject_id
        JOIN branch br ON br.library_service_id = b.library_service_id
         AND (b.scope = 'ALL_BRANCHES' OR EXISTS (SELECT 1 FROM ban_branch bb WHERE bb.ban_id = b.id AND bb.branch_id = br.id))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW ban_notice`);
    for (const t of [
      'ban_transition',
      'ban_incident',
      'ban_branch',
      'ban',
      'incident_follow_up_action',
      'incident_welfare_check',
      'incident_evidence',
      'incident_staff',
      'incident_subject',
      'incident',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
