import { ArgsType, Field, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsEnum } from 'class-validator';
import { DateTimeScalar } from '../../../../common/src/index.js';

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
  @Field(() => DateTimeScalar, { description: 'Sent at or after' })
  @Type(() => Date)
  @IsDate()
  from: Date;

  @Field(() => DateTimeScalar, { description: 'Sent before' })
  @Type(() => Date)
  @IsDate()
  to: Date;

  @Field(() => ReferralStatisticsGroupBy)
  @IsEnum(ReferralStatisticsGroupBy)
  groupBy: ReferralStatisticsGroupBy;
}
