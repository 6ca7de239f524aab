import { Injectable } from '@nestjs/common';
import { AccessScopes, type Actor } from '../../../access/src/index.js';
import { assignGiven, ConflictError, groupByKey, type LoaderRegistry, loaderFor } from '../../../common/src/index.js';
import { AuditAction, newDataProtection, updateDataProtection } from '../../../governance/src/index.js';
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
  constructor(private readonly scopes: AccessScopes) {}

  /** Subject.specialCategory: null when the actor may not read the person's special category data at all. */
  forSubject(ctx: { loaders: LoaderRegistry }, actor: Actor, subject: Subject): Promise<SubjectSpecialCategory[] | null> {
    const scope = this.scopes.of(actor);
    if (!scope.can('read', TYPE, { libraryServiceId: subject.libraryServiceId, subjectId: subject.id })) return Promise.resolve(null);
    return loaderFor<SubjectSpecialCategory[] | null>(ctx, 'Subject.specialCategory', async (ids) => {
      const rows = await scope.findMany(
        SubjectSpecialCategory,
        TYPE,
        (qb, a) => {
          qb.andWhere(`${a}.subjectId IN (:...ids)`, { ids });
        },
        { orderBy: { property: 'createdAt', direction: 'ASC' } },
      );
      return groupByKey(ids, rows, (r) => r.subjectId);
    }).load(subject.id);
  }

  async add(actor: Actor, input: AddSubjectSpecialCategoryInput): Promise<SubjectSpecialCategory> {
    const scope = this.scopes.of(actor);
    scope.assertCan('create', TYPE, { libraryServiceId: actor.principal.libraryServiceId });
    return scope.transaction(async (s, m) => {
      const subject = await s.reference(Subject, 'Subject', input.subjectId);
      if (subject.mergedIntoId)
        throw new ConflictError(`Subject ${subject.id} was merged into ${subject.mergedIntoId}: record details there`, { mergedIntoId: subject.mergedIntoId });
      const repo = m.getRepository(SubjectSpecialCategory);
      const row = await repo.save(
        repo.create({
          libraryServiceId: subject.libraryServiceId,
          subjectId: subject.id,
          category: input.category,
          details: input.details,
          recordedById: actor.principal.id,
          // Kept as long as the person's record.
          dataProtection: newDataProtection('SUBJECT_SPECIAL_CATEGORY', input.dataProtection, subject.dataProtection.retainUntil),
        }),
      );
      await s.audited(AuditAction.CREATE, TYPE, [row]);
      return row;
    });
  }

  async update(actor: Actor, input: UpdateSubjectSpecialCategoryInput): Promise<SubjectSpecialCategory> {
    return this.scopes.of(actor).transaction(async (s, m) => {
      const row = await s.forWrite(SubjectSpecialCategory, TYPE, input.id, 'update', input.version);
      // Details are kept as long as the person's record: the subject is readable to whoever may change its details.
      const subject = await s.reference(Subject, 'Subject', row.subjectId);
      assignGiven(row, input, ['category', 'details']);
      updateDataProtection(
        'SUBJECT_SPECIAL_CATEGORY',
        row.dataProtection,
        input.dataProtection,
        laterDate(row.dataProtection.retainUntil, subject.dataProtection.retainUntil),
      );
      const saved = await m.getRepository(SubjectSpecialCategory).save(row);
      await s.audited(AuditAction.UPDATE, TYPE, [saved]);
      return saved;
    });
  }
}
