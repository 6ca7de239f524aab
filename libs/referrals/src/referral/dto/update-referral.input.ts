import { Field, ID, InputType, OmitType } from '@nestjs/graphql';
import { DateTimeScalar, VersionedUpdateInput } from '../../../../common/src/index.js';
import { DataProtectionField, DataProtectionInput } from '../../../../governance/src/index.js';
import { ReferralNeed } from '../referral.enums.js';
import { CreateReferralInput } from './create-referral.input.js';

/** Changes a DRAFT. Omitted fields stay as they are; null clears an optional field. */
@InputType()
export class UpdateReferralInput extends VersionedUpdateInput(OmitType(CreateReferralInput, ['subjectId', 'dataProtection'])) {
  // The update's own descriptions; the validation is the create's.
  @Field(() => ID, { nullable: true }) partnerOrganisationId?: string;
  @Field(() => ID, { nullable: true, description: 'null removes it' }) partnerContactId?: string | null;
  @Field(() => String, { nullable: true }) partnerService?: string | null;
  @Field(() => [ReferralNeed], { nullable: true }) needs?: ReferralNeed[];
  @Field({ nullable: true }) reason?: string;
  @Field(() => String, { nullable: true }) contactRoute?: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) consentRecordedAt?: Date | null;
  @Field(() => String, { nullable: true }) consentMethod?: string | null;
  @Field(() => String, { nullable: true }) lawfulBasisJustification?: string | null;

  @DataProtectionField()
  dataProtection?: DataProtectionInput;
}
