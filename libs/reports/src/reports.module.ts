import { Module } from '@nestjs/common';
import { ActivityReportResolver } from './activity/activity.resolver.js';
import { ActivityReportService } from './activity/activity.service.js';
import { AnonymisedSummaryResolver } from './anonymised-summary/anonymised-summary.resolver.js';
import { AnonymisedSummaryService } from './anonymised-summary/anonymised-summary.service.js';
import { ReportExportController } from './exports/report-export.controller.js';
import { IncidentStatisticsResolver } from './incident-statistics/incident-statistics.resolver.js';
import { IncidentStatisticsService } from './incident-statistics/incident-statistics.service.js';
import { ReportAccess } from './report-access.js';
import { ReportAudit } from './report-audit.js';

const SERVICES = [ReportAccess, ReportAudit, IncidentStatisticsService, ActivityReportService, AnonymisedSummaryService];

/** Reports over the service's records: counts only (issue 14). Referrals keep theirs in libs/referrals (referralStatistics). */
@Module({
  providers: [...SERVICES, IncidentStatisticsResolver, ActivityReportResolver, AnonymisedSummaryResolver],
  controllers: [ReportExportController],
  exports: SERVICES,
})
export class ReportsModule {}
