import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsOptionalNotNull, Trim, DateScalar, IsNotInFuture } from '../../../../common/src/index.js';
import { DataProtectionInput } from '../../../../governance/src/index.js';
import { AppealOutcome, BanScope } from '../ban.enums.js';
import { BAN_BRANCHES_MAX, BAN_INCIDENTS_MAX } from './propose-ban.input.js';

const UUID = { message: '$property must be a UUID' };
const UUIDS = { each: true, message: 'each of $property must be a UUID' };

/** Omitted fields stay as they are; null clears an optional field. Status changes go through transitionBan. */
@InputType()
export class UpdateBanInput {
  @Field(() => ID)
  @IsUUID('all', UUID)
  id: string;

  @Field(() => Int, { description: 'The version you last read' })
  @IsInt()
  @Min(1)
  version: number;

  @Field(() => BanScope, { nullable: true })
  @IsOptionalNotNull()
  @IsEnum(BanScope)
  scope?: BanScope;

  @Field(() => [ID], { nullable: true, description: 'Replaces the listed branches' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(BAN_BRANCHES_MAX)
  @ArrayUnique()
  @IsUUID('all', UUIDS)
  branchIds?: string[];

  @Field({ nullable: true })
  @IsOptionalNotNull()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  reason?: string;

  @Field(() => [ID], { nullable: true, description: 'Replaces the linked incidents' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(BAN_INCIDENTS_MAX)
  @ArrayUnique()
  @IsUUID('all', UUIDS)
  incidentIds?: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(5000)
  conditions?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(5000)
  notes?: string | null;

  @Field(() => DateScalar, { nullable: true })
  @IsOptionalNotNull()
  @IsCalendarDate()
  startsOn?: string;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  @IsCalendarDate()
  endsOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  @IsCalendarDate()
  reviewOn?: string | null;

  @Field({ nullable: true })
  @IsOptionalNotNull()
  @IsBoolean()
  abaOffered?: boolean;

  @Field({ nullable: true })
  @IsOptionalNotNull()
  @IsBoolean()
  abaSigned?: boolean;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  @IsCalendarDate()
  @IsNotInFuture()
  abaSignedOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  @IsCalendarDate()
  @IsNotInFuture()
  appealLodgedOn?: string | null;

  @Field(() => AppealOutcome, { nullable: true })
  @IsOptional()
  @IsEnum(AppealOutcome)
  appealOutcome?: AppealOutcome | null;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  @IsCalendarDate()
  @IsNotInFuture()
  appealOutcomeOn?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(5000)
  appealNotes?: string | null;

  @Field(() => DataProtectionInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DataProtectionInput)
  dataProtection?: DataProtectionInput;
}
