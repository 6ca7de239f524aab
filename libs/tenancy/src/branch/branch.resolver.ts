import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AccessScopes, type Actor, CurrentActor } from '../../../access/src/index.js';
import { type Connection, ConnectionType, emptyConnection, PageArgs, paginate, VersionedIdInput } from '../../../common/src/index.js';
import { BranchAdministrationService } from './branch-admin.service.js';
import { Branch } from './branch.entity.js';
import { CreateBranchInput, UpdateBranchInput } from './dto/branch.input.js';

const BranchConnection = ConnectionType(Branch);

@Resolver(() => Branch)
export class BranchResolver {
  constructor(
    private readonly scopes: AccessScopes,
    private readonly administration: BranchAdministrationService,
  ) {}

  @Query(() => BranchConnection, { description: 'Branches of your library service, by name (closed ones too: isActive false)' })
  async branches(@CurrentActor() actor: Actor, @Args() args: PageArgs): Promise<Connection<Branch>> {
    const qb = this.scopes.of(actor).query(Branch, 'Branch');
    return qb ? paginate(qb, args, { property: 'name', direction: 'ASC' }) : emptyConnection();
  }

  @Mutation(() => Branch, { description: 'Administrators' })
  createBranch(@CurrentActor() actor: Actor, @Args('input') input: CreateBranchInput): Promise<Branch> {
    return this.administration.create(actor, input);
  }

  @Mutation(() => Branch, { description: 'Administrators: rename a branch or change its address' })
  updateBranch(@CurrentActor() actor: Actor, @Args('input') input: UpdateBranchInput): Promise<Branch> {
    return this.administration.update(actor, input);
  }

  @Mutation(() => Branch, { description: 'Administrators: a closed branch keeps its records and takes no new staff (isActive false)' })
  closeBranch(@CurrentActor() actor: Actor, @Args('input') { id, version }: VersionedIdInput): Promise<Branch> {
    return this.administration.setOpen(actor, id, version, false);
  }

  @Mutation(() => Branch, { description: 'Administrators' })
  reopenBranch(@CurrentActor() actor: Actor, @Args('input') { id, version }: VersionedIdInput): Promise<Branch> {
    return this.administration.setOpen(actor, id, version, true);
  }
}
