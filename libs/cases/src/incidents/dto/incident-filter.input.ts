import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional } from 'class-validator';
import { AnyIdFilter, AnyOfFilter, DateTimeFilter, FilterArg, IdFilter, PageArgs } from '../../../../common/src/index.js';
import { IncidentCategory, IncidentSeverity } from '../incident.enums.js';

@InputType()
export class IncidentFilterInput {
  @AnyIdFilter(100)
  branchIds?: string[];

  @AnyOfFilter(IncidentCategory, 20)
  categories?: IncidentCategory[];

  @AnyOfFilter(IncidentSeverity, 10)
  severities?: IncidentSeverity[];

  @DateTimeFilter('Occurred at or after')
  from?: Date;

  @DateTimeFilter('Occurred at or before')
  to?: Date;

  @IdFilter('Incidents this person was involved in, in any part')
  subjectId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  reportedToPolice?: boolean;
}

@ArgsType()
export class IncidentsArgs extends PageArgs {
  @FilterArg(() => IncidentFilterInput)
  filter?: IncidentFilterInput;
}
