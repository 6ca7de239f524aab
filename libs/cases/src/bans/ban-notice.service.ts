import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { accessibleQuery, type Actor, auditEach, canOn } from '../../../access/src/index.js';
import { AccessDeniedError, type Connection, emptyConnection, paginate } from '../../../common/src/index.js';
import { AuditAction, AuditService } from '../../../governance/src/index.js';
import { assertBranchesInService } from '../incidents/references.js';
import { BanNotice } from './ban-notice.entity.js';
import { banToday } from './ban.service.js';
import type { ActiveBansArgs } from './dto/ban-args.js';

const TYPE = 'BanNotice';

/** The desk view: bans in force today at one branch, from the ban_notice view, with the rules in SQL. */
@Injectable()
export class BanNoticeService {
  constructor(@InjectDataSource() private readonly db: DataSource, private readonly audit: AuditService) {}

  async activeAt(actor: Actor, args: ActiveBansArgs): Promise<Connection<BanNotice>> {
    const libraryServiceId = actor.principal.libraryServiceId;
    await assertBranchesInService(this.db.manager, [args.branchId], libraryServiceId);
    // Said plainly rather than answered empty: an empty desk list would read as "nobody is banned here".
    // activeBans is a nullable field, so this refusal leaves the rest of the request standing (as branchWarnings).
    if (!canOn(actor.ability, 'read', TYPE, { libraryServiceId, branchId: args.branchId })) {
      throw new AccessDeniedError('You may see the bans and warnings of your own branches only');
    }
    const qb = accessibleQuery(this.db.manager, BanNotice, TYPE, actor);
    if (!qb) return emptyConnection();
    const a = qb.alias;
    qb.andWhere(`${a}.branchId = :branchId`, { branchId: args.branchId })
      .andWhere(`${a}.status IN ('ACTIVE','UNDER_REVIEW')`)
      .andWhere(`${a}.startsOn <= :today AND ${a}.endsOn >= :today`, { today: banToday() });
    const page = await paginate(qb, args, { property: 'subjectLabel', direction: 'ASC' });
    await auditEach(this.audit, this.db.manager, actor, AuditAction.READ, TYPE, page.edges.map((e) => e.node));
    return page;
  }
}
