import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import {
  AnyOfFilter,
  DateScalar,
  FilterArg,
  IdFilter,
  IsCalendarDate,
  IsNotInFuture,
  IsText,
  PageArgs,
  Trim,
  VersionedIdInput,
} from '../../../../common/src/index.js';
import { RefusalGround, RightsDecision, RightsRequestStatus, RightsRequestType } from '../rights-request.enums.js';

const UUID_MESSAGE = { message: '$property must be a UUID' };

@InputType()
export class LogRightsRequestInput {
  @Field(() => ID, { description: 'The person (Subject) the request is about' })
  @IsUUID('all', UUID_MESSAGE)
  subjectId: string;

  @Field(() => RightsRequestType)
  @IsEnum(RightsRequestType)
  type: RightsRequestType;

  @Field(() => DateScalar, { description: 'When the request reached the library service (YYYY-MM-DD): the one-month deadline runs from it' })
  @IsCalendarDate()
  @IsNotInFuture()
  receivedOn: string;

  @Field({ description: 'What the person asks for, as received (how they asked; which records or details)' })
  @Trim()
  @IsString()
  @MinLength(1, { message: 'details must say what the person asked for' })
  @MaxLength(5000)
  details: string;
}

@InputType({ description: 'One field of one record to correct (rectification)' })
export class CorrectionInput {
  @Field({ description: 'Record type as the audit trail names it, e.g. Subject, ContactLog' })
  @Matches(/^[A-Za-z]{1,60}$/, { message: 'entityType must be a record type name such as Subject' })
  entityType: string;

  @Field(() => ID)
  @IsString()
  @MaxLength(100)
  id: string;

  @Field({ description: 'The field to correct, as the API names it (e.g. dateOfBirth)' })
  @Matches(/^[A-Za-z]{1,60}$/, { message: 'field must be a field name such as dateOfBirth' })
  field: string;

  @Field(() => String, { nullable: true, description: 'The correct value (null clears it)' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  value?: string | null;

  @Field({ description: 'Why: what was wrong and how it was verified' })
  @Trim()
  @IsString()
  @MinLength(1, { message: 'reason must say why the correction is made' })
  @MaxLength(2000)
  reason: string;
}

@InputType()
export class DecideRightsRequestInput extends VersionedIdInput {
  @Field(() => RightsDecision)
  @IsEnum(RightsDecision)
  decision: RightsDecision;

  @Field({ nullable: true, description: 'Required when granting in part or refusing: what is not done and why' })
  @IsOptional()
  @IsText(5000)
  reason?: string;

  @Field(() => RefusalGround, { nullable: true, description: 'Required when refusing' })
  @IsOptional()
  @IsEnum(RefusalGround)
  refusalGround?: RefusalGround;

  @Field(() => [String], { nullable: true, description: 'Erasure in part: record types kept because a retention duty applies (e.g. INCIDENT)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[A-Z][A-Z0-9_]{1,60}$/, { each: true, message: 'keepRecordTypes must be record types such as INCIDENT' })
  keepRecordTypes?: string[];

  @Field(() => [CorrectionInput], { nullable: true, description: 'Rectification: the corrections to make' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CorrectionInput)
  corrections?: CorrectionInput[];
}

@InputType()
export class LiftRestrictionInput {
  @Field(() => ID)
  @IsUUID('all', UUID_MESSAGE)
  subjectId: string;

  @Field({ description: 'Why the restriction ends (e.g. accuracy verified)' })
  @Trim()
  @IsString()
  @MinLength(1, { message: 'reason must say why the restriction ends' })
  @MaxLength(2000)
  reason: string;
}

@InputType()
export class RightsRequestFilterInput {
  @AnyOfFilter(RightsRequestStatus, 10)
  statuses?: RightsRequestStatus[];

  @AnyOfFilter(RightsRequestType, 10)
  types?: RightsRequestType[];

  @IdFilter()
  subjectId?: string;
}

@ArgsType()
export class RightsRequestsArgs extends PageArgs {
  @FilterArg(() => RightsRequestFilterInput)
  filter?: RightsRequestFilterInput;
}

@ArgsType()
export class SubjectIdArgs {
  @Field(() => ID)
  @IsUUID('all', UUID_MESSAGE)
  subjectId: string;
}
