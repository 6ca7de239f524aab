import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { IsNonBlankText, IsText, VersionedIdInput } from '../../../../common/src/index.js';
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
