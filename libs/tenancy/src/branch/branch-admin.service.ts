import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessScopes, type Actor } from '../../../access/src/index.js';
import { assignGiven, ConflictError } from '../../../common/src/index.js';
import { AuditAction } from '../../../governance/src/index.js';
import { Branch } from './branch.entity.js';
import type { CreateBranchInput, UpdateBranchInput } from './dto/branch.input.js';

const TYPE = 'Branch';

/**
 * Branches, set up by the service's ADMIN (the Branch rules). A branch is closed, never deleted:
 * incidents, bans and agreements keep naming it. A closed branch takes no new staff.
 */
@Injectable()
export class BranchAdministrationService {
  constructor(private readonly scopes: AccessScopes) {}

  async create(actor: Actor, input: CreateBranchInput): Promise<Branch> {
    const scope = this.scopes.of(actor);
    const libraryServiceId = actor.principal.libraryServiceId;
    scope.assertCan('create', TYPE, { libraryServiceId });
    return scope.transaction(async (s, m) => {
      await this.assertNameFree(m, libraryServiceId, input.name);
      const repo = m.getRepository(Branch);
      const branch = await repo.save(repo.create({ libraryServiceId, name: input.name, address: input.address ?? null, isActive: true }));
      await s.audited(AuditAction.CREATE, TYPE, [branch]);
      return branch;
    });
  }

  async update(actor: Actor, input: UpdateBranchInput): Promise<Branch> {
    return this.scopes.of(actor).transaction(async (s, m) => {
      const branch = await s.forWrite(Branch, TYPE, input.id, 'update', input.version);
      if (input.name !== undefined && input.name.toLowerCase() !== branch.name.toLowerCase()) await this.assertNameFree(m, branch.libraryServiceId, input.name);
      assignGiven(branch, input, ['name', 'address']);
      const saved = await m.getRepository(Branch).save(branch);
      await s.audited(AuditAction.UPDATE, TYPE, [saved]);
      return saved;
    });
  }

  async setOpen(actor: Actor, id: string, version: number, open: boolean): Promise<Branch> {
    return this.scopes.of(actor).transaction(async (s, m) => {
      const branch = await s.forWrite(Branch, TYPE, id, 'update', version);
      if (branch.isActive === open) throw new ConflictError(`This branch is already ${open ? 'open' : 'closed'}`);
      branch.isActive = open;
      const saved = await m.getRepository(Branch).save(branch);
      await s.audited(AuditAction.UPDATE, TYPE, [saved]);
      return saved;
    });
  }

  /** A friendlier answer than the unique index's (branch_name_uq, which still guards against a race). */
  private async assertNameFree(m: EntityManager, libraryServiceId: string, name: string): Promise<void> {
    const [taken] = await m.query('SELECT 1 FROM branch WHERE library_service_id = $1 AND lower(name) = lower($2)', [libraryServiceId, name]);
    if (taken) throw new ConflictError(`A branch called "${name}" already exists in your library service`);
  }
}
