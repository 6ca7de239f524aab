import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, ValidateNested } from 'class-validator';
import { IsNonBlankText, IsText, VersionedIdInput } from '../../../../common/src/index.js';
import { RecordedOnBehalfInput } from '../../on-behalf/dto/recorded-on-behalf.input.js';
import { ReferralDeclineReason, ReferralOutcome } from '../referral.enums.js';

@InputType()
export class WithdrawReferralInput extends VersionedIdInput {
  @Field(() => String, { nullable: true, description: 'Why the library withdraws it' })
  @IsOptional()
  @IsText(2000)
  reason?: string | null;
}

@InputType()
export class DeclineReferralInput extends VersionedIdInput {
  @Field(() => ReferralDeclineReason)
  @IsEnum(ReferralDeclineReason)
  reason: ReferralDeclineReason;

  @Field(() => String, { nullable: true, description: 'Required when reason is OTHER' })
  @IsOptional()
  @IsNonBlankText(2000)
  details?: string | null;
}

@InputType()
export class CloseReferralInput extends VersionedIdInput {
  @Field(() => ReferralOutcome)
  @IsEnum(ReferralOutcome)
  outcome: ReferralOutcome;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(5000)
  notes?: string | null;
}

/** The partner's answer, recorded by the library on its behalf, beside a move's own input. */
const ON_BEHALF = { description: 'Who answered at the partner, how and when' };

@InputType({ description: 'A partner’s move (accept, start) given outside the app, recorded on its behalf' })
export class ReferralOnBehalfInput extends VersionedIdInput {
  @Field(() => RecordedOnBehalfInput, ON_BEHALF)
  @ValidateNested()
  @Type(() => RecordedOnBehalfInput)
  onBehalf: RecordedOnBehalfInput;
}

@InputType({ description: 'A partner’s decline given outside the app, recorded on its behalf' })
export class DeclineReferralOnBehalfInput extends DeclineReferralInput {
  @Field(() => RecordedOnBehalfInput, ON_BEHALF)
  @ValidateNested()
  @Type(() => RecordedOnBehalfInput)
  onBehalf: RecordedOnBehalfInput;
}

@InputType({ description: 'The outcome a partner gave outside the app, recorded on its behalf' })
export class CloseReferralOnBehalfInput extends CloseReferralInput {
  @Field(() => RecordedOnBehalfInput, ON_BEHALF)
  @ValidateNested()
  @Type(() => RecordedOnBehalfInput)
  onBehalf: RecordedOnBehalfInput;
}
