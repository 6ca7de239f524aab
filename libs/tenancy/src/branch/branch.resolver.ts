import { Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { accessibleQuery, type Actor, CurrentActor } from '../../../access/src/index.js';
import { Branch } from './branch.entity.js';

@Resolver(() => Branch)
export class BranchResolver {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Query(() => [Branch], { description: 'Branches of your library service' })
  async branches(@CurrentActor() actor: Actor): Promise<Branch[]> {
    const qb = accessibleQuery(this.db.manager, Branch, 'Branch', actor);
    return qb ? qb.orderBy(`${qb.alias}.name`).getMany() : [];
  }
}
