import { Args, Query, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor } from '../../../access/src/index.js';
import { ReferralStatisticsArgs } from './dto/referral-statistics.args.js';
import { ReferralStatistics } from './dto/referral-statistics.output.js';
import { ReferralStatisticsService } from './referral-statistics.service.js';
import { AGGREGATE_COST } from '../../../common/src/index.js';

@Resolver(() => ReferralStatistics)
export class ReferralStatisticsResolver {
  constructor(private readonly statistics: ReferralStatisticsService) {}

  @Query(() => ReferralStatistics, {
    complexity: AGGREGATE_COST,
    description: 'Referrals sent in [from, to) that you may see, grouped: counts, acceptance rate, median hours to accept',
  })
  referralStatistics(@CurrentActor() actor: Actor, @Args() args: ReferralStatisticsArgs): Promise<ReferralStatistics> {
    return this.statistics.statistics(actor, args);
  }
}
