import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { DataProtectionField, DataProtectionInput } from '../../../../governance/src/index.js';
import { IsEmailAddress, IsPhone, Trim } from '../../../../common/src/index.js';
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
  @IsPhone()
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmailAddress()
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

  @DataProtectionField('Lawful basis PUBLIC_TASK when not given')
  dataProtection?: DataProtectionInput;
}
