import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BadInputError, ConflictError, type Connection, containsPattern, whereIn } from '../../../common/src/index.js';
import { AuditAction } from '../../../governance/src/index.js';
import type { Actor } from '../ability/actor.js';
import { AccessScopes } from '../scope/access-scopes.js';
import type { AccessScope } from '../scope/access-scope.js';
import { AuthService } from '../auth/auth.service.js';
import { endSessionsOf } from '../auth/sessions.js';
import { AccountLinksService } from './account-links.service.js';
import type { ChangeUserRoleInput, InviteUserInput, SetUserBranchesInput } from './dto/user-admin.input.js';
import type { UsersArgs } from './dto/users.args.js';
import { Role } from './role.enum.js';
import { User } from './user.entity.js';

const TYPE = 'User';

/**
 * Users over GraphQL: the colleagues list, and administration by the service's ADMIN (any user)
 * or a MANAGER (partner users), decided by the User rules (tenancy.rules.ts). Every change is
 * audited; deactivation and role changes act at once (the token is checked against the user on
 * every request). An administrator cannot demote or deactivate themselves, so a service always
 * keeps the administrator who acts.
 */
@Injectable()
export class UserAdministrationService {
  constructor(
    private readonly scopes: AccessScopes,
    private readonly links: AccountLinksService,
    private readonly auth: AuthService,
  ) {}

  async list(actor: Actor, args: UsersArgs): Promise<Connection<User>> {
    const { roles, branchIds, partnerOrganisationId, search, includeInactive } = args.filter ?? {};
    const scope = this.scopes.of(actor);
    const page = await scope.list(User, TYPE, args, { property: 'displayName', direction: 'ASC' }, (qb, a) => {
      whereIn(qb, `${a}.role`, 'fRoles', roles);
      if (!includeInactive) qb.andWhere(`${a}.isActive`);
      if (branchIds?.length) {
        qb.andWhere(`EXISTS (SELECT 1 FROM user_branch ub WHERE ub.user_id = ${a}.id AND ub.branch_id IN (:...fBranches))`, { fBranches: branchIds });
      }
      if (partnerOrganisationId) qb.andWhere(`${a}.partnerOrganisationId = :fPartner`, { fPartner: partnerOrganisationId });
      if (search) qb.andWhere(`${a}.displayName ILIKE :search ESCAPE '\\'`, { search: containsPattern(search) });
    });
    await this.withBranches(
      scope.manager,
      page.edges.map((e) => e.node),
    );
    return page;
  }

  async get(actor: Actor, id: string): Promise<User> {
    const scope = this.scopes.of(actor);
    const user = await scope.find(User, TYPE, id);
    await this.withBranches(scope.manager, [user]);
    return user;
  }

  async invite(actor: Actor, input: InviteUserInput): Promise<User> {
    const libraryServiceId = actor.principal.libraryServiceId;
    const scope = this.scopes.of(actor);
    scope.assertCan('create', TYPE, { libraryServiceId, role: input.role });
    return scope.transaction(async (s, m) => {
      await this.assertFits(m, libraryServiceId, input.role, input.partnerOrganisationId ?? null, input.branchIds ?? []);
      const taken = await m.getRepository(User).createQueryBuilder('u').where('lower(u.email) = lower(:e)', { e: input.email }).getExists();
      if (taken) throw new ConflictError('A user with this email already exists');
      const repo = m.getRepository(User);
      const user = await repo.save(
        repo.create({
          email: input.email,
          displayName: input.displayName,
          role: input.role,
          libraryServiceId,
          partnerOrganisationId: input.partnerOrganisationId ?? null,
          passwordHash: null,
          isActive: true,
        }),
      );
      await this.replaceBranches(m, user.id, input.branchIds ?? []);
      await s.audited(AuditAction.CREATE, TYPE, [user]);
      await this.links.send(m, user, 'INVITATION', actor.principal.id);
      return this.reload(s, user.id);
    });
  }

  /** A new invitation link for a user who has not signed up yet; the earlier link stops working. */
  async resendInvitation(actor: Actor, id: string, version: number): Promise<User> {
    return this.scopes.of(actor).transaction(async (s, m) => {
      const user = await s.forWrite(User, TYPE, id, 'update', version);
      if (!user.invitationPending) throw new ConflictError('This user has already signed up; they can reset their password from the sign-in page');
      if (!user.isActive) throw new ConflictError('This user is deactivated: reactivate them first');
      await this.links.send(m, user, 'INVITATION', actor.principal.id);
      await s.audited(AuditAction.UPDATE, TYPE, [user]);
      return this.reload(s, user.id);
    });
  }

  async changeRole(actor: Actor, input: ChangeUserRoleInput): Promise<User> {
    return this.change(actor, input.id, input.version, async (s, m, user) => {
      if (user.id === actor.principal.id) throw new BadInputError('You cannot change your own role; ask another administrator');
      await this.assertFits(m, user.libraryServiceId, input.role, input.partnerOrganisationId ?? null, []);
      s.assertCan('update', TYPE, { ...user, role: input.role });
      await m.query('UPDATE app_user SET role = $2, partner_organisation_id = $3 WHERE id = $1', [user.id, input.role, input.partnerOrganisationId ?? null]);
      // Branches are what a STAFF user is limited to; a partner works at none of the library's.
      if (input.role === Role.PARTNER) await this.replaceBranches(m, user.id, []);
      // Sessions of the old role end: the user signs in again as what they now are.
      await endSessionsOf(m, user.id);
    });
  }

