import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { accessibleQuery, type Actor, assertCan, auditEach, findAccessible, findForWrite } from '../../../access/src/index.js';
import { assignGiven, ConflictError, groupByKey, type LoaderRegistry, loaderFor } from '../../../common/src/index.js';
import { AuditAction, AuditService, newDataProtection, updateDataProtection } from '../../../governance/src/index.js';
import type { AddSubjectSpecialCategoryInput, UpdateSubjectSpecialCategoryInput } from './dto/special-category.input.js';
import { SubjectSpecialCategory } from './subject-special-category.entity.js';
import { Subject } from './subject.entity.js';
import { laterDate } from './subject-rules.js';

const TYPE = 'SubjectSpecialCategory';

/**
 * Special category details: read only by the roles the rules allow (managers, outreach workers,
 * the DPO). For anyone else Subject.specialCategory is null, with no error. Every read is audited.
 */
@Injectable()
export class SpecialCategoryService {
  constructor(@InjectDataSource() private readonly db: DataSource, private readonly audit: AuditService) {}

  /** Subject.specialCategory: null when the actor may not read special category data at all. */
  forSubject(ctx: { loaders: LoaderRegistry }, actor: Actor, subjectId: string): Promise<SubjectSpecialCategory[] | null> {
    if (!actor.ability.can('read', TYPE)) return Promise.resolve(null);
    return loaderFor<SubjectSpecialCategory[] | null>(ctx, 'Subject.specialCategory', async (ids) => {
      const qb = accessibleQuery(this.db.manager, SubjectSpecialCategory, TYPE, actor);
      if (!qb) return ids.map(() => null);
      const a = qb.alias;
      const rows = await qb.andWhere(`${a}.subjectId IN (:...ids)`, { ids }).orderBy(`${a}.createdAt`, 'ASC').addOrderBy(`${a}.id`, 'ASC').getMany();
      await auditEach(this.audit, this.db.manager, actor, AuditAction.READ, TYPE, rows);
      return groupByKey(ids, rows, (r) => r.subjectId);
    }).load(subjectId);
  }

  async add(actor: Actor, input: AddSubjectSpecialCategoryInput): Promise<SubjectSpecialCategory> {
    assertCan(actor, 'create', TYPE, { libraryServiceId: actor.principal.libraryServiceId });
    return this.db.transaction(async (m) => {
      const subject = await findAccessible(m, Subject, 'Subject', actor, input.subjectId);
      if (subject.mergedIntoId) throw new ConflictError(`Subject ${subject.id} was merged into ${subject.mergedIntoId}: record details there`, { mergedIntoId: subject.mergedIntoId });
      const repo = m.getRepository(SubjectSpecialCategory);
      const row = await repo.save(repo.create({
        libraryServiceId: subject.libraryServiceId,
        subjectId: subject.id,
        category: input.category,
        details: input.details,
        recordedById: actor.principal.id,
        // Kept as long as the person's record.
        dataProtection: newDataProtection(input.dataProtection, subject.dataProtection.retainUntil),
      }));
      await auditEach(this.audit, m, actor, AuditAction.CREATE, TYPE, [row]);
      return row;
    });
  }

  async update(actor: Actor, input: UpdateSubjectSpecialCategoryInput): Promise<SubjectSpecialCategory> {
    return this.db.transaction(async (m) => {
      const row = await findForWrite(m, SubjectSpecialCategory, TYPE, actor, input.id, 'update', input.version);
      const [{ retain }] = await m.query(`SELECT retain_until::text AS retain FROM subject WHERE id = $1`, [row.subjectId]);
      assignGiven(row, input, ['category', 'details']);
      updateDataProtection(row.dataProtection, input.dataProtection, laterDate(row.dataProtection.retainUntil, retain));
      const saved = await m.getRepository(SubjectSpecialCategory).save(row);
      await auditEach(this.audit, m, actor, AuditAction.UPDATE, TYPE, [saved]);
      return saved;
    });
  }
}
