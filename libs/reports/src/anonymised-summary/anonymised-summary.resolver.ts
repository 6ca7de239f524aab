import { Args, Query, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor } from '../../../access/src/index.js';
import { AGGREGATE_COST } from '../../../common/src/index.js';
import { AnonymisedSummaryService } from './anonymised-summary.service.js';
import { AnonymisedSummary, AnonymisedSummaryInput } from './anonymised-summary.types.js';

@Resolver(() => AnonymisedSummary)
export class AnonymisedSummaryResolver {
  constructor(private readonly summaries: AnonymisedSummaryService) {}

  @Query(() => AnonymisedSummary, {
    complexity: AGGREGATE_COST,
    description:
      'Incidents by category and branch for the community safety partnership or council, under an agreement in force with it: small numbers suppressed (managers; audited as an export)',
  })
  anonymisedIncidentSummary(@CurrentActor() actor: Actor, @Args('input') input: AnonymisedSummaryInput): Promise<AnonymisedSummary> {
    return this.summaries.summary(actor, input);
  }
}
