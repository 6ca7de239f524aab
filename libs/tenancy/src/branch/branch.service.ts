import { Injectable } from '@nestjs/common';
import { AccessScopes, type Actor, loadAccessible, loadAccessibleMany } from '../../../access/src/index.js';
import type { LoaderRegistry } from '../../../common/src/index.js';
import { Branch } from './branch.entity.js';

/** Branches for the relation fields of other contexts (Incident.branch, Ban.branches…), through the Branch rules. */
@Injectable()
export class BranchService {
  constructor(private readonly scopes: AccessScopes) {}

  byId(ctx: { loaders: LoaderRegistry }, actor: Actor, id: string): Promise<Branch | null> {
    return loadAccessible(ctx, this.scopes.of(actor), Branch, 'Branch', id);
  }

  byIds(ctx: { loaders: LoaderRegistry }, actor: Actor, ids: readonly string[]): Promise<Branch[]> {
    return loadAccessibleMany(ctx, this.scopes.of(actor), Branch, 'Branch', ids);
  }
}
