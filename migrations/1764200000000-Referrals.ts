import type { MigrationInterface, QueryRunner } from 'typeorm';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(',');
const NEEDS = [
  'HOUSING',
  'MENTAL_HEALTH',
  'ADDICTION',
  'FOOD',
  'EMPLOYMENT',
  'LEGAL',
  'YOUTH_SUPPORT',
  'FAMILY_SUPPORT',
  'FINANCIAL',
  'PHYSICAL_HEALTH',
  'OTHER',
];
const STATUSES = ['DRAFT', 'SENT', 'ACCEPTED', 'DECLINED', 'WITHDRAWN', 'IN_PROGRESS', 'CLOSED'];
const OUTCOMES = ['NEEDS_MET', 'PARTLY_MET', 'NOT_MET', 'DISENGAGED', 'REFERRED_ON'];
const DECLINE_REASONS = ['NOT_ELIGIBLE', 'NO_CAPACITY', 'OUTSIDE_AREA', 'ALREADY_SUPPORTED', 'UNABLE_TO_CONTACT', 'PERSON_DECLINED', 'OTHER'];

/** Same data-protection columns as the Foundation migration (libs/governance DataProtection). */
const dataProtection = `
  lawful_basis text NOT NULL CHECK (lawful_basis IN ('CONSENT','CONTRACT','LEGAL_OBLIGATION','VITAL_INTERESTS','PUBLIC_TASK','LEGITIMATE_INTERESTS')),
  special_category_condition text,
  criminal_offence_condition text,
  retain_until date NOT NULL,
  legal_hold boolean NOT NULL DEFAULT false`;

/**
 * Referrals to partner organisations (issue 4): the referral with its status flow, its
 * who-and-when history, and the messages between library and partner. Depends on `subject`
 * (PeopleAndCases migration). The CHECKs repeat the state machine's invariants so no code path
 * can store a closed referral without an outcome or a declined one without a reason.
 */
export class Referrals1764200000000 implements MigrationInterface {
  name = 'Referrals1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE referral (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      subject_id uuid NOT NULL REFERENCES subject(id),
      referred_by_id uuid NOT NULL REFERENCES app_user(id),
      partner_organisation_id uuid NOT NULL REFERENCES partner_organisation(id),
      partner_contact_id uuid REFERENCES partner_contact(id),
      partner_service text,
      needs text[] NOT NULL CHECK (cardinality(needs) >= 1 AND needs <@ ARRAY[${list(NEEDS)}]::text[]),
      reason text NOT NULL,
      urgency text NOT NULL CHECK (urgency IN ('ROUTINE','SOON','URGENT')),
      contact_route text,
      consent text NOT NULL CHECK (consent IN ('GIVEN','REFUSED','NOT_ASKED','NOT_POSSIBLE')),
      consent_recorded_at timestamptz,
      consent_method text,
      lawful_basis_justification text,
      status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN (${list(STATUSES)})),
      outcome text CHECK (outcome IN (${list(OUTCOMES)})),
      outcome_notes text,
      decline_reason text CHECK (decline_reason IN (${list(DECLINE_REASONS)})),
      decline_details text,
      withdrawal_reason text,
      sent_at timestamptz,
      accepted_at timestamptz,
      declined_at timestamptz,
      withdrawn_at timestamptz,
      started_at timestamptz,
      closed_at timestamptz,${dataProtection},
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT referral_sent_has_sent_at CHECK (status = 'DRAFT' OR sent_at IS NOT NULL),
      CONSTRAINT referral_closed_has_outcome CHECK (status <> 'CLOSED' OR (outcome IS NOT NULL AND closed_at IS NOT NULL)),
      CONSTRAINT referral_declined_has_reason CHECK (status <> 'DECLINED' OR (decline_reason IS NOT NULL AND declined_at IS NOT NULL)))`);
    // Filters of the access rules (service, partner, status) and of the list, overdue and statistics queries.
    await q.query(`CREATE INDEX referral_library_service_idx ON referral (library_service_id, status, created_at)`);
    await q.query(`CREATE INDEX referral_partner_idx ON referral (partner_organisation_id, status, sent_at)`);
    await q.query(`CREATE INDEX referral_sent_at_idx ON referral (library_service_id, sent_at) WHERE sent_at IS NOT NULL`);
    await q.query(`CREATE INDEX referral_awaiting_answer_idx ON referral (library_service_id, urgency, sent_at) WHERE status = 'SENT'`);
    await q.query(`CREATE INDEX referral_subject_idx ON referral (subject_id)`);
    await q.query(`CREATE INDEX referral_referred_by_idx ON referral (referred_by_id)`);
    await q.query(`CREATE INDEX referral_partner_contact_idx ON referral (partner_contact_id)`);
    await q.query(`CREATE INDEX referral_needs_idx ON referral USING gin (needs)`);
    await q.query(`CREATE INDEX referral_retain_until_idx ON referral (retain_until) WHERE NOT legal_hold`);

    await q.query(`CREATE TABLE referral_transition (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      referral_id uuid NOT NULL REFERENCES referral(id) ON DELETE CASCADE,
      from_status text CHECK (from_status IN (${list(STATUSES)})),
      to_status text NOT NULL CHECK (to_status IN (${list(STATUSES)})),
      actor_id uuid NOT NULL REFERENCES app_user(id),
      actor_role text NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1)`);
    await q.query(`CREATE INDEX referral_transition_library_service_idx ON referral_transition (library_service_id)`);
    await q.query(`CREATE INDEX referral_transition_referral_idx ON referral_transition (referral_id, at)`);
    await q.query(`CREATE INDEX referral_transition_actor_idx ON referral_transition (actor_id)`);

    await q.query(`CREATE TABLE referral_update (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      referral_id uuid NOT NULL REFERENCES referral(id) ON DELETE CASCADE,
      partner_organisation_id uuid NOT NULL REFERENCES partner_organisation(id),
      author_id uuid NOT NULL REFERENCES app_user(id),
      author_role text NOT NULL,
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),${dataProtection},
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX referral_update_library_service_idx ON referral_update (library_service_id)`);
    await q.query(`CREATE INDEX referral_update_referral_idx ON referral_update (referral_id, created_at)`);
    await q.query(`CREATE INDEX referral_update_partner_idx ON referral_update (partner_organisation_id)`);
    await q.query(`CREATE INDEX referral_update_author_idx ON referral_update (author_id)`);
    await q.query(`CREATE INDEX referral_update_retain_until_idx ON referral_update (retain_until) WHERE NOT legal_hold`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['referral_update', 'referral_transition', 'referral']) await q.query(`DROP TABLE ${t}`);
  }
}
