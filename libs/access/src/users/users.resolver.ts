import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Connection, ConnectionType, IdArgs, VersionedIdInput } from '../../../common/src/index.js';
import type { Actor } from '../ability/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ChangeUserRoleInput, InviteUserInput, SetUserBranchesInput } from './dto/user-admin.input.js';
import { UsersArgs } from './dto/users.args.js';
import { User } from './user.entity.js';
import { UserAdministrationService } from './user-admin.service.js';

const UserConnection = ConnectionType(User);

@Resolver(() => User)
export class UsersResolver {
  constructor(private readonly administration: UserAdministrationService) {}

  @Query(() => UserConnection, {
    description:
      "People of your library service, by name: colleagues see each other's name, role and branches; a partner's staff see their own organisation's users",
  })
  users(@CurrentActor() actor: Actor, @Args() args: UsersArgs): Promise<Connection<User>> {
    return this.administration.list(actor, args);
  }

  @Query(() => User)
  user(@CurrentActor() actor: Actor, @Args() { id }: IdArgs): Promise<User> {
    return this.administration.get(actor, id);
  }

  @Mutation(() => User, {
    description: 'Administrators (any role) and managers (PARTNER users): creates the user and emails them a one-time link to choose a password',
  })
  inviteUser(@CurrentActor() actor: Actor, @Args('input') input: InviteUserInput): Promise<User> {
    return this.administration.invite(actor, input);
  }

  @Mutation(() => User, { description: 'A new invitation email for a user who has not signed up; the earlier link stops working' })
  resendInvitation(@CurrentActor() actor: Actor, @Args('input') { id, version }: VersionedIdInput): Promise<User> {
    return this.administration.resendInvitation(actor, id, version);
  }

  @Mutation(() => User, { description: 'Administrators; takes effect on the user’s next request' })
  changeUserRole(@CurrentActor() actor: Actor, @Args('input') input: ChangeUserRoleInput): Promise<User> {
    return this.administration.changeRole(actor, input);
  }

  @Mutation(() => User, { description: 'Administrators: the branches a user works at, all of them' })
  setUserBranches(@CurrentActor() actor: Actor, @Args('input') input: SetUserBranchesInput): Promise<User> {
    return this.administration.setBranches(actor, input);
  }

  @Mutation(() => User, { description: 'The user can no longer sign in, and their current session stops working at once' })
  deactivateUser(@CurrentActor() actor: Actor, @Args('input') { id, version }: VersionedIdInput): Promise<User> {
    return this.administration.setActive(actor, id, version, false);
  }

  @Mutation(() => User, {
    description: 'Administrators (managers for partner users): a lost phone; the user sets up two-factor sign-in again at their next sign-in',
  })
  resetTwoFactor(@CurrentActor() actor: Actor, @Args('input') { id, version }: VersionedIdInput): Promise<User> {
    return this.administration.resetTwoFactor(actor, id, version);
  }

  @Mutation(() => User)
  reactivateUser(@CurrentActor() actor: Actor, @Args('input') { id, version }: VersionedIdInput): Promise<User> {
    return this.administration.setActive(actor, id, version, true);
  }
}
