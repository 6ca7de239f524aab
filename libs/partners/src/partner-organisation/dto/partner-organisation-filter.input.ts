import { ArgsType, InputType } from '@nestjs/graphql';
import { AnyOfFilter, FilterArg, PageArgs, SearchFilter } from '../../../../common/src/index.js';
import { PartnerOrganisationType } from '../partner-organisation-type.enum.js';
import { PartnerStatus } from '../partner-status.enum.js';

@InputType()
export class PartnerOrganisationFilterInput {
  @AnyOfFilter(PartnerOrganisationType, 20)
  types?: PartnerOrganisationType[];

  @AnyOfFilter(PartnerStatus, 10, 'Without it, archived organisations are left out')
  statuses?: PartnerStatus[];

  @SearchFilter('Part of the name, any case')
  search?: string;
}

@ArgsType()
export class PartnerOrganisationsArgs extends PageArgs {
  @FilterArg(() => PartnerOrganisationFilterInput)
  filter?: PartnerOrganisationFilterInput;
}
