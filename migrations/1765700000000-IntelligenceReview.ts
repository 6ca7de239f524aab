import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Review decisions on intelligence (issue 12): one row per decision a reviewer takes on an item of
 * the review list (renewed, handling changed, regraded), with who, when, why and the values it
 * replaced.
 *
 * The rows are part of the item: ON DELETE CASCADE, so a review's deletion, the retention sweep and
 * an erasure take the history (and its free-text reasons) with the item, and subject access finds
 * it one level under the item. Never rewritten: the application role may read, add and (with the
 * item, or an erasure) delete rows, not change them. `library_service_id` gives it the tenant wall
 * (apply_tenant_policies, run after every migration).
 */
export class IntelligenceReview1765700000000 implements MigrationInterface {
  name = 'IntelligenceReview1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE intelligence_review (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      intelligence_item_id uuid NOT NULL REFERENCES intelligence_item(id) ON DELETE CASCADE,
      decision text NOT NULL CHECK (decision IN ('RENEWED','HANDLING_CHANGED','REGRADED')),
      reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 2000),
      decided_by_id uuid NOT NULL REFERENCES app_user(id),
      decided_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      previous_review_on date,
      review_on date,
      previous_handling_code text CHECK (previous_handling_code IN ('P','C')),
      handling_code text CHECK (handling_code IN ('P','C')),
      previous_source_evaluation smallint CHECK (previous_source_evaluation BETWEEN 1 AND 3),
      source_evaluation smallint CHECK (source_evaluation BETWEEN 1 AND 3),
      previous_intelligence_assessment text CHECK (previous_intelligence_assessment IN ('A','B','C','D','E')),
      intelligence_assessment text CHECK (intelligence_assessment IN ('A','B','C','D','E')),
      CONSTRAINT intelligence_review_says_what_changed CHECK (CASE decision
        WHEN 'RENEWED' THEN review_on IS NOT NULL AND previous_review_on IS NOT NULL
        WHEN 'HANDLING_CHANGED' THEN handling_code IS NOT NULL AND previous_handling_code IS NOT NULL
        ELSE source_evaluation IS NOT NULL AND intelligence_assessment IS NOT NULL
             AND previous_source_evaluation IS NOT NULL AND previous_intelligence_assessment IS NOT NULL END))`);
    await q.query(`CREATE INDEX intelligence_review_item_idx ON intelligence_review (intelligence_item_id, decided_at)`);
    await q.query(`CREATE INDEX intelligence_review_decided_by_idx ON intelligence_review (decided_by_id)`);
    await q.query(`CREATE INDEX intelligence_review_library_service_idx ON intelligence_review (library_service_id)`);
    await q.query(`INSERT INTO application_grant (table_name, privileges) VALUES ('intelligence_review', 'SELECT, INSERT, DELETE')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM application_grant WHERE table_name = 'intelligence_review'`);
    await q.query(`DROP TABLE intelligence_review`);
  }
}
