import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Codeword alarms (issue 13, "Live alerts").
 *
 * - `alarm`: one raised at a branch by its staff, with a short codeword and where in the building,
 *   until it is stood down. Operational data that may become an incident: the incident's lawful
 *   basis and retention (the same data-protection columns, swept `INCIDENT` years after it was raised).
 * - `alarm_timeline_entry`: who raised, acknowledged (any number of people) and stood it down, and
 *   when; one acknowledgement per person. Deleted with its alarm.
 * - `data_sharing_agreement.alert_branch_ids`: the branches whose alarms the agreement's partner
 *   organisations receive while it is ACTIVE and in force. Empty by default: an agreement made
 *   for sharing cases sends no alarms until a manager names the branches.
 * Grants and the tenant wall come from grant_application_role / apply_tenant_policies, run after every migration run.
 */
export class Alarms1765770000000 implements MigrationInterface {
  name = 'Alarms1765770000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE alarm (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      branch_id uuid NOT NULL REFERENCES branch(id),
      codeword text CHECK (codeword IS NULL OR length(btrim(codeword)) BETWEEN 1 AND 40),
      location_in_building text CHECK (location_in_building IS NULL OR length(btrim(location_in_building)) BETWEEN 1 AND 200),
      raised_by_id uuid NOT NULL REFERENCES app_user(id),
      raised_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      stood_down_at timestamptz,
      stood_down_by_id uuid REFERENCES app_user(id),
      false_alarm boolean NOT NULL DEFAULT false,
      lawful_basis text NOT NULL CHECK (lawful_basis IN ('CONSENT','CONTRACT','LEGAL_OBLIGATION','VITAL_INTERESTS','PUBLIC_TASK','LEGITIMATE_INTERESTS')),
      special_category_condition text,
      criminal_offence_condition text,
      retain_until date NOT NULL,
      legal_hold boolean NOT NULL DEFAULT false,
      legal_hold_reason text CHECK (legal_hold_reason IS NULL OR btrim(legal_hold_reason) <> ''),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT alarm_stood_down_consistently CHECK ((stood_down_at IS NULL) = (stood_down_by_id IS NULL)),
      CONSTRAINT alarm_stood_down_after_raised CHECK (stood_down_at IS NULL OR stood_down_at >= raised_at))`);
    await q.query(`CREATE INDEX alarm_library_service_idx ON alarm (library_service_id, raised_at)`);
    await q.query(`CREATE INDEX alarm_branch_idx ON alarm (branch_id, raised_at)`);
    await q.query(`CREATE INDEX alarm_active_idx ON alarm (library_service_id, branch_id) WHERE stood_down_at IS NULL`);
    await q.query(`CREATE INDEX alarm_raised_by_idx ON alarm (raised_by_id)`);
    await q.query(`CREATE INDEX alarm_stood_down_by_idx ON alarm (stood_down_by_id)`);

    await q.query(`CREATE TABLE alarm_timeline_entry (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      alarm_id uuid NOT NULL REFERENCES alarm(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('RAISED','ACKNOWLEDGED','STOOD_DOWN')),
      by_id uuid NOT NULL REFERENCES app_user(id),
      at timestamptz NOT NULL DEFAULT clock_timestamp())`);
    await q.query(`CREATE INDEX alarm_timeline_entry_alarm_idx ON alarm_timeline_entry (alarm_id, at)`);
    await q.query(`CREATE INDEX alarm_timeline_entry_by_idx ON alarm_timeline_entry (by_id)`);
    await q.query(`CREATE INDEX alarm_timeline_entry_library_service_idx ON alarm_timeline_entry (library_service_id)`);
    await q.query(`CREATE UNIQUE INDEX alarm_timeline_entry_one_ack_uq ON alarm_timeline_entry (alarm_id, by_id) WHERE kind = 'ACKNOWLEDGED'`);

    await q.query(`ALTER TABLE data_sharing_agreement ADD COLUMN alert_branch_ids uuid[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE data_sharing_agreement DROP COLUMN alert_branch_ids`);
    await q.query(`DROP TABLE alarm_timeline_entry`);
    await q.query(`DROP TABLE alarm`);
  }
}
