import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The partner directory (issue 12): full-text search over a partner's name, services offered and
 * areas covered, and the id of the Open Referral UK organisation a partner was imported from.
 *
 * The search document is one tsvector: the name weighted A, the services B, the areas C, so one
 * GIN index answers "any field" (`food:*`) and "services only" (`food:*B`) alike. It is an
 * expression index over an IMMUTABLE function rather than a generated column, so the entity and
 * every existing INSERT stay as they are (array_to_string is only STABLE, hence the wrapper; for
 * text[] its output cannot change). The 'simple' configuration, queried by prefix (`food:*`): it
 * finds "Food parcels" and "foodbank" alike, "parcel" finds "parcels", and place names are kept
 * whole (the English stemmer makes "Hastings" "hast", and drops words it deems stop words).
 */
export class PartnerDirectory1765750000000 implements MigrationInterface {
  name = 'PartnerDirectory1765750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION partner_directory_document(name text, services text[], areas text[]) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT setweight(to_tsvector('simple'::regconfig, coalesce(name, '')), 'A')
            || setweight(to_tsvector('simple'::regconfig, coalesce(array_to_string(services, ' '), '')), 'B')
            || setweight(to_tsvector('simple'::regconfig, coalesce(array_to_string(areas, ' '), '')), 'C')
      $$`);
    await q.query(
      `CREATE INDEX partner_organisation_directory_idx ON partner_organisation USING GIN (partner_directory_document(name, services_offered, areas_covered))`,
    );
    await q.query(`ALTER TABLE partner_organisation ADD COLUMN source_id text CHECK (length(source_id) BETWEEN 1 AND 200)`);
    await q.query(`CREATE UNIQUE INDEX partner_organisation_source_uq ON partner_organisation (library_service_id, source_id) WHERE source_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX partner_organisation_source_uq`);
    await q.query(`ALTER TABLE partner_organisation DROP COLUMN source_id`);
    await q.query(`DROP INDEX partner_organisation_directory_idx`);
    await q.query(`DROP FUNCTION partner_directory_document(text, text[], text[])`);
  }
}
