import { hkdfSync } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, BadInputError, UnauthenticatedError } from '../../../common/src/index.js';
import { AuditAction, AuditService } from '../../../governance/src/index.js';
import type { Principal } from '../ability/actor.js';
import { maySignIn, User } from '../users/user.entity.js';
import { KnownDevices } from './known-device.js';
import { endSessionsOf, type IssuedRefreshToken, Sessions } from './sessions.js';
import { VerifiedTokens } from './verified-tokens.js';
import { TwoFactor } from './two-factor.js';
import { LoginThrottle } from './login-throttle.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { SignInClient } from './sign-in-client.js';
import { THROTTLE_STORE, type ThrottleStore } from './throttle-store.js';

const INVALID = 'Email or password is not correct';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Tokens this service issues are about 200 characters; anything far longer is not one of them. */
const MAX_TOKEN_LENGTH = 2048;

export interface LoginOutcome extends IssuedRefreshToken {
  accessToken: string;
  expiresAt: Date;
  user: User;
  knownDeviceToken: string;
}

type Request = { requestId: string; clientRequestId?: string | null };

/** The purpose claim of a token that is not an access token (enrolment in two-factor sign-in). */
const ENROLMENT = 'two-factor enrolment';
const ENROLMENT_TTL_SECONDS = 600;

/** A key for one purpose, derived from JWT_SECRET, so one configured secret serves them all and each stays separate. */
export function derivedKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'safer-libraries', purpose, 32));
}

