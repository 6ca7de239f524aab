import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';
import { AnyOfFilter, FilterArg, IsNonBlankText, PageArgs } from '../../../../common/src/index.js';
import { CaseStatus } from '../../../../cases/src/case/case-status.enum.js';
import { DataCategory } from '../../agreement/agreement.enums.js';

const PURPOSE = 'Why you are reading (written to the audit trail with every record returned). Required here or in the X-Purpose header; the argument wins';

@InputType()
export class SharedCaseFilterInput {
  @AnyOfFilter(CaseStatus, 10)
  statuses?: CaseStatus[];

  @AnyOfFilter(DataCategory, 20, 'Only cases shared with you for any of these categories')
  categories?: DataCategory[];
}

@ArgsType()
export class SharedCasesArgs extends PageArgs {
  @FilterArg(() => SharedCaseFilterInput)
  filter?: SharedCaseFilterInput;

  @Field({ nullable: true, description: PURPOSE })
  @IsOptional()
  @IsNonBlankText(500)
  purpose?: string;
}

@ArgsType()
export class SharedCaseArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @Field({ nullable: true, description: PURPOSE })
  @IsOptional()
  @IsNonBlankText(500)
  purpose?: string;
}
