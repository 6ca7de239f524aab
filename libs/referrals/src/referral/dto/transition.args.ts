import { ArgsType, Field } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Trim, VersionedIdArgs } from '../../../../common/src/index.js';
import { ReferralDeclineReason, ReferralOutcome } from '../referral.enums.js';

@ArgsType()
export class WithdrawReferralArgs extends VersionedIdArgs {
  @Field(() => String, { nullable: true, description: 'Why the library withdraws it' }) @IsOptional() @Trim() @IsString() @MaxLength(2000)
  reason?: string | null;
}

@ArgsType()
export class DeclineReferralArgs extends VersionedIdArgs {
  @Field(() => ReferralDeclineReason) @IsEnum(ReferralDeclineReason)
  reason: ReferralDeclineReason;

  @Field(() => String, { nullable: true, description: 'Required when reason is OTHER' }) @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(2000)
  details?: string | null;
}

@ArgsType()
export class CloseReferralArgs extends VersionedIdArgs {
  @Field(() => ReferralOutcome) @IsEnum(ReferralOutcome)
  outcome: ReferralOutcome;

  @Field(() => String, { nullable: true }) @IsOptional() @Trim() @IsString() @MaxLength(5000)
  notes?: string | null;
}
