import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate, IsOptionalNotNull, Trim, TrimEach, DateScalar, IsNotInFuture } from '../../../../common/src/index.js';
import { DataProtectionInput } from '../../../../governance/src/index.js';
import { AgeBand } from '../age-band.enum.js';
import { ALIASES_MAX } from './create-subject.input.js';

/** Omitted fields stay as they are; null clears an optional field. */
@InputType()
export class UpdateSubjectInput {
  @Field(() => ID)
  @IsUUID('all', { message: '$property must be a UUID' })
  id: string;

  @Field(() => Int, { description: 'The version you last read' })
  @IsInt()
  @Min(1)
  version: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @Field(() => [String], { nullable: true, description: 'Replaces the aliases' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(ALIASES_MAX)
  @TrimEach()
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  aliases?: string[];

  @Field(() => DateScalar, { nullable: true, description: 'YYYY-MM-DD; giving one clears the age band' })
  @IsOptional()
  @IsCalendarDate()
  @IsNotInFuture()
  dateOfBirth?: string | null;

  @Field(() => AgeBand, { nullable: true })
  @IsOptional()
  @IsEnum(AgeBand)
  ageBand?: AgeBand | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  photoReference?: string | null;

  @Field({ nullable: true })
  @IsOptionalNotNull()
  @IsBoolean()
  isChildSafeguarding?: boolean;

  @Field({ nullable: true })
  @IsOptionalNotNull()
  @IsBoolean()
  isAdultAtRisk?: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(10000)
  notes?: string | null;

  @Field(() => DataProtectionInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DataProtectionInput)
  dataProtection?: DataProtectionInput;
}
