import { Injectable } from '@nestjs/common';
import { type AccessScope, AccessScopes, type Actor } from '../../../access/src/index.js';
import {
  BadInputError,
  ConflictError,
  type Connection,
  type LoaderRegistry,
  loaderFor,
  NotFoundError,
  type PageArgs,
  pageLoaderName,
} from '../../../common/src/index.js';
import { AuditAction, newDataProtection, retentionYearsFor } from '../../../governance/src/index.js';
import { caseRetainUntil } from './case-rules.js';
import { CaseStatus } from './case-status.enum.js';
import { Case } from './case.entity.js';
import { applyCaseRetention } from './case.service.js';
import { CaseNote } from './case-note.entity.js';
import type { AddCaseNoteInput } from './dto/case-actions.args.js';

const TYPE = 'CaseNote';

/**
 * Case notes are append-only: there is no update. A correction is a new note naming the note it
 * corrects (of the same case). Reads are audited, one row per note.
 */
@Injectable()
export class CaseNoteService {
  constructor(private readonly scopes: AccessScopes) {}

  /** Case.notes, oldest first: a page per case, one batch of queries per request, with the reader's rules. */
  forCase(ctx: { loaders: LoaderRegistry }, actor: Actor, caseId: string, args: PageArgs): Promise<Connection<CaseNote>> {
    return loaderFor<Connection<CaseNote>>(ctx, pageLoaderName('Case.notes', args), async (ids) => {
      const scope = this.scopes.of(actor);
      const pages = await scope.listEach(CaseNote, TYPE, 'caseId', ids, args, { property: 'createdAt', direction: 'ASC' });
      await markCorrected(
        scope,
        pages.flatMap((p) => p.edges.map((e) => e.node)),
      );
      return pages;
    }).load(caseId);
  }

  async add(actor: Actor, args: AddCaseNoteInput): Promise<CaseNote> {
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
        if (corrected?.caseId !== c.id)
          throw new BadInputError(`correctsNoteId ${args.correctsNoteId} is not a note of case ${c.id}`, { field: 'correctsNoteId' });
      }
      // A note is activity on the case: an open case's retention date moves on (closed: unchanged).
      c.dataProtection.retainUntil = caseRetainUntil(c, c.dataProtection.retainUntil, await retentionYearsFor(m, c.libraryServiceId, 'CASE'));
      await m.query(`UPDATE case_file SET retain_until = $2::date WHERE id = $1`, [c.id, c.dataProtection.retainUntil]);
      const repo = m.getRepository(CaseNote);
      const note = await repo.save(
        repo.create({
          libraryServiceId: c.libraryServiceId,
          caseId: c.id,
          authorId: actor.principal.id,
          body: args.body,
          correctsNoteId: args.correctsNoteId ?? null,
          dataProtection: newDataProtection('CASE_NOTE', { lawfulBasis: c.dataProtection.lawfulBasis }, c.dataProtection.retainUntil),
        }),
      );
      await applyCaseRetention(m, c);
      await s.audited(AuditAction.CREATE, TYPE, [note]);
      return note;
    });
  }
}

/** Marks the notes that a later note corrects (the correction may be on another page): ids only, through the CaseNote rules. */
async function markCorrected(scope: AccessScope, notes: CaseNote[]): Promise<void> {
  if (!notes.length) return;
  const corrected = await scope.aggregate(
    CaseNote,
    TYPE,
    async (qb, a) =>
      new Set(
        (
          await qb
            .select(`${a}.correctsNoteId`, 'id')
            .distinct(true)
            .andWhere(`${a}.correctsNoteId IN (:...noteIds)`, { noteIds: notes.map((n) => n.id) })
            .getRawMany<{ id: string }>()
        ).map((r) => r.id),
      ),
    new Set<string>(),
  );
  for (const n of notes) n.isCorrected = corrected.has(n.id);
}
