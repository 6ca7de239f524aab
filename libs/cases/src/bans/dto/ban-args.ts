import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { AnyIdFilter, AnyOfFilter, FilterArg, IdFilter, IsText, PageArgs, VersionedIdInput } from '../../../../common/src/index.js';
import { BanStatus } from '../ban.enums.js';

const UUID = { message: '$property must be a UUID' };

@InputType()
export class TransitionBanInput extends VersionedIdInput {
  @Field(() => BanStatus, { description: 'ACTIVE (confirm, or end a review), UNDER_REVIEW or LIFTED' })
  @IsEnum(BanStatus)
  to: BanStatus;

  @Field(() => String, { nullable: true, description: 'Why; required to lift' })
  @IsOptional()
  @IsText(5000)
  note?: string | null;
}

@InputType()
export class BanFilterInput {
  @IdFilter()
  subjectId?: string;

  @AnyOfFilter(BanStatus, 5, 'Effective statuses (EXPIRED included, computed from the dates)')
  statuses?: BanStatus[];

  @AnyIdFilter(100, 'Bans that cover any of these branches (all-branch bans included)')
  branchIds?: string[];
}

@ArgsType()
export class BansArgs extends PageArgs {
  @FilterArg(() => BanFilterInput)
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
