import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional } from 'class-validator';
import { AnyOfFilter, AnyIdFilter, FilterArg, IdFilter, PageArgs, SearchFilter } from '../../../../common/src/index.js';
import { Role } from '../role.enum.js';

@InputType()
export class UserFilterInput {
  @AnyOfFilter(Role, 6)
  roles?: Role[];

  @AnyIdFilter(50, 'Users who work at any of these branches')
  branchIds?: string[];

  @IdFilter('Users of this partner organisation')
  partnerOrganisationId?: string;

  @SearchFilter('Part of the name, any case')
  search?: string;

  @Field(() => Boolean, { nullable: true, description: 'Deactivated users too (administrators, and managers for partner users); colleagues never see them' })
  @IsOptional()
  @IsBoolean()
  includeInactive?: boolean;
}

@ArgsType()
export class UsersArgs extends PageArgs {
  @FilterArg(() => UserFilterInput)
  filter?: UserFilterInput;
}
