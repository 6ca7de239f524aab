import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AccessScopes, type Actor, type SubjectType } from '../../../access/src/index.js';
import { WelfareCheckItem } from '../../../cases/src/index.js';
import { AccessDeniedError, calendarDate, SERVICE_TIME_ZONE } from '../../../common/src/index.js';
import { checkPeriod } from '../report-period.js';
import { ReportAccess, type ScopedRows, scopedRows, shiftParams } from '../report-access.js';
import type { BanReport, PartnerEngagementReport, StaffWelfareReport } from './activity.types.js';
import type { ReportPeriodInput } from './report-period.input.js';

const BAN_COLUMNS = [
  'scope',
  'confirmed_at',
  'proposed_at',
  'starts_on',
  'ends_on',
  'lifted_on',
  'aba_signed_on',
  'appeal_lodged_on',
  'appeal_outcome',
  'appeal_outcome_on',
];
const MONTH = `to_char(c.occurred_at AT TIME ZONE '${SERVICE_TIME_ZONE}', 'YYYY-MM')`;
interface PartnerRow {
  id: string;
  name: string;
  month: string;
  n: number;
  overdue: number;
  open: number;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * Counts of bans, partner engagement and staff welfare for a period (managers and the DPO:
 * reports.rules.ts), each one aggregate statement over the service's rows: no rows leave the
 * database, no person is named. Dates kept as calendar days (a ban's start, end, lifting and
 * appeal) are compared with the period's days on the UK calendar.
 */
@Injectable()
export class ActivityReportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ReportAccess,
    private readonly scopes: AccessScopes,
  ) {}

  /** The reader's readable rows of a table, as a CTE source (the access rules in its WHERE). */
  private async rows(actor: Actor, type: SubjectType, columns: string[]): Promise<ScopedRows> {
    const scoped = await scopedRows(this.scopes, actor, type, type, ['library_service_id', ...columns]);
    if (!scoped) throw new AccessDeniedError(`You may read no ${type} records, so no report of them`);
    return scoped;
  }

  /** `WITH name AS (scoped) …` with the statement's own $1… moved after the scope's parameters. */
  private query<R>(ctes: [string, ScopedRows][], sql: string, params: unknown[]): Promise<R[]> {
    const all: unknown[] = [];
    const withs = ctes.map(([name, scoped]) => {
      const text = `${name} AS (${shiftParams(scoped.sql, all.length)})`;
      all.push(...scoped.params);
      return text;
    });
    return this.db.query(`WITH ${withs.join(', ')} ${shiftParams(sql, all.length)}`, [...all, ...params]);
  }

  private async open(actor: Actor, input: ReportPeriodInput) {
    const serviceId = await this.access.check(actor, 'read', input.branchIds);
    checkPeriod(input);
    // The period's days: [first, end) on the UK calendar; `last` is the day before `end`.
    return { serviceId, first: calendarDate(input.from), end: calendarDate(input.to), branchIds: input.branchIds ?? null };
  }

  async bans(actor: Actor, input: ReportPeriodInput): Promise<BanReport> {
    const { serviceId, first, end, branchIds } = await this.open(actor, input);
    const bans = await this.rows(actor, 'Ban', BAN_COLUMNS);
    const [r] = await this.query<Record<string, number>>(
      [['b', bans]],
      `SELECT
        count(*) FILTER (WHERE b.confirmed_at IS NOT NULL AND b.confirmed_at < $6 AND b.starts_on < $3::date
          AND (b.ends_on IS NULL OR b.ends_on >= $3::date - 1) AND (b.lifted_on IS NULL OR b.lifted_on >= $3::date))::int AS active_at_end,
        count(*) FILTER (WHERE b.confirmed_at >= $5 AND b.confirmed_at < $6)::int AS issued,
        count(*) FILTER (WHERE b.confirmed_at IS NULL AND b.proposed_at >= $5 AND b.proposed_at < $6)::int AS proposed,
        count(*) FILTER (WHERE b.lifted_on >= $2::date AND b.lifted_on < $3::date)::int AS lifted,
        count(*) FILTER (WHERE b.lifted_on IS NULL AND b.confirmed_at IS NOT NULL AND b.ends_on >= $2::date AND b.ends_on < $3::date)::int AS ended,
        count(*) FILTER (WHERE b.aba_signed_on >= $2::date AND b.aba_signed_on < $3::date)::int AS aba,
        count(*) FILTER (WHERE b.appeal_lodged_on >= $2::date AND b.appeal_lodged_on < $3::date)::int AS lodged,
        count(*) FILTER (WHERE b.appeal_lodged_on < $3::date AND (b.appeal_outcome_on IS NULL OR b.appeal_outcome_on >= $3::date))::int AS awaiting,
        count(*) FILTER (WHERE b.appeal_outcome = 'UPHELD' AND b.appeal_outcome_on >= $2::date AND b.appeal_outcome_on < $3::date)::int AS upheld,
        count(*) FILTER (WHERE b.appeal_outcome = 'VARIED' AND b.appeal_outcome_on >= $2::date AND b.appeal_outcome_on < $3::date)::int AS varied,
        count(*) FILTER (WHERE b.appeal_outcome = 'OVERTURNED' AND b.appeal_outcome_on >= $2::date AND b.appeal_outcome_on < $3::date)::int AS overturned
       FROM b WHERE b.library_service_id = $1
        AND ($4::uuid[] IS NULL OR b.scope = 'ALL_BRANCHES' OR EXISTS (SELECT 1 FROM ban_branch bb WHERE bb.ban_id = b.id AND bb.branch_id = ANY($4::uuid[])))`,
      [serviceId, first, end, branchIds, input.from, input.to],
    );
    return {
      from: input.from,
      to: input.to,
      activeAtEnd: r.active_at_end,
      issued: r.issued,
      proposedNotConfirmed: r.proposed,
      lifted: r.lifted,
      ended: r.ended,
      behaviourAgreementsSigned: r.aba,
      appealsLodged: r.lodged,
      appealsAwaitingDecision: r.awaiting,
      appealOutcomes: { upheld: r.upheld, varied: r.varied, overturned: r.overturned },
    };
  }

  async partnerEngagement(actor: Actor, input: ReportPeriodInput): Promise<PartnerEngagementReport> {
    const { serviceId, branchIds } = await this.open(actor, input);
    const contactLogs = await this.rows(actor, 'ContactLog', ['partner_organisation_id', 'branch_id', 'occurred_at', 'archived_at']);
    const logs = `FROM c JOIN partner_organisation p ON p.id = c.partner_organisation_id
      WHERE c.library_service_id = $1 AND c.archived_at IS NULL AND ($4::uuid[] IS NULL OR c.branch_id = ANY($4::uuid[]))`;
    const months = await this.query<PartnerRow>(
      [['c', contactLogs]],
      `SELECT c.partner_organisation_id AS id, p.name, ${MONTH} AS month, count(*)::int AS n, GROUPING(c.partner_organisation_id, p.name, ${MONTH}) AS g
        ${logs} AND c.occurred_at >= $2 AND c.occurred_at < $3
        GROUP BY GROUPING SETS ((c.partner_organisation_id, p.name, ${MONTH}), ())
        ORDER BY g DESC, month, p.name, id LIMIT 1001`,
      [serviceId, input.from, input.to, branchIds],
    );
    const [total, ...rows] = months;
    const actions = await this.rows(actor, 'FollowUpAction', ['contact_log_id', 'due_on', 'completed_at']);
    const followUps = await this.query<PartnerRow>(
      [
        ['f', actions],
        ['c', contactLogs],
      ],
      `SELECT c.partner_organisation_id AS id, p.name,
          count(*) FILTER (WHERE f.due_on < $2::date)::int AS overdue, count(*)::int AS open
        FROM f JOIN c ON c.id = f.contact_log_id JOIN partner_organisation p ON p.id = c.partner_organisation_id
        WHERE f.library_service_id = $1 AND f.completed_at IS NULL AND c.archived_at IS NULL AND ($3::uuid[] IS NULL OR c.branch_id = ANY($3::uuid[]))
        GROUP BY c.partner_organisation_id, p.name ORDER BY overdue DESC, p.name, id LIMIT 200`,
      [serviceId, calendarDate(), branchIds],
    );
    return {
      from: input.from,
      to: input.to,
      totalContacts: total?.n ?? 0,
      contactsByMonth: rows.slice(0, 1000).map((r: PartnerRow) => ({ partnerOrganisationId: r.id, partnerName: r.name, month: r.month, contacts: r.n })),
      followUps: followUps.map((r: PartnerRow) => ({ partnerOrganisationId: r.id, partnerName: r.name, overdue: r.overdue, open: r.open })),
    };
  }

  async staffWelfare(actor: Actor, input: ReportPeriodInput): Promise<StaffWelfareReport> {
    const { serviceId, branchIds } = await this.open(actor, input);
    const params = [serviceId, input.from, input.to, branchIds];
    const readable = await this.rows(actor, 'Incident', ['branch_id', 'occurred_at', 'debrief_held_at']);
    const incidents = `SELECT i.id, i.occurred_at, i.debrief_held_at FROM readable i
      WHERE i.library_service_id = $1 AND i.occurred_at >= $2 AND i.occurred_at < $3 AND ($4::uuid[] IS NULL OR i.branch_id = ANY($4::uuid[]))`;
    const [r] = await this.query<Record<string, number>>(
      [['readable', readable]],
      `, i AS (${incidents}),
        staff AS (SELECT s.incident_id, count(*)::int AS n FROM incident_staff s JOIN i ON i.id = s.incident_id GROUP BY s.incident_id),
        checked AS (SELECT w.incident_id, w.staff_user_id FROM incident_welfare_check w JOIN i ON i.id = w.incident_id GROUP BY 1, 2),
        complete AS (SELECT s.incident_id FROM staff s
          WHERE s.n = (SELECT count(*) FROM checked c JOIN incident_staff st ON st.incident_id = c.incident_id AND st.user_id = c.staff_user_id
            WHERE c.incident_id = s.incident_id))
       SELECT count(*)::int AS incidents,
        (SELECT count(*)::int FROM staff) AS with_staff,
        (SELECT coalesce(sum(n), 0)::int FROM staff) AS involvements,
        count(i.debrief_held_at)::int AS debriefed,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM i.debrief_held_at - i.occurred_at) / 3600.0) AS median_hours,
        avg(extract(epoch FROM i.debrief_held_at - i.occurred_at) / 3600.0) AS average_hours,
        (SELECT count(*)::int FROM complete) AS complete
       FROM i`,
      params,
    );
    const items = await this.query<{ item: WelfareCheckItem; answered: number; yes: number }>(
      [['readable', readable]],
      `SELECT w.item, count(*)::int AS answered, count(*) FILTER (WHERE w.answer)::int AS yes
        FROM incident_welfare_check w JOIN (${incidents}) i ON i.id = w.incident_id GROUP BY w.item`,
      params,
    );
    const byItem = new Map(items.map((x) => [x.item, x]));
    return {
      from: input.from,
      to: input.to,
      incidents: r.incidents,
      incidentsWithStaffInvolved: r.with_staff,
      staffInvolvements: r.involvements,
      debriefsHeld: r.debriefed,
      notDebriefed: r.incidents - r.debriefed,
      medianHoursToDebrief: num(r.median_hours),
      averageHoursToDebrief: num(r.average_hours),
      welfareChecksComplete: r.complete,
      checklist: Object.values(WelfareCheckItem).map((item) => ({ item, answered: byItem.get(item)?.answered ?? 0, yes: byItem.get(item)?.yes ?? 0 })),
    };
  }
}
