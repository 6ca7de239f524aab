import { ArgsType, InputType } from '@nestjs/graphql';
import { AnyIdFilter, DateTimeFilter, FilterArg, IdFilter, PageArgs } from '../../../../common/src/index.js';

@InputType()
export class ContactLogFilterInput {
  @IdFilter('Only contacts with this partner organisation')
  partnerOrganisationId?: string;

  @AnyIdFilter(100, 'Only contacts recorded at any of these branches')
  branchIds?: string[];

  @DateTimeFilter('Occurred at or after')
  from?: Date;

  @DateTimeFilter('Occurred at or before')
  to?: Date;
}

@ArgsType()
export class ContactLogsArgs extends PageArgs {
  @FilterArg(() => ContactLogFilterInput)
  filter?: ContactLogFilterInput;
}
