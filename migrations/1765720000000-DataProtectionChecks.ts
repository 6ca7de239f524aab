import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The condition bans record for criminal offence data, and historic records (issue 12).
 *
 * - `library_service.ban_criminal_offence_condition`: a service's own Article 10 / DPA 2018
 *   Schedule 1 condition for its bans; NULL means the default in code
 *   (DEFAULT_CRIMINAL_OFFENCE_CONDITION, libs/governance/src/data-protection/criminal-offence-condition.ts).
 * - Existing bans without a condition get that default, written out here as it stood when this
 *   migration was written (migrations never follow code that may change later). It is the
 *   condition every ban recorded from now on gets when nobody states another, and no service had
 *   a condition of its own before this column existed, so the old bans end up exactly where a new
 *   one would. The down migration leaves them filled: a filled condition cannot be told apart
 *   from one a manager has since confirmed.
 * - `incident.historic`, `ban.historic`: entered after the fact from paper records by a manager,
 *   with their real dates. A historic ban was confirmed when it was entered (CHECK).
 */
const DEFAULT_CONDITION = 'DPA 2018 Schedule 1 Part 3 paragraph 36, applying Part 2 paragraph 10 (preventing or detecting unlawful acts)';

export class DataProtectionChecks1765720000000 implements MigrationInterface {
  name = 'DataProtectionChecks1765720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE library_service ADD COLUMN ban_criminal_offence_condition text
      CONSTRAINT library_service_ban_condition_not_blank CHECK (ban_criminal_offence_condition IS NULL OR btrim(ban_criminal_offence_condition) <> '')`);
    await q.query(`UPDATE ban SET criminal_offence_condition = $1 WHERE criminal_offence_condition IS NULL OR btrim(criminal_offence_condition) = ''`, [
      DEFAULT_CONDITION,
    ]);
    await q.query(`ALTER TABLE incident ADD COLUMN historic boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE ban ADD COLUMN historic boolean NOT NULL DEFAULT false
      CONSTRAINT ban_historic_confirmed CHECK (NOT historic OR (confirmed_by_id IS NOT NULL AND ends_on IS NOT NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ban DROP COLUMN historic`);
    await q.query(`ALTER TABLE incident DROP COLUMN historic`);
    await q.query(`ALTER TABLE library_service DROP COLUMN ban_criminal_offence_condition`);
  }
}
