import { Field, ID, InputType, OmitType } from '@nestjs/graphql';
import { DataProtectionField, DataProtectionInput } from '../../../../governance/src/index.js';
import { DateTimeScalar, VersionedUpdateInput } from '../../../../common/src/index.js';
import { CreateContactLogInput } from './create-contact-log.input.js';

/** Omitted fields stay as they are; null clears an optional field. */
@InputType()
export class UpdateContactLogInput extends VersionedUpdateInput(
  OmitType(CreateContactLogInput, ['partnerOrganisationId', 'followUpActions', 'dataProtection']),
) {
  // The update's own descriptions; the validation is the create's.
  @Field(() => ID, { nullable: true, description: 'A branch of your library service; null removes it' }) branchId?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Not in the future' }) occurredAt?: Date;

  @DataProtectionField()
  dataProtection?: DataProtectionInput;
}
