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

/**
 * The same three answers from the sequences (migration IncidentDailyCounts): a person is a repeat
 * of [from, to) when their first incident there (the one before it earlier, or none) has a next
 * one before `to` (one index range); a place's count there is the position of its last incident
 * there minus its first's plus one (the service's places walked by their index, two probes each).
 * No grouping of links or incidents. The sequences hold every incident of the
 * service, so only when the reader's rules give them all and nothing narrows the incidents
 * (dailyCountsAnswer, and no filter): the caller decides.
 */
export function repeatsFromSequences(serviceId: string, from: Date, to: Date) {
  const sql = `WITH RECURSIVE keys AS (
        SELECT f.branch_id, f.place FROM branch b CROSS JOIN LATERAL (SELECT s.branch_id, s.place FROM incident_place_sequence s
          WHERE s.branch_id = b.id ORDER BY s.place LIMIT 1) f WHERE b.library_service_id = $1
        UNION ALL
        SELECT n.branch_id, n.place FROM keys k CROSS JOIN LATERAL (SELECT s.branch_id, s.place FROM incident_place_sequence s
          WHERE s.branch_id = k.branch_id AND s.place > k.place ORDER BY s.place LIMIT 1) n),
      places AS (SELECT k.branch_id, k.place, l.position - f.position + 1 AS n FROM keys k
        CROSS JOIN LATERAL (SELECT s.position FROM incident_place_sequence s WHERE s.branch_id = k.branch_id AND s.place = k.place
          AND s.occurred_at >= $2 ORDER BY s.occurred_at, s.position LIMIT 1) f
        CROSS JOIN LATERAL (SELECT s.position FROM incident_place_sequence s WHERE s.branch_id = k.branch_id AND s.place = k.place
          AND s.occurred_at < $3 ORDER BY s.occurred_at DESC, s.position DESC LIMIT 1) l
        WHERE l.position > f.position),
      -- Only places that can be in the ten need their spelling (the order's last key): those with at least the tenth count.
      contenders AS (SELECT p.* FROM places p WHERE p.n >= (SELECT min(x.n) FROM (SELECT n FROM places ORDER BY n DESC LIMIT 10) x)),
      top AS (SELECT c.branch_id, b.name, c.n, (SELECT min(s.location) FROM incident_place_sequence s
            WHERE s.branch_id = c.branch_id AND s.place = c.place AND s.occurred_at >= $2 AND s.occurred_at < $3) AS location
          FROM contenders c JOIN branch b ON b.id = c.branch_id ORDER BY c.n DESC, b.name, location LIMIT 10)
    SELECT (SELECT count(*)::int FROM incident_subject_sequence p
        WHERE p.library_service_id = $1 AND p.occurred_at >= $2 AND p.occurred_at < $3 AND (p.previous_at IS NULL OR p.previous_at < $2) AND p.next_at < $3) AS repeat_people,
      (SELECT count(*)::int FROM places) AS repeat_places,
      (SELECT coalesce(json_agg(json_build_object('branchId', t.branch_id, 'branchName', t.name, 'location', t.location, 'incidents', t.n)
          ORDER BY t.n DESC, t.name, t.location), '[]') FROM top t) AS top_places`;
  return { sql, params: [serviceId, from, to] };
}
