import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEmail, IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { DataProtectionInput } from '../../../../governance/src/index.js';
import { PHONE_MESSAGE, PHONE_PATTERN, Trim } from '../../../../common/src/index.js';
import { PreferredContactMethod } from '../preferred-contact-method.enum.js';

@InputType()
export class CreatePartnerContactInput {
  @Field(() => ID)
  @IsUUID('all', { message: '$property must be a UUID' })
  partnerOrganisationId: string;

  @Field()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

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

  @Field(() => PreferredContactMethod, { nullable: true, description: 'EMAIL when not given' })
  @IsOptional()
  @IsEnum(PreferredContactMethod)
  preferredContact?: PreferredContactMethod;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string | null;

  @Field(() => DataProtectionInput, { nullable: true, description: 'Lawful basis PUBLIC_TASK when not given' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DataProtectionInput)
  dataProtection?: DataProtectionInput;
}
