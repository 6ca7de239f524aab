import { calendarDate, SERVICE_TIME_ZONE } from '../../../common/src/index.js';
import type { Actor } from '../../../access/src/index.js';
import { IncidentStatisticsGroupBy as G } from './incident-statistics.input.js';
import type { CountSource, IncidentConditions, IncidentWhere } from './incident-statistics.sql.js';

/*
 * The daily and monthly counts (incident_daily_count, incident_monthly_count, migration
 * IncidentDailyCounts): per service, UK day or month, category, severity and police report, kept
 * by triggers on incident.
 */

/** The groupings the daily counts hold: no branch (not in their key) and no hour (finer than a day). */
const ROLLUP_KEYS: Partial<Record<G, string>> = {
  [G.CATEGORY]: 'i.category',
  [G.SEVERITY]: 'i.severity',
  [G.MONTH]: `to_char(i.day, 'YYYY-MM')`,
  [G.WEEKDAY]: 'extract(isodow FROM i.day)::int::text',
};

/**
 * Whether the reader's rules provably give them every incident of their service: the one place
 * that decides when the daily counts and the sequences, which count every incident and carry no
 * access rule, may stand in for the reader's access scope. Yes when the rules allow reading
 * incidents on exactly `{ libraryServiceId: their service }` and deny no rows (a field-only denial
 * hides a column, not a row; casl-to-sql.ts). Managers and the DPO have that today
 * (incidents.rules.ts); any narrower reader reads the rows, through their scope.
 */
export function readsWholeService(actor: Actor, serviceId: string): boolean {
  const rules = actor.ability.rulesFor('read', 'Incident');
  if (rules.some((r) => r.inverted && !r.fields)) return false;
  return rules.some((r) => {
    const conditions = r.conditions as Record<string, unknown> | undefined;
    return !r.inverted && conditions !== undefined && Object.keys(conditions).length === 1 && conditions.libraryServiceId === serviceId;
  });
}

/** Whether the daily counts answer these groups: a whole-service reader, no branch filter, no BRANCH or HOUR grouping (not in their key). */
export function dailyCountsAnswer(actor: Actor, serviceId: string, groupBy: readonly G[], c: Pick<IncidentConditions, 'branchIds'>): boolean {
  return c.branchIds == null && groupBy.every((g) => ROLLUP_KEYS[g]) && readsWholeService(actor, serviceId);
}

/** Whether the sequences answer the repeats: a whole-service reader and no filter at all (they hold every incident). */
export function sequencesAnswer(actor: Actor, serviceId: string, c: Pick<IncidentConditions, 'branchIds' | 'categories' | 'severities'>): boolean {
  return c.branchIds == null && c.categories == null && c.severities == null && readsWholeService(actor, serviceId);
}

const DAY = 86_400_000;

