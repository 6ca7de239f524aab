import { Field, InputType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import { IsDate } from 'class-validator';
import { AnyIdFilter, DateTimeScalar } from '../../../common/src/index.js';
import { commaList } from '../incident-statistics/incident-statistics.input.js';

@InputType({ description: 'A period [from, to) of at most three years, and optionally some branches of your service' })
export class ReportPeriodInput {
  @Field(() => DateTimeScalar, { description: 'At or after' })
  @Type(() => Date)
  @IsDate()
  from: Date;

  @Field(() => DateTimeScalar, { description: 'Before' })
  @Type(() => Date)
  @IsDate()
  to: Date;

  @AnyIdFilter(100, 'Only these branches (of your service); all of them when left out')
  @Transform(commaList)
  branchIds?: string[];
}
