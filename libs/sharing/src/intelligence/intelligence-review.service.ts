import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type AccessScope, AccessScopes, type Actor } from '../../../access/src/index.js';
import {
  BadInputError,
  type Connection,
  ConflictError,
  type LoaderRegistry,
  loaderFor,
  type PageArgs,
  pageLoaderName,
  type VersionedReasonInput,
} from '../../../common/src/index.js';
import { AuditAction, retainUntilFor } from '../../../governance/src/index.js';
import type { DeletedIntelligenceItem } from './dto/deleted-intelligence-item.output.js';
import type { ChangeIntelligenceHandlingInput, RegradeIntelligenceInput, RenewIntelligenceInput } from './dto/intelligence-review.input.js';
import { IntelligenceItem } from './intelligence-item.entity.js';
import { IntelligenceReview } from './intelligence-review.entity.js';
import { renewalProblem, retainUntilAfterReview, reviewProblem } from './intelligence-rules.js';
import { IntelligenceReviewDecision } from './intelligence.enums.js';
import { IntelligenceService } from './intelligence.service.js';

const TYPE = 'IntelligenceItem';
const REVIEW = 'IntelligenceReview';

/**
 * The purpose the audit trail records for a review decision: the decision (and its row in
 * intelligence_review), then the purpose the user stated, if any. Identifiers only: never the reason.
 */
const reviewPurpose = (decision: IntelligenceReviewDecision | 'DELETED', stated: string | null | undefined, reviewId?: string) =>
  `intelligence review: ${decision}${reviewId ? ` (review ${reviewId})` : ''}${stated ? `; ${stated}` : ''}`;

/**
 * A reviewer's decisions on the review list (docs/domain.md#intelligence): renew (a new review
 * date), change the handling code or the grading, or delete. Each is the `update` (or `delete`)
 * of the sharing rules (managers of the service that holds the item), on ACCEPTED intelligence
 * at the version the reviewer read; each records who, when and why in intelligence_review,
 * moves the item's keep-until date, and is audited with the decision as its purpose.
 */
@Injectable()
export class IntelligenceReviewService {
  constructor(
    private readonly scopes: AccessScopes,
    private readonly intelligence: IntelligenceService,
  ) {}

  /** IntelligenceItem.reviews, newest first: a page per item, for readers of the item in the service that holds it. Each read is audited. */
  forItem(ctx: { loaders: LoaderRegistry }, actor: Actor, itemId: string, args: PageArgs): Promise<Connection<IntelligenceReview>> {
    return loaderFor<Connection<IntelligenceReview>>(ctx, pageLoaderName('IntelligenceItem.reviews', args), (ids) => {
      const scope = this.scopes.of(actor);
      return scope.listEach(IntelligenceReview, REVIEW, 'intelligenceItemId', ids, args, { property: 'decidedAt', direction: 'DESC' }, (qb, a) => {
        // And only of items the reader may read now (a restricted person's are the DPO's only).
        if (!scope.onlyReadable(qb, `${a}.intelligenceItemId`, IntelligenceItem, TYPE)) qb.andWhere('FALSE');
      });
    }).load(itemId);
  }

  renew(actor: Actor, input: RenewIntelligenceInput): Promise<IntelligenceItem> {
    const problem = renewalProblem(input.reviewOn, new Date());
    if (problem) throw new BadInputError(problem, { field: 'reviewOn' });
    return this.decide(actor, input, IntelligenceReviewDecision.RENEWED, async (item) => {
      const before = item.reviewOn;
      item.reviewOn = input.reviewOn;
      return { previousReviewOn: before, reviewOn: input.reviewOn };
    });
  }

  changeHandling(actor: Actor, input: ChangeIntelligenceHandlingInput): Promise<IntelligenceItem> {
    return this.decide(actor, input, IntelligenceReviewDecision.HANDLING_CHANGED, async (item, s) => {
      const handling = await this.intelligence.handlingFor(s, input, item.libraryServiceId);
      const same = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
      if (
        handling.handlingCode === item.handlingCode &&
        (handling.handlingConditions ?? null) === (item.handlingConditions ?? null) &&
        same(handling.handlingOrganisationIds, item.handlingOrganisationIds) &&
        same(handling.handlingLibraryServiceIds, item.handlingLibraryServiceIds)
      ) {
        throw new BadInputError('The handling is unchanged: to keep the item as it is, renew it', { field: 'handlingCode' });
      }
      const before = item.handlingCode;
      Object.assign(item, handling);
      return { previousHandlingCode: before, handlingCode: handling.handlingCode };
    });
  }

