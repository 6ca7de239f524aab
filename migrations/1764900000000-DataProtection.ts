import type { MigrationInterface, QueryRunner } from 'typeorm';

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

/** The Foundation trigger function, restored by down(). */
const APPEND_ONLY_ORIGINAL = `CREATE OR REPLACE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP; END $$`;

/**
 * Data protection in practice (issue 6): retention policies and runs, data subjects' rights
 * requests, rectifications and restrictions, the audit trail's query indexes, and the one narrow
 * way old audit events may be deleted. Runs after every context's tables; touches only its own
 * tables, indexes on audit_event and audit_event's trigger function.
 */
export class DataProtection1764900000000 implements MigrationInterface {
  name = 'DataProtection1764900000000';

  async up(q: QueryRunner): Promise<void> {
    // A row overrides the default in code (RETENTION_YEARS) for one library service.
    await q.query(`CREATE TABLE retention_policy (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      record_type text NOT NULL CHECK (record_type ~ '^[A-Z][A-Z0-9_]*$'),
      retain_years integer NOT NULL CHECK (retain_years BETWEEN 1 AND 100),
      action text NOT NULL CHECK (action IN ('DELETE','ANONYMISE')),
      updated_by_id uuid REFERENCES app_user(id),${stamps})`);
    await q.query(`CREATE UNIQUE INDEX retention_policy_service_type_uq ON retention_policy (library_service_id, record_type)`);
    await q.query(`CREATE INDEX retention_policy_updated_by_idx ON retention_policy (updated_by_id)`);

    // One row per library service per sweep. NULL service: the audit events that belong to no
    // service (failed sign-ins of unknown emails, CLI actions).
    await q.query(`CREATE TABLE retention_run (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid REFERENCES library_service(id),
      triggered_by text NOT NULL CHECK (triggered_by IN ('CLI','SCHEDULE')),
      dry_run boolean NOT NULL,
      status text NOT NULL DEFAULT 'RUNNING' CHECK (status IN ('RUNNING','COMPLETED','FAILED')),
      started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      finished_at timestamptz,
      counts jsonb NOT NULL DEFAULT '[]',
      error text,
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT retention_run_finished CHECK ((status = 'RUNNING') = (finished_at IS NULL)))`);
    await q.query(`CREATE INDEX retention_run_library_service_idx ON retention_run (library_service_id, started_at)`);

    // Records the sweep anonymised: they hold no personal data any more and are not swept again.
    await q.query(`CREATE TABLE retention_anonymised (
      table_name text NOT NULL,
      record_id text NOT NULL,
      library_service_id uuid REFERENCES library_service(id),
      run_id uuid REFERENCES retention_run(id),
      anonymised_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (table_name, record_id))`);
    await q.query(`CREATE INDEX retention_anonymised_library_service_idx ON retention_anonymised (library_service_id)`);
    await q.query(`CREATE INDEX retention_anonymised_run_idx ON retention_anonymised (run_id)`);

    // subject_id has no foreign key on purpose: the request (and what was done about it) must
    // outlive an erased subject. It is personal data itself, so it carries the data-protection columns.
    await q.query(`CREATE TABLE rights_request (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      subject_id uuid NOT NULL,
      type text NOT NULL CHECK (type IN ('ERASURE','RECTIFICATION','RESTRICTION','ACCESS')),
      received_on date NOT NULL,
      due_on date NOT NULL,
      details text NOT NULL CHECK (btrim(details) <> ''),
      status text NOT NULL DEFAULT 'RECEIVED' CHECK (status IN ('RECEIVED','GRANTED','PARTLY_GRANTED','REFUSED')),
      decision_reason text,
      refusal_ground text CHECK (refusal_ground IN ('RETENTION_DUTY','LEGAL_HOLD','MANIFESTLY_UNFOUNDED_OR_EXCESSIVE','OTHER_EXEMPTION')),
      kept_record_types text[] NOT NULL DEFAULT '{}',
      outcome jsonb,
      logged_by_id uuid NOT NULL REFERENCES app_user(id),
      decided_by_id uuid REFERENCES app_user(id),
      decided_at timestamptz,${dataProtection},${stamps},
      CONSTRAINT rights_request_decided CHECK ((status = 'RECEIVED') = (decided_at IS NULL) AND (decided_at IS NULL) = (decided_by_id IS NULL)),
      CONSTRAINT rights_request_reasoned CHECK (status NOT IN ('PARTLY_GRANTED','REFUSED') OR coalesce(btrim(decision_reason), '') <> ''),
      CONSTRAINT rights_request_refusal_ground CHECK ((status = 'REFUSED') = (refusal_ground IS NOT NULL)),
      CONSTRAINT rights_request_due_after_received CHECK (due_on >= received_on))`);
    await q.query(`CREATE INDEX rights_request_library_service_idx ON rights_request (library_service_id, status, received_on)`);
    await q.query(`CREATE INDEX rights_request_subject_idx ON rights_request (subject_id)`);
    await q.query(`CREATE INDEX rights_request_logged_by_idx ON rights_request (logged_by_id)`);
    await q.query(`CREATE INDEX rights_request_decided_by_idx ON rights_request (decided_by_id)`);
    await q.query(`CREATE INDEX rights_request_retain_until_idx ON rights_request (retain_until) WHERE NOT legal_hold`);

    // Who corrected which field of which record, and why (not the old value: it was wrong).
    await q.query(`CREATE TABLE rectification (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      rights_request_id uuid NOT NULL REFERENCES rights_request(id) ON DELETE CASCADE,
      entity_type text NOT NULL,
      entity_id text NOT NULL,
      field text NOT NULL,
      reason text NOT NULL CHECK (btrim(reason) <> ''),
      corrected_by_id uuid NOT NULL REFERENCES app_user(id),
      corrected_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1)`);
    await q.query(`CREATE INDEX rectification_library_service_idx ON rectification (library_service_id)`);
    await q.query(`CREATE INDEX rectification_request_idx ON rectification (rights_request_id)`);
    await q.query(`CREATE INDEX rectification_entity_idx ON rectification (entity_type, entity_id)`);
    await q.query(`CREATE INDEX rectification_corrected_by_idx ON rectification (corrected_by_id)`);

    // Goes with the subject when the subject is erased or swept.
    await q.query(`CREATE TABLE subject_restriction (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      subject_id uuid NOT NULL REFERENCES subject(id) ON DELETE CASCADE,
      rights_request_id uuid REFERENCES rights_request(id) ON DELETE SET NULL,
      reason text NOT NULL CHECK (btrim(reason) <> ''),
      restricted_by_id uuid NOT NULL REFERENCES app_user(id),
      restricted_at timestamptz NOT NULL DEFAULT now(),
      lifted_at timestamptz,
      lifted_by_id uuid REFERENCES app_user(id),
      lift_reason text,
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT subject_restriction_lifted CHECK ((lifted_at IS NULL) = (lifted_by_id IS NULL) AND (lifted_at IS NULL) = (lift_reason IS NULL)))`);
    await q.query(`CREATE UNIQUE INDEX subject_restriction_active_uq ON subject_restriction (subject_id) WHERE lifted_at IS NULL`);
    await q.query(`CREATE INDEX subject_restriction_library_service_idx ON subject_restriction (library_service_id)`);
    await q.query(`CREATE INDEX subject_restriction_request_idx ON subject_restriction (rights_request_id)`);
    await q.query(`CREATE INDEX subject_restriction_restricted_by_idx ON subject_restriction (restricted_by_id)`);
    await q.query(`CREATE INDEX subject_restriction_lifted_by_idx ON subject_restriction (lifted_by_id)`);

    await q.query(`CREATE FUNCTION subject_is_restricted(p_subject uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
      SELECT EXISTS (SELECT 1 FROM subject_restriction WHERE subject_id = p_subject AND lifted_at IS NULL) $$`);
    // Backstop for sharing tables (issue 5): CREATE TRIGGER … BEFORE INSERT ON case_share FOR EACH ROW
    // EXECUTE FUNCTION refuse_restricted_subject('case_id', 'case_file'): argument 1 is NEW's column,
    // argument 2 (optional) a table whose row of that id has subject_id.
    await q.query(`CREATE FUNCTION refuse_restricted_subject() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE v_ref uuid; v_subject uuid;
      BEGIN
        v_ref := (to_jsonb(NEW) ->> TG_ARGV[0])::uuid;
        IF TG_NARGS > 1 THEN
          EXECUTE format('SELECT subject_id FROM %I WHERE id = $1', TG_ARGV[1]) INTO v_subject USING v_ref;
        ELSE
          v_subject := v_ref;
        END IF;
        IF v_subject IS NOT NULL AND subject_is_restricted(v_subject) THEN
          RAISE EXCEPTION 'records of a restricted subject cannot be shared' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);

    // The DPO's audit queries: keyset pages on (occurred_at, id) within a service, by actor, entity type and action.
    await q.query(`CREATE INDEX audit_event_service_time_idx ON audit_event (library_service_id, occurred_at, id)`);
    await q.query(`CREATE INDEX audit_event_service_actor_idx ON audit_event (library_service_id, actor_id, occurred_at, id)`);
    await q.query(`CREATE INDEX audit_event_service_entity_idx ON audit_event (library_service_id, entity_type, occurred_at, id)`);
    await q.query(`CREATE INDEX audit_event_service_action_idx ON audit_event (library_service_id, action, occurred_at, id)`);

    // The one exemption from append-only: a DELETE in a transaction that has run
    // `SET LOCAL safer.retention_sweep = on` (only the retention sweep does), of an event older than
    // its service's audit retention (7 years unless a policy says otherwise; two days' slack for
    // calendar edges such as 29 February). UPDATE and TRUNCATE stay refused, always.
    await q.query(`CREATE OR REPLACE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND current_setting('safer.retention_sweep', true) = 'on'
           AND OLD.occurred_at < now() + interval '2 days' - make_interval(years => coalesce(
             (SELECT p.retain_years FROM retention_policy p WHERE p.library_service_id = OLD.library_service_id AND p.record_type = 'AUDIT_EVENT'), 7)) THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(APPEND_ONLY_ORIGINAL);
    for (const i of ['service_time', 'service_actor', 'service_entity', 'service_action']) await q.query(`DROP INDEX audit_event_${i}_idx`);
    await q.query(`DROP FUNCTION refuse_restricted_subject()`);
    await q.query(`DROP FUNCTION subject_is_restricted(uuid)`);
    for (const t of ['subject_restriction', 'rectification', 'rights_request', 'retention_anonymised', 'retention_run', 'retention_policy']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
