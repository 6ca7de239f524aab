import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AccessScopes, type Actor } from '../../../access/src/index.js';
import { AccessDeniedError, LimitExceededError } from '../../../common/src/index.js';
import { checkPeriod, type Period, previousPeriod, words, yearBefore } from '../report-period.js';
import { ReportAccess, scopedRows } from '../report-access.js';
import { IncidentStatisticsGroupBy as G, type IncidentStatisticsInput } from './incident-statistics.input.js';
import { repeatsFromSequences, repeatsStatement } from './incident-repeats.sql.js';
import { dailyCountsAnswer, dailyCountSource, sequencesAnswer } from './incident-statistics-rollup.js';
import { groupsStatement, INCIDENT_COLUMNS, incidentWhere, MAX_GROUPS, rowSource } from './incident-statistics.sql.js';
import type { IncidentPeriodComparison, IncidentStatistics, IncidentStatisticsKey, RepeatPlace } from './incident-statistics.types.js';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

type Raw = Record<string, unknown> & { is_total: boolean; n: number; police: number; prev: number; year: number; branch_name?: string };

function label(g: G, value: string | null, branchName: string | undefined): string {
  if (value === null) return g === G.SEVERITY ? 'Not assessed' : 'None';
  switch (g) {
    case G.BRANCH:
      return branchName ?? value;
    case G.MONTH:
      return MONTH.format(new Date(`${value}-01T00:00:00Z`));
    case G.WEEKDAY:
      return WEEKDAYS[Number(value) - 1] ?? value;
    case G.HOUR:
      return `${value.padStart(2, '0')}:00`;
    default:
      return words(value);
  }
}

function comparison(period: Period, current: number, other: number): IncidentPeriodComparison {
  return { ...period, total: other, change: current - other, changeRatio: other === 0 ? null : (current - other) / other };
}

/**
 * Incident statistics of one library service (managers and the DPO: reports.rules.ts): counted in
 * the database by GROUP BY / GROUPING SETS / FILTER, never rows brought into Node. Aggregates only
 * (no person, no free text but the locations of repeat places, which managers record and read), so
 * nothing is audited as a read; the downloads are audited as exports.
 */
@Injectable()
export class IncidentStatisticsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ReportAccess,
    private readonly scopes: AccessScopes,
  ) {}

  async statistics(actor: Actor, filter: IncidentStatisticsInput, action: 'read' | 'export' = 'read'): Promise<IncidentStatistics> {
    const serviceId = await this.access.check(actor, action, filter.branchIds);
    checkPeriod(filter);
    const groupBy = [...new Set(filter.groupBy)];
    const cur: Period = { from: filter.from, to: filter.to };
    const prev = previousPeriod(cur);
    const year = yearBefore(cur);
    const lo = new Date(Math.min(prev.from.getTime(), year.from.getTime()));
    const base = { serviceId, branchIds: filter.branchIds, categories: filter.categories, severities: filter.severities };
    // Managers and the DPO read every incident of their service; the rules say so, not this code.
    const scoped = await scopedRows(this.scopes, actor, 'Incident', 'Incident', INCIDENT_COLUMNS);
    if (!scoped) throw new AccessDeniedError('You may read no incidents, so no statistics of them');
    const all = incidentWhere(scoped, { ...base, lo, hi: cur.to });
    const periods = { cur: [cur.from, cur.to], prev: [prev.from, prev.to], year: [year.from, year.to] } satisfies Record<string, [Date, Date]>;
    // The daily counts when they provably count what the scope would (dailyCountsAnswer), else the rows.
    const source = dailyCountsAnswer(actor, serviceId, groupBy, base) ? dailyCountSource(all, groupBy, base, periods) : rowSource(all, periods);
    const grouped = groupsStatement(groupBy, source);
    const rows: Raw[] = await this.db.query(grouped.sql, grouped.params);
    const [total, ...groups] = rows;
    if (groups.length > MAX_GROUPS) {
      throw new LimitExceededError(`More than ${MAX_GROUPS} groups: group by fewer things, or over a shorter period`, 'groups', MAX_GROUPS);
    }
    const repeats = sequencesAnswer(actor, serviceId, base)
      ? repeatsFromSequences(serviceId, cur.from, cur.to)
      : repeatsStatement(incidentWhere(scoped, { ...base, lo: cur.from, hi: cur.to }));
    const [r]: { repeat_people: number; repeat_places: number; top_places: RepeatPlace[] | string }[] = await this.db.query(repeats.sql, repeats.params);
    const n = total?.n ?? 0;
    const police = total?.police ?? 0;
    return {
      from: cur.from,
      to: cur.to,
      groupBy,
      groups: groups.map((row) => ({
        keys: groupBy.map((g, k): IncidentStatisticsKey => {
          const value = row[`k${k}`] === null ? null : String(row[`k${k}`]);
          return { groupBy: g, value, label: label(g, value, row.branch_name) };
        }),
        count: row.n,
      })),
      total: n,
      reportedToPolice: police,
      policeShare: n === 0 ? null : police / n,
      previousPeriod: comparison(prev, n, total?.prev ?? 0),
      yearBefore: comparison(year, n, total?.year ?? 0),
      repeatPeople: r.repeat_people,
      repeatPlaces: r.repeat_places,
      // PGlite answers json as text, PostgreSQL as parsed JSON.
      topRepeatPlaces: typeof r.top_places === 'string' ? JSON.parse(r.top_places) : r.top_places,
    };
  }
}
