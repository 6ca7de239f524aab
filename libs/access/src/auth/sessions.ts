import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

const sha256 = (token: string) => createHash('sha256').update(token).digest();

export interface IssuedRefreshToken {
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

/** What a refresh token turned out to be. */
export type RefreshOutcome = { kind: 'rotated'; userId: string; familyId: string } | { kind: 'reused'; userId: string } | { kind: 'invalid' };

/**
 * Refresh tokens: 256 random bits, stored as SHA-256, one family per sign-in. Each use rotates:
 * the token is spent and a new one of the same family given. A spent token shown again means
 * someone kept a copy: the whole family is revoked, so neither the thief nor the user (who signs
 * in again) can go on with it.
 */
export class Sessions {
  constructor(private readonly ttlHours: number) {}

  async issue(m: EntityManager, user: { id: string; libraryServiceId: string }, familyId: string = randomUUID()): Promise<IssuedRefreshToken> {
    const refreshToken = randomBytes(32).toString('base64url');
    const [row] = await m.query(
      `INSERT INTO refresh_token (library_service_id, user_id, family_id, token_hash, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(hours => $5)) RETURNING expires_at`,
      [user.libraryServiceId, user.id, familyId, sha256(refreshToken), this.ttlHours],
    );
    return { refreshToken, refreshTokenExpiresAt: new Date(row.expires_at) };
  }

  /** Spends a token: rotated (its family goes on), reused (its family is now revoked), or invalid (unknown, expired, revoked). */
  async spend(m: EntityManager, refreshToken: string): Promise<RefreshOutcome> {
    const [row] = await m.query(
      `SELECT t.id, t.user_id, t.family_id, t.used_at, t.revoked_at, t.expires_at > now() AS live,
        u.is_active AND coalesce((SELECT po.status = 'ACTIVE' FROM partner_organisation po WHERE po.id = u.partner_organisation_id), true) AS may_sign_in
       FROM refresh_token t JOIN app_user u ON u.id = t.user_id WHERE t.token_hash = $1 FOR UPDATE OF t`,
      [sha256(refreshToken)],
    );
    if (!row || row.revoked_at) return { kind: 'invalid' };
    if (row.used_at) {
      await m.query('UPDATE refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL', [row.family_id]);
      return { kind: 'reused', userId: row.user_id };
    }
    if (!row.live || !row.may_sign_in) return { kind: 'invalid' };
    await m.query('UPDATE refresh_token SET used_at = now() WHERE id = $1', [row.id]);
    return { kind: 'rotated', userId: row.user_id, familyId: row.family_id };
  }

  /** Signing out: the token's family ends. */
  async end(m: EntityManager, refreshToken: string): Promise<void> {
    await m.query(
      `UPDATE refresh_token SET revoked_at = now() WHERE revoked_at IS NULL AND family_id = (SELECT family_id FROM refresh_token WHERE token_hash = $1)`,
      [sha256(refreshToken)],
    );
  }
}

/**
 * Every session of a user ends now: refresh tokens revoked, and access tokens of the earlier
 * generation refused (a password change, deactivation, a role change, a reset of the second factor).
 */
export async function endSessionsOf(m: EntityManager, userId: string): Promise<void> {
  await m.query('UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
  await m.query('UPDATE app_user SET session_generation = session_generation + 1 WHERE id = $1', [userId]);
}
