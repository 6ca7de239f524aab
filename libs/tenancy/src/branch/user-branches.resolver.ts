import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { actorOf, type GqlContext, User } from '../../../access/src/index.js';
import { Branch } from './branch.entity.js';
import { BranchService } from './branch.service.js';

/** User.branches lives here: the access context knows users, this one knows branches. */
@Resolver(() => User)
export class UserBranchesResolver {
  constructor(private readonly branchService: BranchService) {}

  @ResolveField(() => [Branch], { description: 'The branches of branchIds you may read' })
  branches(@Parent() user: User, @Context() ctx: GqlContext): Promise<Branch[]> {
    return this.branchService.byIds(ctx, actorOf(ctx), user.branchIds ?? []);
  }
}
