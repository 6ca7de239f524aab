import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The condition bans record for criminal offence data, and historic records (issue 12).
 *
 * - `data_protection_policy`: a service's own Article 10 / DPA 2018 Schedule 1 condition for the
 *   records of a type (bans), one row per service and type once an administrator chooses one; with
 *   none, the default in code (CRIMINAL_OFFENCE_DEFAULTS, libs/governance/src/data-protection/criminal-offence-condition.ts).
 *   Grants and the tenant wall come from grant_application_role / apply_tenant_policies, run after every migration run.
 * - Existing bans without a condition get that default, written out here as it stood when this
 *   migration was written (migrations never follow code that may change later). It is the
 *   condition every ban recorded from now on gets when nobody states another, and no service had
 *   a condition of its own before this table existed, so the old bans end up exactly where a new
 *   one would. The down migration leaves them filled: a filled condition cannot be told apart
 *   from one a manager has since confirmed.
 * - `incident.historic`, `ban.historic`: entered after the fact from paper records by a manager,
 *   with their real dates. A historic ban was confirmed when it was entered (CHECK).
 */
const DEFAULT_CONDITION = 'DPA 2018 Schedule 1 Part 3 paragraph 36, applying Part 2 paragraph 10 (preventing or detecting unlawful acts)';

export class DataProtectionChecks1765720000000 implements MigrationInterface {
  name = 'DataProtectionChecks1765720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE data_protection_policy (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      record_type text NOT NULL CHECK (record_type IN ('BAN')),
      criminal_offence_condition text NOT NULL CHECK (btrim(criminal_offence_condition) <> ''),
      updated_by_id uuid REFERENCES app_user(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE UNIQUE INDEX data_protection_policy_service_type_uq ON data_protection_policy (library_service_id, record_type)`);
    await q.query(`CREATE INDEX data_protection_policy_updated_by_idx ON data_protection_policy (updated_by_id)`);
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
    await q.query(`DROP TABLE data_protection_policy`);
  }
}
