import { SERVICE_TIME_ZONE } from '../../../common/src/index.js';
import { IncidentStatisticsGroupBy as G } from './incident-statistics.input.js';

/** Local time of the incident: months, weekdays and hours are the UK's, as staff saw them. */
const LOCAL = `(i.occurred_at AT TIME ZONE '${SERVICE_TIME_ZONE}')`;

/** Each grouping's key expression (text), over incident `i` and its branch `b`. */
export const GROUP_KEYS: Record<G, string> = {
  [G.BRANCH]: 'i.branch_id::text',
  [G.CATEGORY]: 'i.category',
  [G.SEVERITY]: 'i.severity',
  [G.MONTH]: `to_char(${LOCAL}, 'YYYY-MM')`,
  [G.WEEKDAY]: `extract(isodow FROM ${LOCAL})::int::text`,
  [G.HOUR]: `lpad(extract(hour FROM ${LOCAL})::int::text, 2, '0')`,
};

/** The largest number of groups one answer holds; asking for more is refused (narrow the groups or the period). */
export const MAX_GROUPS = 1000;

export interface IncidentConditions {
  serviceId: string;
  /** The whole range read: the period and both it is compared with. */
  lo: Date;
  hi: Date;
  branchIds?: string[] | null;
  categories?: string[] | null;
  severities?: string[] | null;
}

/** The WHERE over incident `i`, from parameter $1 on; the service first, so (library_service_id, occurred_at) serves it. */
export function incidentWhere(c: IncidentConditions): { sql: string; params: unknown[] } {
  const params: unknown[] = [c.serviceId, c.lo, c.hi];
  const parts = ['i.library_service_id = $1', 'i.occurred_at >= $2', 'i.occurred_at < $3'];
  const anyOf = (column: string, values: string[] | null | undefined, cast: string) => {
    if (values == null) return;
    parts.push(`${column} = ANY($${params.push(values)}::${cast}[])`);
  };
  anyOf('i.branch_id', c.branchIds, 'uuid');
  anyOf('i.category', c.categories, 'text');
  anyOf('i.severity', c.severities, 'text');
  return { sql: parts.join(' AND '), params };
}

/**
 * One statement for the groups, the total and both comparisons: every incident of the three
 * periods is read once (one index range), each period counted with FILTER, the groups and the
 * grand total by GROUPING SETS. The total row comes first (all its grouping bits set), then at most
 * MAX_GROUPS + 1 groups, so the caller sees when there would be more. `$cur`, `$prev`, `$year` are
 * the periods' bounds, appended to the WHERE's parameters.
 */
export function groupsStatement(groupBy: G[], where: { sql: string; params: unknown[] }, periods: Record<'cur' | 'prev' | 'year', [Date, Date]>) {
  const params = [...where.params];
  const within = (p: [Date, Date]) => `i.occurred_at >= $${params.push(p[0])} AND i.occurred_at < $${params.push(p[1])}`;
  const cur = within(periods.cur);
  const prev = within(periods.prev);
  const year = within(periods.year);
  const keys = groupBy.map((g) => GROUP_KEYS[g]);
  const keyColumns = keys.map((k, n) => `${k} AS k${n}`);
  const labelBranch = groupBy.includes(G.BRANCH) ? ', b.name AS branch_name' : '';
  const grouped = [...keys, ...(labelBranch ? ['b.name'] : [])];
  const sets = grouped.length ? `GROUPING SETS ((${grouped.join(', ')}), ())` : '()';
  const isTotal = grouped.length ? `GROUPING(${grouped.join(', ')}) <> 0` : 'TRUE';
  const order = keys.map((_, n) => `k${n}`).join(', ');
  const sql = `SELECT ${[...keyColumns, `${isTotal} AS is_total`].join(', ')}${labelBranch},
      count(*) FILTER (WHERE ${cur})::int AS n,
      count(*) FILTER (WHERE ${cur} AND i.reported_to_police)::int AS police,
      count(*) FILTER (WHERE ${prev})::int AS prev,
      count(*) FILTER (WHERE ${year})::int AS year
    FROM incident i${labelBranch ? ' JOIN branch b ON b.id = i.branch_id' : ''}
    WHERE ${where.sql}
    GROUP BY ${sets}
    HAVING ${isTotal} OR count(*) FILTER (WHERE ${cur}) > 0
    ORDER BY is_total DESC${order ? `, ${order}` : ''}
    LIMIT ${MAX_GROUPS + 2}`;
  return { sql, params };
}

/**
 * People named in two or more incidents of the period, and places (branch and location, compared
 * trimmed and in any case) named in two or more: counts, and the ten busiest places, in one statement.
 */
export function repeatsStatement(where: { sql: string; params: unknown[] }) {
  const sql = `WITH cur AS (SELECT i.id, i.branch_id, i.location_in_building FROM incident i WHERE ${where.sql}),
    people AS (SELECT s.subject_id FROM incident_subject s JOIN cur ON cur.id = s.incident_id
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
