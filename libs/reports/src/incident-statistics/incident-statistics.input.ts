import { Field, InputType, registerEnumType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsDate, IsEnum } from 'class-validator';
import { IncidentCategory, IncidentSeverity } from '../../../cases/src/index.js';
import { AnyIdFilter, AnyOfFilter, DateTimeScalar } from '../../../common/src/index.js';

export enum IncidentStatisticsGroupBy {
  BRANCH = 'BRANCH',
  CATEGORY = 'CATEGORY',
  SEVERITY = 'SEVERITY',
  MONTH = 'MONTH',
  WEEKDAY = 'WEEKDAY',
  HOUR = 'HOUR',
}
registerEnumType(IncidentStatisticsGroupBy, {
  name: 'IncidentStatisticsGroupBy',
  valuesMap: {
    SEVERITY: { description: 'Incidents not yet assessed are one group, with no value' },
    MONTH: { description: 'Month it happened, on the UK calendar (YYYY-MM)' },
    WEEKDAY: { description: 'Day of the week it happened, UK time: 1 (Monday) to 7 (Sunday)' },
    HOUR: { description: 'Hour of the day it happened, UK time: 00 to 23' },
  },
});

/** As a query parameter of the CSV download: repeated (`groupBy=MONTH&groupBy=CATEGORY`) or comma-separated. */
export const commaList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : value;

@InputType({ description: 'Incidents that happened in [from, to), in your library service, counted by the groups asked for' })
export class IncidentStatisticsInput {
  @Field(() => DateTimeScalar, { description: 'Happened at or after' })
  @Type(() => Date)
  @IsDate()
  from: Date;

  @Field(() => DateTimeScalar, { description: 'Happened before (at most three years after from)' })
  @Type(() => Date)
  @IsDate()
  to: Date;

  @Field(() => [IncidentStatisticsGroupBy], { description: 'Counted per combination of these, in this order; empty: the total only' })
  @Transform(commaList)
  @IsArray()
  @ArrayMaxSize(6)
  @ArrayUnique()
  @IsEnum(IncidentStatisticsGroupBy, { each: true })
  groupBy: IncidentStatisticsGroupBy[];

  @AnyIdFilter(100, 'Only incidents at these branches (of your service)')
  @Transform(commaList)
  branchIds?: string[];

  @AnyOfFilter(IncidentCategory, 20, 'Only incidents of these categories')
  @Transform(commaList)
  categories?: IncidentCategory[];

  @AnyOfFilter(IncidentSeverity, 10, 'Only incidents of these severities')
  @Transform(commaList)
  severities?: IncidentSeverity[];
}
