import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEmail, IsEnum, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { DataProtectionInput } from '../../../../governance/src/index.js';
import { IsOptionalNotNull, PHONE_MESSAGE, PHONE_PATTERN, Trim } from '../../../../common/src/index.js';
import { PreferredContactMethod } from '../preferred-contact-method.enum.js';

/** Omitted fields stay as they are; null clears an optional field. */
@InputType()
export class UpdatePartnerContactInput {
  @Field(() => ID)
  @IsUUID('all', { message: '$property must be a UUID' })
  id: string;

  @Field(() => Int, { description: 'The version you last read' })
  @IsInt()
  @Min(1)
  version: number;

  @Field({ nullable: true })
  @IsOptionalNotNull()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  jobTitle?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @Matches(PHONE_PATTERN, { message: PHONE_MESSAGE })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsEmail({}, { message: '$property must be an email address' })
  @MaxLength(254)
  email?: string | null;

  @Field(() => PreferredContactMethod, { nullable: true })
  @IsOptionalNotNull()
  @IsEnum(PreferredContactMethod)
  preferredContact?: PreferredContactMethod;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string | null;

  @Field(() => DataProtectionInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DataProtectionInput)
  dataProtection?: DataProtectionInput;
}