/** The instant a UK calendar day (YYYY-MM-DD) begins (midnight is never skipped or repeated there: the clocks change at 01:00 UTC). */
function startOfDay(day: string): Date {
  const utc = Date.parse(`${day}T00:00:00Z`);
  const offset = (at: number) => {
    const p = new Intl.DateTimeFormat('en-GB', {
      timeZone: SERVICE_TIME_ZONE,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(at));
    const n = (type: string) => Number(p.find((x) => x.type === type)!.value);
    return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - at;
  };
  return new Date(utc - offset(utc - offset(utc)));
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString().slice(0, 10);

const firstOfMonth = (day: string) => `${day.slice(0, 8)}01`;
const nextMonth = (day: string) => {
  const d = new Date(Date.parse(`${firstOfMonth(day)}T00:00:00Z`));
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
};

interface Split {
  /** Whole UK months [first, end), from the monthly counts. */
  months: [string, string] | null;
  /** Whole UK days [first, end), from the daily counts. */
  days: [string, string][];
  /** The moments at the ends (before the first whole day, from the end day on), from the rows. */
  edges: [Date, Date][];
}

/** A period as whole months (when `months`), whole days around them, and the hours at its ends. */
function split([from, to]: [Date, Date], months: boolean): Split {
  const fromDay = calendarDate(from);
  const firstDay = startOfDay(fromDay).getTime() === from.getTime() ? fromDay : nextDay(fromDay);
  const endDay = calendarDate(to);
  const first = startOfDay(firstDay);
  const end = startOfDay(endDay);
  if (first.getTime() >= end.getTime()) return { months: null, days: [], edges: [[from, to]] };
  const nonEmpty = <T>(ranges: [T, T][]) => ranges.filter(([a, b]) => a < b);
  const edges = nonEmpty<Date>([
    [from, first],
    [end, to],
  ]);
  const firstMonth = firstOfMonth(firstDay) === firstDay ? firstDay : nextMonth(firstDay);
  const endMonth = firstOfMonth(endDay);
  if (!months || firstMonth >= endMonth) return { months: null, days: [[firstDay, endDay]], edges };
  return {
    months: [firstMonth, endMonth],
    days: nonEmpty<string>([
      [firstDay, firstMonth],
      [endMonth, endDay],
    ]),
    edges,
  };
}

/**
 * The incidents of `where` counted from the monthly counts for each period's whole UK months,
 * the daily counts for the whole days around them, and the rows (the reader's scope, `where`) for
 * the hours at its ends: the same counts as rowSource, over a few thousand rows (a year of the
 * busiest national service: about 1,100 month rows and 2,000 day rows instead of 112,000
 * incidents). WEEKDAY needs days, so with it no months are read. Only where dailyCountsAnswer
 * says so: the counts carry no access rule.
 */
export function dailyCountSource(
  where: IncidentWhere,
  groupBy: readonly G[],
  c: Pick<IncidentConditions, 'categories' | 'severities'>,
  periods: Record<'cur' | 'prev' | 'year', [Date, Date]>,
): CountSource {
  const params = [...where.params];
  const at = (v: unknown) => `$${params.push(v)}`;
  const months = !groupBy.includes(G.WEEKDAY);
  const parts = { cur: split(periods.cur, months), prev: split(periods.prev, months), year: split(periods.year, months) };
  const all = Object.values(parts);
  const edgeRange = ([a, b]: [Date, Date]) => `(i.occurred_at >= ${at(a)} AND i.occurred_at < ${at(b)})`;
  const dayRange = (grain: string, [a, b]: [string, string]) => `(i.grain = '${grain}' AND i.day >= ${at(a)}::date AND i.day < ${at(b)}::date)`;
  const when = (p: Split) =>
    [...(p.months ? [dayRange('M', p.months)] : []), ...p.days.map((d) => dayRange('D', d)), ...p.edges.map(edgeRange)].join(' OR ') || 'FALSE';
  const filters = (prefix: string) => {
    const f: string[] = [];
    if (c.categories != null) f.push(`${prefix}category = ANY(${at(c.categories)}::text[])`);
    if (c.severities != null) f.push(`nullif(${prefix}severity, '') = ANY(${at(c.severities)}::text[])`);
    return f.map((x) => ` AND ${x}`).join('');
  };
  const counts = (table: string, grain: string, ranges: [string, string][]) =>
    ranges.length
      ? `SELECT '${grain}' AS grain, d.day, d.category, nullif(d.severity, '') AS severity, d.reported_to_police, d.incidents, NULL::timestamptz AS occurred_at
      FROM ${table} d WHERE d.library_service_id = ${where.service}
        AND (${ranges.map(([a, b]) => `(d.day >= ${at(a)}::date AND d.day < ${at(b)}::date)`).join(' OR ')})${filters('d.')}`
      : null;
  const monthRanges = all.flatMap((p) => (p.months ? [p.months] : []));
  const edges = all.flatMap((p) => p.edges);
  // Always there, if empty (FALSE): it holds the scope's and the WHERE's parameters, which PostgreSQL must see used.
  const rows = `SELECT 'R' AS grain, (i.occurred_at AT TIME ZONE '${SERVICE_TIME_ZONE}')::date AS day, i.category, i.severity, i.reported_to_police, 1 AS incidents, i.occurred_at
      FROM i WHERE ${where.sql} AND (${edges.map(edgeRange).join(' OR ') || 'FALSE'})`;
  const sources = [
    counts('incident_monthly_count', 'M', monthRanges),
    counts(
      'incident_daily_count',
      'D',
      all.flatMap((p) => p.days),
    ),
    rows,
  ];
  return {
    with: `${where.with}, c AS (${sources.filter(Boolean).join('\n      UNION ALL\n      ')})`,
    from: 'c i',
    where: 'TRUE',
    params,
    keys: ROLLUP_KEYS,
    weight: 'i.incidents',
    periods: { cur: when(parts.cur), prev: when(parts.prev), year: when(parts.year) },
  };
}
