import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, actorOf, CurrentActor, type GqlContext } from '../../../access/src/index.js';
import { type Connection, ConnectionType, PageArgs, VersionedIdInput } from '../../../common/src/index.js';
import { ContactLog } from './contact-log.entity.js';
import { ContactLogService } from './contact-log.service.js';
import { AddFollowUpActionInput } from './dto/follow-up-action.input.js';
import { FollowUpAction } from './follow-up-action.entity.js';
import { isOverdue } from './follow-up-action.rules.js';
import { FollowUpActionService } from './follow-up-action.service.js';

const FollowUpActionConnection = ConnectionType(FollowUpAction);

@Resolver(() => FollowUpAction)
export class FollowUpActionResolver {
  constructor(
    private readonly followUps: FollowUpActionService,
    private readonly logs: ContactLogService,
  ) {}

  @Query(() => FollowUpActionConnection, { description: 'Open follow-up actions due before today (UK date), earliest first' })
  overdueFollowUps(@CurrentActor() actor: Actor, @Args() args: PageArgs): Promise<Connection<FollowUpAction>> {
    return this.followUps.overdue(actor, args);
  }

  @Mutation(() => FollowUpAction)
  addFollowUpAction(@CurrentActor() actor: Actor, @Args('input') input: AddFollowUpActionInput): Promise<FollowUpAction> {
    return this.followUps.add(actor, input);
  }

  @Mutation(() => FollowUpAction, { description: 'Completing an action that is already completed answers CONFLICT' })
  completeFollowUpAction(@CurrentActor() actor: Actor, @Args('input') { id, version }: VersionedIdInput): Promise<FollowUpAction> {
    return this.followUps.complete(actor, id, version);
  }

  @ResolveField(() => ContactLog, { nullable: true, description: 'The contact it follows up; null if you may not see it. Audited' })
  contactLog(@Parent() action: FollowUpAction, @Context() ctx: GqlContext): Promise<ContactLog | null> {
    return this.logs.byId(ctx, actorOf(ctx), action.contactLogId);
  }

  @ResolveField(() => Boolean, { description: 'Not completed and due before today (UK date)' })
  isOverdue(@Parent() action: FollowUpAction): boolean {
    return isOverdue(action);
  }
}