  async setBranches(actor: Actor, input: SetUserBranchesInput): Promise<User> {
    return this.change(actor, input.id, input.version, async (_s, m, user) => {
      if (user.role === Role.PARTNER && input.branchIds.length) throw new BadInputError('A PARTNER user works at no branch of the library service');
      await this.assertFits(m, user.libraryServiceId, user.role, user.partnerOrganisationId, input.branchIds);
      await this.replaceBranches(m, user.id, input.branchIds);
    });
  }

  async setActive(actor: Actor, id: string, version: number, active: boolean): Promise<User> {
    return this.change(actor, id, version, async (_s, m, user) => {
      if (user.isActive === active) throw new ConflictError(`This user is already ${active ? 'active' : 'deactivated'}`);
      if (!active && user.id === actor.principal.id) throw new BadInputError('You cannot deactivate your own account; ask another administrator');
      await m.query('UPDATE app_user SET is_active = $2 WHERE id = $1', [user.id, active]);
      // A deactivated user's unused links and every session stop working with them.
      if (!active) {
        await m.query('DELETE FROM account_link WHERE user_id = $1 AND used_at IS NULL', [user.id]);
        await endSessionsOf(m, user.id);
      }
    });
  }

  /** A lost phone: the user's second factor is taken away and their sessions end; they enrol again when they next sign in. */
  async resetTwoFactor(actor: Actor, id: string, version: number): Promise<User> {
    return this.change(actor, id, version, async (_s, m, user) => {
      if (!user.twoFactorEnabled) throw new ConflictError('This user has no second factor set up');
      if (user.id === actor.principal.id) throw new BadInputError('You cannot reset your own second factor; ask another administrator');
      await this.auth.twoFactor.remove(m, user.id);
      await endSessionsOf(m, user.id);
    });
  }

  /** Locks the user (readable, allowed, at `version`), applies the change, bumps the version and audits it. */
  private change(actor: Actor, id: string, version: number, apply: (s: AccessScope, m: EntityManager, user: User) => Promise<void>): Promise<User> {
    return this.scopes.of(actor).transaction(async (s, m) => {
      const user = await s.forWrite(User, TYPE, id, 'update', version);
      await apply(s, m, user);
      await m.query('UPDATE app_user SET version = version + 1, updated_at = now() WHERE id = $1', [user.id]);
      await s.audited(AuditAction.UPDATE, TYPE, [user]);
      return this.reload(s, user.id);
    });
  }

  private async reload(s: AccessScope, id: string): Promise<User> {
    const user = await s.find(User, TYPE, id);
    await this.withBranches(s.manager, [user]);
    return user;
  }

  /** Branch ids of a page of users, in one statement (after masking: branches are a colleague field). */
  private async withBranches(m: EntityManager, users: User[]): Promise<void> {
    if (!users.length) return;
    const rows: { user_id: string; ids: string[] }[] = await m.query(
      'SELECT user_id, array_agg(branch_id ORDER BY branch_id) AS ids FROM user_branch WHERE user_id = ANY($1::uuid[]) GROUP BY user_id',
      [users.map((u) => u.id)],
    );
    const byUser = new Map(rows.map((r) => [r.user_id, r.ids]));
    for (const u of users) u.branchIds = byUser.get(u.id) ?? [];
  }

  private async replaceBranches(m: EntityManager, userId: string, branchIds: string[]): Promise<void> {
    await m.query('DELETE FROM user_branch WHERE user_id = $1', [userId]);
    if (branchIds.length) await m.query('INSERT INTO user_branch (user_id, branch_id) SELECT $1, unnest($2::uuid[])', [userId, branchIds]);
  }

  /** A PARTNER has an organisation of the service and only a PARTNER has one; branches are the service's own and open. */
  private async assertFits(m: EntityManager, serviceId: string, role: Role, partnerId: string | null, branchIds: string[]): Promise<void> {
    if ((role === Role.PARTNER) !== Boolean(partnerId))
      throw new BadInputError('A PARTNER user needs a partnerOrganisationId, and only a PARTNER user may have one');
    if (role === Role.PARTNER && branchIds.length) throw new BadInputError('A PARTNER user works at no branch of the library service');
    if (partnerId) {
      const [org] = await m.query(`SELECT status FROM partner_organisation WHERE id = $1 AND library_service_id = $2`, [partnerId, serviceId]);
      if (!org) throw new BadInputError(`partnerOrganisationId ${partnerId} is not a partner organisation of your library service`);
      if (org.status === 'ARCHIVED') throw new BadInputError(`partner organisation ${partnerId} is archived`);
    }
    if (branchIds.length) {
      const rows: { id: string }[] = await m.query('SELECT id FROM branch WHERE id = ANY($1::uuid[]) AND library_service_id = $2 AND is_active', [
        branchIds,
        serviceId,
      ]);
      const missing = branchIds.filter((id) => !rows.some((r) => r.id === id));
      if (missing.length) throw new BadInputError(`branchId ${missing.join(', ')} is not an open branch of your library service`, { branchIds: missing });
    }
  }
}
