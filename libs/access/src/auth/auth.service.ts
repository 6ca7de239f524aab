import { hkdfSync } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, UnauthenticatedError } from '../../../common/src/index.js';
import { AuditAction, AuditService } from '../../../governance/src/index.js';
import type { Principal } from '../ability/actor.js';
import { User } from '../users/user.entity.js';
import { KnownDevices } from './known-device.js';
import { LoginThrottle } from './login-throttle.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { SignInClient } from './sign-in-client.js';
import { THROTTLE_STORE, type ThrottleStore } from './throttle-store.js';

const INVALID = 'Email or password is not correct';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Tokens this service issues are about 200 characters; anything far longer is not one of them. */
const MAX_TOKEN_LENGTH = 2048;

export interface LoginOutcome {
  accessToken: string;
  expiresAt: Date;
  user: User;
  knownDeviceToken: string;
}

/** A key for one purpose, derived from JWT_SECRET, so one configured secret serves them all and each stays separate. */
export function derivedKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'safer-libraries', purpose, 32));
}

@Injectable()
export class AuthService implements OnModuleDestroy {
  private readonly throttle: LoginThrottle;
  private readonly devices: KnownDevices;
  private readonly ttlSeconds: number;
  /** Verified against when the email is unknown, so both failures take the same time. */
  private readonly decoyHash: Promise<string>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(THROTTLE_STORE) private readonly store: ThrottleStore,
  ) {
    const secret = config.JWT_SECRET!;
    const limits = { perClient: config.LOGIN_MAX_FAILURES, perEmail: config.LOGIN_MAX_FAILURES_PER_EMAIL, perIp: config.LOGIN_MAX_FAILURES_PER_IP };
    this.throttle = new LoginThrottle(store, limits, derivedKey(secret, 'sign-in throttle keys'));
    this.devices = new KnownDevices(derivedKey(secret, 'known-device tokens'));
    this.ttlSeconds = config.JWT_TTL_SECONDS;
    this.decoyHash = hashPassword('decoy-password-never-valid');
  }

  async onModuleDestroy(): Promise<void> {
    await this.store.close();
  }

  /**
   * Signs in. The attempt is counted against the throttle before the password is checked (so
   * parallel guesses cannot overtake the count) and given back when it succeeds. Every failure and
   * every refusal is audited with identifiers only: the user's id when the email is theirs.
   */
  async login(
    email: string,
    password: string,
    client: SignInClient,
    request: { requestId: string; clientRequestId?: string | null },
    knownDeviceToken?: string | null,
  ): Promise<LoginOutcome> {
    const key = email.trim().toLowerCase();
    const found = await this.db.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash').where('lower(u.email) = :key', { key }).getOne();
    const deviceId = found ? this.devices.deviceOf(knownDeviceToken || client.knownDeviceToken, found.id) : null;
    const decision = await this.throttle.begin({ email: key, ip: client.ip, knownDeviceId: deviceId });
    // The person whose account is tried is not the actor: the event is about them, in their service's trail.
    const about = { userId: null, role: null, libraryServiceId: found?.libraryServiceId ?? null, ...request };
    if (!decision.allowed) {
      await this.audit.record(this.db.manager, about, { action: AuditAction.LOGIN_REFUSED, entityType: 'User', entityIds: [found?.id ?? null] });
      const wait = decision.retryAfterSeconds;
      const when = wait < 120 ? `${wait} second(s)` : `${Math.ceil(wait / 60)} minute(s)`;
      throw new UnauthenticatedError(`Too many failed sign-in attempts; try again in ${when}`, { retryAfterSeconds: wait });
    }
    const ok = await verifyPassword(found?.passwordHash ?? (await this.decoyHash), password);
    if (!found || !ok || !found.isActive) {
      await this.audit.record(this.db.manager, about, { action: AuditAction.LOGIN_FAILED, entityType: 'User', entityIds: [found?.id ?? null] });
      throw new UnauthenticatedError(INVALID);
    }
    await decision.attempt.succeeded();
    await this.db.transaction(async (m) => {
      await m.query('UPDATE app_user SET last_login_at = now() WHERE id = $1', [found.id]);
      await this.audit.record(
        m,
        { userId: found.id, role: found.role, libraryServiceId: found.libraryServiceId, ...request },
        { action: AuditAction.LOGIN, entityType: 'User', entityIds: [found.id] },
      );
    });
    const expiresAt = new Date(Date.now() + this.ttlSeconds * 1000);
    const accessToken = await this.jwt.signAsync({ sub: found.id }, { expiresIn: this.ttlSeconds });
    const device = this.devices.issue(found.id, deviceId ?? undefined);
    client.rememberDevice(device);
    const user = (await this.loadUser(this.db.manager, found.id))!;
    return { accessToken, expiresAt, user, knownDeviceToken: device };
  }

  /**
   * Resolves a bearer token to the active user it was issued to; null when it is not valid, which
   * includes any token without an expiry or whose subject is not a user id (never an error: a
   * malformed token must answer UNAUTHENTICATED, not reach the database as a bad uuid).
   */
  async principalFromToken(token: string): Promise<Principal | null> {
    if (token.length > MAX_TOKEN_LENGTH) return null;
    let claims: unknown;
    try {
      claims = await this.jwt.verifyAsync(token);
    } catch {
      return null;
    }
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return null;
    const { sub, exp } = claims as { sub?: unknown; exp?: unknown };
    if (typeof exp !== 'number' || !Number.isFinite(exp)) return null;
    if (typeof sub !== 'string' || !UUID.test(sub)) return null;
    const user = await this.loadUser(this.db.manager, sub);
    if (!user || !user.isActive) return null;
    return {
      id: user.id,
      role: user.role,
      libraryServiceId: user.libraryServiceId,
      partnerOrganisationId: user.partnerOrganisationId,
      branchIds: user.branchIds,
    };
  }

  /** A user with the ids of the branches they work at, in one query (it runs on every request). */
  async loadUser(m: EntityManager, id: string): Promise<User | null> {
    const { entities, raw } = await m
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('ARRAY(SELECT ub.branch_id FROM user_branch ub WHERE ub.user_id = u.id ORDER BY ub.branch_id)', 'branch_ids')
      .where('u.id = :id', { id })
      .getRawAndEntities();
    const user = entities[0];
    if (!user) return null;
    user.branchIds = raw[0].branch_ids ?? [];
    return user;
  }
}
