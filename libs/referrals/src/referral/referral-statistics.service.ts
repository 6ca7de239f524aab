import { Injectable } from '@nestjs/common';
import { AccessScopes, type Actor } from '../../../access/src/index.js';
import { BadInputError, SERVICE_TIME_ZONE } from '../../../common/src/index.js';
import { ReferralStatisticsGroupBy, type ReferralStatisticsArgs } from './dto/referral-statistics.args.js';
import type { ReferralStatistics, ReferralStatisticsRow } from './dto/referral-statistics.output.js';
import { Referral } from './referral.entity.js';
import { REFERRAL } from './referral.service.js';

interface RawRow {
  key: string;
  label: string;
  sent: number;
  accepted: number;
  declined: number;
  withdrawn: number;
  awaiting: number;
  closed: number;
  needs_met: number;
  partly_met: number;
  not_met: number;
  disengaged: number;
  referred_on: number;
  median_hours: number | null;
  average_hours: number | null;
}

/** Grouping: the key and label columns and the join they need. */
const GROUPS: Record<ReferralStatisticsGroupBy, { key: string; label: string; from: string; order: string }> = {
  [ReferralStatisticsGroupBy.PARTNER]: {
    key: 'r.partner_organisation_id::text',
    label: 'p.name',
    from: 'r JOIN partner_organisation p ON p.id = r.partner_organisation_id',
    order: 'label',
  },
  [ReferralStatisticsGroupBy.NEED]: { key: 'need', label: 'need', from: 'r CROSS JOIN LATERAL unnest(r.needs) AS need', order: 'key' },
  [ReferralStatisticsGroupBy.MONTH]: {
    key: `to_char(r.sent_at AT TIME ZONE '${SERVICE_TIME_ZONE}', 'YYYY-MM')`,
    label: `to_char(r.sent_at AT TIME ZONE '${SERVICE_TIME_ZONE}', 'YYYY-MM')`,
    from: 'r',
    order: 'key',
  },
};

const MEASURES = `
  count(*)::int AS sent,
  count(r.accepted_at)::int AS accepted,
  count(r.declined_at)::int AS declined,
  count(r.withdrawn_at)::int AS withdrawn,
  count(*) FILTER (WHERE r.status = 'SENT')::int AS awaiting,
  count(r.closed_at)::int AS closed,
  count(*) FILTER (WHERE r.outcome = 'NEEDS_MET')::int AS needs_met,
  count(*) FILTER (WHERE r.outcome = 'PARTLY_MET')::int AS partly_met,
  count(*) FILTER (WHERE r.outcome = 'NOT_MET')::int AS not_met,
  count(*) FILTER (WHERE r.outcome = 'DISENGAGED')::int AS disengaged,
  count(*) FILTER (WHERE r.outcome = 'REFERRED_ON')::int AS referred_on,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.accepted_at - r.sent_at) / 3600.0) AS median_hours,
  avg(extract(epoch FROM r.accepted_at - r.sent_at) / 3600.0) AS average_hours`;

/** Acceptance rate: accepted / (accepted + declined); null when nothing was answered either way. */
export function acceptanceRate(accepted: number, declined: number): number | null {
  return accepted + declined === 0 ? null : accepted / (accepted + declined);
}

function toRow(r: RawRow): ReferralStatisticsRow {
  return {
    key: r.key,
    label: r.label,
    sent: r.sent,
    accepted: r.accepted,
    declined: r.declined,
    withdrawn: r.withdrawn,
    awaitingAnswer: r.awaiting,
    closed: r.closed,
    closedByOutcome: { needsMet: r.needs_met, partlyMet: r.partly_met, notMet: r.not_met, disengaged: r.disengaged, referredOn: r.referred_on },
    acceptanceRate: acceptanceRate(r.accepted, r.declined),
    medianHoursToAccept: r.median_hours === null ? null : Number(r.median_hours),
    averageHoursToAccept: r.average_hours === null ? null : Number(r.average_hours),
  };
}

const EMPTY: RawRow = {
  key: 'ALL',
  label: 'All',
  sent: 0,
  accepted: 0,
  declined: 0,
  withdrawn: 0,
  awaiting: 0,
  closed: 0,
  needs_met: 0,
  partly_met: 0,
  not_met: 0,
  disengaged: 0,
  referred_on: 0,
  median_hours: null,
  average_hours: null,
};

/**
 * Referrals sent in [from, to), counted in SQL over exactly the referrals the reader may read:
 * the access rules are the WHERE of the inner query, the grouping wraps it. Aggregates only,
 * no personal data, so nothing to audit.
 */
@Injectable()
export class ReferralStatisticsService {
  constructor(private readonly scopes: AccessScopes) {}

  async statistics(actor: Actor, args: ReferralStatisticsArgs): Promise<ReferralStatistics> {
    const { from, to, groupBy } = args;
    if (from.getTime() >= to.getTime()) throw new BadInputError('from must be before to', { field: 'from' });
    const result: ReferralStatistics = { from, to, groupBy, groups: [], total: toRow(EMPTY) };
    return this.scopes.of(actor).aggregate(
      Referral,
      REFERRAL,
      async (qb, a) => {
        qb.andWhere(`${a}.sentAt >= :statsFrom AND ${a}.sentAt < :statsTo`, { statsFrom: from, statsTo: to }).select(`${a}.id`, 'id');
        for (const column of ['partner_organisation_id', 'needs', 'status', 'outcome', 'sent_at', 'accepted_at', 'declined_at', 'withdrawn_at', 'closed_at']) {
          qb.addSelect(`${a}.${column}`, column);
        }
        const [inner, params] = qb.getQueryAndParameters();
        const g = GROUPS[groupBy];
        const grouped: RawRow[] = await qb.connection.query(
          `WITH r AS (${inner}) SELECT ${g.key} AS key, ${g.label} AS label, ${MEASURES} FROM ${g.from} GROUP BY 1, 2 ORDER BY ${g.order}, key`,
          params,
        );
        const [total]: RawRow[] = await qb.connection.query(`WITH r AS (${inner}) SELECT 'ALL' AS key, 'All' AS label, ${MEASURES} FROM r`, params);
        result.groups = grouped.map(toRow);
        result.total = toRow(total ?? EMPTY);
        return result;
      },
      result,
    );
  }
}
