import { ArgsType, InputType } from '@nestjs/graphql';
import { FilterArg, IdFilter, PageArgs, SearchFilter } from '../../../../common/src/index.js';

@InputType()
export class PartnerContactFilterInput {
  @IdFilter('Only contacts of this partner organisation')
  partnerOrganisationId?: string;

  @SearchFilter('Part of the name, any case')
  search?: string;
}

@ArgsType()
export class PartnerContactsArgs extends PageArgs {
  @FilterArg(() => PartnerContactFilterInput)
  filter?: PartnerContactFilterInput;
}
