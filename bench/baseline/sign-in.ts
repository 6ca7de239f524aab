import { createCipheriv, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { isIPv4 } from 'node:net';
import { verify } from '@node-rs/argon2';
import type pg from 'pg';
import { derivedKey, type Tokens } from './auth.js';
import { BadRequest } from './sql.js';

/** The sign-in settings the service reads (libs/common config.ts), from the same environment. */
export interface SignInSettings {
  ttlSeconds: number;
  perClient: number;
  perEmail: number;
  perIp: number;
  firstWaitMs: number;
  maxWaitMs: number;
}

export function signInSettings(env: Record<string, string | undefined>): SignInSettings {
  const n = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
  return {
    ttlSeconds: n('JWT_TTL_SECONDS', 3600),
    perClient: n('LOGIN_MAX_FAILURES', 5),
    perEmail: n('LOGIN_MAX_FAILURES_PER_EMAIL', 20),
    perIp: n('LOGIN_MAX_FAILURES_PER_IP', 100),
    firstWaitMs: n('LOGIN_BACKOFF_SECONDS', 60) * 1000,
    maxWaitMs: n('LOGIN_BACKOFF_MAX_MINUTES', 60) * 60_000,
  };
}

const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;
const INVALID = 'Email or password is not correct';
const DEVICE_AAD = Buffer.from('safer-libraries known device v1');

/**
 * The attempt's counters ($1: client, email, address), locked in that order, as the reservation
 * locks them: a statement that changes several counters in another order deadlocks with a
 * parallel reservation (ORDER BY with FOR UPDATE locks the rows in the order sorted).
 */
const LOCKED = `WITH l AS (SELECT key FROM login_throttle WHERE key = ANY ($1::text[]) ORDER BY array_position($1::text[], key) FOR UPDATE)`;

/**
 * `login` as AuthService.login does it for a client without a known-device token, in three
 * statements: (1) the user by email, and the three failure counters (email and client address,
 * email, address: login-throttle.ts, keyed alike so both servers count the same) reserved at once;
 * then the password check; on success (2) the client's counter forgotten and the shared ones given
 * back, and (3) last_login_at and the LOGIN audit row (apart: a statement holding the counters
 * and the audit chain's lock would deadlock with another sign-in taking them the other way). Then the token (HS256) and a
 * known-device token (AES-256-GCM, known-device.ts). Failures and refusals are not benchmarked:
 * they answer the same error, without their audit rows.
 */
export class SignIn {
  private readonly throttleKey: Buffer;
  private readonly deviceKey: Buffer;

  constructor(
    private readonly pool: pg.Pool,
    private readonly tokens: Tokens,
    secret: string,
    private readonly settings: SignInSettings,
  ) {
    this.throttleKey = derivedKey(secret, 'sign-in throttle keys');
    this.deviceKey = derivedKey(secret, 'known-device tokens');
  }

  /** The response body, and the known-device token the service would set as a cookie. */
  async login(v: Record<string, unknown>, ip: string, ids: { requestId: string; clientRequestId: string | null }): Promise<{ body: string; device: string }> {
    if (typeof v.email !== 'string' || typeof v.password !== 'string') throw new BadRequest('email and password are required');
    if (v.knownDeviceToken) throw new BadRequest('The baseline does not answer login with a known-device token', 'BASELINE_UNSUPPORTED');
    const email = v.email.trim().toLowerCase();
    // An IPv4 address as login-throttle.ts clientNetwork writes it (the benchmark's clients are on loopback; IPv6 /64s are not reproduced).
    const mapped = ip.replace(/^::ffff:/i, '');
    const network = isIPv4(mapped) ? mapped : ip;
    const client = this.key('client', email, `ip\0${network}`);
    const shared = [this.key('email', email), this.key('ip', network)];
    const s = this.settings;
    const now = new Date();
    const { rows } = await this.pool.query(
      `WITH reserved AS (
         INSERT INTO login_throttle AS t (key, failures, last_failure_at, forget_at)
         SELECT k.key, 1, $2::timestamptz, $2::timestamptz + $6::float8 * interval '1 millisecond' FROM unnest($1::text[]) WITH ORDINALITY AS k(key, n) ORDER BY k.n
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN t.forget_at <= $2::timestamptz THEN 1 ELSE t.failures + 1 END,
           last_failure_at = EXCLUDED.last_failure_at, forget_at = EXCLUDED.forget_at
         WHERE t.forget_at <= $2::timestamptz
            OR t.failures < (CASE WHEN t.key LIKE 'client:%' THEN $3 WHEN t.key LIKE 'email:%' THEN $4 ELSE $5 END)::int
            OR t.last_failure_at + least($7::float8 * power(2, least(t.failures - (CASE WHEN t.key LIKE 'client:%' THEN $3 WHEN t.key LIKE 'email:%' THEN $4 ELSE $5 END)::int, 40)), $8::float8)
               * interval '1 millisecond' <= $2::timestamptz
         RETURNING key)
       SELECT (SELECT count(*)::int FROM reserved) AS reserved,
              u.id, u.role, u.is_active, u.password_hash, u.library_service_id
         FROM (SELECT 1) one LEFT JOIN app_user u ON lower(u.email) = $9`,
      [[client, ...shared], now, s.perClient, s.perEmail, s.perIp, FORGET_AFTER_MS, s.firstWaitMs, s.maxWaitMs, email],
    );
    const found = rows[0];
    if (found.reserved < 3) {
      // All or nothing: the counters that did count this attempt give it back.
      await this.pool.query(
        `${LOCKED} UPDATE login_throttle SET failures = failures - 1 WHERE key = ANY ($1::text[]) AND failures > 0 AND last_failure_at = $2 AND key IN (SELECT key FROM l)`,
        [[client, ...shared], now],
      );
      throw new BadRequest('Too many failed sign-in attempts; try again later', 'UNAUTHENTICATED');
    }
    const ok = found.id ? await verify(found.password_hash, v.password) : false;
    if (!found.id || !ok || !found.is_active) throw new BadRequest(INVALID, 'UNAUTHENTICATED');
    await this.pool.query(
      `${LOCKED}, forgotten AS (DELETE FROM login_throttle WHERE key = $2 AND key IN (SELECT key FROM l))
       UPDATE login_throttle SET failures = failures - 1 WHERE key = ANY ($3::text[]) AND failures > 0 AND key IN (SELECT key FROM l)`,
      [[client, ...shared], client, shared],
    );
    await this.pool.query(
      `WITH seen AS (UPDATE app_user SET last_login_at = now() WHERE id = $1)
       INSERT INTO audit_event (actor_id, actor_role, action, entity_type, entity_id, library_service_id, request_id, client_request_id)
       VALUES ($1, $2, 'LOGIN', 'User', $1::text, $3, $4, $5)`,
      [found.id, found.role, found.library_service_id, ids.requestId, ids.clientRequestId],
    );
    const expiresAt = new Date(Date.now() + s.ttlSeconds * 1000);
    const login = { accessToken: this.tokens.sign(found.id, s.ttlSeconds), expiresAt: expiresAt.toISOString(), user: { id: found.id, role: found.role } };
    return { body: JSON.stringify({ data: { login } }), device: this.device(found.id) };
  }

  private key(kind: string, ...parts: string[]): string {
    return `${kind}:${createHmac('sha256', this.throttleKey).update(kind).update('\0').update(parts.join('\0')).digest('base64url')}`;
  }

  /** A known-device token for a new device of this user (known-device.ts issue), made as the service makes it. */
  private device(userId: string): string {
    const plain = Buffer.alloc(37);
    plain.writeUInt8(1, 0);
    Buffer.from(userId.replace(/-/g, ''), 'hex').copy(plain, 1);
    Buffer.from(randomUUID().replace(/-/g, ''), 'hex').copy(plain, 17);
    plain.writeUInt32BE(Math.floor(Date.now() / 1000), 33);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.deviceKey, iv).setAAD(DEVICE_AAD);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
  }
}
