import { Injectable } from '@nestjs/common';
import { type AccessScope, AccessScopes, type Actor, loadAccessible, shareRecipientOf } from '../../../access/src/index.js';
import { AccessDeniedError, BadInputError, type Connection, ConflictError, whereIn, type LoaderRegistry } from '../../../common/src/index.js';
import { AuditAction, newDataProtection, retainUntilFor } from '../../../governance/src/index.js';
import { assertNoLegalHold } from '../case-share/case-update.service.js';
import { SharedCaseRecord } from '../case-share/shared-case-record.entity.js';
import { recipientColumn } from '../sharing-sql.js';
import type { IntelligenceItemsArgs, RecordIntelligenceInput, SubmitIntelligenceInput } from './dto/intelligence.input.js';
import { IntelligenceItem } from './intelligence-item.entity.js';
import { decisionProblem, defaultReviewOn, type Handling, handlingProblems, renewalProblem } from './intelligence-rules.js';
import { IntelligenceSourceType, IntelligenceStatus } from './intelligence.enums.js';

const TYPE = 'IntelligenceItem';

/** Intelligence is personal (often criminal offence) data: every read is audited. */
@Injectable()
export class IntelligenceService {
  constructor(private readonly scopes: AccessScopes) {}

  /** A restricted person's intelligence is for the DPO only: the restriction rule of the ability, in the SQL. */
  list(actor: Actor, args: IntelligenceItemsArgs): Promise<Connection<IntelligenceItem>> {
    const { caseId, subjectId, statuses, categories, reviewDueBy } = args.filter ?? {};
    return this.scopes.of(actor).list(IntelligenceItem, TYPE, args, { property: 'createdAt', direction: 'DESC' }, (qb, a) => {
      if (caseId) qb.andWhere(`${a}.caseId = :caseId`, { caseId });
      if (subjectId) qb.andWhere(`${a}.subjectId = :subjectId`, { subjectId });
      whereIn(qb, `${a}.status`, 'fStatuses', statuses);
      whereIn(qb, `${a}.category`, 'fCategories', categories);
      if (reviewDueBy) qb.andWhere(`${a}.reviewOn <= :reviewDueBy`, { reviewDueBy });
    });
  }

  get(actor: Actor, id: string): Promise<IntelligenceItem> {
    return this.scopes.of(actor).find(IntelligenceItem, TYPE, id);
  }

  /** For BranchWarning.intelligenceItem: the reads of `get` (a restricted person's items hidden), batched; null when not readable. Audited. */
  byId(ctx: { loaders: LoaderRegistry }, actor: Actor, id: string): Promise<IntelligenceItem | null> {
    return loadAccessible(ctx, this.scopes.of(actor), IntelligenceItem, TYPE, id);
  }

  /** The library records intelligence: part of the record at once (ACCEPTED). */
  async record(actor: Actor, input: RecordIntelligenceInput): Promise<IntelligenceItem> {
    const scope = this.scopes.of(actor);
    const libraryServiceId = actor.principal.libraryServiceId;
    scope.assertCan('create', TYPE, { libraryServiceId, status: IntelligenceStatus.ACCEPTED });
    this.assertHandling(input);
    return scope.transaction(async (s) => {
      let subjectId = input.subjectId ?? null;
      if (input.caseId) {
        const kase = await s.reference(SharedCaseRecord, 'Case', input.caseId);
        if (kase.libraryServiceId !== libraryServiceId) throw new BadInputError('caseId must be a case of your library service');
        // Whatever is filed on a case reaches the case's recipients: it must be about the case's person.
        if (subjectId && subjectId !== kase.subjectId) {
          throw new BadInputError('subjectId must be the person of the case (or leave it out): intelligence on a case is about its subject', {
            field: 'subjectId',
          });
        }
        subjectId ??= kase.subjectId;
      }
      if (subjectId) await this.assertInService(s, 'subject', subjectId, libraryServiceId, 'subjectId');
      if (!subjectId && !input.branchId && !input.placeDescription)
        throw new BadInputError('Say who or where it is about: subjectId, caseId, branchId or placeDescription');
      const now = new Date();
      // The same bounds as a renewal: an item kept a year from recording must be reviewed within that year.
      const reviewProblem = input.reviewOn ? renewalProblem(input.reviewOn, now) : null;
      if (reviewProblem) throw new BadInputError(reviewProblem, { field: 'reviewOn' });
      return this.save(s, input, {
        libraryServiceId,
        subjectId,
        caseId: input.caseId ?? null,
        sourceType: input.sourceType,
        status: IntelligenceStatus.ACCEPTED,
        reviewOn: input.reviewOn ?? defaultReviewOn(now),
        submittedByOrganisationId: null,
        submittedByLibraryServiceId: null,
        submittedViaShareId: null,
        decidedAt: now,
        decidedById: actor.principal.id,
      });
    });
  }

