import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor } from '../../../access/src/index.js';
import { AddReferralUpdateInput, AddReferralUpdateOnBehalfInput } from './dto/add-referral-update.args.js';
import { ReferralUpdate } from './referral-update.entity.js';
import { ReferralUpdateService } from './referral-update.service.js';

@Resolver(() => ReferralUpdate)
export class ReferralUpdateResolver {
  constructor(private readonly updates: ReferralUpdateService) {}

  @Mutation(() => ReferralUpdate, { description: 'A message to the other side of a sent referral (library or receiving partner)' })
  addReferralUpdate(@CurrentActor() actor: Actor, @Args('input') input: AddReferralUpdateInput): Promise<ReferralUpdate> {
    return this.updates.add(actor, input);
  }

  @Mutation(() => ReferralUpdate, {
    description: 'A message the receiving partner gave outside the app, recorded on its behalf on a sent referral (the referring worker or a manager)',
  })
  addReferralUpdateOnBehalf(@CurrentActor() actor: Actor, @Args('input') input: AddReferralUpdateOnBehalfInput): Promise<ReferralUpdate> {
    return this.updates.addOnBehalf(actor, input);
  }
}
