import { Injectable } from '@nestjs/common';
import { AccessScopes, type Actor } from '../../../access/src/index.js';
import { AccessDeniedError, BadInputError, ConflictError, calendarDate, type Connection, type PageArgs } from '../../../common/src/index.js';
import { AuditAction, newDataProtection, retainUntilFor } from '../../../governance/src/index.js';
import { assertBranchesInService } from '../../../tenancy/src/index.js';
import { IntelligenceItem } from '../intelligence/intelligence-item.entity.js';
import { TODAY_SQL } from '../sharing-sql.js';
import { BranchWarning } from './branch-warning.entity.js';
import type { PublishBranchWarningInput } from './dto/branch-warning.input.js';

const TYPE = 'BranchWarning';

@Injectable()
export class BranchWarningService {
  constructor(private readonly scopes: AccessScopes) {}

  /**
   * The warnings in force at a branch (not withdrawn, not expired), newest first; staff only for
   * their own branches. Audited. A branch not yours is refused as activeBans refuses it, not
   * answered empty: an empty desk list would read as "no warnings here".
   */
  async forBranch(actor: Actor, branchId: string, args: PageArgs): Promise<Connection<BranchWarning>> {
    const scope = this.scopes.of(actor);
    const libraryServiceId = actor.principal.libraryServiceId;
    await assertBranchesInService(scope.manager, [branchId], libraryServiceId);
    if (!scope.can('read', TYPE, { libraryServiceId, branchId })) {
      throw new AccessDeniedError('You may see the bans and warnings of your own branches only');
    }
    return scope.list(BranchWarning, TYPE, args, { property: 'publishedAt', direction: 'DESC' }, (qb, a) => {
      qb.andWhere(`${a}.branchId = :branchId`, { branchId })
        .andWhere(`${a}.withdrawnAt IS NULL`)
        .andWhere(`(${a}.expiresOn IS NULL OR ${a}.expiresOn >= ${TODAY_SQL})`);
    });
  }

  async publish(actor: Actor, input: PublishBranchWarningInput): Promise<BranchWarning> {
    const scope = this.scopes.of(actor);
    const libraryServiceId = actor.principal.libraryServiceId;
    scope.assertCan('create', TYPE, { libraryServiceId, branchId: input.branchId });
    if (input.expiresOn && input.expiresOn < calendarDate()) throw new BadInputError('expiresOn must be today or later');
    return scope.transaction(async (s, m) => {
      const [branch] = await m.query(`SELECT 1 AS ok FROM branch WHERE id = $1 AND library_service_id = $2`, [input.branchId, libraryServiceId]);
      if (!branch) throw new BadInputError(`branchId ${input.branchId} is not a branch of your library service`);
      if (input.intelligenceItemId) {
        const item = await s.reference(IntelligenceItem, 'IntelligenceItem', input.intelligenceItemId);
        // Readable is not enough: intelligence a manager submitted to another service stays that service's record.
        if (item.libraryServiceId !== libraryServiceId) throw new BadInputError('intelligenceItemId must be intelligence of your library service');
        if (item.dataProtection.specialCategoryCondition) {
          throw new BadInputError(
            'This intelligence holds special category data: a branch warning must not; write the warning without it and publish it unlinked',
          );
        }
      }
      const now = new Date();
      const repo = m.getRepository(BranchWarning);
      const warning = await repo.save(
        repo.create({
          libraryServiceId,
          branchId: input.branchId,
          intelligenceItemId: input.intelligenceItemId ?? null,
          text: input.text,
          publishedById: actor.principal.id,
          publishedAt: now,
          expiresOn: input.expiresOn ?? null,
          withdrawnAt: null,
          withdrawnById: null,
          dataProtection: newDataProtection(
            'BRANCH_WARNING',
            { lawfulBasis: input.lawfulBasis },
            await retainUntilFor(m, libraryServiceId, 'INTELLIGENCE', now),
          ),
        }),
      );
      await s.audited(AuditAction.CREATE, TYPE, [warning]);
      return warning;
    });
  }

  async withdraw(actor: Actor, id: string, version: number): Promise<BranchWarning> {
    return this.scopes.of(actor).transaction(async (s, m) => {
      const warning = await s.forWrite(BranchWarning, TYPE, id, 'update', version);
      if (warning.withdrawnAt) throw new ConflictError(`BranchWarning ${id} was already withdrawn`);
      warning.withdrawnAt = new Date();
      warning.withdrawnById = actor.principal.id;
      const saved = await m.getRepository(BranchWarning).save(warning);
      await s.audited(AuditAction.UPDATE, TYPE, [saved]);
      return saved;
    });
  }
}
