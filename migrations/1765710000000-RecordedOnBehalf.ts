import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose rows may be a partner's answer recorded by the library on its behalf. */
const TABLES = ['referral_transition', 'referral_update', 'case_update'];

/**
 * Answers recorded on a partner's behalf (issue 12: most partner organisations have no login, so a
 * referral sent to them was never accepted and turned overdue). A partner's move, message or case
 * update given by phone, email, at a meeting or by letter is recorded by a library user, its row
 * saying who answered at the partner (a name or role of their staff), how and when; the row's own
 * actor or author is the library user who recorded it. All three set, or none: a row its author
 * made as themselves. Nullable columns with no default, so adding them rewrites no table.
 */
export class RecordedOnBehalf1765710000000 implements MigrationInterface {
  name = 'RecordedOnBehalf1765710000000';

  async up(q: QueryRunner): Promise<void> {
    for (const t of TABLES) {
      await q.query(`ALTER TABLE ${t}
        ADD COLUMN on_behalf_answered_by text CONSTRAINT ${t}_on_behalf_answered_by_check CHECK (length(btrim(on_behalf_answered_by)) BETWEEN 1 AND 200),
        ADD COLUMN on_behalf_channel text CONSTRAINT ${t}_on_behalf_channel_check CHECK (on_behalf_channel IN ('PHONE','EMAIL','MEETING','LETTER','OTHER')),
        ADD COLUMN on_behalf_answered_at timestamptz,
        ADD CONSTRAINT ${t}_on_behalf_whole CHECK (
          (on_behalf_channel IS NULL) = (on_behalf_answered_by IS NULL) AND (on_behalf_channel IS NULL) = (on_behalf_answered_at IS NULL))`);
    }
    // What a partner answers: its own moves, and (on a shared case) in its organisation's name.
    await q.query(`ALTER TABLE referral_transition ADD CONSTRAINT referral_transition_on_behalf_partner_move
      CHECK (on_behalf_channel IS NULL OR to_status IN ('ACCEPTED','DECLINED','IN_PROGRESS','CLOSED'))`);
    await q.query(`ALTER TABLE case_update ADD CONSTRAINT case_update_on_behalf_organisation
      CHECK (on_behalf_channel IS NULL OR partner_organisation_id IS NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_update DROP CONSTRAINT case_update_on_behalf_organisation`);
    await q.query(`ALTER TABLE referral_transition DROP CONSTRAINT referral_transition_on_behalf_partner_move`);
    for (const t of TABLES) {
      await q.query(`ALTER TABLE ${t} DROP CONSTRAINT ${t}_on_behalf_whole,
        DROP COLUMN on_behalf_answered_at, DROP COLUMN on_behalf_channel, DROP COLUMN on_behalf_answered_by`);
    }
  }
}
