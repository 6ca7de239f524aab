import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { accessibleQuery, type Actor, assertCan, auditEach, findForWrite } from '../../../access/src/index.js';
import {
  BadInputError, ConflictError, type Connection, emptyConnection, type LoaderRegistry, loaderFor, type PageArgs, pageLoaderName, paginateEach,
} from '../../../common/src/index.js';
import { AuditAction, AuditService, newDataProtection, retentionYearsFor } from '../../../governance/src/index.js';
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
  constructor(@InjectDataSource() private readonly db: DataSource, private readonly audit: AuditService) {}

  /** Case.notes, oldest first: a page per case, one batch of queries per request, with the reader's rules. */
  forCase(ctx: { loaders: LoaderRegistry }, actor: Actor, caseId: string, args: PageArgs): Promise<Connection<CaseNote>> {
    return loaderFor<Connection<CaseNote>>(ctx, pageLoaderName('Case.notes', args), async (ids) => {
      const qb = accessibleQuery(this.db.manager, CaseNote, TYPE, actor);
      if (!qb) return ids.map(() => emptyConnection());
      const a = qb.alias;
      const pages = await paginateEach(qb.andWhere(`${a}.caseId IN (:...ids)`, { ids }), 'caseId', ids, args, { property: 'createdAt', direction: 'ASC' });
      const notes = pages.flatMap((p) => p.edges.map((e) => e.node));
      await auditEach(this.audit, this.db.manager, actor, AuditAction.READ, TYPE, notes);
      await this.markCorrected(notes);
      return pages;
    }).load(caseId);
  }

  /** Marks the notes that a later note corrects; the correction may be on another page. */
  private async markCorrected(notes: CaseNote[]): Promise<void> {
    if (!notes.length) return;
    const rows: { id: string }[] = await this.db.query(
      `SELECT DISTINCT corrects_note_id AS id FROM case_note WHERE corrects_note_id = ANY($1::uuid[])`, [notes.map((n) => n.id)]);
    const corrected = new Set(rows.map((r) => r.id));
    for (const n of notes) n.isCorrected = corrected.has(n.id);
  }

  async add(actor: Actor, args: AddCaseNoteInput): Promise<CaseNote> {
    assertCan(actor, 'create', TYPE, { libraryServiceId: actor.principal.libraryServiceId });
    return this.db.transaction(async (m) => {
      // Locked: the case's retention date moves with its notes.
      const c = await findForWrite(m, Case, 'Case', actor, args.caseId, 'read');
      if (c.status === CaseStatus.CLOSED && !args.correctsNoteId) {
        throw new ConflictError(`Case ${c.id} is closed: reopen it to add notes (corrections of its notes are still accepted)`);
      }
      if (args.correctsNoteId) {
        const exists = await m.getRepository(CaseNote).exists({ where: { id: args.correctsNoteId, caseId: c.id } });
        if (!exists) throw new BadInputError(`correctsNoteId ${args.correctsNoteId} is not a note of case ${c.id}`, { field: 'correctsNoteId' });
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
      await auditEach(this.audit, m, actor, AuditAction.CREATE, TYPE, [note]);
      return note;
    });
  }
}
