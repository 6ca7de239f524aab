import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, actorOf, CurrentActor, type GqlContext } from '../../../access/src/index.js';
import { type Connection, ConnectionType, VersionedIdInput } from '../../../common/src/index.js';
import { Branch, BranchService } from '../../../tenancy/src/index.js';
import { IntelligenceItem } from '../intelligence/intelligence-item.entity.js';
import { IntelligenceService } from '../intelligence/intelligence.service.js';
import { BranchWarning } from './branch-warning.entity.js';
import { BranchWarningService } from './branch-warning.service.js';
import { BranchWarningsArgs, PublishBranchWarningInput } from './dto/branch-warning.input.js';

const BranchWarningConnection = ConnectionType(BranchWarning);

@Resolver(() => BranchWarning)
export class BranchWarningResolver {
  constructor(
    private readonly warnings: BranchWarningService,
    private readonly branches: BranchService,
    private readonly intelligence: IntelligenceService,
  ) {}

  @Query(() => BranchWarningConnection, {
    nullable: true,
    description:
      'Warnings in force at a branch, newest first. Staff: only their own branches. Audited. ' +
      'A branch not yours answers null with FORBIDDEN (the rest of the request stands), as activeBans',
  })
  branchWarnings(@CurrentActor() actor: Actor, @Args() { branchId, ...page }: BranchWarningsArgs): Promise<Connection<BranchWarning>> {
    return this.warnings.forBranch(actor, branchId, page);
  }

  @Mutation(() => BranchWarning, { description: 'Managers publish a short warning for a branch' })
  publishBranchWarning(@CurrentActor() actor: Actor, @Args('input') input: PublishBranchWarningInput): Promise<BranchWarning> {
    return this.warnings.publish(actor, input);
  }

  @Mutation(() => BranchWarning)
  withdrawBranchWarning(@CurrentActor() actor: Actor, @Args('input') { id, version }: VersionedIdInput): Promise<BranchWarning> {
    return this.warnings.withdraw(actor, id, version);
  }

  @ResolveField(() => Branch, { nullable: true, description: 'Null if you may not see the branch' })
  branch(@Parent() warning: BranchWarning, @Context() ctx: GqlContext): Promise<Branch | null> {
    return this.branches.byId(ctx, actorOf(ctx), warning.branchId);
  }

  @ResolveField(() => IntelligenceItem, {
    nullable: true,
    description: 'The intelligence it was drawn from; null if none or you may not see it (staff never do). Audited',
  })
  intelligenceItem(@Parent() warning: BranchWarning, @Context() ctx: GqlContext): Promise<IntelligenceItem | null> | null {
    return warning.intelligenceItemId ? this.intelligence.byId(ctx, actorOf(ctx), warning.intelligenceItemId) : null;
  }
}
