import { Args, Query, Resolver } from '@nestjs/graphql';
import { AccessScopes, type Actor, CurrentActor } from '../../../access/src/index.js';
import { type Connection, ConnectionType, emptyConnection, PageArgs, paginate } from '../../../common/src/index.js';
import { Branch } from './branch.entity.js';

const BranchConnection = ConnectionType(Branch);

@Resolver(() => Branch)
export class BranchResolver {
  constructor(private readonly scopes: AccessScopes) {}

  @Query(() => BranchConnection, { description: 'Branches of your library service, by name' })
  async branches(@CurrentActor() actor: Actor, @Args() args: PageArgs): Promise<Connection<Branch>> {
    const qb = this.scopes.of(actor).query(Branch, 'Branch');
    return qb ? paginate(qb, args, { property: 'name', direction: 'ASC' }) : emptyConnection();
  }
}
