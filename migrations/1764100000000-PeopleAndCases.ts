import type { MigrationInterface, QueryRunner } from 'typeorm';

const LAWFUL_BASIS = `lawful_basis text NOT NULL CHECK (lawful_basis IN ('CONSENT','CONTRACT','LEGAL_OBLIGATION','VITAL_INTERESTS','PUBLIC_TASK','LEGITIMATE_INTERESTS'))`;

/** Data-protection columns (as in the Foundation migration). */
const dataProtection = `
  ${LAWFUL_BASIS},
  special_category_condition text,
  criminal_offence_condition text,
  retain_until date NOT NULL,
  legal_hold boolean NOT NULL DEFAULT false`;

/** The same, for special category data: its Article 9(2) condition is required. */
const specialCategoryProtection = `
  ${LAWFUL_BASIS},
  special_category_condition text NOT NULL CHECK (btrim(special_category_condition) <> ''),
  criminal_offence_condition text,
  retain_until date NOT NULL,
  legal_hold boolean NOT NULL DEFAULT false`;

const stamps = `
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()`;

const AGE_BANDS = `'UNDER_10','AGE_10_13','AGE_14_17','AGE_18_24','AGE_25_34','AGE_35_49','AGE_50_64','AGE_65_PLUS'`;

/**
 * Subjects (people the service records), their special category details, cases and case notes.
 * Tables of later issues that refer to a person point at subject(id): merging two subjects moves
 * every such link, found in the catalog (see subject-merge.ts).
 */
export class PeopleAndCases1764100000000 implements MigrationInterface {
  name = 'PeopleAndCases1764100000000';

