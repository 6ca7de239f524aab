import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { accessibleQuery, type Actor, assertCan, auditEach, findAccessible, findForWrite } from '../../../access/src/index.js';
import { BadInputError, ConflictError, calendarDate, type Connection, emptyConnection, type PageArgs, paginate } from '../../../common/src/index.js';
import { AuditAction, AuditService, newDataProtection, retainUntilFor } from '../../../governance/src/index.js';
import { IntelligenceItem } from '../intelligence/intelligence-item.entity.js';
import { TODAY_SQL } from '../sharing-sql.js';
import { BranchWarning } from './branch-warning.entity.js';
import type { PublishBranchWarningInput } from './dto/branch-warning.input.js';

const TYPE = 'BranchWarning';

@Injectable()
export class BranchWarningService {
  constructor(@InjectDataSource() private readonly db: DataSource, private readonly audit: AuditService) {}

  /** The warnings in force at a branch (not withdrawn, not expired), newest first; staff only for their own branches. Audited. */
  async forBranch(actor: Actor, branchId: string, args: PageArgs): Promise<Connection<BranchWarning>> {
    const qb = accessibleQuery(this.db.manager, BranchWarning, TYPE, actor);
    if (!qb) return emptyConnection();
    const a = qb.alias;
    qb.andWhere(`${a}.branchId = :branchId`, { branchId }).andWhere(`${a}.withdrawnAt IS NULL`)
      .andWhere(`(${a}.expiresOn IS NULL OR ${a}.expiresOn >= ${TODAY_SQL})`);
    const page = await paginate(qb, args, { property: 'publishedAt', direction: 'DESC' });
    await auditEach(this.audit, this.db.manager, actor, AuditAction.READ, TYPE, page.edges.map((e) => e.node));
    return page;
  }

  async publish(actor: Actor, input: PublishBranchWarningInput): Promise<BranchWarning> {
    const libraryServiceId = actor.principal.libraryServiceId;
    assertCan(actor, 'create', TYPE, { libraryServiceId, branchId: input.branchId });
    if (input.expiresOn && input.expiresOn < calendarDate()) throw new BadInputError('expiresOn must be today or later');
    return this.db.transaction(async (m) => {
      const [branch] = await m.query(`SELECT 1 AS ok FROM branch WHERE id = $1 AND library_service_id = $2`, [input.branchId, libraryServiceId]);
      if (!branch) throw new BadInputError(`branchId ${input.branchId} is not a branch of your library service`);
      if (input.intelligenceItemId) {
        const item = await findAccessible(m, IntelligenceItem, 'IntelligenceItem', actor, input.intelligenceItemId);
        // Readable is not enough: intelligence a manager submitted to another service stays that service's record.
        if (item.libraryServiceId !== libraryServiceId) throw new BadInputError('intelligenceItemId must be intelligence of your library service');
        if (item.dataProtection.specialCategoryCondition) {
          throw new BadInputError('This intelligence holds special category data: a branch warning must not; write the warning without it and publish it unlinked');
        }
      }
      const now = new Date();
      const repo = m.getRepository(BranchWarning);
      const warning = await repo.save(repo.create({
        libraryServiceId,
        branchId: input.branchId,
        intelligenceItemId: input.intelligenceItemId ?? null,
        text: input.text,
        publishedById: actor.principal.id,
        publishedAt: now,
        expiresOn: input.expiresOn ?? null,
        withdrawnAt: null,
        withdrawnById: null,
        dataProtection: newDataProtection({ lawfulBasis: input.lawfulBasis }, await retainUntilFor(m, libraryServiceId, 'INTELLIGENCE', now)),
      }));
      await auditEach(this.audit, m, actor, AuditAction.CREATE, TYPE, [warning]);
      return warning;
    });
  }

  async withdraw(actor: Actor, id: string, version: number): Promise<BranchWarning> {
    return this.db.transaction(async (m) => {
      const warning = await findForWrite(m, BranchWarning, TYPE, actor, id, 'update', version);
      if (warning.withdrawnAt) throw new ConflictError(`BranchWarning ${id} was already withdrawn`);
      warning.withdrawnAt = new Date();
      warning.withdrawnById = actor.principal.id;
      const saved = await m.getRepository(BranchWarning).save(warning);
      await auditEach(this.audit, m, actor, AuditAction.UPDATE, TYPE, [saved]);
      return saved;
    });
  }
}