@Injectable()
export class AuthService implements OnModuleDestroy {
  private readonly throttle: LoginThrottle;
  private readonly devices: KnownDevices;
  private readonly ttlSeconds: number;
  /** Signatures checked once per token (the expiry, user and session are checked at every use). */
  private readonly verifiedTokens = new VerifiedTokens();
  private readonly twoFactorRoles: Set<string>;
  readonly twoFactor: TwoFactor;
  readonly sessions: Sessions;
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
    this.twoFactorRoles = config.twoFactorRoles;
    this.twoFactor = new TwoFactor(derivedKey(secret, 'totp secrets'));
    this.sessions = new Sessions(config.REFRESH_TOKEN_TTL_HOURS);
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
    request: Request,
    knownDeviceToken?: string | null,
    twoFactorCode?: string | null,
  ): Promise<LoginOutcome> {
    const key = email.trim().toLowerCase();
    const found = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .addSelect('u.totp_enabled_at IS NOT NULL', 'enrolled')
      .where('lower(u.email) = :key', { key })
      .getRawAndEntities()
      .then(({ entities, raw }) => (entities[0] ? { user: entities[0], enrolled: Boolean(raw[0].enrolled) } : null));
    const user = found?.user;
    const deviceId = user ? this.devices.deviceOf(knownDeviceToken || client.knownDeviceToken, user.id) : null;
    const decision = await this.throttle.begin({ email: key, ip: client.ip, knownDeviceId: deviceId });
    // The person whose account is tried is not the actor: the event is about them, in their service's trail.
    const about = { userId: null, role: null, libraryServiceId: user?.libraryServiceId ?? null, ...request };
    const failed = async (message: string, details?: Record<string, unknown>) => {
      await this.audit.record(this.db.manager, about, { action: AuditAction.LOGIN_FAILED, entityType: 'User', entityIds: [user?.id ?? null] });
      return new UnauthenticatedError(message, details);
    };
    if (!decision.allowed) {
      await this.audit.record(this.db.manager, about, { action: AuditAction.LOGIN_REFUSED, entityType: 'User', entityIds: [user?.id ?? null] });
      const wait = decision.retryAfterSeconds;
      const when = wait < 120 ? `${wait} second(s)` : `${Math.ceil(wait / 60)} minute(s)`;
      throw new UnauthenticatedError(`Too many failed sign-in attempts; try again in ${when}`, { retryAfterSeconds: wait });
    }
    const ok = await verifyPassword(user?.passwordHash ?? (await this.decoyHash), password);
    if (!user || !ok || !maySignIn(user)) throw await failed(INVALID);
    if (found.enrolled) {
      // The password was right: asking for the code costs no attempt; a wrong code is a failed sign-in like a wrong password.
      if (!twoFactorCode) {
        await decision.attempt.succeeded();
        throw new UnauthenticatedError('Enter the 6-digit code from your authenticator app, or a recovery code (twoFactorCode)', { twoFactorRequired: true });
      }
      if (!(await this.twoFactor.verify(this.db.manager, user.id, twoFactorCode))) {
        throw await failed('The code is not right, or has been used already; wait for the next one', { twoFactorRequired: true });
      }
    } else if (this.twoFactorRoles.has(user.role)) {
      await decision.attempt.succeeded();
      const enrolmentToken = await this.jwt.signAsync({ sub: user.id, purpose: ENROLMENT }, { expiresIn: ENROLMENT_TTL_SECONDS });
      throw new UnauthenticatedError('Your role signs in with a second factor: set up an authenticator app first (startTwoFactorEnrolment)', {
        twoFactorEnrolmentRequired: true,
        enrolmentToken,
      });
    }
    await decision.attempt.succeeded();
    return this.signedIn(user.id, client, deviceId, request);
  }

  /**
   * A signed-in user's new password, given their current one: counted against the sign-in throttle
   * like a sign-in (a stolen session cannot guess the password faster than the sign-in page could),
   * a wrong one audited as a failed sign-in. The change ends every session, this one too: the user
   * signs in again with the new password. Audited as an UPDATE of the user.
   */
  async changePassword(userId: string, currentPassword: string, newPassword: string, client: SignInClient, request: Request): Promise<void> {
    const user = await this.db.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :userId', { userId }).getOne();
    if (!user?.passwordHash) throw new UnauthenticatedError(INVALID);
    const decision = await this.throttle.begin({ email: user.email.trim().toLowerCase(), ip: client.ip, knownDeviceId: null });
    const actor = { userId: user.id, role: user.role, libraryServiceId: user.libraryServiceId, ...request };
    if (!decision.allowed) {
      await this.audit.record(this.db.manager, actor, { action: AuditAction.LOGIN_REFUSED, entityType: 'User', entityIds: [user.id] });
      throw new UnauthenticatedError('Too many wrong passwords; try again later', { retryAfterSeconds: decision.retryAfterSeconds });
    }
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      await this.audit.record(this.db.manager, actor, { action: AuditAction.LOGIN_FAILED, entityType: 'User', entityIds: [user.id] });
      throw new BadInputError('Your current password is not right', {
        problems: [{ field: 'currentPassword', message: 'your current password is not right' }],
      });
    }
    await decision.attempt.succeeded();
    if (newPassword === currentPassword) {
      throw new BadInputError('Choose a new password different from your current one', {
        problems: [{ field: 'newPassword', message: 'choose a password different from your current one' }],
      });
    }
    const passwordHash = await hashPassword(newPassword);
    await this.db.transaction(async (m) => {
      await m.query('UPDATE app_user SET password_hash = $2, version = version + 1, updated_at = now() WHERE id = $1', [user.id, passwordHash]);
      // A new password ends every session the old one opened.
      await endSessionsOf(m, user.id);
      await this.audit.record(m, actor, { action: AuditAction.UPDATE, entityType: 'User', entityIds: [user.id] });
    });
  }

  /** A new session for a user who has proved who they are: the sign-in audited, an access token, a refresh token of a new family, a known device. */
  async signedIn(userId: string, client: SignInClient, deviceId: string | null, request: Request): Promise<LoginOutcome> {
    const user = (await this.loadUser(this.db.manager, userId))!;
    const refresh = await this.db.transaction(async (m) => {
      await m.query('UPDATE app_user SET last_login_at = now() WHERE id = $1', [user.id]);
      await this.audit.record(
        m,
        { userId: user.id, role: user.role, libraryServiceId: user.libraryServiceId, ...request },
        { action: AuditAction.LOGIN, entityType: 'User', entityIds: [user.id] },
      );
      return this.sessions.issue(m, user);
    });
    const device = this.devices.issue(user.id, deviceId ?? undefined);
    client.rememberDevice(device);
    return { ...(await this.accessTokenFor(user)), ...refresh, user, knownDeviceToken: device };
  }

  /**
   * A refresh token for a new access token and a new refresh token (the old one is spent). A spent
   * one shown again revokes its whole family and is audited as a failed sign-in.
   */
  async refresh(refreshToken: string, request: Request): Promise<Omit<LoginOutcome, 'knownDeviceToken'>> {
    const outcome = await this.db.transaction(async (m) => {
      const spent = await this.sessions.spend(m, refreshToken);
      if (spent.kind !== 'rotated') return { spent, issued: null };
      const [user] = await m.query('SELECT id, library_service_id AS "libraryServiceId" FROM app_user WHERE id = $1', [spent.userId]);
      return { spent, issued: await this.sessions.issue(m, user, spent.familyId) };
    });
    if (outcome.spent.kind === 'reused') {
      const [u] = await this.db.query('SELECT library_service_id FROM app_user WHERE id = $1', [outcome.spent.userId]);
      const about = { userId: null, role: null, libraryServiceId: u?.library_service_id ?? null, ...request };
      await this.audit.record(this.db.manager, about, { action: AuditAction.LOGIN_FAILED, entityType: 'User', entityIds: [outcome.spent.userId] });
      throw new UnauthenticatedError('This refresh token has been used already, so every session it belongs to has been ended: sign in again');
    }
    if (!outcome.issued || outcome.spent.kind !== 'rotated') throw new UnauthenticatedError('This refresh token is not valid or has expired: sign in again');
    const user = (await this.loadUser(this.db.manager, outcome.spent.userId))!;
    return { ...(await this.accessTokenFor(user)), ...outcome.issued, user };
  }

  /** The user an enrolment token (from a sign-in that needs a second factor first) was given to; UNAUTHENTICATED if it is not one. */
  async enrollingUser(enrolmentToken: string): Promise<string> {
    let claims: { sub?: unknown; purpose?: unknown };
    try {
      claims = await this.jwt.verifyAsync(enrolmentToken);
    } catch {
      throw new UnauthenticatedError('The enrolment token is not valid or has expired: sign in again');
    }
    if (claims.purpose !== ENROLMENT || typeof claims.sub !== 'string' || !UUID.test(claims.sub)) {
      throw new UnauthenticatedError('The enrolment token is not valid or has expired: sign in again');
    }
    return claims.sub;
  }

  private async accessTokenFor(user: User): Promise<{ accessToken: string; expiresAt: Date }> {
    const expiresAt = new Date(Date.now() + this.ttlSeconds * 1000);
    return { accessToken: await this.jwt.signAsync({ sub: user.id, gen: user.sessionGeneration }, { expiresIn: this.ttlSeconds }), expiresAt };
  }

  /**
   * Resolves a bearer token to the active user it was issued to; null when it is not valid, which
   * includes any token without an expiry or whose subject is not a user id (never an error: a
   * malformed token must answer UNAUTHENTICATED, not reach the database as a bad uuid).
   */
  async principalFromToken(token: string): Promise<Principal | null> {
    const claims = await this.accessClaims(token);
    return claims ? principalOf(await this.loadUser(this.db.manager, claims.sub), claims.gen) : null;
  }

  /**
   * principalFromToken for many tokens at once, with the same checks, in one query for their users
   * (each live event checks every subscriber's token again: libs/access live-stream.ts).
   */
  async principalsFromTokens(tokens: readonly string[]): Promise<(Principal | null)[]> {
    const claims = await Promise.all(tokens.map((t) => this.accessClaims(t)));
    const ids = [...new Set(claims.flatMap((c) => (c ? [c.sub] : [])))];
    const users = new Map((await this.loadUsers(this.db.manager, ids)).map((u) => [u.id, u]));
    return claims.map((c) => (c ? principalOf(users.get(c.sub) ?? null, c.gen) : null));
  }

  /** The subject and session generation of a valid access token, else null (see principalFromToken). */
  private async accessClaims(token: string): Promise<{ sub: string; gen: unknown } | null> {
    if (token.length > MAX_TOKEN_LENGTH) return null;
    const known = this.verifiedTokens.get(token);
    if (known) return known;
    let claims: unknown;
    try {
      claims = await this.jwt.verifyAsync(token);
    } catch {
      return null;
    }
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return null;
    const { sub, exp, gen, purpose } = claims as { sub?: unknown; exp?: unknown; gen?: unknown; purpose?: unknown };
    if (typeof exp !== 'number' || !Number.isFinite(exp)) return null;
    if (typeof sub !== 'string' || !UUID.test(sub)) return null;
    // An enrolment token is for enrolling, never for reading.
    if (purpose !== undefined) return null;
    this.verifiedTokens.remember(token, { sub, gen, exp });
    return { sub, gen };
  }

  /** A user with the ids of the branches they work at, in one query (it runs on every request). */
  async loadUser(m: EntityManager, id: string): Promise<User | null> {
    return (await this.loadUsers(m, [id]))[0] ?? null;
  }

  async loadUsers(m: EntityManager, ids: readonly string[]): Promise<User[]> {
    if (!ids.length) return [];
    const { entities, raw } = await m
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('ARRAY(SELECT ub.branch_id FROM user_branch ub WHERE ub.user_id = u.id ORDER BY ub.branch_id)', 'branch_ids')
      .addSelect('u.session_generation', 'session_generation')
      .where(ids.length === 1 ? 'u.id = :id' : 'u.id IN (:...ids)', { id: ids[0], ids: [...ids] })
      .getRawAndEntities();
    const extra = new Map(raw.map((r: { u_id: string; branch_ids: string[] | null; session_generation: string }) => [r.u_id, r]));
    for (const user of entities) {
      const row = extra.get(user.id)!;
      user.branchIds = row.branch_ids ?? [];
      user.sessionGeneration = Number(row.session_generation);
    }
    return entities;
  }
}

/** The principal of a token's user, or null when they may not sign in or their sessions have ended since it was issued. */
function principalOf(user: User | null, gen: unknown): Principal | null {
  if (!user || !maySignIn(user)) return null;
  // Sessions ended (a password change, deactivation, a new role): tokens of an earlier generation no longer work.
  if ((gen ?? 0) !== user.sessionGeneration) return null;
  return {
    id: user.id,
    role: user.role,
    libraryServiceId: user.libraryServiceId,
    partnerOrganisationId: user.partnerOrganisationId,
    branchIds: user.branchIds,
  };
}
