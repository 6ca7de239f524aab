import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { ReferralStatisticsGroupBy } from './referral-statistics.args.js';
import { DateTimeScalar } from '../../../../common/src/index.js';

@ObjectType({ description: 'Closed referrals by outcome' })
export class ReferralOutcomeCounts {
  @Field(() => Int) needsMet: number;
  @Field(() => Int) partlyMet: number;
  @Field(() => Int) notMet: number;
  @Field(() => Int) disengaged: number;
  @Field(() => Int) referredOn: number;
}

@ObjectType({ description: 'Counts for one group of referrals sent in the period' })
export class ReferralStatisticsRow {
  @Field({ description: 'Partner organisation id, need, or month (YYYY-MM); "ALL" for the total' }) key: string;
  @Field({ description: 'Partner organisation name, need, or month' }) label: string;
  @Field(() => Int) sent: number;
  @Field(() => Int, { description: 'Accepted at some point (including those since in progress or closed)' }) accepted: number;
  @Field(() => Int) declined: number;
  @Field(() => Int) withdrawn: number;
  @Field(() => Int, { description: 'Sent and not yet answered' }) awaitingAnswer: number;
  @Field(() => Int) closed: number;
  @Field(() => ReferralOutcomeCounts) closedByOutcome: ReferralOutcomeCounts;
  @Field(() => Float, { nullable: true, description: 'accepted / (accepted + declined); null when none was answered' }) acceptanceRate: number | null;
  @Field(() => Float, { nullable: true, description: 'Median hours from sent to accepted; null when none was accepted' }) medianHoursToAccept: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean hours from sent to accepted; null when none was accepted' }) averageHoursToAccept: number | null;
}

@ObjectType()
export class ReferralStatistics {
  @Field(() => DateTimeScalar) from: Date;
  @Field(() => DateTimeScalar) to: Date;
  @Field(() => ReferralStatisticsGroupBy) groupBy: ReferralStatisticsGroupBy;
  @Field(() => [ReferralStatisticsRow]) groups: ReferralStatisticsRow[];
  @Field(() => ReferralStatisticsRow, { description: 'All referrals of the period, each counted once' }) total: ReferralStatisticsRow;
}
