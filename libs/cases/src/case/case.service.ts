import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type AccessScope, AccessScopes, type Actor, loadAccessible, Role, User } from '../../../access/src/index.js';
import { assignGiven, BadInputError, type Connection, ConflictError, groupByKey, type LoaderRegistry, loaderFor, whereIn } from '../../../common/src/index.js';
import { AuditAction, newDataProtection, retentionYearsFor, updateDataProtection } from '../../../governance/src/index.js';
import { Subject } from '../subjects/subject.entity.js';
import { extendSubjectRetention } from '../subjects/subject.service.js';
import { assertCaseStatusChange, caseRetainUntil } from './case-rules.js';
import { CaseStatus, RiskLevel } from './case-status.enum.js';
import { Case } from './case.entity.js';
import type { CasesArgs } from './dto/case-filter.input.js';
import type { CreateCaseInput } from './dto/create-case.input.js';
import type { UpdateCaseInput } from './dto/update-case.input.js';

const TYPE = 'Case';
const OWNER_ROLES = [Role.MANAGER, Role.OUTREACH_WORKER];

/** A case owner works the case: an active manager or outreach worker of the case's service. */
async function assertOwner(m: EntityManager, ownerId: string, libraryServiceId: string): Promise<void> {
  const owner = await m.getRepository(User).findOne({ select: { id: true, role: true, isActive: true }, where: { id: ownerId, libraryServiceId } });
  if (!owner || !owner.isActive || !OWNER_ROLES.includes(owner.role)) {
    throw new BadInputError(`ownerId ${ownerId} is not an active manager or outreach worker of your library service`, { field: 'ownerId' });
  }
}

/**
 * The case's retention date, recomputed at every write, carried to its notes and extending its
 * subject's (a person is kept at least as long as a case about them).
 */
export async function applyCaseRetention(m: EntityManager, c: Case): Promise<void> {
  await m.query(`UPDATE case_note SET retain_until = $2::date WHERE case_id = $1 AND retain_until <> $2::date`, [c.id, c.dataProtection.retainUntil]);
  await extendSubjectRetention(m, c.subjectId, c.dataProtection.retainUntil);
}

/** Cases are personal data: every read writes one READ audit row per case returned. */
@Injectable()
export class CaseService {
  constructor(private readonly scopes: AccessScopes) {}

  list(actor: Actor, args: CasesArgs): Promise<Connection<Case>> {
    const { statuses, ownerId, subjectId, riskLevels } = args.filter ?? {};
    return this.scopes.of(actor).list(Case, TYPE, args, { property: 'openedAt', direction: 'DESC' }, (qb, a) => {
      whereIn(qb, `${a}.status`, 'fStatuses', statuses);
      if (ownerId) qb.andWhere(`${a}.ownerId = :ownerId`, { ownerId });
      if (subjectId) qb.andWhere(`${a}.subjectId = :subjectId`, { subjectId });
      whereIn(qb, `${a}.riskLevel`, 'fRiskLevels', riskLevels);
    });
  }

  get(actor: Actor, id: string): Promise<Case> {
    return this.scopes.of(actor).find(Case, TYPE, id);
  }

  /** For relations (IntelligenceItem.case, CaseShare.case…): one query per request, with the reader's rules; null when not readable. Audited. */
  byId(ctx: { loaders: LoaderRegistry }, actor: Actor, id: string): Promise<Case | null> {
    return loadAccessible(ctx, this.scopes.of(actor), Case, TYPE, id);
  }

  /** Subject.cases, newest first: one query per request, with the reader's rules. Audited. */
  forSubject(ctx: { loaders: LoaderRegistry }, actor: Actor, subjectId: string): Promise<Case[]> {
    return loaderFor<Case[]>(ctx, 'Subject.cases', async (ids) => {
      const rows = await this.scopes.of(actor).findMany(
        Case,
        TYPE,
        (qb, a) => {
          qb.andWhere(`${a}.subjectId IN (:...ids)`, { ids });
        },
        { orderBy: { property: 'openedAt', direction: 'DESC' } },
      );
      return groupByKey(ids, rows, (r) => r.subjectId);
    }).load(subjectId);
  }

