import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDate,
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
import { IsNotInFuture, IsOptionalNotNull, Trim, DateTimeScalar } from '../../../../common/src/index.js';
import { DataProtectionInput } from '../../../../governance/src/index.js';
import { Byelaw } from '../byelaw.enum.js';
import { IncidentCategory, IncidentSeverity } from '../incident.enums.js';
import { STAFF_MAX } from './record-incident.input.js';

const UUID = { message: '$property must be a UUID' };

/** Omitted fields stay as they are; null clears an optional field. */
@InputType()
export class UpdateIncidentInput {
  @Field(() => ID)
  @IsUUID('all', UUID)
  id: string;

  @Field(() => Int, { description: 'The version you last read' })
  @IsInt()
  @Min(1)
  version: number;

  @Field(() => ID, { nullable: true })
  @IsOptionalNotNull()
  @IsUUID('all', UUID)
  branchId?: string;

  @Field(() => DateTimeScalar, { nullable: true })
  @IsOptionalNotNull()
  @Type(() => Date)
  @IsDate()
  @IsNotInFuture()
  occurredAt?: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  @IsOptionalNotNull()
  @Type(() => Date)
  @IsDate()
  @IsNotInFuture()
  reportedAt?: Date;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  locationInBuilding?: string | null;

  @Field(() => IncidentCategory, { nullable: true })
  @IsOptionalNotNull()
  @IsEnum(IncidentCategory)
  category?: IncidentCategory;

  @Field(() => IncidentSeverity, { nullable: true })
  @IsOptional()
  @IsEnum(IncidentSeverity)
  severity?: IncidentSeverity | null;

  @Field(() => [Byelaw], { nullable: true, description: 'Replaces the list' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsEnum(Byelaw, { each: true })
  byelawsBreached?: Byelaw[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(1000)
  byelawDetails?: string | null;

  @Field({ nullable: true })
  @IsOptionalNotNull()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  description?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(10000)
  actionsTaken?: string | null;

  @Field({ nullable: true })
  @IsOptionalNotNull()
  @IsBoolean()
  reportedToPolice?: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  crimeReferenceNumber?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Replaces the staff involved' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(STAFF_MAX)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each of $property must be a UUID' })
  staffInvolvedIds?: string[];

  @Field(() => DataProtectionInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DataProtectionInput)
  dataProtection?: DataProtectionInput;
}
