import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-factor sign-in and sessions (issue 12).
 * - A user's TOTP secret, encrypted (AES-256-GCM under a key derived from JWT_SECRET: a copy of
 *   the database alone does not give the codes), the pending one while enrolling, when enrolment
 *   was confirmed, and the time step of the last code used (a code works once).
 * - Ten single-use recovery codes per enrolled user, stored as SHA-256 (they are 50 random bits
 *   each, shown once).
 * - Refresh tokens, rotated at every use, in families (one per sign-in): a token used twice means
 *   it was copied, and the whole family is revoked. Stored as SHA-256.
 * - `session_generation`: every access token carries the generation it was issued in; ending a
 *   user's sessions (a password change, deactivation, a role change) moves it on, and older tokens
 *   stop working at once (no window of a clock's second).
 */
export class TwoFactorAndSessions1765740000000 implements MigrationInterface {
  name = 'TwoFactorAndSessions1765740000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user
      ADD COLUMN totp_secret bytea,
      ADD COLUMN totp_pending_secret bytea,
      ADD COLUMN totp_enabled_at timestamptz,
      ADD COLUMN totp_last_step bigint,
      ADD COLUMN session_generation integer NOT NULL DEFAULT 0,
      ADD CONSTRAINT app_user_totp_enabled CHECK ((totp_secret IS NULL) = (totp_enabled_at IS NULL))`);
    await q.query(`CREATE TABLE recovery_code (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      code_hash bytea NOT NULL CHECK (length(code_hash) = 32),
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX recovery_code_user_idx ON recovery_code (user_id)`);
    await q.query(`CREATE TABLE refresh_token (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      family_id uuid NOT NULL,
      token_hash bytea NOT NULL CHECK (length(token_hash) = 32),
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      revoked_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE UNIQUE INDEX refresh_token_hash_uq ON refresh_token (token_hash)`);
    await q.query(`CREATE INDEX refresh_token_family_idx ON refresh_token (family_id)`);
    await q.query(`CREATE INDEX refresh_token_user_idx ON refresh_token (user_id) WHERE revoked_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE refresh_token`);
    await q.query(`DROP TABLE recovery_code`);
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_totp_enabled,
      DROP COLUMN totp_secret, DROP COLUMN totp_pending_secret, DROP COLUMN totp_enabled_at, DROP COLUMN totp_last_step, DROP COLUMN session_generation`);
  }
}
