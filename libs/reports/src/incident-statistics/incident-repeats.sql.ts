/*
 * The one statement of the reports that reads a personal-data table outside the access scope
 * (test/architecture/personal-data-reads.spec.ts names this file): the people linked to incidents,
 * through incident_subject, for incidents the reader may read (`i`, from the scope). It returns
 * one number about them, how many are in two or more incidents; never who.
 */
import type { IncidentWhere } from './incident-statistics.sql.js';

/**
 * People named in two or more incidents of the period, and places (branch and location, compared
 * trimmed and in any case) named in two or more: counts, and the ten busiest places, in one statement.
 * The links are read by their service (incident_subject_library_service_idx), not the whole table.
 */
export function repeatsStatement(where: IncidentWhere) {
  const sql = `WITH ${where.with}, cur AS (SELECT i.id, i.branch_id, i.location_in_building FROM i WHERE ${where.sql}),
    people AS (SELECT s.subject_id FROM incident_subject s JOIN cur ON cur.id = s.incident_id
      WHERE s.library_service_id = ${where.service}
      GROUP BY s.subject_id HAVING count(DISTINCT s.incident_id) >= 2),
    places AS (SELECT cur.branch_id, lower(btrim(cur.location_in_building)) AS place, min(btrim(cur.location_in_building)) AS location, count(*)::int AS n
      FROM cur WHERE coalesce(btrim(cur.location_in_building), '') <> ''
      GROUP BY cur.branch_id, lower(btrim(cur.location_in_building)) HAVING count(*) >= 2)
    SELECT (SELECT count(*)::int FROM people) AS repeat_people,
      (SELECT count(*)::int FROM places) AS repeat_places,
      (SELECT coalesce(json_agg(json_build_object('branchId', t.branch_id, 'branchName', t.name, 'location', t.location, 'incidents', t.n)
          ORDER BY t.n DESC, t.name, t.location), '[]')
        FROM (SELECT p.*, b.name FROM places p JOIN branch b ON b.id = p.branch_id ORDER BY p.n DESC, b.name, p.location LIMIT 10) t) AS top_places`;
  return { sql, params: where.params };
}
