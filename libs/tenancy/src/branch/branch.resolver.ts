import { Query, Resolver } from '@nestjs/graphql';
import { AccessScopes, type Actor, CurrentActor } from '../../../access/src/index.js';
import { Branch } from './branch.entity.js';

@Resolver(() => Branch)
export class BranchResolver {
  constructor(private readonly scopes: AccessScopes) {}

  @Query(() => [Branch], { description: 'Branches of your library service' })
  async branches(@CurrentActor() actor: Actor): Promise<Branch[]> {
    const qb = this.scopes.of(actor).query(Branch, 'Branch');
    return qb ? qb.orderBy(`${qb.alias}.name`).getMany() : [];
  }
}
