import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { returning } from '../../../common/src/index.js';
import { base32Encode, newTotpSecret, otpauthUri, totpStep, verifyTotp } from './totp.js';

export const RECOVERY_CODES = 10;
const AAD = Buffer.from('safer-libraries totp secret v1');

/** A recovery code as typed: letters and digits, any case, dashes and spaces ignored. */
const normalise = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');
const hashCode = (code: string) => createHash('sha256').update(normalise(code)).digest();

/** What a user's second factor looks like as sign-in sees it. */
export interface SecondFactor {
  enrolled: boolean;
}

/**
 * TOTP secrets and recovery codes of users. Secrets are kept encrypted (AES-256-GCM, key derived
 * from JWT_SECRET), so the database alone does not give anyone's codes. A TOTP code works once: the
 * step of the last code used is kept, and moved forward in the same statement that accepts a code,
 * so two requests racing with one code cannot both pass. A recovery code works once too.
 */
export class TwoFactor {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('a TOTP secret key has 32 bytes');
  }

  /** A code (TOTP or recovery) of this enrolled user, used up if right. */
  async verify(m: EntityManager, userId: string, code: string): Promise<boolean> {
    const trimmed = code.trim();
    if (/^\d{6}$/.test(trimmed)) {
      const [row] = await m.query('SELECT totp_secret, totp_last_step FROM app_user WHERE id = $1 AND totp_secret IS NOT NULL', [userId]);
      if (!row) return false;
      const last = row.totp_last_step === null ? null : Number(row.totp_last_step);
      const step = verifyTotp(this.decrypt(row.totp_secret), trimmed, last);
      if (step === null) return false;
      const moved = await returning(
        m,
        'UPDATE app_user SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id',
        [userId, step],
      );
      return moved.length === 1;
    }
    const used = await returning(m, 'UPDATE recovery_code SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING id', [
      userId,
      hashCode(trimmed),
    ]);
    return used.length === 1;
  }

  /** A new secret to enrol with (replacing an unconfirmed one): the otpauth URI for the app, and the secret to type in. */
  async start(m: EntityManager, user: { id: string; email: string }): Promise<{ otpauthUri: string; secret: string }> {
    const secret = newTotpSecret();
    await m.query('UPDATE app_user SET totp_pending_secret = $2 WHERE id = $1', [user.id, this.encrypt(secret)]);
    return { otpauthUri: otpauthUri(secret, user.email), secret: base32Encode(secret) };
  }

  /**
   * Confirms enrolment with a code from the app: the pending secret becomes the user's, and ten
   * new recovery codes (shown once, stored hashed) replace any earlier ones. Null if the code is wrong.
   */
  async confirm(m: EntityManager, user: { id: string; libraryServiceId: string }, code: string): Promise<string[] | null> {
    const [row] = await m.query('SELECT totp_pending_secret FROM app_user WHERE id = $1 AND totp_pending_secret IS NOT NULL FOR UPDATE', [user.id]);
    if (!row) return null;
    const step = verifyTotp(this.decrypt(row.totp_pending_secret), code.trim(), null);
    if (step === null) return null;
    await m.query(
      `UPDATE app_user SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_enabled_at = now(), totp_last_step = $2 WHERE id = $1`,
      [user.id, step],
    );
    const codes = Array.from({ length: RECOVERY_CODES }, () => {
      const raw = base32Encode(randomBytes(7)).slice(0, 10);
      return `${raw.slice(0, 5)}-${raw.slice(5)}`;
    });
    await m.query('DELETE FROM recovery_code WHERE user_id = $1', [user.id]);
    await m.query('INSERT INTO recovery_code (library_service_id, user_id, code_hash) SELECT $1, $2, unnest($3::bytea[])', [
      user.libraryServiceId,
      user.id,
      codes.map(hashCode),
    ]);
    return codes;
  }

  /** Takes a user's second factor away (an administrator's reset, when a phone is lost): they enrol again at their next sign-in. */
  async remove(m: EntityManager, userId: string): Promise<void> {
    await m.query('UPDATE app_user SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = $1', [userId]);
    await m.query('DELETE FROM recovery_code WHERE user_id = $1', [userId]);
  }

  private encrypt(secret: Buffer): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(AAD);
    const body = Buffer.concat([cipher.update(secret), cipher.final()]);
    return Buffer.concat([iv, body, cipher.getAuthTag()]);
  }

  private decrypt(blob: Buffer): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.key, blob.subarray(0, 12)).setAAD(AAD);
    decipher.setAuthTag(blob.subarray(blob.length - 16));
    return Buffer.concat([decipher.update(blob.subarray(12, blob.length - 16)), decipher.final()]);
  }
}

/** For tests and scripts that play the authenticator app. */
export { totpStep };
