import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, actorOf, CurrentActor, type GqlContext } from '../../../access/src/index.js';
import { type Connection, ConnectionType, PageArgs, VersionedReasonInput } from '../../../common/src/index.js';
import { DeletedIntelligenceItem } from './dto/deleted-intelligence-item.output.js';
import { ChangeIntelligenceHandlingInput, RegradeIntelligenceInput, RenewIntelligenceInput } from './dto/intelligence-review.input.js';
import { IntelligenceItem } from './intelligence-item.entity.js';
import { IntelligenceReview } from './intelligence-review.entity.js';
import { IntelligenceReviewService } from './intelligence-review.service.js';

const IntelligenceReviewConnection = ConnectionType(IntelligenceReview);

/** Review decisions on the items due for review (intelligenceItems(filter: { reviewDueBy })), and their history. */
@Resolver(() => IntelligenceItem)
export class IntelligenceReviewResolver {
  constructor(private readonly reviewService: IntelligenceReviewService) {}

  @Mutation(() => IntelligenceItem, {
    description: 'Review decision: keep ACCEPTED intelligence and review it again on reviewOn (after today, at most 12 months ahead); managers only',
  })
  renewIntelligence(@CurrentActor() actor: Actor, @Args('input') input: RenewIntelligenceInput): Promise<IntelligenceItem> {
    return this.reviewService.renew(actor, input);
  }

  @Mutation(() => IntelligenceItem, { description: 'Review decision: change the handling code of ACCEPTED intelligence; managers only' })
  changeIntelligenceHandling(@CurrentActor() actor: Actor, @Args('input') input: ChangeIntelligenceHandlingInput): Promise<IntelligenceItem> {
    return this.reviewService.changeHandling(actor, input);
  }

  @Mutation(() => IntelligenceItem, { description: 'Review decision: change the 3x5x2 grading of ACCEPTED intelligence; managers only' })
  regradeIntelligence(@CurrentActor() actor: Actor, @Args('input') input: RegradeIntelligenceInput): Promise<IntelligenceItem> {
    return this.reviewService.regrade(actor, input);
  }

  @Mutation(() => DeletedIntelligenceItem, {
    description:
      'Review decision: delete ACCEPTED intelligence (not on legal hold), with its review history; the audit trail keeps who deleted it and when. Managers only',
  })
  deleteIntelligence(@CurrentActor() actor: Actor, @Args('input') input: VersionedReasonInput): Promise<DeletedIntelligenceItem> {
    return this.reviewService.delete(actor, input);
  }

  @ResolveField(() => IntelligenceReviewConnection, {
    description: 'Its review decisions, newest first, for the service that holds it (empty for partners and other services). Each read is audited',
  })
  reviews(@Parent() item: IntelligenceItem, @Context() ctx: GqlContext, @Args() args: PageArgs): Promise<Connection<IntelligenceReview>> {
    return this.reviewService.forItem(ctx, actorOf(ctx), item.id, args);
  }
}
