import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type pg from 'pg';

/**
 * The service's tokens by hand (libs/access auth.service.ts, access.module.ts): HS256 with
 * JWT_SECRET's bytes as the key, claims { sub, iat, exp }. A token is valid when its signature
 * is, it has a numeric expiry not passed, and its subject is a user id; the user must be active.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
const MAX_TOKEN_LENGTH = 2048;

export class Tokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(secret);
  }

  sign(sub: string, ttlSeconds: number, now = Date.now()): string {
    const iat = Math.floor(now / 1000);
    const body = `${HEADER}.${Buffer.from(JSON.stringify({ sub, iat, exp: iat + ttlSeconds })).toString('base64url')}`;
    return `${body}.${createHmac('sha256', this.key).update(body).digest('base64url')}`;
  }

  /** The user id a valid token names, else null. */
  verify(token: string): string | null {
    if (token.length > MAX_TOKEN_LENGTH) return null;
    const [h, p, s, extra] = token.split('.');
    if (!h || !p || !s || extra !== undefined) return null;
    try {
      const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
      if (header?.alg !== 'HS256') return null;
      const expected = createHmac('sha256', this.key).update(`${h}.${p}`).digest();
      const given = Buffer.from(s, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
      if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return null;
      const now = Math.floor(Date.now() / 1000);
      if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp) || now >= claims.exp) return null;
      if (typeof claims.nbf === 'number' && now < claims.nbf) return null;
      if (typeof claims.sub !== 'string' || !UUID.test(claims.sub)) return null;
      return claims.sub;
    } catch {
      return null;
    }
  }
}

/** A key for one purpose, derived from JWT_SECRET (auth.service.ts derivedKey). */
export function derivedKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'safer-libraries', purpose, 32));
}

/** The signed-in user, as the service's Principal (libs/access actor.ts). */
export interface Principal {
  id: string;
  role: string;
  libraryServiceId: string;
  partnerOrganisationId: string | null;
  branchIds: string[];
}

/** One statement per request, as the service's loadUser: the user and the branches they work at; null when absent or inactive. */
export async function loadPrincipal(pool: pg.Pool, id: string): Promise<Principal | null> {
  const { rows } = await pool.query(
    `SELECT u.id, u.role, u.library_service_id, u.partner_organisation_id, u.is_active,
            ARRAY(SELECT ub.branch_id::text FROM user_branch ub WHERE ub.user_id = u.id ORDER BY ub.branch_id) AS branch_ids
       FROM app_user u WHERE u.id = $1`,
    [id],
  );
  const u = rows[0];
  if (!u || !u.is_active) return null;
  return { id: u.id, role: u.role, libraryServiceId: u.library_service_id, partnerOrganisationId: u.partner_organisation_id, branchIds: u.branch_ids };
}
