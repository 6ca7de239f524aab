import { Field, InputType, OmitType } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';
import { DataProtectionField, DataProtectionInput } from '../../../../governance/src/index.js';
import { IsOptionalNotNull, VersionedUpdateInput } from '../../../../common/src/index.js';
import { PreferredContactMethod } from '../preferred-contact-method.enum.js';
import { CreatePartnerContactInput } from './create-partner-contact.input.js';

/** Omitted fields stay as they are; null clears an optional field. */
@InputType()
export class UpdatePartnerContactInput extends VersionedUpdateInput(
  OmitType(CreatePartnerContactInput, ['partnerOrganisationId', 'preferredContact', 'dataProtection']),
) {
  @Field(() => PreferredContactMethod, { nullable: true })
  @IsOptionalNotNull()
  @IsEnum(PreferredContactMethod)
  preferredContact?: PreferredContactMethod;

  @DataProtectionField()
  dataProtection?: DataProtectionInput;
}
