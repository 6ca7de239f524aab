import { SERVICE_TIME_ZONE } from '../../../common/src/index.js';
import type { ScopedRows } from '../report-access.js';
import { IncidentStatisticsGroupBy as G } from './incident-statistics.input.js';

/** The columns of the incidents the reader may read that the statistics count over (scopedRows). */
export const INCIDENT_COLUMNS = ['library_service_id', 'branch_id', 'occurred_at', 'category', 'severity', 'reported_to_police', 'location_in_building'];

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

export interface IncidentWhere {
  sql: string;
  params: unknown[];
  /** The CTE `i` to put after WITH. */
  with: string;
  /** The placeholder of the service's id. */
  service: string;
}

export interface IncidentConditions {
  serviceId: string;
  /** The whole range read: the period and both it is compared with. */
  lo: Date;
  hi: Date;
  branchIds?: string[] | null;
  categories?: string[] | null;
  severities?: string[] | null;
}

/**
 * The incidents counted, as `i`: the reader's readable incidents (`scoped`, the access rules in its
 * WHERE) narrowed to the service, the range and the filters. The CTE is inlined by PostgreSQL, so
 * (library_service_id, occurred_at) still serves the whole WHERE. Parameters: the scope's, then these.
 */
export function incidentWhere(scoped: ScopedRows, c: IncidentConditions): IncidentWhere {
  const params: unknown[] = [...scoped.params];
  const at = (v: unknown) => `$${params.push(v)}`;
  const service = at(c.serviceId);
  const parts = [`i.library_service_id = ${service}`, `i.occurred_at >= ${at(c.lo)}`, `i.occurred_at < ${at(c.hi)}`];
  const anyOf = (column: string, values: string[] | null | undefined, cast: string) => {
    if (values == null) return;
    parts.push(`${column} = ANY($${params.push(values)}::${cast}[])`);
  };
  anyOf('i.branch_id', c.branchIds, 'uuid');
  anyOf('i.category', c.categories, 'text');
  anyOf('i.severity', c.severities, 'text');
  return { sql: parts.join(' AND '), params, with: `i AS (${scoped.sql})`, service };
}

/** The rows a statistics statement counts, as `i` (FROM …), and how: the row path (rowSource) or the daily counts (incident-statistics-rollup.ts). */
export interface CountSource {
  /** The CTEs to put after WITH. */
  with: string;
  /** The FROM item, aliased `i`. */
  from: string;
  where: string;
  params: unknown[];
  /** Each grouping's key expression over `i`; a source without one cannot group by it. */
  keys: Partial<Record<G, string>>;
  /** What a row counts for (a column of i); null: one each (count(*)). */
  weight: string | null;
  /** When a row counts in each period. */
  periods: Record<'cur' | 'prev' | 'year', string>;
}

/** The incidents themselves (`where`), each counted once: what every grouping and every reader can use. */
export function rowSource(where: IncidentWhere, periods: Record<'cur' | 'prev' | 'year', [Date, Date]>): CountSource {
  const params = [...where.params];
  const within = (p: [Date, Date]) => `i.occurred_at >= $${params.push(p[0])} AND i.occurred_at < $${params.push(p[1])}`;
  return {
    with: where.with,
    from: 'i',
    where: where.sql,
    params,
    keys: GROUP_KEYS,
    weight: null,
    periods: { cur: within(periods.cur), prev: within(periods.prev), year: within(periods.year) },
  };
}

/**
 * One statement for the groups, the total and both comparisons: every row of the three periods is
 * read once, each period counted with FILTER, the groups and the grand total by GROUPING SETS. The
 * total row comes first (all its grouping bits set), then at most MAX_GROUPS + 1 groups, so the
 * caller sees when there would be more.
 */
export function groupsStatement(groupBy: G[], source: CountSource) {
  const { cur, prev, year } = source.periods;
  const count = (when: string) => (source.weight ? `coalesce(sum(${source.weight}) FILTER (WHERE ${when}), 0)::int` : `count(*) FILTER (WHERE ${when})::int`);
  const keys = groupBy.map((g) => {
    const key = source.keys[g];
    if (!key) throw new Error(`This count source cannot group by ${g}`);
    return key;
  });
  const keyColumns = keys.map((k, n) => `${k} AS k${n}`);
  const labelBranch = groupBy.includes(G.BRANCH) ? ', b.name AS branch_name' : '';
  const grouped = [...keys, ...(labelBranch ? ['b.name'] : [])];
  const sets = grouped.length ? `GROUPING SETS ((${grouped.join(', ')}), ())` : '()';
  const isTotal = grouped.length ? `GROUPING(${grouped.join(', ')}) <> 0` : 'TRUE';
  const order = keys.map((_, n) => `k${n}`).join(', ');
  const sql = `WITH ${source.with} SELECT ${[...keyColumns, `${isTotal} AS is_total`].join(', ')}${labelBranch},
      ${count(cur)} AS n,
      ${count(`(${cur}) AND i.reported_to_police`)} AS police,
      ${count(prev)} AS prev,
      ${count(year)} AS year
    FROM ${source.from}${labelBranch ? ' JOIN branch b ON b.id = i.branch_id' : ''}
    WHERE ${source.where}
    GROUP BY ${sets}
    HAVING ${isTotal} OR ${count(cur)} > 0
    ORDER BY is_total DESC${order ? `, ${order}` : ''}
    LIMIT ${MAX_GROUPS + 2}`;
  return { sql, params: source.params };
}
