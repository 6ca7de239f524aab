import { Injectable } from '@nestjs/common';
import { AccessScopes, type Actor } from '../../../access/src/index.js';
import { AccessDeniedError, type Connection } from '../../../common/src/index.js';
import { assertBranchesInService } from '../../../tenancy/src/index.js';
import { BanNotice } from './ban-notice.entity.js';
import { banToday } from './ban.service.js';
import type { ActiveBansArgs } from './dto/ban-args.js';

const TYPE = 'BanNotice';

/** The desk view: bans in force today at one branch, from the ban_notice view, with the rules in SQL. */
@Injectable()
export class BanNoticeService {
  constructor(private readonly scopes: AccessScopes) {}

  async activeAt(actor: Actor, args: ActiveBansArgs): Promise<Connection<BanNotice>> {
    const scope = this.scopes.of(actor);
    const libraryServiceId = actor.principal.libraryServiceId;
    await assertBranchesInService(scope.manager, [args.branchId], libraryServiceId);
    // Said plainly rather than answered empty: an empty desk list would read as "nobody is banned here".
    // activeBans is a nullable field, so this refusal leaves the rest of the request standing (as branchWarnings).
    if (!scope.can('read', TYPE, { libraryServiceId, branchId: args.branchId })) {
      throw new AccessDeniedError('You may see the bans and warnings of your own branches only');
    }
    return scope.list(BanNotice, TYPE, args, { property: 'subjectLabel', direction: 'ASC' }, (qb, a) => {
      qb.andWhere(`${a}.branchId = :branchId`, { branchId: args.branchId })
        .andWhere(`${a}.status IN ('ACTIVE','UNDER_REVIEW')`)
        .andWhere(`${a}.startsOn <= :today AND ${a}.endsOn >= :today`, { today: banToday() });
    });
  }
}
