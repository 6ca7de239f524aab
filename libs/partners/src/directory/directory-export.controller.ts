import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthService, buildRequestContext } from '../../../access/src/index.js';
import { DomainErrorHttpFilter, UnauthenticatedError } from '../../../common/src/index.js';
import { PartnerDirectoryService } from './partner-directory.service.js';

/** GET /exports/directory.json: the service's partners as an Open Referral UK document (managers and administrators; audited as EXPORT). */
@Controller('exports')
@UseFilters(DomainErrorHttpFilter)
export class DirectoryExportController {
  constructor(
    private readonly auth: AuthService,
    private readonly directory: PartnerDirectoryService,
  ) {}

  @Get('directory.json')
  async directoryJson(@Req() req: Request, @Res() res: Response): Promise<void> {
    const { actor, authError } = await buildRequestContext(req, this.auth);
    if (!actor) throw new UnauthenticatedError(authError ?? 'Sign in first: send `Authorization: Bearer <accessToken>` from the login mutation');
    const { organizations, partners } = await this.directory.export(actor);
    res
      .status(200)
      .set({
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': 'attachment; filename="directory.json"',
        'cache-control': 'no-store',
        'x-export-rows': String(partners),
      })
      .send(JSON.stringify({ organizations }, null, 2));
  }
}
