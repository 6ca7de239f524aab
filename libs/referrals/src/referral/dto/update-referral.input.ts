import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
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
import { ReferralConsent, ReferralNeed, ReferralUrgency } from '../referral.enums.js';
import { NEED_MESSAGE } from './create-referral.input.js';

const UUID = { message: '$property must be a UUID' };

/** Changes a DRAFT. Omitted fields stay as they are; null clears an optional field. */
@InputType()
export class UpdateReferralInput {
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
  partnerOrganisationId?: string;

  @Field(() => ID, { nullable: true, description: 'null removes it' })
  @IsOptional()
  @IsUUID('all', UUID)
  partnerContactId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  partnerService?: string | null;

  @Field(() => [ReferralNeed], { nullable: true })
  @IsOptionalNotNull()
  @IsArray({ message: NEED_MESSAGE })
  @ArrayMinSize(1, { message: NEED_MESSAGE })
  @ArrayMaxSize(11)
  @ArrayUnique({ message: NEED_MESSAGE })
  @IsEnum(ReferralNeed, { each: true, message: NEED_MESSAGE })
  needs?: ReferralNeed[];

  @Field({ nullable: true })
  @IsOptionalNotNull()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  reason?: string;

  @Field(() => ReferralUrgency, { nullable: true })
  @IsOptionalNotNull()
  @IsEnum(ReferralUrgency)
  urgency?: ReferralUrgency;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(1000)
  contactRoute?: string | null;

  @Field(() => ReferralConsent, { nullable: true })
  @IsOptionalNotNull()
  @IsEnum(ReferralConsent)
  consent?: ReferralConsent;

  @Field(() => DateTimeScalar, { nullable: true })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @IsNotInFuture()
  consentRecordedAt?: Date | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  consentMethod?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  lawfulBasisJustification?: string | null;

  @Field(() => DataProtectionInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DataProtectionInput)
  dataProtection?: DataProtectionInput;
}
