import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Row-level security as a second wall for the tenancy (README "Database roles"): every table with
 * a `library_service_id` gets a policy that shows and accepts only rows of the services the
 * `safer.tenant` setting may reach. The service sets it on each connection: the signed-in user's
 * service for their requests, `platform` for sign-in, jobs and the CLI; unset shows nothing.
 * A service reaches itself and the services it has a data sharing agreement with (as the owner or
 * a party, directly or through a party partner organisation): sharing crosses services by design,
 * and within that the access rules and the shared-case views decide. A query that forgot its
 * tenancy condition sees nothing of any other service.
 * The owner and superusers are not subject to it (they own the tables); the application role is.
 * `apply_tenant_policies` runs after every migration run, with the grants, so later tables get it too.
 */
export class TenantWall1765400000000 implements MigrationInterface {
  name = 'TenantWall1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION tenant_is_platform() RETURNS boolean LANGUAGE sql STABLE AS $$
      SELECT current_setting('safer.tenant', true) IS NOT DISTINCT FROM 'platform'
    $$`);
    // SECURITY DEFINER: it reads the agreements' parties whatever the caller's wall; a fixed search_path.
    await q.query(`CREATE FUNCTION tenant_services() RETURNS uuid[] LANGUAGE plpgsql STABLE SECURITY DEFINER AS $$
      DECLARE me uuid;
      BEGIN
        BEGIN
          me := nullif(current_setting('safer.tenant', true), '')::uuid;
        EXCEPTION WHEN invalid_text_representation THEN
          RETURN '{}'; -- 'platform' is handled by tenant_is_platform; anything else reaches nothing
        END;
        IF me IS NULL THEN RETURN '{}'; END IF;
        RETURN ARRAY(
          WITH party AS (
            SELECT dp.library_service_id AS owner, coalesce(dp.party_library_service_id, po.library_service_id) AS other
            FROM data_sharing_agreement_party dp LEFT JOIN partner_organisation po ON po.id = dp.partner_organisation_id)
          SELECT me UNION SELECT p.other FROM party p WHERE p.owner = me UNION SELECT p.owner FROM party p WHERE p.other = me);
      END $$`);
    await q.query(`ALTER FUNCTION tenant_services() SET search_path FROM CURRENT`);
    // A row belongs to every service it names: its owner (library_service_id) and any other
    // *_library_service_id column (a recipient, a party, the service that submitted it).
    await q.query(`CREATE FUNCTION apply_tenant_policies() RETURNS void LANGUAGE plpgsql AS $$
      DECLARE t record; reach text;
      BEGIN
        FOR t IN SELECT c.oid, c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
                 WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
                   AND a.attname = 'library_service_id' AND NOT a.attisdropped LOOP
          -- Each (SELECT tenant_services()) is uncorrelated: it runs once per statement, not once per row.
          SELECT string_agg(format('%I = ANY ((SELECT tenant_services())::uuid[])', a.attname), ' OR ' ORDER BY a.attnum) INTO reach
            FROM pg_attribute a WHERE a.attrelid = t.oid AND NOT a.attisdropped AND a.attnum > 0
              AND (a.attname = 'library_service_id' OR a.attname LIKE '%\\_library\\_service\\_id');
          reach := '(SELECT tenant_is_platform()) OR ' || reach;
          EXECUTE format('DROP POLICY IF EXISTS tenant_wall ON %I', t.relname);
          EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t.relname);
          -- A read of another service's record (through a share) is audited in that service's trail,
          -- so the audit trail accepts events for any service; it shows only the reachable ones.
          EXECUTE format('CREATE POLICY tenant_wall ON %I USING (%s) WITH CHECK (%s)', t.relname, reach,
                         CASE WHEN t.relname = 'audit_event' THEN 'true' ELSE reach END);
        END LOOP;
      END $$`);
    await q.query(`REVOKE EXECUTE ON FUNCTION apply_tenant_policies() FROM PUBLIC`);
    await q.query(`SELECT apply_tenant_policies()`);
  }

  async down(q: QueryRunner): Promise<void> {
    const tables: { relname: string }[] = await q.query(
      `SELECT c.relname FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid WHERE p.polname = 'tenant_wall' AND c.relnamespace = current_schema()::regnamespace`,
    );
    for (const { relname } of tables) {
      await q.query(`DROP POLICY tenant_wall ON "${relname}"`);
      await q.query(`ALTER TABLE "${relname}" DISABLE ROW LEVEL SECURITY`);
    }
    await q.query(`DROP FUNCTION apply_tenant_policies()`);
    await q.query(`DROP FUNCTION tenant_services()`);
    await q.query(`DROP FUNCTION tenant_is_platform()`);
  }
}