  /** A recipient submits intelligence to a case shared with it now (any category); a manager decides. */
  async submit(actor: Actor, input: SubmitIntelligenceInput): Promise<IntelligenceItem> {
    const recipient = shareRecipientOf(actor.principal);
    if (!recipient) throw new AccessDeniedError('Only partners and receiving library services submit intelligence to shared cases');
    assertNoLegalHold(input.dataProtection);
    this.assertHandling(input);
    return this.scopes.of(actor).transaction(async (s, m) => {
      // The case through the SharedCase rules (live share, in SQL; not restricted): not shared now = NOT_FOUND.
      const kase = await s.reference(SharedCaseRecord, 'SharedCase', input.caseId);
      const byOrganisation = 'organisationId' in recipient;
      const submittedByOrganisationId = byOrganisation ? recipient.organisationId : null;
      const submittedByLibraryServiceId = byOrganisation ? null : recipient.libraryServiceId;
      s.assertCan('create', TYPE, {
        libraryServiceId: kase.libraryServiceId,
        submittedByOrganisationId,
        submittedByLibraryServiceId,
        status: IntelligenceStatus.SUBMITTED,
      });
      const { column, id } = recipientColumn(recipient);
      const [share] = await m.query(`SELECT id FROM live_case_share WHERE case_id = $1 AND ${column} = $2 ORDER BY starts_at DESC, id LIMIT 1`, [kase.id, id]);
      return this.save(s, input, {
        libraryServiceId: kase.libraryServiceId,
        subjectId: kase.subjectId,
        caseId: kase.id,
        sourceType: input.sourceType ?? IntelligenceSourceType.PARTNER,
        status: IntelligenceStatus.SUBMITTED,
        reviewOn: defaultReviewOn(new Date()),
        submittedByOrganisationId,
        submittedByLibraryServiceId,
        submittedViaShareId: share.id,
        decidedAt: null,
        decidedById: null,
      });
    });
  }

  async decide(actor: Actor, id: string, version: number, accept: boolean, reason: string | null): Promise<IntelligenceItem> {
    return this.scopes.of(actor).transaction(async (s, m) => {
      const item = await s.forWrite(IntelligenceItem, TYPE, id, 'transition', version);
      const problem = decisionProblem(item.status);
      if (problem) throw new ConflictError(problem);
      item.status = accept ? IntelligenceStatus.ACCEPTED : IntelligenceStatus.REJECTED;
      item.decidedAt = new Date();
      item.decidedById = actor.principal.id;
      item.rejectionReason = accept ? null : reason;
      // Accepted into the record: reviewed, and kept, 12 months from now.
      if (accept) {
        item.reviewOn = defaultReviewOn(item.decidedAt);
        item.dataProtection.retainUntil = await retainUntilFor(m, item.libraryServiceId, 'INTELLIGENCE', item.decidedAt);
      }
      const saved = await m.getRepository(IntelligenceItem).save(item);
      await s.audited(AuditAction.UPDATE, TYPE, [saved]);
      return saved;
    });
  }

  private assertHandling(h: Handling): void {
    const problems = handlingProblems(h);
    if (problems.length) throw new BadInputError(`Invalid handling: ${problems.join('; ')}`, { problems });
  }

  /**
   * A handling code and its conditions, checked (as on recording), with the recipients it names:
   * partner organisations of the item's library service, and library services that exist.
   */
  async handlingFor(s: AccessScope, h: Handling, libraryServiceId: string): Promise<Required<Handling>> {
    this.assertHandling(h);
    const m = s.manager;
    const organisations = h.handlingOrganisationIds ?? [];
    if (organisations.length) {
      const found: { id: string }[] = await m.query(`SELECT id FROM partner_organisation WHERE id = ANY($1) AND library_service_id = $2`, [
        organisations,
        libraryServiceId,
      ]);
      const missing = organisations.filter((o) => !found.some((f) => f.id === o));
      if (missing.length) throw new BadInputError(`handlingOrganisationIds must be partner organisations of the case's library service: ${missing.join(', ')}`);
    }
    const services = h.handlingLibraryServiceIds ?? [];
    if (services.length) {
      const found: { id: string }[] = await m.query(`SELECT id FROM library_service WHERE id = ANY($1)`, [services]);
      const missing = services.filter((s) => !found.some((f) => f.id === s));
      if (missing.length) throw new BadInputError(`handlingLibraryServiceIds must be library services: ${missing.join(', ')}`);
    }
    return {
      handlingCode: h.handlingCode,
      handlingConditions: h.handlingConditions ?? null,
      handlingOrganisationIds: organisations,
      handlingLibraryServiceIds: services,
    };
  }

  private async save(
    s: AccessScope,
    input: RecordIntelligenceInput | SubmitIntelligenceInput,
    fields: Partial<IntelligenceItem> & { libraryServiceId: string },
  ): Promise<IntelligenceItem> {
    const m = s.manager;
    const service = fields.libraryServiceId;
    if (input.branchId) await this.assertInService(s, 'branch', input.branchId, service, 'branchId');
    const handling = await this.handlingFor(s, input, service);
    const repo = m.getRepository(IntelligenceItem);
    const item = await repo.save(
      repo.create({
        ...fields,
        branchId: input.branchId ?? null,
        placeDescription: input.placeDescription ?? null,
        body: input.body,
        sourceEvaluation: input.sourceEvaluation,
        intelligenceAssessment: input.intelligenceAssessment,
        ...handling,
        category: input.category,
        authorId: s.principal.id,
        rejectionReason: null,
        dataProtection: newDataProtection('INTELLIGENCE', input.dataProtection, await retainUntilFor(m, service, 'INTELLIGENCE', new Date())),
      }),
    );
    await s.audited(AuditAction.CREATE, TYPE, [item]);
    return item;
  }

  /** A link check (the record exists in the service), whatever the actor may read of it: nothing of it is read. */
  private async assertInService(s: AccessScope, table: 'subject' | 'branch', id: string, libraryServiceId: string, field: string): Promise<void> {
    const [{ ok }] = await s.manager.query(`SELECT EXISTS (SELECT 1 FROM ${table} WHERE id = $1 AND library_service_id = $2) AS ok`, [id, libraryServiceId]);
    if (!ok) throw new BadInputError(`${field} ${id} is not a ${table} of the case's library service`);
  }
}
