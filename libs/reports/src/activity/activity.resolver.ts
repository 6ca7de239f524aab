import { Args, Query, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor } from '../../../access/src/index.js';
import { AGGREGATE_COST } from '../../../common/src/index.js';
import { ActivityReportService } from './activity.service.js';
import { BanReport, PartnerEngagementReport, StaffWelfareReport } from './activity.types.js';
import { ReportPeriodInput } from './report-period.input.js';

/** The service's activity reports (managers and the DPO). Referrals have theirs in referralStatistics. */
@Resolver()
export class ActivityReportResolver {
  constructor(private readonly reports: ActivityReportService) {}

  @Query(() => BanReport, {
    complexity: AGGREGATE_COST,
    description: 'Bans in force, issued, lifted and ended, and appeals and their outcomes, in the period: counts only',
  })
  banReport(@CurrentActor() actor: Actor, @Args('input') input: ReportPeriodInput): Promise<BanReport> {
    return this.reports.bans(actor, input);
  }

  @Query(() => PartnerEngagementReport, {
    complexity: AGGREGATE_COST,
    description: 'Contacts with each partner per month in the period, and follow-ups open and overdue today: counts only',
  })
  partnerEngagementReport(@CurrentActor() actor: Actor, @Args('input') input: ReportPeriodInput): Promise<PartnerEngagementReport> {
    return this.reports.partnerEngagement(actor, input);
  }

  @Query(() => StaffWelfareReport, { complexity: AGGREGATE_COST, description: 'Debriefs and welfare checks after incidents of the period: counts only' })
  staffWelfareReport(@CurrentActor() actor: Actor, @Args('input') input: ReportPeriodInput): Promise<StaffWelfareReport> {
    return this.reports.staffWelfare(actor, input);
  }
}
