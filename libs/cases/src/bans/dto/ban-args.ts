import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageArgs, Trim } from '../../../../common/src/index.js';
import { BanStatus } from '../ban.enums.js';

const UUID = { message: '$property must be a UUID' };

@InputType()
export class TransitionBanInput {
  @Field(() => ID)
  @IsUUID('all', UUID)
  id: string;

  @Field(() => Int, { description: 'The version you last read' })
  @IsInt()
  @Min(1)
  version: number;

  @Field(() => BanStatus, { description: 'ACTIVE (confirm, or end a review), UNDER_REVIEW or LIFTED' })
  @IsEnum(BanStatus)
  to: BanStatus;

  @Field(() => String, { nullable: true, description: 'Why; required to lift' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(5000)
  note?: string | null;
}

@InputType()
export class BanFilterInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', UUID)
  subjectId?: string;

  @Field(() => [BanStatus], { nullable: true, description: 'Effective statuses (EXPIRED included, computed from the dates)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsEnum(BanStatus, { each: true })
  statuses?: BanStatus[];

  @Field(() => [ID], { nullable: true, description: 'Bans that cover any of these branches (all-branch bans included)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'each of $property must be a UUID' })
  branchIds?: string[];
}

@ArgsType()
export class BansArgs extends PageArgs {
  @Field(() => BanFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => BanFilterInput)
  filter?: BanFilterInput;
}

@ArgsType()
export class ActiveBansArgs extends PageArgs {
  @Field(() => ID, { description: 'The branch at whose desk you are' })
  @IsUUID('all', UUID)
  branchId: string;
}

export const REVIEW_WINDOW_MAX_DAYS = 366;

@ArgsType()
export class BansDueForReviewArgs extends PageArgs {
  @Field(() => Int, {
    defaultValue: 14,
    description: `Review date within this many days from today (overdue reviews included), 0 to ${REVIEW_WINDOW_MAX_DAYS}`,
  })
  @IsInt()
  @Min(0)
  @Max(REVIEW_WINDOW_MAX_DAYS)
  withinDays: number = 14;
}
