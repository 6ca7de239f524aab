import { Injectable } from '@nestjs/common';
import { AccessScopes, type Actor } from '../../../access/src/index.js';
import { BadInputError, ConflictError, groupByKey, type LoaderRegistry, loaderFor, NotFoundError } from '../../../common/src/index.js';
import { AuditAction, newDataProtection, retentionYearsFor } from '../../../governance/src/index.js';
import { caseRetainUntil } from './case-rules.js';
import { CaseStatus } from './case-status.enum.js';
import { Case } from './case.entity.js';
import { applyCaseRetention } from './case.service.js';
import { CaseNote } from './case-note.entity.js';
import type { AddCaseNoteArgs } from './dto/case-actions.args.js';

const TYPE = 'CaseNote';

/** Marks the notes that a later note corrects. */
export function markCorrected(notes: CaseNote[]): CaseNote[] {
  const corrected = new Set(notes.map((n) => n.correctsNoteId).filter(Boolean));
  for (const n of notes) n.isCorrected = corrected.has(n.id);
  return notes;
}

/**
 * Case notes are append-only: there is no update. A correction is a new note naming the note it
 * corrects (of the same case). Reads are audited, one row per note.
 */
@Injectable()
export class CaseNoteService {
  constructor(private readonly scopes: AccessScopes) {}

  /** Case.notes, oldest first: one query per request, with the reader's rules. */
  forCase(ctx: { loaders: LoaderRegistry }, actor: Actor, caseId: string): Promise<CaseNote[]> {
    return loaderFor<CaseNote[]>(ctx, 'Case.notes', async (ids) => {
      const rows = await this.scopes.of(actor).findMany(CaseNote, TYPE, (qb, a) => { qb.andWhere(`${a}.caseId IN (:...ids)`, { ids }); },
        { orderBy: { property: 'createdAt', direction: 'ASC' } });
      return groupByKey(ids, rows, (r) => r.caseId).map(markCorrected);
    }).load(caseId);
  }

  async add(actor: Actor, args: AddCaseNoteArgs): Promise<CaseNote> {
    const scope = this.scopes.of(actor);
    scope.assertCan('create', TYPE, { libraryServiceId: actor.principal.libraryServiceId });
    return scope.transaction(async (s, m) => {
      // Locked: the case's retention date moves with its notes.
      const c = await s.forWrite(Case, 'Case', args.caseId, 'read');
      if (c.status === CaseStatus.CLOSED && !args.correctsNoteId) {
        throw new ConflictError(`Case ${c.id} is closed: reopen it to add notes (corrections of its notes are still accepted)`);
      }
      if (args.correctsNoteId) {
        // Whoever may add notes may read the case's notes: the corrected note is one of them, or the input is wrong.
        const corrected = await s.reference(CaseNote, TYPE, args.correctsNoteId).catch((e: unknown) => {
          if (e instanceof NotFoundError) return null;
          throw e;
        });
        if (corrected?.caseId !== c.id) throw new BadInputError(`correctsNoteId ${args.correctsNoteId} is not a note of case ${c.id}`, { field: 'correctsNoteId' });
      }
      // A note is activity on the case: an open case's retention date moves on (closed: unchanged).
      c.dataProtection.retainUntil = caseRetainUntil(c, c.dataProtection.retainUntil, await retentionYearsFor(m, c.libraryServiceId, 'CASE'));
      await m.query(`UPDATE case_file SET retain_until = $2::date WHERE id = $1`, [c.id, c.dataProtection.retainUntil]);
      const repo = m.getRepository(CaseNote);
      const note = await repo.save(repo.create({
        libraryServiceId: c.libraryServiceId,
        caseId: c.id,
        authorId: actor.principal.id,
        body: args.body,
        correctsNoteId: args.correctsNoteId ?? null,
        dataProtection: newDataProtection({ lawfulBasis: c.dataProtection.lawfulBasis }, c.dataProtection.retainUntil),
      }));
      await applyCaseRetention(m, c);
      await s.audited(AuditAction.CREATE, TYPE, [note]);
      return note;
    });
  }
}
