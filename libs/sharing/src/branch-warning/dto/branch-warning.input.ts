import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { DateScalar, IsCalendarDate, IsNonBlankText, PageArgs } from '../../../../common/src/index.js';
import { LawfulBasis } from '../../../../governance/src/index.js';

export const WARNING_MAX = 280;

@InputType({ description: 'A short warning for one branch; no special category data (health, ethnicity, religion…)' })
export class PublishBranchWarningInput {
  @Field(() => ID)
  @IsUUID('all', { message: '$property must be a UUID' })
  branchId: string;

  @Field({ description: `At most ${WARNING_MAX} characters` })
  @IsNonBlankText(WARNING_MAX)
  text: string;

  @Field(() => ID, { nullable: true, description: 'The intelligence it is drawn from (not special category)' })
  @IsOptional()
  @IsUUID('all', { message: '$property must be a UUID' })
  intelligenceItemId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'YYYY-MM-DD; shown until the end of that day (open-ended when not given)' })
  @IsOptional()
  @IsCalendarDate()
  expiresOn?: string | null;

  @Field(() => LawfulBasis, { nullable: true, description: 'PUBLIC_TASK when not given' })
  @IsOptional()
  @IsIn(Object.values(LawfulBasis))
  lawfulBasis?: LawfulBasis;
}

@ArgsType()
export class BranchWarningsArgs extends PageArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'branchId must be a UUID' })
  branchId: string;
}
