import { Injectable } from '@nestjs/common';
import { type AccessScope, AccessScopes, type Actor } from '../../../access/src/index.js';
import { BadInputError, ConflictError } from '../../../common/src/index.js';
import { AuditAction } from '../../../governance/src/index.js';
import type { SubjectMergeRequest, SubjectMergeResult } from './dto/merge-subjects.input.js';
import { Subject } from './subject.entity.js';
import { type MovedLinks, moveSubjectLinks } from './subject-merge.js';
import { combineSubjects, laterDate } from './subject-rules.js';
import { extendSubjectRetention } from './subject.service.js';

const TYPE = 'Subject';

/** Merging two records of one person (managers only): every link moves to the kept record. */
@Injectable()
export class SubjectMergeService {
  constructor(private readonly scopes: AccessScopes) {}

  async merge(actor: Actor, input: SubjectMergeRequest): Promise<SubjectMergeResult> {
    if (input.keepId === input.mergeId) throw new BadInputError('keep and merge are the same record: choose two different records');
    return this.scopes.of(actor).transaction(async (scope, m) => {
      // Lock both in id order, so two merges of the same pair cannot deadlock.
      const locked = new Map<string, Subject>();
      for (const [id, version] of [
        [input.keepId, input.keepVersion],
        [input.mergeId, input.mergeVersion],
      ].sort() as [string, number][]) {
        locked.set(id, await scope.forWrite(Subject, TYPE, id, 'merge', version));
      }
      const keep = locked.get(input.keepId)!;
      const merged = locked.get(input.mergeId)!;
      for (const s of [keep, merged]) {
        if (s.mergedIntoId) throw new ConflictError(`${TYPE} ${s.id} was already merged into ${s.mergedIntoId}`, { mergedIntoId: s.mergedIntoId });
      }
      const moved = await moveSubjectLinks(m, merged.id, keep.id);

      Object.assign(keep, combineSubjects(keep, merged));
      keep.dataProtection.retainUntil = laterDate(keep.dataProtection.retainUntil, merged.dataProtection.retainUntil);
      keep.dataProtection.legalHold = keep.dataProtection.legalHold || merged.dataProtection.legalHold;
      merged.mergedIntoId = keep.id;
      merged.mergedAt = new Date();
      const repo = m.getRepository(Subject);
      const savedMerged = await repo.save(merged);
      const savedKeep = await repo.save(keep);
      // Details moved from the merged record follow the kept record's retention.
      await extendSubjectRetention(m, savedKeep.id, savedKeep.dataProtection.retainUntil);

      await scope.audited(AuditAction.UPDATE, TYPE, [savedKeep, savedMerged]);
      await this.auditMovedLinks(scope, savedKeep, moved);
      return {
        kept: savedKeep,
        merged: savedMerged,
        movedLinks: moved.map((l) => ({ link: `${l.link.table}.${l.link.columnName}`, moved: l.moved, removedAsDuplicate: l.removedAsDuplicate })),
      };
    });
  }

  /**
   * One UPDATE row per moved record when its table has a single-column id, else one per table
   * (named after the table, with the kept subject's id); one DELETE row per table with removed duplicates.
   */
  private async auditMovedLinks(s: AccessScope, keep: Subject, moved: MovedLinks[]): Promise<void> {
    const db = s.manager.connection;
    for (const l of moved) {
      const entityType = db.hasMetadata(l.link.table) ? db.getMetadata(l.link.table).name : l.link.table;
      const ids = l.movedIds.length ? l.movedIds : l.moved ? [keep.id] : [];
      await s.audited(
        AuditAction.UPDATE,
        entityType,
        ids.map((id) => ({ id, libraryServiceId: keep.libraryServiceId })),
      );
      if (l.removedAsDuplicate) await s.audited(AuditAction.DELETE, entityType, [{ id: keep.id, libraryServiceId: keep.libraryServiceId }]);
    }
  }
}
