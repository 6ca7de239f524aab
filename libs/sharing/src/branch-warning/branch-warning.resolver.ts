import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor } from '../../../access/src/index.js';
import { VersionedIdArgs } from '../../../common/src/index.js';
import { BranchWarning } from './branch-warning.entity.js';
import { BranchWarningService } from './branch-warning.service.js';
import { BranchWarningsArgs, PublishBranchWarningInput } from './dto/branch-warning.input.js';

@Resolver(() => BranchWarning)
export class BranchWarningResolver {
  constructor(private readonly warnings: BranchWarningService) {}

  @Query(() => [BranchWarning], {
    nullable: true,
    description: 'Warnings in force at a branch, newest first. Staff: only their own branches. Audited. '
      + 'A branch not yours answers null with FORBIDDEN (the rest of the request stands), as activeBans',
  })
  branchWarnings(@CurrentActor() actor: Actor, @Args() { branchId }: BranchWarningsArgs): Promise<BranchWarning[]> {
    return this.warnings.forBranch(actor, branchId);
  }

  @Mutation(() => BranchWarning, { description: 'Managers publish a short warning for a branch' })
  publishBranchWarning(@CurrentActor() actor: Actor, @Args('input') input: PublishBranchWarningInput): Promise<BranchWarning> {
    return this.warnings.publish(actor, input);
  }

  @Mutation(() => BranchWarning)
  withdrawBranchWarning(@CurrentActor() actor: Actor, @Args() { id, version }: VersionedIdArgs): Promise<BranchWarning> {
    return this.warnings.withdraw(actor, id, version);
  }
}
