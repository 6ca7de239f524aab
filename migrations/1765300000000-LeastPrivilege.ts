import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The DataProtection migration's version of the append-only trigger function, restored by down(). */
const APPEND_ONLY_BEFORE = `CREATE OR REPLACE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'DELETE' AND current_setting('safer.retention_sweep', true) = 'on'
       AND OLD.occurred_at < now() + interval '2 days' - make_interval(years => coalesce(
         (SELECT p.retain_years FROM retention_policy p WHERE p.library_service_id = OLD.library_service_id AND p.record_type = 'AUDIT_EVENT'), 7)) THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP;
  END $$`;

/**
 * Least privilege on PostgreSQL (docs/architecture.md "Database roles"): the owner role runs the
 * migrations and owns every table, trigger and function; the service connects as an application
 * role that gets only what `grant_application_role` grants it, which the service calls (as the
 * owner) after every migration run, so tables added later are covered too:
 * - every table and view: SELECT, INSERT, UPDATE, DELETE, unless `application_grant` says less;
 *   the audit trail SELECT and INSERT only, the migrations' bookkeeping SELECT only.
 * - no DDL, TRUNCATE, trigger or ownership: the application role owns nothing.
 * The audit trail's retention is applied only through `prune_audit_events` (SECURITY DEFINER),
 * which deletes only events past their retention, and that retention never goes below
 * `audit_retention_floor()` (6 years; the owner may raise it by replacing the function). Backdated
 * or future-dated audit events are refused from anyone but the owner (tests and imports).
 */
export class LeastPrivilege1765300000000 implements MigrationInterface {
  name = 'LeastPrivilege1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE application_grant (table_name text PRIMARY KEY, privileges text NOT NULL)`);
    await q.query(`INSERT INTO application_grant (table_name, privileges) VALUES
      ('audit_event', 'SELECT, INSERT'), ('migrations', 'SELECT'), ('typeorm_metadata', 'SELECT'), ('application_grant', '')`);
    await q.query(`CREATE FUNCTION grant_application_role(app name) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE t record; privs text;
      BEGIN
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), app);
        FOR t IN SELECT c.relname, c.relkind FROM pg_class c
                 WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'v', 'p') LOOP
          privs := coalesce((SELECT g.privileges FROM application_grant g WHERE g.table_name = t.relname),
                            CASE WHEN t.relkind = 'v' THEN 'SELECT' ELSE 'SELECT, INSERT, UPDATE, DELETE' END);
          EXECUTE format('REVOKE ALL ON %I FROM %I', t.relname, app);
          IF privs <> '' THEN EXECUTE format('GRANT %s ON %I TO %I', privs, t.relname, app); END IF;
        END LOOP;
        EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), app);
      END $$`);
    await q.query(`REVOKE EXECUTE ON FUNCTION grant_application_role(name) FROM PUBLIC`);

    await q.query(`CREATE FUNCTION audit_retention_floor() RETURNS integer LANGUAGE sql STABLE AS $$ SELECT 6 $$`);
    await q.query(
      `UPDATE retention_policy SET retain_years = audit_retention_floor() WHERE record_type = 'AUDIT_EVENT' AND retain_years < audit_retention_floor()`,
    );
    await q.query(`CREATE FUNCTION retention_policy_audit_floor() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.record_type = 'AUDIT_EVENT' AND NEW.retain_years < audit_retention_floor() THEN
          RAISE EXCEPTION 'the audit trail is kept at least % years', audit_retention_floor() USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER retention_policy_audit_floor BEFORE INSERT OR UPDATE ON retention_policy
      FOR EACH ROW EXECUTE FUNCTION retention_policy_audit_floor()`);
    // An event is past retention when older than its service's audit retention (7 years unless a
    // policy says otherwise, never under the floor; two days' slack for calendar edges such as 29 February).
    await q.query(`CREATE FUNCTION audit_event_past_retention(occurred timestamptz, service uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
      SELECT occurred < now() + interval '2 days' - make_interval(years => greatest(audit_retention_floor(), coalesce(
        (SELECT p.retain_years FROM retention_policy p WHERE p.library_service_id = service AND p.record_type = 'AUDIT_EVENT'), 7)))
    $$`);
    await q.query(`CREATE OR REPLACE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND current_setting('safer.retention_sweep', true) = 'on' AND audit_event_past_retention(OLD.occurred_at, OLD.library_service_id) THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP;
      END $$`);
    // The retention sweep's only way to delete audit events; of the ids given, only those past retention go.
    await q.query(`CREATE FUNCTION prune_audit_events(ids bigint[]) RETURNS SETOF bigint LANGUAGE plpgsql SECURITY DEFINER AS $$
      BEGIN
        PERFORM set_config('safer.retention_sweep', 'on', true);
        RETURN QUERY WITH d AS (
          DELETE FROM audit_event e WHERE e.id = ANY(ids) AND audit_event_past_retention(e.occurred_at, e.library_service_id) RETURNING e.id
        ) SELECT d.id FROM d;
        PERFORM set_config('safer.retention_sweep', 'off', true);
      END $$`);
    await q.query(`ALTER FUNCTION prune_audit_events(bigint[]) SET search_path FROM CURRENT`);

    // What the service writes is stamped now; only the owner (tests, imports) may write another time.
    await q.query(`CREATE FUNCTION audit_event_not_backdated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.occurred_at NOT BETWEEN clock_timestamp() - interval '5 minutes' AND clock_timestamp() + interval '5 minutes'
           AND NOT (SELECT r.rolsuper FROM pg_roles r WHERE r.rolname = current_user)
           AND NOT pg_has_role(current_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID), 'USAGE') THEN
          RAISE EXCEPTION 'audit events are written at the time they happen' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER audit_event_not_backdated BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_not_backdated()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_event_not_backdated ON audit_event`);
    await q.query(`DROP FUNCTION audit_event_not_backdated()`);
    await q.query(`DROP FUNCTION prune_audit_events(bigint[])`);
    await q.query(APPEND_ONLY_BEFORE);
    await q.query(`DROP FUNCTION audit_event_past_retention(timestamptz, uuid)`);
    await q.query(`DROP TRIGGER retention_policy_audit_floor ON retention_policy`);
    await q.query(`DROP FUNCTION retention_policy_audit_floor()`);
    await q.query(`DROP FUNCTION audit_retention_floor()`);
    await q.query(`DROP FUNCTION grant_application_role(name)`);
    await q.query(`DROP TABLE application_grant`);
  }
}
