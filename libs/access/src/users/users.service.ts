import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { BadInputError, ConflictError, NotFoundError } from '../../../common/src/index.js';
import { AuditAction, AuditService, type AuditActor } from '../../../governance/src/index.js';
import { hashPassword } from '../auth/passwords.js';
import { Role } from './role.enum.js';
import { User } from './user.entity.js';

export interface NewUser {
  email: string;
  displayName: string;
  password: string;
  role: Role;
  libraryServiceId: string;
  partnerOrganisationId?: string | null;
  branchIds?: string[];
}

/** User administration, used by the CLI (create-user, set-role, deactivate-user) and the demo seed. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(input: NewUser, actor: AuditActor): Promise<User> {
    if (input.password.length < 12) throw new BadInputError('password must be at least 12 characters');
    if ((input.role === Role.PARTNER) !== Boolean(input.partnerOrganisationId)) {
      throw new BadInputError('a PARTNER user needs a partner organisation, and only a PARTNER user may have one');
    }
    const passwordHash = await hashPassword(input.password);
    return this.db.transaction(async (m) => {
      await this.assertBelongsToService(m, input.libraryServiceId, input.partnerOrganisationId ?? null, input.branchIds ?? []);
      const exists = await m.getRepository(User).createQueryBuilder('u').where('lower(u.email) = lower(:e)', { e: input.email }).getExists();
      if (exists) throw new ConflictError('a user with this email already exists');
      const user = await m.getRepository(User).save(
        m.getRepository(User).create({
          email: input.email.trim(),
          displayName: input.displayName,
          role: input.role,
          passwordHash,
          libraryServiceId: input.libraryServiceId,
          partnerOrganisationId: input.partnerOrganisationId ?? null,
          isActive: true,
        }),
      );
      for (const branchId of input.branchIds ?? []) {
        await m.query('INSERT INTO user_branch (user_id, branch_id) VALUES ($1, $2)', [user.id, branchId]);
      }
      await this.audit.record(m, actor, { action: AuditAction.CREATE, entityType: 'User', entityIds: [user.id], libraryServiceId: user.libraryServiceId });
      return user;
    });
  }

  async setRole(email: string, role: Role, partnerOrganisationId: string | null, actor: AuditActor): Promise<User> {
    if ((role === Role.PARTNER) !== Boolean(partnerOrganisationId)) {
      throw new BadInputError('a PARTNER user needs a partner organisation (--partner), and only a PARTNER user may have one');
    }
    return this.change(email, actor, async (m, user) => {
      await this.assertBelongsToService(m, user.libraryServiceId, partnerOrganisationId, []);
      await m.query('UPDATE app_user SET role = $2, partner_organisation_id = $3, version = version + 1, updated_at = now() WHERE id = $1', [
        user.id,
        role,
        partnerOrganisationId,
      ]);
    });
  }

  async deactivate(email: string, actor: AuditActor): Promise<User> {
    return this.change(email, actor, async (m, user) => {
      await m.query('UPDATE app_user SET is_active = false, version = version + 1, updated_at = now() WHERE id = $1', [user.id]);
    });
  }

  /** The library service exists, and the partner organisation and branches are of that service. */
  private async assertBelongsToService(m: EntityManager, serviceId: string, partnerId: string | null, branchIds: string[]): Promise<void> {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    for (const id of [serviceId, partnerId, ...branchIds]) if (id && !uuid.test(id)) throw new BadInputError(`${id} is not an id (UUID)`);
    const [service] = await m.query('SELECT id FROM library_service WHERE id = $1', [serviceId]);
    if (!service) throw new BadInputError(`library service ${serviceId} does not exist`);
    if (partnerId) {
      const [partner] = await m.query('SELECT id FROM partner_organisation WHERE id = $1 AND library_service_id = $2', [partnerId, serviceId]);
      if (!partner) throw new BadInputError(`partner organisation ${partnerId} is not one of library service ${serviceId}`);
    }
    if (branchIds.length) {
      const [{ n }] = await m.query('SELECT count(*)::int AS n FROM branch WHERE id = ANY($1::uuid[]) AND library_service_id = $2', [branchIds, serviceId]);
      if (n !== new Set(branchIds).size) throw new BadInputError(`every branch must be one of library service ${serviceId}`);
    }
  }

  private async change(email: string, actor: AuditActor, apply: (m: EntityManager, user: User) => Promise<void>): Promise<User> {
    return this.db.transaction(async (m) => {
      const user = await m.getRepository(User).createQueryBuilder('u').where('lower(u.email) = lower(:e)', { e: email }).setLock('pessimistic_write').getOne();
      if (!user) throw new NotFoundError('User', email);
      await apply(m, user);
      await this.audit.record(m, actor, { action: AuditAction.UPDATE, entityType: 'User', entityIds: [user.id], libraryServiceId: user.libraryServiceId });
      return (await m.getRepository(User).findOneBy({ id: user.id }))!;
    });
  }
}
