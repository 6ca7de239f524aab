import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Administration over the API (issue 12): users invited by email choose their own password, so a
 * user may have none yet (an invitation pending: signing in fails as for a wrong password); and
 * the one-time links of invitations and password resets. A link's token is never stored, only its
 * SHA-256: the table cannot be used to sign in as anyone. `used_at` makes a link work once; a new
 * link of the same purpose replaces the older ones (deleted: they name nobody).
 */
export class Administration1765730000000 implements MigrationInterface {
  name = 'Administration1765730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user ALTER COLUMN password_hash DROP NOT NULL`);
    await q.query(`CREATE TABLE account_link (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      purpose text NOT NULL CHECK (purpose IN ('INVITATION','PASSWORD_RESET')),
      token_hash bytea NOT NULL CHECK (length(token_hash) = 32),
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_by_id uuid REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE UNIQUE INDEX account_link_token_uq ON account_link (token_hash)`);
    await q.query(`CREATE INDEX account_link_user_idx ON account_link (user_id, purpose)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE account_link`);
    await q.query(`UPDATE app_user SET password_hash = '!' WHERE password_hash IS NULL`);
    await q.query(`ALTER TABLE app_user ALTER COLUMN password_hash SET NOT NULL`);
  }
}
