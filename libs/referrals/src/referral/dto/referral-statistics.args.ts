import { ArgsType, Field, GraphQLISODateTime, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsEnum } from 'class-validator';

export enum ReferralStatisticsGroupBy {
  PARTNER = 'PARTNER',
  NEED = 'NEED',
  MONTH = 'MONTH',
}
registerEnumType(ReferralStatisticsGroupBy, {
  name: 'ReferralStatisticsGroupBy',
  valuesMap: {
    NEED: { description: 'A referral naming several needs counts once under each' },
    MONTH: { description: 'Month sent, on the UK calendar (YYYY-MM)' },
  },
});

/** Referrals SENT in [from, to), grouped; what happened to them since is counted whenever it happened. */
@ArgsType()
export class ReferralStatisticsArgs {
  @Field(() => GraphQLISODateTime, { description: 'Sent at or after' })
  @Type(() => Date)
  @IsDate()
  from: Date;

  @Field(() => GraphQLISODateTime, { description: 'Sent before' })
  @Type(() => Date)
  @IsDate()
  to: Date;

  @Field(() => ReferralStatisticsGroupBy)
  @IsEnum(ReferralStatisticsGroupBy)
  groupBy: ReferralStatisticsGroupBy;
}
