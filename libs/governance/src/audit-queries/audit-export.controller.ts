import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Controller, Get, Logger, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthService, buildRequestContext } from '../../../access/src/index.js';
import { DomainErrorHttpFilter, UnauthenticatedError } from '../../../common/src/index.js';
import { AuditQueryService } from './audit-query.service.js';
import { AuditEventFilterInput } from './dto/audit-event-filter.input.js';

/**
 * Downloads, streamed as they are read rather than built in memory (and not GraphQL strings,
 * which a client could ask for many times over in one request). Same sign-in as GraphQL: the
 * `Authorization: Bearer` token, and `X-Purpose`.
 */
@Controller('exports')
@UseFilters(DomainErrorHttpFilter)
export class AuditExportController {
  private readonly logger = new Logger(AuditExportController.name);

  constructor(
    private readonly auth: AuthService,
    private readonly audits: AuditQueryService,
  ) {}

  /**
   * GET /exports/audit-events.csv?from=…&to=…&actions=READ,EXPORT&…: the audit events matching the
   * filter (the fields of AuditEventFilterInput), newest first, as CSV (the DPO; audited as EXPORT).
   */
  @Get('audit-events.csv')
  async auditEvents(@Req() req: Request, @Res() res: Response, @Query() filter: AuditEventFilterInput): Promise<void> {
    const { actor, authError } = await buildRequestContext(req, this.auth);
    if (!actor) throw new UnauthenticatedError(authError ?? 'Sign in first: send `Authorization: Bearer <accessToken>` from the login mutation');
    const { rows, lines } = await this.audits.csvExport(actor, filter);
    res.status(200);
    res.set({
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="audit-events.csv"',
      'cache-control': 'no-store',
      'x-export-rows': String(rows),
    });
    try {
      await pipeline(Readable.from(lines), res);
    } catch (err) {
      // The client went away (nothing to answer), or a batch failed after the first bytes left: the download is cut short.
      if ((err as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') this.logger.error(`audit events export cut short: ${(err as Error).name}`);
    }
  }
}
