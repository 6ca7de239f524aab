import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDate, IsEnum, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { PageArgs, DateTimeScalar } from '../../../../common/src/index.js';
import { IncidentCategory, IncidentSeverity } from '../incident.enums.js';

@InputType()
export class IncidentFilterInput {
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'each of $property must be a UUID' })
  branchIds?: string[];

  @Field(() => [IncidentCategory], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsEnum(IncidentCategory, { each: true })
  categories?: IncidentCategory[];

  @Field(() => [IncidentSeverity], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsEnum(IncidentSeverity, { each: true })
  severities?: IncidentSeverity[];

  @Field(() => DateTimeScalar, { nullable: true, description: 'Occurred at or after' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Occurred at or before' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;

  @Field(() => ID, { nullable: true, description: 'Incidents this person was involved in, in any part' })
  @IsOptional()
  @IsUUID('all', { message: '$property must be a UUID' })
  subjectId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  reportedToPolice?: boolean;
}

@ArgsType()
export class IncidentsArgs extends PageArgs {
  @Field(() => IncidentFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => IncidentFilterInput)
  filter?: IncidentFilterInput;
}
