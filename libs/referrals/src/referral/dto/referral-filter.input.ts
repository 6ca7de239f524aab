import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDate, IsEnum, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { PageArgs, DateTimeScalar } from '../../../../common/src/index.js';
import { ReferralNeed, ReferralStatus, ReferralUrgency } from '../referral.enums.js';

const UUID = { message: '$property must be a UUID' };

@InputType()
export class ReferralFilterInput {
  @Field(() => [ReferralStatus], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsEnum(ReferralStatus, { each: true })
  statuses?: ReferralStatus[];

  @Field(() => ID, { nullable: true, description: 'Receiving partner organisation' })
  @IsOptional()
  @IsUUID('all', UUID)
  partnerOrganisationId?: string;

  @Field(() => [ReferralNeed], { nullable: true, description: 'Referrals naming any of these needs' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(11)
  @IsEnum(ReferralNeed, { each: true })
  needs?: ReferralNeed[];

  @Field(() => [ReferralUrgency], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsEnum(ReferralUrgency, { each: true })
  urgencies?: ReferralUrgency[];

  @Field(() => ID, { nullable: true, description: 'The worker who made the referral' })
  @IsOptional()
  @IsUUID('all', UUID)
  referredById?: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Created at or after' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Created before' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;
}

@ArgsType()
export class ReferralsArgs extends PageArgs {
  @Field(() => ReferralFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReferralFilterInput)
  filter?: ReferralFilterInput;
}

/** A partner's view: what was sent to their organisation, filtered on when it was sent. */
@InputType()
export class IncomingReferralFilterInput {
  @Field(() => [ReferralStatus], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsEnum(ReferralStatus, { each: true })
  statuses?: ReferralStatus[];

  @Field(() => [ReferralNeed], { nullable: true, description: 'Referrals naming any of these needs' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(11)
  @IsEnum(ReferralNeed, { each: true })
  needs?: ReferralNeed[];

  @Field(() => [ReferralUrgency], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsEnum(ReferralUrgency, { each: true })
  urgencies?: ReferralUrgency[];

  @Field(() => DateTimeScalar, { nullable: true, description: 'Sent at or after' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Sent before' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;
}

@ArgsType()
export class IncomingReferralsArgs extends PageArgs {
  @Field(() => IncomingReferralFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => IncomingReferralFilterInput)
  filter?: IncomingReferralFilterInput;
}
