import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { DataProtectionField, DataProtectionInput } from '../../../../governance/src/index.js';
import { IsNonBlankText, IsText } from '../../../../common/src/index.js';
import { ContactPointsInput } from '../../contact-points.input.js';
import { PreferredContactMethod } from '../preferred-contact-method.enum.js';

@InputType()
export class CreatePartnerContactInput extends ContactPointsInput {
  @Field(() => ID)
  @IsUUID('all', { message: '$property must be a UUID' })
  partnerOrganisationId: string;

  @Field()
  @IsNonBlankText(200)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(200)
  jobTitle?: string | null;

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
