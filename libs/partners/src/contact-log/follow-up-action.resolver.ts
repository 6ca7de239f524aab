import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor } from '../../../access/src/index.js';
import { VersionedIdArgs } from '../../../common/src/index.js';
import { AddFollowUpActionArgs } from './dto/follow-up-action.input.js';
import { FollowUpAction } from './follow-up-action.entity.js';
import { isOverdue } from './follow-up-action.rules.js';
import { FollowUpActionService } from './follow-up-action.service.js';

@Resolver(() => FollowUpAction)
export class FollowUpActionResolver {
  constructor(private readonly followUps: FollowUpActionService) {}

  @Query(() => [FollowUpAction], { description: 'Open follow-up actions due before today (UK date), earliest first' })
  overdueFollowUps(@CurrentActor() actor: Actor): Promise<FollowUpAction[]> {
    return this.followUps.overdue(actor);
  }

  @Mutation(() => FollowUpAction)
  addFollowUpAction(@CurrentActor() actor: Actor, @Args() args: AddFollowUpActionArgs): Promise<FollowUpAction> {
    return this.followUps.add(actor, args);
  }

  @Mutation(() => FollowUpAction, { description: 'Completing an action that is already completed answers CONFLICT' })
  completeFollowUpAction(@CurrentActor() actor: Actor, @Args() { id, version }: VersionedIdArgs): Promise<FollowUpAction> {
    return this.followUps.complete(actor, id, version);
  }

  @ResolveField(() => Boolean, { description: 'Not completed and due before today (UK date)' })
  isOverdue(@Parent() action: FollowUpAction): boolean {
    return isOverdue(action);
  }
}
