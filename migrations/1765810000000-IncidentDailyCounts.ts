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
 * lock counter rows in the same order. Rows that fall to 0 stay (they add nothing to a sum). No CHECK
 * (incidents >= 0): PostgreSQL checks it on the row proposed for insertion before ON CONFLICT turns
 * it into an update, so a -1 for an existing row would be refused.
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
      incidents integer NOT NULL,
      PRIMARY KEY (library_service_id, day, category, severity, reported_to_police))`);
    // The same by UK month (day: its first): a year is about 1,100 rows of the busiest national service.
    await q.query(`CREATE TABLE incident_monthly_count (LIKE incident_daily_count INCLUDING ALL)`);
    await q.query(`ALTER TABLE incident_monthly_count ADD FOREIGN KEY (library_service_id) REFERENCES library_service(id)`);
    // One grouped upsert of +1 per new row and -1 per old row: `rows` names the transition tables a
    // branch reads (PL/pgSQL plans a statement when it first runs it, so each branch names only the
    // tables its trigger has). The UK day, as the MONTH and WEEKDAY groupings see it (incident-statistics.sql.ts).
    const upsertInto =
      (table: string, day: string) => (rows: string) => `INSERT INTO ${table} AS d (library_service_id, day, category, severity, reported_to_police, incidents)
        SELECT x.library_service_id, ${day}, x.category, coalesce(x.severity, ''),
          x.reported_to_police, sum(x.delta)::int
        FROM (${rows}) x
        GROUP BY 1, 2, 3, 4, 5 HAVING sum(x.delta) <> 0
        ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (library_service_id, day, category, severity, reported_to_police) DO UPDATE SET incidents = d.incidents + EXCLUDED.incidents`;
    const daily = upsertInto('incident_daily_count', `(x.occurred_at AT TIME ZONE 'Europe/London')::date`);
    const monthly = upsertInto('incident_monthly_count', `date_trunc('month', x.occurred_at AT TIME ZONE 'Europe/London')::date`);
    const upsert = (rows: string) => `${daily(rows)};\n          ${monthly(rows)}`;
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
          TRUNCATE incident_daily_count, incident_monthly_count, incident_subject_sequence, incident_place_sequence;
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
    await q.query(`INSERT INTO incident_monthly_count (library_service_id, day, category, severity, reported_to_police, incidents)
      SELECT library_service_id, date_trunc('month', day)::date, category, severity, reported_to_police, sum(incidents)::int
      FROM incident_daily_count GROUP BY 1, 2, 3, 4, 5`);

    // ---- repeat people and places: each one's incidents in order --------------------------------
    // A person (or place) is in two or more incidents of [from, to) exactly when their first
    // incident there (at or after from, the one before it earlier) has a next one before to; and the
    // place's count there is its last position minus its first plus one. So the repeats statement
    // reads one index range for the people, two index probes per place, instead of grouping every link.
    // Ties in time are ordered by incident id. Each sequence is rebuilt whole for the people or
    // places a statement touched (a few to a few hundred rows), by the triggers below.
    await q.query(`CREATE TABLE incident_subject_sequence (
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      subject_id uuid NOT NULL,
      incident_id uuid NOT NULL,
      occurred_at timestamptz NOT NULL,
      previous_at timestamptz,
      next_at timestamptz,
      PRIMARY KEY (subject_id, incident_id))`);
    await q.query(
      `CREATE INDEX incident_subject_sequence_service_idx ON incident_subject_sequence (library_service_id, occurred_at) INCLUDE (previous_at, next_at)`,
    );
    await q.query(`CREATE TABLE incident_place_sequence (
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      branch_id uuid NOT NULL,
      place text NOT NULL,
      incident_id uuid PRIMARY KEY,
      location text NOT NULL,
      occurred_at timestamptz NOT NULL,
      previous_at timestamptz,
      next_at timestamptz,
      position integer NOT NULL)`);
    // Places are few (660 in the busiest national service): the statement walks them by this index,
    // branch by branch, and finds each one's first and last incident of the period in it.
    await q.query(`CREATE INDEX incident_place_sequence_place_idx ON incident_place_sequence (branch_id, place, occurred_at, position) INCLUDE (location)`);
    // The links of a person to incidents of their own service, one per incident (a person may take several parts in one).
    await q.query(`CREATE FUNCTION incident_subject_sequence_refresh(subjects uuid[]) RETURNS void LANGUAGE sql SECURITY DEFINER AS $$
      DELETE FROM incident_subject_sequence WHERE subject_id = ANY(subjects);
      INSERT INTO incident_subject_sequence (library_service_id, subject_id, incident_id, occurred_at, previous_at, next_at)
      SELECT l.library_service_id, l.subject_id, l.incident_id, l.occurred_at, lag(l.occurred_at) OVER w, lead(l.occurred_at) OVER w
      FROM (SELECT DISTINCT s.library_service_id, s.subject_id, s.incident_id, i.occurred_at
            FROM incident_subject s JOIN incident i ON i.id = s.incident_id AND i.library_service_id = s.library_service_id
            WHERE s.subject_id = ANY(subjects)) l
      WINDOW w AS (PARTITION BY l.library_service_id, l.subject_id ORDER BY l.occurred_at, l.incident_id);
    $$`);
    // A place: a branch and a location in it, compared trimmed and in any case (incident-repeats.sql.ts).
    // Each place's sequence is written by one transaction at a time (a transaction lock per place,
    // taken in a fixed order), so two incidents recorded at once at one place do not both take its
    // next position.
    await q.query(`CREATE FUNCTION incident_place_sequence_refresh(branches uuid[], places text[]) RETURNS void LANGUAGE sql SECURITY DEFINER AS $$
      SELECT pg_advisory_xact_lock(hashtextextended(k.branch_id::text || '/' || k.place, 0))
        FROM (SELECT DISTINCT * FROM unnest(branches, places) u(branch_id, place) ORDER BY 1, 2) k;
      DELETE FROM incident_place_sequence q USING unnest(branches, places) k(branch_id, place) WHERE q.branch_id = k.branch_id AND q.place = k.place;
      INSERT INTO incident_place_sequence (library_service_id, branch_id, place, incident_id, location, occurred_at, previous_at, next_at, position)
      SELECT i.library_service_id, i.branch_id, lower(btrim(i.location_in_building)), i.id, btrim(i.location_in_building), i.occurred_at,
        lag(i.occurred_at) OVER w, lead(i.occurred_at) OVER w, row_number() OVER w
      FROM incident i JOIN (SELECT DISTINCT * FROM unnest(branches, places)) k(branch_id, place)
        ON i.branch_id = k.branch_id AND lower(btrim(i.location_in_building)) = k.place
      WINDOW w AS (PARTITION BY i.library_service_id, i.branch_id, lower(btrim(i.location_in_building)) ORDER BY i.occurred_at, i.id);
    $$`);
    for (const f of ['incident_subject_sequence_refresh(uuid[])', 'incident_place_sequence_refresh(uuid[], text[])']) {
      await q.query(`ALTER FUNCTION ${f} SET search_path FROM CURRENT`);
    }
    const place = (t: string) =>
      `SELECT ${t}.branch_id, lower(btrim(${t}.location_in_building)) AS place FROM ${t} WHERE coalesce(btrim(${t}.location_in_building), '') <> ''`;
    const refreshPlaces = (rows: string) =>
      `PERFORM incident_place_sequence_refresh(array_agg(k.branch_id), array_agg(k.place)) FROM (SELECT DISTINCT * FROM (${rows}) u) k HAVING count(*) > 0`;
    const refreshSubjects = (rows: string) => `PERFORM incident_subject_sequence_refresh(ARRAY(SELECT DISTINCT subject_id FROM (${rows}) u))`;
    await q.query(`CREATE FUNCTION incident_sequences_on_incident() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
      DECLARE
        added record;
        last record;
        placed integer;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          -- The usual insert: one incident, the latest at its place (recorded as it happens). It is
          -- added at the end of the place's sequence and the one before it is told of it, instead of
          -- the whole sequence being rebuilt (hundreds of rows at a busy place, for every incident).
          SELECT n.id, n.library_service_id, n.branch_id, lower(btrim(n.location_in_building)) AS place, btrim(n.location_in_building) AS location, n.occurred_at
            INTO added FROM new_rows n WHERE coalesce(btrim(n.location_in_building), '') <> '';
          GET DIAGNOSTICS placed = ROW_COUNT;
          IF placed = 1 AND (SELECT count(*) FROM new_rows) = 1 THEN
            PERFORM pg_advisory_xact_lock(hashtextextended(added.branch_id::text || '/' || added.place, 0));
            SELECT s.incident_id, s.occurred_at, s.position INTO last FROM incident_place_sequence s
              WHERE s.branch_id = added.branch_id AND s.place = added.place ORDER BY s.occurred_at DESC, s.position DESC LIMIT 1;
            IF last.incident_id IS NULL OR (last.occurred_at, last.incident_id) < (added.occurred_at, added.id) THEN
              UPDATE incident_place_sequence SET next_at = added.occurred_at WHERE incident_id = last.incident_id;
              INSERT INTO incident_place_sequence (library_service_id, branch_id, place, incident_id, location, occurred_at, previous_at, next_at, position)
                VALUES (added.library_service_id, added.branch_id, added.place, added.id, added.location, added.occurred_at, last.occurred_at, NULL, coalesce(last.position, 0) + 1);
              RETURN NULL;
            END IF;
          END IF;
          ${refreshPlaces(place('new_rows'))};
        ELSIF TG_OP = 'DELETE' THEN
          ${refreshPlaces(place('old_rows'))};
        ELSE
          -- Only incidents whose time, branch or location changed move in a sequence.
          ${refreshPlaces(`${place('old_rows')} AND old_rows.id IN (SELECT o.id FROM old_rows o JOIN new_rows n ON n.id = o.id
              WHERE (o.occurred_at, o.branch_id, o.location_in_building, o.library_service_id) IS DISTINCT FROM (n.occurred_at, n.branch_id, n.location_in_building, n.library_service_id))
            UNION ${place('new_rows')} AND new_rows.id IN (SELECT o.id FROM old_rows o JOIN new_rows n ON n.id = o.id
              WHERE (o.occurred_at, o.branch_id, o.location_in_building, o.library_service_id) IS DISTINCT FROM (n.occurred_at, n.branch_id, n.location_in_building, n.library_service_id))`)};
          ${refreshSubjects(`SELECT s.subject_id FROM incident_subject s JOIN old_rows o ON o.id = s.incident_id JOIN new_rows n ON n.id = o.id
              WHERE (o.occurred_at, o.library_service_id) IS DISTINCT FROM (n.occurred_at, n.library_service_id)`)};
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION incident_sequences_on_link() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${refreshSubjects('SELECT subject_id FROM new_rows')};
        ELSIF TG_OP = 'DELETE' THEN
          ${refreshSubjects('SELECT subject_id FROM old_rows')};
        ELSE
          ${refreshSubjects('SELECT subject_id FROM old_rows UNION SELECT subject_id FROM new_rows')};
        END IF;
        RETURN NULL;
      END $$`);
    for (const f of ['incident_sequences_on_incident()', 'incident_sequences_on_link()']) await q.query(`ALTER FUNCTION ${f} SET search_path FROM CURRENT`);
    const each = (table: string, fn: string) => [
      `CREATE TRIGGER ${table}_sequences_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      `CREATE TRIGGER ${table}_sequences_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      `CREATE TRIGGER ${table}_sequences_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
    ];
    for (const sql of [...each('incident', 'incident_sequences_on_incident'), ...each('incident_subject', 'incident_sequences_on_link')]) await q.query(sql);
    // Backfill: every person and place there is, in one statement each.
    await q.query(`INSERT INTO incident_subject_sequence (library_service_id, subject_id, incident_id, occurred_at, previous_at, next_at)
      SELECT l.library_service_id, l.subject_id, l.incident_id, l.occurred_at, lag(l.occurred_at) OVER w, lead(l.occurred_at) OVER w
      FROM (SELECT DISTINCT s.library_service_id, s.subject_id, s.incident_id, i.occurred_at
            FROM incident_subject s JOIN incident i ON i.id = s.incident_id AND i.library_service_id = s.library_service_id) l
      WINDOW w AS (PARTITION BY l.library_service_id, l.subject_id ORDER BY l.occurred_at, l.incident_id)`);
    await q.query(`INSERT INTO incident_place_sequence (library_service_id, branch_id, place, incident_id, location, occurred_at, previous_at, next_at, position)
      SELECT i.library_service_id, i.branch_id, lower(btrim(i.location_in_building)), i.id, btrim(i.location_in_building), i.occurred_at,
        lag(i.occurred_at) OVER w, lead(i.occurred_at) OVER w, row_number() OVER w
      FROM incident i WHERE coalesce(btrim(i.location_in_building), '') <> ''
      WINDOW w AS (PARTITION BY i.library_service_id, i.branch_id, lower(btrim(i.location_in_building)) ORDER BY i.occurred_at, i.id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['incident', 'incident_subject'])
      for (const op of ['insert', 'update', 'delete']) await q.query(`DROP TRIGGER ${t}_sequences_${op} ON ${t}`);
    await q.query(`DROP FUNCTION incident_sequences_on_incident()`);
    await q.query(`DROP FUNCTION incident_sequences_on_link()`);
    await q.query(`DROP FUNCTION incident_subject_sequence_refresh(uuid[])`);
    await q.query(`DROP FUNCTION incident_place_sequence_refresh(uuid[], text[])`);
    await q.query(`DROP TABLE incident_place_sequence`);
    await q.query(`DROP TABLE incident_subject_sequence`);
    for (const op of ['insert', 'update', 'delete', 'truncate']) await q.query(`DROP TRIGGER incident_daily_count_${op} ON incident`);
    await q.query(`DROP FUNCTION incident_daily_count_apply()`);
    await q.query(`DROP TABLE incident_monthly_count`);
    await q.query(`DROP TABLE incident_daily_count`);
  }
}
