import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Daily incident counts (issue 14), so a year's statistics of a service sum a few thousand rows
 * instead of grouping its 200,000 incidents: `incident_daily_count` holds, per service and UK
 * calendar day, how many incidents there are of each category, severity ('' for not assessed: a key
 * column cannot be null) and police report. Branch is not in the key: with it the national data's
 * busiest service has 169,507 day rows for 200,000 incidents (no gain); without it, 34,635. So the
 * statistics read it only when no branch is grouped or filtered on, and only for readers whose
 * rules give them every incident of their service (incident-statistics-rollup.ts decides).
 *
 * Kept by statement-level triggers on `incident` (transition tables: one grouped upsert per
 * statement, so a bulk insert does not upsert once per row), in key order so that two writers
 * lock counter rows in the same order. Rows that fall to 0 stay (they add nothing to a sum).
 * SECURITY DEFINER: the counts are written whatever the writer's tenant wall and grants; they are
 * read through the wall like any tenant table. Backfilled here from the incidents already there.
 */
export class IncidentDailyCounts1765810000000 implements MigrationInterface {
  name = 'IncidentDailyCounts1765810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE incident_daily_count (
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      day date NOT NULL,
      category text NOT NULL,
      severity text NOT NULL,
      reported_to_police boolean NOT NULL,
      incidents integer NOT NULL CHECK (incidents >= 0),
      PRIMARY KEY (library_service_id, day, category, severity, reported_to_police))`);
    // One grouped upsert of +1 per new row and -1 per old row: `rows` names the transition tables a
    // branch reads (PL/pgSQL plans a statement when it first runs it, so each branch names only the
    // tables its trigger has). The UK day, as the MONTH and WEEKDAY groupings see it (incident-statistics.sql.ts).
    const upsert = (rows: string) => `INSERT INTO incident_daily_count AS d (library_service_id, day, category, severity, reported_to_police, incidents)
        SELECT x.library_service_id, (x.occurred_at AT TIME ZONE 'Europe/London')::date, x.category, coalesce(x.severity, ''),
          x.reported_to_police, sum(x.delta)::int
        FROM (${rows}) x
        GROUP BY 1, 2, 3, 4, 5 HAVING sum(x.delta) <> 0
        ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (library_service_id, day, category, severity, reported_to_police) DO UPDATE SET incidents = d.incidents + EXCLUDED.incidents`;
    const added = `SELECT library_service_id, occurred_at, category, severity, reported_to_police, 1 AS delta FROM new_rows`;
    const removed = `SELECT library_service_id, occurred_at, category, severity, reported_to_police, -1 AS delta FROM old_rows`;
    await q.query(`CREATE FUNCTION incident_daily_count_apply() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${upsert(added)};
        ELSIF TG_OP = 'DELETE' THEN
          ${upsert(removed)};
        ELSIF TG_OP = 'UPDATE' THEN
          ${upsert(`${added} UNION ALL ${removed}`)};
        ELSE
          TRUNCATE incident_daily_count;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`ALTER FUNCTION incident_daily_count_apply() SET search_path FROM CURRENT`);
    await q.query(`CREATE TRIGGER incident_daily_count_insert AFTER INSERT ON incident
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_daily_count_apply()`);
    await q.query(`CREATE TRIGGER incident_daily_count_update AFTER UPDATE ON incident
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_daily_count_apply()`);
    await q.query(`CREATE TRIGGER incident_daily_count_delete AFTER DELETE ON incident
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_daily_count_apply()`);
    await q.query(`CREATE TRIGGER incident_daily_count_truncate AFTER TRUNCATE ON incident FOR EACH STATEMENT EXECUTE FUNCTION incident_daily_count_apply()`);
    await q.query(`INSERT INTO incident_daily_count (library_service_id, day, category, severity, reported_to_police, incidents)
      SELECT library_service_id, (occurred_at AT TIME ZONE 'Europe/London')::date, category, coalesce(severity, ''), reported_to_police, count(*)::int
      FROM incident GROUP BY 1, 2, 3, 4, 5`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const op of ['insert', 'update', 'delete', 'truncate']) await q.query(`DROP TRIGGER incident_daily_count_${op} ON incident`);
    await q.query(`DROP FUNCTION incident_daily_count_apply()`);
    await q.query(`DROP TABLE incident_daily_count`);
  }
}
