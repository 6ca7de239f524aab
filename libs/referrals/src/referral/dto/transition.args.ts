import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Trim, VersionedIdInput } from '../../../../common/src/index.js';
import { ReferralDeclineReason, ReferralOutcome } from '../referral.enums.js';

@InputType()
export class WithdrawReferralInput extends VersionedIdInput {
  @Field(() => String, { nullable: true, description: 'Why the library withdraws it' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  reason?: string | null;
}

@InputType()
export class DeclineReferralInput extends VersionedIdInput {
  @Field(() => ReferralDeclineReason)
  @IsEnum(ReferralDeclineReason)
  reason: ReferralDeclineReason;

  @Field(() => String, { nullable: true, description: 'Required when reason is OTHER' })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  details?: string | null;
}

@InputType()
export class CloseReferralInput extends VersionedIdInput {
  @Field(() => ReferralOutcome)
  @IsEnum(ReferralOutcome)
  outcome: ReferralOutcome;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(5000)
  notes?: string | null;
}
