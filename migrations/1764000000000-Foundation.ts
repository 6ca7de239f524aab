import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Data-protection columns carried by every table that holds personal data (see libs/governance). */
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

/**
 * Tenancy (library services and branches), users, the partner slice and the audit trail.
 * Every tenant-owned table has a non-null, indexed library_service_id: access rules filter on it.
 */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE library_service (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL UNIQUE,
      code text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now())`);

    await q.query(`CREATE TABLE branch (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      name text NOT NULL,
      address text,
      is_active boolean NOT NULL DEFAULT true,${stamps})`);
    await q.query(`CREATE INDEX branch_library_service_idx ON branch (library_service_id)`);
    await q.query(`CREATE UNIQUE INDEX branch_name_uq ON branch (library_service_id, lower(name))`);

    await q.query(`CREATE TABLE partner_organisation (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      name text NOT NULL,
      type text NOT NULL,
      services_offered text[] NOT NULL DEFAULT '{}',
      areas_covered text[] NOT NULL DEFAULT '{}',
      phone text,
      email text,
      website text,
      address text,
      relationship text NOT NULL,
      status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE','INACTIVE','ARCHIVED')),
      notes text,
      archived_at timestamptz,${stamps})`);
    await q.query(`CREATE INDEX partner_organisation_library_service_idx ON partner_organisation (library_service_id, type, status)`);
    await q.query(`CREATE UNIQUE INDEX partner_organisation_name_uq ON partner_organisation (library_service_id, lower(name))`);

    await q.query(`CREATE TABLE app_user (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL,
      display_name text NOT NULL,
      role text NOT NULL CHECK (role IN ('ADMIN','MANAGER','OUTREACH_WORKER','STAFF','PARTNER','DPO')),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      partner_organisation_id uuid REFERENCES partner_organisation(id),
      password_hash text NOT NULL,
      is_active boolean NOT NULL DEFAULT true,
      last_login_at timestamptz,${stamps},
      CONSTRAINT partner_user_has_organisation CHECK ((role = 'PARTNER') = (partner_organisation_id IS NOT NULL)))`);
    await q.query(`CREATE UNIQUE INDEX app_user_email_uq ON app_user (lower(email))`);
    await q.query(`CREATE INDEX app_user_library_service_idx ON app_user (library_service_id)`);
    await q.query(`CREATE INDEX app_user_partner_organisation_idx ON app_user (partner_organisation_id)`);

    await q.query(`CREATE TABLE user_branch (
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      branch_id uuid NOT NULL REFERENCES branch(id),
      PRIMARY KEY (user_id, branch_id))`);
    await q.query(`CREATE INDEX user_branch_branch_idx ON user_branch (branch_id)`);

    await q.query(`CREATE TABLE partner_contact (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      partner_organisation_id uuid NOT NULL REFERENCES partner_organisation(id),
      name text NOT NULL,
      job_title text,
      phone text,
      email text,
      preferred_contact text NOT NULL DEFAULT 'EMAIL',
      notes text,
      archived_at timestamptz,${dataProtection},${stamps})`);
    await q.query(`CREATE INDEX partner_contact_library_service_idx ON partner_contact (library_service_id)`);
    await q.query(`CREATE INDEX partner_contact_partner_idx ON partner_contact (partner_organisation_id)`);
    await q.query(`CREATE INDEX partner_contact_retain_until_idx ON partner_contact (retain_until) WHERE NOT legal_hold`);

    await q.query(`CREATE TABLE contact_log (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      partner_organisation_id uuid NOT NULL REFERENCES partner_organisation(id),
      branch_id uuid REFERENCES branch(id),
      occurred_at timestamptz NOT NULL,
      channel text NOT NULL,
      summary text NOT NULL,
      attendees text,
      recorded_by_id uuid NOT NULL REFERENCES app_user(id),
      archived_at timestamptz,${dataProtection},${stamps})`);
    await q.query(`CREATE INDEX contact_log_library_service_idx ON contact_log (library_service_id, occurred_at)`);
    await q.query(`CREATE INDEX contact_log_partner_idx ON contact_log (partner_organisation_id, occurred_at)`);
    await q.query(`CREATE INDEX contact_log_branch_idx ON contact_log (branch_id)`);
    await q.query(`CREATE INDEX contact_log_recorded_by_idx ON contact_log (recorded_by_id)`);
    await q.query(`CREATE INDEX contact_log_retain_until_idx ON contact_log (retain_until) WHERE NOT legal_hold`);

    await q.query(`CREATE TABLE follow_up_action (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      contact_log_id uuid NOT NULL REFERENCES contact_log(id) ON DELETE CASCADE,
      description text NOT NULL,
      owner_id uuid NOT NULL REFERENCES app_user(id),
      due_on date NOT NULL,
      completed_at timestamptz,
      completed_by_id uuid REFERENCES app_user(id),${stamps})`);
    await q.query(`CREATE INDEX follow_up_action_library_service_idx ON follow_up_action (library_service_id, due_on) WHERE completed_at IS NULL`);
    await q.query(`CREATE INDEX follow_up_action_contact_log_idx ON follow_up_action (contact_log_id)`);
    await q.query(`CREATE INDEX follow_up_action_owner_idx ON follow_up_action (owner_id)`);

    await q.query(`CREATE TABLE audit_event (
      id bigserial PRIMARY KEY,
      occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      actor_id uuid,
      actor_role text,
      action text NOT NULL CHECK (action IN ('READ','CREATE','UPDATE','DELETE','SHARE','EXPORT','LOGIN','LOGIN_FAILED')),
      entity_type text NOT NULL,
      entity_id text,
      library_service_id uuid,
      purpose text,
      request_id text)`);
    await q.query(`CREATE INDEX audit_event_library_service_idx ON audit_event (library_service_id, occurred_at)`);
    await q.query(`CREATE INDEX audit_event_entity_idx ON audit_event (entity_type, entity_id, occurred_at)`);
    await q.query(`CREATE INDEX audit_event_actor_idx ON audit_event (actor_id, occurred_at)`);
    // Append-only: the trail cannot be altered, even by the application's own database user.
    await q.query(`CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP; END $$`);
    await q.query(`CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only()`);
    await q.query(`CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
      FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_event`);
    await q.query(`DROP FUNCTION audit_event_is_append_only()`);
    for (const t of ['follow_up_action', 'contact_log', 'partner_contact', 'user_branch', 'app_user', 'partner_organisation', 'branch', 'library_service']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
