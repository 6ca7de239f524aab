import { ArgsType, InputType } from '@nestjs/graphql';
import { AnyOfFilter, FilterArg, IdFilter, PageArgs } from '../../../../common/src/index.js';
import { CaseStatus, RiskLevel } from '../case-status.enum.js';

@InputType()
export class CaseFilterInput {
  @AnyOfFilter(CaseStatus, 10)
  statuses?: CaseStatus[];

  @IdFilter()
  ownerId?: string;

  @IdFilter()
  subjectId?: string;

  @AnyOfFilter(RiskLevel, 10)
  riskLevels?: RiskLevel[];
}

@ArgsType()
export class CasesArgs extends PageArgs {
  @FilterArg(() => CaseFilterInput)
  filter?: CaseFilterInput;
}
