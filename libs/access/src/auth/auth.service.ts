import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, UnauthenticatedError } from '../../../common/src/index.js';
import { AuditAction, AuditService } from '../../../governance/src/index.js';
import type { Principal } from '../ability/actor.js';
import { User } from '../users/user.entity.js';
import { LoginThrottle } from './login-throttle.js';
import { hashPassword, verifyPassword } from './passwords.js';

const INVALID = 'Email or password is not correct';

@Injectable()
export class AuthService {
  private readonly throttle: LoginThrottle;
  /** Verified against when the email is unknown, so both failures take the same time. */
  private readonly decoyHash: Promise<string>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.throttle = new LoginThrottle(config.LOGIN_MAX_FAILURES, config.LOGIN_LOCKOUT_MINUTES * 60_000);
    this.decoyHash = hashPassword('decoy-password-never-valid');
  }

  async login(email: string, password: string, requestId: string): Promise<{ accessToken: string; expiresAt: Date; user: User }> {
    const key = email.trim().toLowerCase();
    const wait = this.throttle.retryAfterSeconds(key);
    if (wait > 0) {
      throw new UnauthenticatedError(`Too many failed sign-in attempts; try again in ${Math.ceil(wait / 60)} minute(s)`, { retryAfterSeconds: wait });
    }
    const found = await this.db.getRepository(User).createQueryBuilder('u')
      .addSelect('u.passwordHash').where('lower(u.email) = :key', { key }).getOne();
    const ok = await verifyPassword(found?.passwordHash ?? (await this.decoyHash), password);
    if (!found || !ok || !found.isActive) {
      this.throttle.fail(key);
      await this.audit.record(this.db.manager, { userId: found?.id ?? null, role: found?.role ?? null, libraryServiceId: found?.libraryServiceId ?? null, requestId },
        { action: AuditAction.LOGIN_FAILED, entityType: 'User', entityIds: [found?.id ?? null] });
      throw new UnauthenticatedError(INVALID);
    }
    this.throttle.succeed(key);
    await this.db.transaction(async (m) => {
      await m.query('UPDATE app_user SET last_login_at = now() WHERE id = $1', [found.id]);
      await this.audit.record(m, { userId: found.id, role: found.role, libraryServiceId: found.libraryServiceId, requestId },
        { action: AuditAction.LOGIN, entityType: 'User', entityIds: [found.id] });
    });
    const expiresAt = new Date(Date.now() + this.config.JWT_TTL_SECONDS * 1000);
    const accessToken = await this.jwt.signAsync({ sub: found.id }, { expiresIn: this.config.JWT_TTL_SECONDS });
    const user = (await this.loadUser(this.db.manager, found.id))!;
    return { accessToken, expiresAt, user };
  }

  /** Resolves a bearer token to the active user it was issued to; null when it is not valid. */
  async principalFromToken(token: string): Promise<Principal | null> {
    let sub: string;
    try {
      sub = (await this.jwt.verifyAsync<{ sub: string }>(token)).sub;
    } catch {
      return null;
    }
    const user = await this.loadUser(this.db.manager, sub);
    if (!user || !user.isActive) return null;
    return { id: user.id, role: user.role, libraryServiceId: user.libraryServiceId, partnerOrganisationId: user.partnerOrganisationId, branchIds: user.branchIds };
  }

  /** A user with the ids of the branches they work at, in one query (it runs on every request). */
  async loadUser(m: EntityManager, id: string): Promise<User | null> {
    const { entities, raw } = await m.getRepository(User).createQueryBuilder('u')
      .addSelect('ARRAY(SELECT ub.branch_id FROM user_branch ub WHERE ub.user_id = u.id ORDER BY ub.branch_id)', 'branch_ids')
      .where('u.id = :id', { id }).getRawAndEntities();
    const user = entities[0];
    if (!user) return null;
    user.branchIds = raw[0].branch_ids ?? [];
    return user;
  }
}