  regrade(actor: Actor, input: RegradeIntelligenceInput): Promise<IntelligenceItem> {
    return this.decide(actor, input, IntelligenceReviewDecision.REGRADED, async (item) => {
      if (item.sourceEvaluation === input.sourceEvaluation && item.intelligenceAssessment === input.intelligenceAssessment) {
        throw new BadInputError('The grading is unchanged: to keep the item as it is, renew it', { field: 'sourceEvaluation' });
      }
      const before = { previousSourceEvaluation: item.sourceEvaluation, previousIntelligenceAssessment: item.intelligenceAssessment };
      item.sourceEvaluation = input.sourceEvaluation;
      item.intelligenceAssessment = input.intelligenceAssessment;
      return { ...before, sourceEvaluation: input.sourceEvaluation, intelligenceAssessment: input.intelligenceAssessment };
    });
  }

  /**
   * Deletes the item as a review decision. Its review history goes with it (ON DELETE CASCADE):
   * the reasons are free text about a record that no longer exists. What the DPO needs (which
   * item, when, by whom, as a review) is the DELETE line of the audit trail, whose purpose says
   * `intelligence review: DELETED`; the reason given is checked but not kept.
   */
  async delete(actor: Actor, input: VersionedReasonInput): Promise<DeletedIntelligenceItem> {
    return this.scopes.of(actor).transaction(async (s, m) => {
      const item = await this.reviewable(s, input, 'delete');
      if (item.dataProtection.legalHold) throw new ConflictError(`IntelligenceItem ${item.id} is on legal hold: it cannot be deleted until the hold is lifted`);
      await m.delete(IntelligenceItem, { id: item.id });
      await s.audited(AuditAction.DELETE, TYPE, [item], reviewPurpose('DELETED', actor.purpose));
      const [{ now }] = await m.query('SELECT clock_timestamp() AS now');
      return { id: item.id, deletedById: actor.principal.id, deletedAt: now };
    });
  }

  /** One decision that changes the item: loaded, checked, changed by `apply` (which answers what the history keeps), kept longer, recorded, audited. */
  private decide(
    actor: Actor,
    input: VersionedReasonInput,
    decision: IntelligenceReviewDecision,
    apply: (item: IntelligenceItem, s: AccessScope) => Promise<Partial<IntelligenceReview>>,
  ): Promise<IntelligenceItem> {
    return this.scopes.of(actor).transaction(async (s, m) => {
      const item = await this.reviewable(s, input, 'update');
      const values = await apply(item, s);
      // Reviewed now: its retention clock (updated_at) restarts, so its keep-until date moves with it.
      item.dataProtection.retainUntil = retainUntilAfterReview(await retainUntilFor(m, item.libraryServiceId, 'INTELLIGENCE', new Date()), item.reviewOn);
      const saved = await m.getRepository(IntelligenceItem).save(item);
      const review = await this.record(m, saved, decision, input.reason, actor.principal.id, values);
      await s.audited(AuditAction.UPDATE, TYPE, [saved], reviewPurpose(decision, actor.purpose, review.id));
      return saved;
    });
  }

  /** The item, locked, readable (else NOT_FOUND), allowed (else FORBIDDEN), at the version read (else CONFLICT), and in the record. */
  private async reviewable(s: AccessScope, input: VersionedReasonInput, action: 'update' | 'delete'): Promise<IntelligenceItem> {
    const item = await s.forWrite(IntelligenceItem, TYPE, input.id, action, input.version);
    const problem = reviewProblem(item.status);
    if (problem) throw new ConflictError(problem);
    return item;
  }

  private async record(
    m: EntityManager,
    item: IntelligenceItem,
    decision: IntelligenceReviewDecision,
    reason: string,
    decidedById: string,
    values: Partial<IntelligenceReview>,
  ): Promise<IntelligenceReview> {
    const repo = m.getRepository(IntelligenceReview);
    return repo.save(repo.create({ libraryServiceId: item.libraryServiceId, intelligenceItemId: item.id, decision, reason, decidedById, ...values }));
  }
}