  async create(actor: Actor, input: CreateCaseInput): Promise<Case> {
    const scope = this.scopes.of(actor);
    const libraryServiceId = actor.principal.libraryServiceId;
    scope.assertCan('create', TYPE, { libraryServiceId });
    return scope.transaction(async (s, m) => {
      const subject = await s.reference(Subject, 'Subject', input.subjectId);
      if (subject.mergedIntoId) {
        throw new BadInputError(`Subject ${subject.id} was merged into ${subject.mergedIntoId}: open the case on that record`, {
          field: 'subjectId',
          mergedIntoId: subject.mergedIntoId,
        });
      }
      const ownerId = input.ownerId ?? actor.principal.id;
      await assertOwner(m, ownerId, subject.libraryServiceId);
      const status = input.status ?? CaseStatus.OPEN;
      const repo = m.getRepository(Case);
      const created = await repo.save(
        repo.create({
          libraryServiceId: subject.libraryServiceId,
          subjectId: subject.id,
          ownerId,
          status,
          riskLevel: input.riskLevel ?? RiskLevel.LOW,
          title: input.title,
          summary: input.summary || null,
          openedAt: new Date(),
          closedAt: null,
          closedById: null,
          closureSummary: null,
          dataProtection: newDataProtection(
            'CASE',
            input.dataProtection,
            caseRetainUntil({ status, closedAt: null }, null, await retentionYearsFor(m, subject.libraryServiceId, 'CASE')),
          ),
        }),
      );
      await applyCaseRetention(m, created);
      await s.audited(AuditAction.CREATE, TYPE, [created]);
      return created;
    });
  }

  async update(actor: Actor, input: UpdateCaseInput): Promise<Case> {
    return this.scopes.of(actor).transaction(async (s, m) => {
      const c = await s.forWrite(Case, TYPE, input.id, 'update', input.version);
      if (c.status === CaseStatus.CLOSED) throw new ConflictError(`${TYPE} ${c.id} is closed: reopen it (reopenCase) before changing it`);
      if (input.status) assertCaseStatusChange(c.status, input.status);
      if (input.ownerId && input.ownerId !== c.ownerId) await assertOwner(m, input.ownerId, c.libraryServiceId);
      assignGiven(c, { ...input, summary: input.summary === undefined ? undefined : input.summary || null }, [
        'title',
        'summary',
        'riskLevel',
        'status',
        'ownerId',
      ]);
      return this.save(s, c, input.dataProtection);
    });
  }

  async close(actor: Actor, id: string, version: number, closureSummary?: string | null): Promise<Case> {
    return this.scopes.of(actor).transaction(async (s) => {
      const c = await s.forWrite(Case, TYPE, id, 'update', version);
      assertCaseStatusChange(c.status, CaseStatus.CLOSED);
      if (c.status === CaseStatus.CLOSED) throw new ConflictError(`${TYPE} ${id} is already closed`);
      c.status = CaseStatus.CLOSED;
      c.closedAt = new Date();
      c.closedById = actor.principal.id;
      c.closureSummary = closureSummary || null;
      return this.save(s, c);
    });
  }

  async reopen(actor: Actor, id: string, version: number): Promise<Case> {
    return this.scopes.of(actor).transaction(async (s) => {
      const c = await s.forWrite(Case, TYPE, id, 'update', version);
      if (c.status !== CaseStatus.CLOSED) throw new ConflictError(`${TYPE} ${id} is ${c.status}, not closed`);
      c.status = CaseStatus.OPEN;
      // When and why it was closed stays in the audit trail and the notes; the case is live again.
      c.closedAt = null;
      c.closedById = null;
      c.closureSummary = null;
      return this.save(s, c);
    });
  }

  private async save(s: AccessScope, c: Case, dataProtection?: UpdateCaseInput['dataProtection']): Promise<Case> {
    const m = s.manager;
    updateDataProtection(
      'CASE',
      c.dataProtection,
      dataProtection,
      caseRetainUntil(c, c.dataProtection.retainUntil, await retentionYearsFor(m, c.libraryServiceId, 'CASE')),
    );
    const saved = await m.getRepository(Case).save(c);
    await applyCaseRetention(m, saved);
    await s.audited(AuditAction.UPDATE, TYPE, [saved]);
    return saved;
  }
}