  async up(q: QueryRunner): Promise<void> {
    // Lower-cased, trimmed aliases, for an index the possible-duplicate search can use.
    await q.query(`CREATE FUNCTION subject_alias_keys(aliases text[]) RETURNS text[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT coalesce(array_agg(lower(btrim(a))), '{}') FROM unnest(aliases) AS a $$`);

    await q.query(`CREATE TABLE subject (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      name text,
      description text,
      aliases text[] NOT NULL DEFAULT '{}',
      date_of_birth date,
      age_band text CHECK (age_band IN (${AGE_BANDS})),
      photo_reference text,
      is_child_safeguarding boolean NOT NULL DEFAULT false,
      is_adult_at_risk boolean NOT NULL DEFAULT false,
      notes text,
      merged_into_id uuid REFERENCES subject(id),
      merged_at timestamptz,
      created_by_id uuid NOT NULL REFERENCES app_user(id),${dataProtection},${stamps},
      CONSTRAINT subject_name_or_description CHECK (coalesce(btrim(name), '') <> '' OR coalesce(btrim(description), '') <> ''),
      CONSTRAINT subject_date_of_birth_or_age_band CHECK (date_of_birth IS NULL OR age_band IS NULL),
      CONSTRAINT subject_not_merged_into_itself CHECK (merged_into_id IS DISTINCT FROM id),
      CONSTRAINT subject_merged_consistently CHECK ((merged_into_id IS NULL) = (merged_at IS NULL)))`);
    await q.query(`CREATE INDEX subject_library_service_idx ON subject (library_service_id, created_at) WHERE merged_into_id IS NULL`);
    await q.query(`CREATE INDEX subject_name_key_idx ON subject (library_service_id, lower(btrim(name)), date_of_birth)`);
    await q.query(`CREATE INDEX subject_alias_keys_idx ON subject USING gin (subject_alias_keys(aliases))`);
    await q.query(`CREATE INDEX subject_flags_idx ON subject (library_service_id, is_child_safeguarding, is_adult_at_risk)`);
    await q.query(`CREATE INDEX subject_merged_into_idx ON subject (merged_into_id)`);
    await q.query(`CREATE INDEX subject_created_by_idx ON subject (created_by_id)`);
    await q.query(`CREATE INDEX subject_retain_until_idx ON subject (retain_until) WHERE NOT legal_hold`);

    await q.query(`CREATE TABLE subject_special_category (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      subject_id uuid NOT NULL REFERENCES subject(id),
      category text NOT NULL CHECK (category IN ('HEALTH','MENTAL_HEALTH','ETHNICITY','RELIGION','OTHER')),
      details text NOT NULL CHECK (btrim(details) <> ''),
      recorded_by_id uuid NOT NULL REFERENCES app_user(id),${specialCategoryProtection},${stamps})`);
    await q.query(`CREATE INDEX subject_special_category_library_service_idx ON subject_special_category (library_service_id)`);
    await q.query(`CREATE INDEX subject_special_category_subject_idx ON subject_special_category (subject_id)`);
    await q.query(`CREATE INDEX subject_special_category_recorded_by_idx ON subject_special_category (recorded_by_id)`);
    await q.query(`CREATE INDEX subject_special_category_retain_until_idx ON subject_special_category (retain_until) WHERE NOT legal_hold`);

    await q.query(`CREATE TABLE case_file (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      subject_id uuid NOT NULL REFERENCES subject(id),
      owner_id uuid NOT NULL REFERENCES app_user(id),
      status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','MONITORING','CLOSED')),
      risk_level text NOT NULL DEFAULT 'LOW' CHECK (risk_level IN ('LOW','MEDIUM','HIGH')),
      title text NOT NULL CHECK (btrim(title) <> ''),
      summary text,
      opened_at timestamptz NOT NULL DEFAULT now(),
      closed_at timestamptz,
      closed_by_id uuid REFERENCES app_user(id),
      closure_summary text,${dataProtection},${stamps},
      CONSTRAINT case_file_closed_consistently CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL)),
      CONSTRAINT case_file_closed_after_opened CHECK (closed_at IS NULL OR closed_at >= opened_at))`);
    await q.query(`CREATE INDEX case_file_library_service_idx ON case_file (library_service_id, opened_at)`);
    await q.query(`CREATE INDEX case_file_status_idx ON case_file (library_service_id, status, risk_level)`);
    await q.query(`CREATE INDEX case_file_subject_idx ON case_file (subject_id)`);
    await q.query(`CREATE INDEX case_file_owner_idx ON case_file (owner_id)`);
    await q.query(`CREATE INDEX case_file_closed_by_idx ON case_file (closed_by_id)`);
    await q.query(`CREATE INDEX case_file_retain_until_idx ON case_file (retain_until) WHERE NOT legal_hold`);

    await q.query(`CREATE TABLE case_note (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      case_id uuid NOT NULL REFERENCES case_file(id),
      author_id uuid NOT NULL REFERENCES app_user(id),
      body text NOT NULL CHECK (btrim(body) <> ''),
      corrects_note_id uuid,${dataProtection},${stamps},
      CONSTRAINT case_note_id_case_uq UNIQUE (id, case_id),
      -- A correction corrects a note of the same case.
      CONSTRAINT case_note_corrects_same_case FOREIGN KEY (corrects_note_id, case_id) REFERENCES case_note (id, case_id),
      CONSTRAINT case_note_not_correcting_itself CHECK (corrects_note_id IS DISTINCT FROM id))`);
    await q.query(`CREATE INDEX case_note_case_idx ON case_note (case_id, created_at)`);
    await q.query(`CREATE INDEX case_note_library_service_idx ON case_note (library_service_id)`);
    await q.query(`CREATE INDEX case_note_author_idx ON case_note (author_id)`);
    await q.query(`CREATE INDEX case_note_corrects_idx ON case_note (corrects_note_id)`);
    await q.query(`CREATE INDEX case_note_retain_until_idx ON case_note (retain_until) WHERE NOT legal_hold`);
    // Notes are never edited in place: only their data-protection columns (retention, hold) may change.
    await q.query(`CREATE FUNCTION case_note_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.body IS DISTINCT FROM OLD.body OR NEW.case_id IS DISTINCT FROM OLD.case_id OR NEW.author_id IS DISTINCT FROM OLD.author_id
           OR NEW.corrects_note_id IS DISTINCT FROM OLD.corrects_note_id OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
          RAISE EXCEPTION 'case_note is append-only: add a correcting note instead';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER case_note_append_only BEFORE UPDATE ON case_note FOR EACH ROW EXECUTE FUNCTION case_note_is_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_note`);
    await q.query(`DROP FUNCTION case_note_is_append_only()`);
    for (const t of ['case_file', 'subject_special_category', 'subject']) await q.query(`DROP TABLE ${t}`);
    await q.query(`DROP FUNCTION subject_alias_keys(text[])`);
  }
}
