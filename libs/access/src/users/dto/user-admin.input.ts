import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { IsEmailAddress, IsIdList, IsNonBlankText, VersionedIdInput } from '../../../../common/src/index.js';
import { Role } from '../role.enum.js';

@InputType({ description: 'A new user, who chooses their own password from the invitation email (the link works once, for INVITATION_TTL_HOURS)' })
export class InviteUserInput {
  @Field()
  @IsEmailAddress()
  email: string;

  @Field({ description: 'The name colleagues see' })
  @IsNonBlankText(200)
  displayName: string;

  @Field(() => Role, { description: 'Managers may invite PARTNER users only' })
  @IsEnum(Role)
  role: Role;

  @Field(() => ID, { nullable: true, description: "A PARTNER user's organisation (required for PARTNER, refused otherwise)" })
  @IsOptional()
  @IsUUID('all', { message: 'partnerOrganisationId must be a UUID' })
  partnerOrganisationId?: string;

  @Field(() => [ID], { nullable: true, description: 'Branches the user works at (STAFF see incidents and bans of theirs)' })
  @IsOptional()
  @IsIdList(50)
  branchIds?: string[];
}

@InputType()
export class ChangeUserRoleInput extends VersionedIdInput {
  @Field(() => Role)
  @IsEnum(Role)
  role: Role;

  @Field(() => ID, { nullable: true, description: 'Required for PARTNER, refused otherwise' })
  @IsOptional()
  @IsUUID('all', { message: 'partnerOrganisationId must be a UUID' })
  partnerOrganisationId?: string;
}

@InputType()
export class SetUserBranchesInput extends VersionedIdInput {
  @Field(() => [ID], { description: 'Every branch the user works at from now on (empty: none)' })
  @IsIdList(50)
  branchIds: string[];
}
