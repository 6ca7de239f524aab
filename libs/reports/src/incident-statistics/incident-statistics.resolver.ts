import { Args, Query, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor } from '../../../access/src/index.js';
import { AGGREGATE_COST } from '../../../common/src/index.js';
import { IncidentStatisticsInput } from './incident-statistics.input.js';
import { IncidentStatisticsService } from './incident-statistics.service.js';
import { IncidentStatistics } from './incident-statistics.types.js';

@Resolver(() => IncidentStatistics)
export class IncidentStatisticsResolver {
  constructor(private readonly statistics: IncidentStatisticsService) {}

  @Query(() => IncidentStatistics, {
    complexity: AGGREGATE_COST,
    description:
      'Incidents of your service in [from, to), counted by the groups asked for, with the total, the police share, the change against the period before and the year before, and repeat people and places (managers and the DPO)',
  })
  incidentStatistics(@CurrentActor() actor: Actor, @Args('input') input: IncidentStatisticsInput): Promise<IncidentStatistics> {
    return this.statistics.statistics(actor, input);
  }
}
