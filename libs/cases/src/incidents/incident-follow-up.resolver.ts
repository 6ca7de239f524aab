import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor } from '../../../access/src/index.js';
import { VersionedIdInput } from '../../../common/src/index.js';
import { AddIncidentFollowUpActionInput } from './dto/incident-details.input.js';
import { IncidentFollowUpAction } from './incident-details.types.js';
import { IncidentDetailsService } from './incident-details.service.js';

@Resolver(() => IncidentFollowUpAction)
export class IncidentFollowUpResolver {
  constructor(private readonly details: IncidentDetailsService) {}

  @Mutation(() => IncidentFollowUpAction, { description: 'Adds a follow-up action to an incident, with an owner and a due date' })
  addIncidentFollowUpAction(@CurrentActor() actor: Actor, @Args('input') input: AddIncidentFollowUpActionInput): Promise<IncidentFollowUpAction> {
    return this.details.addFollowUp(actor, input);
  }

  @Mutation(() => IncidentFollowUpAction, { description: 'Completing an action that is already completed answers CONFLICT' })
  completeIncidentFollowUpAction(@CurrentActor() actor: Actor, @Args('input') { id, version }: VersionedIdInput): Promise<IncidentFollowUpAction> {
    return this.details.completeFollowUp(actor, id, version);
  }
}
