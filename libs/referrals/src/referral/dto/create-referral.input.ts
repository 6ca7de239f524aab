import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { DateTimeScalar, IsNonBlankText, IsPastDateTime, IsText } from '../../../../common/src/index.js';
import { DataProtectionField, DataProtectionInput } from '../../../../governance/src/index.js';
import { ReferralConsent, ReferralNeed, ReferralUrgency } from '../referral.enums.js';

const UUID = { message: '$property must be a UUID' };
export const NEED_MESSAGE = `$property must name at least one of ${Object.values(ReferralNeed).join(', ')}, each once`;

/** A new referral starts as a DRAFT; what sending needs (consent or another basis, etc.) is checked on sendReferral. */
@InputType()
export class CreateReferralInput {
  @Field(() => ID, { description: 'The person referred: a subject of your library service' })
  @IsUUID('all', UUID)
  subjectId: string;

  @Field(() => ID, { description: 'The receiving partner organisation (active, of your library service)' })
  @IsUUID('all', UUID)
  partnerOrganisationId: string;

  @Field(() => ID, { nullable: true, description: 'A contact of that organisation, when known' })
  @IsOptional()
  @IsUUID('all', UUID)
  partnerContactId?: string | null;

  @Field(() => String, { nullable: true, description: "The partner's service or team, when known" })
  @IsOptional()
  @IsText(200)
  partnerService?: string | null;

  @Field(() => [ReferralNeed], { description: 'One or more, each once' })
  @IsArray({ message: NEED_MESSAGE })
  @ArrayMinSize(1, { message: NEED_MESSAGE })
  @ArrayMaxSize(11)
  @ArrayUnique({ message: NEED_MESSAGE })
  @IsEnum(ReferralNeed, { each: true, message: NEED_MESSAGE })
  needs: ReferralNeed[];

  @Field({ description: 'Why the person is referred' })
  @IsNonBlankText(5000)
  reason: string;

  @Field(() => ReferralUrgency)
  @IsEnum(ReferralUrgency)
  urgency: ReferralUrgency;

  @Field(() => String, { nullable: true, description: 'How the partner can reach the person; required to send' })
  @IsOptional()
  @IsText(1000)
  contactRoute?: string | null;

  @Field(() => ReferralConsent)
  @IsEnum(ReferralConsent)
  consent: ReferralConsent;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When consent was given or refused; not in the future' })
  @IsOptional()
  @IsPastDateTime()
  consentRecordedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'How consent was given or refused (verbally in person, signed form…)' })
  @IsOptional()
  @IsText(500)
  consentMethod?: string | null;

  @Field(() => String, { nullable: true, description: 'Required to send without consent: why the referral is made under the lawful basis stated' })
  @IsOptional()
  @IsText(2000)
  lawfulBasisJustification?: string | null;

  @DataProtectionField('Lawful basis PUBLIC_TASK when not given; health needs need specialCategoryCondition to send')
  dataProtection?: DataProtectionInput;
}
