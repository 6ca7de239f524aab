import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Controller, Get, Logger, Query, Req, Res, UseFilters } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { type Actor, AuthService, buildRequestContext } from '../../../access/src/index.js';
import { DomainErrorHttpFilter, UnauthenticatedError } from '../../../common/src/index.js';
import { csvLine } from '../../../governance/src/engines.js';
import { ReportPeriodInput } from '../activity/report-period.input.js';
import { IncidentStatisticsGroupBy, IncidentStatisticsInput } from '../incident-statistics/incident-statistics.input.js';
import { IncidentStatisticsService } from '../incident-statistics/incident-statistics.service.js';
import { ReportAudit } from '../report-audit.js';
import { renderSummaryPage, SUMMARY_CSS_HASH } from '../summary-page/summary-html.js';

/** The page's policy: its own stylesheet (by hash), inline SVG, nothing loaded, no script, never framed. */
const SUMMARY_CSP = `default-src 'none'; style-src ${SUMMARY_CSS_HASH}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/**
 * Reports as files: the incident statistics as CSV and the one-page printable summary as HTML.
 * Signed in as GraphQL is (the `Authorization: Bearer` token, and `X-Purpose`), as the audit
 * trail's download is; both audited as EXPORT. Counts only.
 */
@Controller()
@UseFilters(DomainErrorHttpFilter)
export class ReportExportController {
  private readonly logger = new Logger(ReportExportController.name);

  constructor(
    private readonly auth: AuthService,
    private readonly statistics: IncidentStatisticsService,
    private readonly audit: ReportAudit,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  private async actor(req: Request): Promise<Actor> {
    const { actor, authError } = await buildRequestContext(req, this.auth);
    if (!actor) throw new UnauthenticatedError(authError ?? 'Sign in first: send `Authorization: Bearer <accessToken>` from the login mutation');
    return actor;
  }

  /**
   * GET /exports/incident-statistics.csv?from=…&to=…&groupBy=MONTH,CATEGORY&branchIds=…&categories=…&severities=…:
   * one line per group (its keys in words and as values, then the count), then the total line.
   */
  @Get('exports/incident-statistics.csv')
  async incidentStatistics(@Req() req: Request, @Res() res: Response, @Query() input: IncidentStatisticsInput): Promise<void> {
    const actor = await this.actor(req);
    const stats = await this.statistics.statistics(actor, { ...input, groupBy: input.groupBy ?? [] }, 'export');
    await this.audit.exported(actor, 'IncidentStatistics', null, `CSV of incident statistics, ${stats.groups.length} groups (${describe(input)})`);
    const header = [...stats.groupBy.flatMap((g) => [g.toLowerCase(), `${g.toLowerCase()}_value`]), 'incidents'];
    const lines = async function* () {
      yield csvLine(header) + '\r\n';
      // In slices: a thousand groups at most, but written as they go rather than as one string.
      for (let i = 0; i < stats.groups.length; i += 200) {
        yield (
          stats.groups
            .slice(i, i + 200)
            .map((g) => csvLine([...g.keys.flatMap((k) => [k.label, k.value]), g.count]))
            .join('\r\n') + '\r\n'
        );
      }
      yield csvLine([...stats.groupBy.flatMap((_, n) => (n === 0 ? ['Total', ''] : ['', ''])), stats.total]) + '\r\n';
    };
    res.status(200);
    res.set({
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="incident-statistics.csv"',
      'cache-control': 'no-store',
      'x-export-rows': String(stats.groups.length),
    });
    await this.send(res, Readable.from(lines()), 'incident statistics export');
  }

  /** GET /reports/summary.html?from=…&to=…&branchIds=…: the printable one-page summary (A4). */
  @Get('reports/summary.html')
  async summary(@Req() req: Request, @Res() res: Response, @Query() input: ReportPeriodInput): Promise<void> {
    const actor = await this.actor(req);
    const stats = await this.statistics.statistics(
      actor,
      { from: input.from, to: input.to, branchIds: input.branchIds, groupBy: [IncidentStatisticsGroupBy.MONTH, IncidentStatisticsGroupBy.CATEGORY] },
      'export',
    );
    const [service] = await this.db.query(`SELECT name FROM library_service WHERE id = $1`, [actor.principal.libraryServiceId]);
    const branches: { name: string }[] = input.branchIds?.length
      ? await this.db.query(`SELECT name FROM branch WHERE id = ANY($1::uuid[]) AND library_service_id = $2 ORDER BY name`, [
          input.branchIds,
          actor.principal.libraryServiceId,
        ])
      : [];
    await this.audit.exported(actor, 'IncidentStatistics', null, `Printable incident summary (${describe(input)})`);
    const html = renderSummaryPage({ serviceName: service?.name ?? '', branchNames: branches.map((b) => b.name), preparedAt: new Date(), stats });
    res.status(200);
    res.set({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': SUMMARY_CSP });
    await this.send(res, Readable.from([html]), 'summary page');
  }

  private async send(res: Response, body: Readable, what: string): Promise<void> {
    try {
      await pipeline(body, res);
    } catch (err) {
      // The client went away (nothing to answer), or writing failed after the first bytes left: the download is cut short.
      if ((err as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') this.logger.error(`${what} cut short: ${(err as Error).name}`);
    }
  }
}

/** The filter in the audit purpose: ids and enumeration values only, nothing typed by a person. */
function describe(input: Partial<IncidentStatisticsInput>): string {
  return Object.entries(input)
    .filter(([, v]) => v != null)
    .map(([k, v]) => `${k}=${v instanceof Date ? v.toISOString() : Array.isArray(v) ? v.filter((x) => typeof x === 'string').join('|') : String(v)}`)
    .join(', ');
}
