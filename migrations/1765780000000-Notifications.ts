import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (issue 13), and scheduled work that runs once across replicas.
 *
 * - `notification`: one in-app notification for one user, identifiers only (kind, record type and
 *   id). `event_key` names the event it came from; (event_key, user_id) is unique, so an event that
 *   is queued twice (a retried reminder run) notifies nobody twice. `digest`: the user chose
 *   DAILY_DIGEST for its kind when it was recorded; `digested_at` once a digest email covered it.
 * - `notification_preference`: a user's delivery choice per kind (no row: IMMEDIATE).
 * - `notification_job`: the durable outbox and work queue of messages to send (email, webhook).
 *   Rows are written in the transaction of the change that causes them; (event_key, recipient,
 *   channel) is unique: one message per event per recipient per channel, however often it is
 *   queued, retried or claimed. The payload holds identifiers only; addresses are read when sent.
 * - `partner_webhook`: an organisation's own system, told of events by signed POSTs.
 * - `scheduled_run`: one row per (task, period) claimed by INSERT … ON CONFLICT DO NOTHING, so a
 *   daily task runs once per day across replicas (advisory locks never block on PGlite).
 *   Not a tenant table: tasks work for the whole platform.
 */
export class Notifications1765780000000 implements MigrationInterface {
  name = 'Notifications1765780000000';

  async up(q: QueryRunner): Promise<void> {
    const KINDS = `('REFERRAL_RECEIVED','REFERRAL_STATUS_CHANGED','CASE_SHARED','FOLLOW_UP_DUE','BAN_REVIEW_DUE','AGREEMENT_REVIEW_DUE','RIGHTS_REQUEST_DEADLINE')`;
    await q.query(`CREATE TABLE notification (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ${KINDS}),
      record_type text NOT NULL CHECK (record_type ~ '^[A-Za-z]+$'),
      record_id uuid NOT NULL,
      event_key text NOT NULL,
      digest boolean NOT NULL DEFAULT false,
      digested_at timestamptz,
      read_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (event_key, user_id))`);
    await q.query(`CREATE INDEX notification_user_created ON notification (user_id, created_at DESC, id)`);
    await q.query(`CREATE INDEX notification_user_unread ON notification (user_id) WHERE read_at IS NULL`);
    await q.query(`CREATE INDEX notification_digest_due ON notification (user_id) WHERE digest AND digested_at IS NULL`);

    await q.query(`CREATE TABLE notification_preference (
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      kind text NOT NULL CHECK (kind IN ${KINDS}),
      delivery text NOT NULL CHECK (delivery IN ('IMMEDIATE','DAILY_DIGEST','OFF')),
      version integer NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, kind))`);

    await q.query(`CREATE TABLE notification_job (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      event_key text NOT NULL,
      recipient text NOT NULL CHECK (recipient ~ '^(user|org|webhook):[0-9a-f-]{36}$'),
      channel text NOT NULL CHECK (channel IN ('EMAIL','WEBHOOK')),
      kind text NOT NULL CHECK (kind IN ${KINDS} OR kind = 'DAILY_DIGEST'),
      payload jsonb NOT NULL DEFAULT '{}',
      attempts integer NOT NULL DEFAULT 0,
      next_run_at timestamptz NOT NULL DEFAULT now(),
      locked_until timestamptz,
      sent_at timestamptz,
      dead_at timestamptz,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      UNIQUE (event_key, recipient, channel))`);
    await q.query(`CREATE INDEX notification_job_due ON notification_job (next_run_at) WHERE sent_at IS NULL AND dead_at IS NULL`);

    await q.query(`CREATE TABLE partner_webhook (
      partner_organisation_id uuid PRIMARY KEY REFERENCES partner_organisation(id) ON DELETE CASCADE,
      library_service_id uuid NOT NULL REFERENCES library_service(id),
      url text NOT NULL CHECK (url ~ '^https?://'),
      secret text NOT NULL CHECK (length(secret) >= 32),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);

    await q.query(`CREATE TABLE scheduled_run (
      task text NOT NULL,
      period_key text NOT NULL,
      claimed_by text NOT NULL,
      claimed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      finished_at timestamptz,
      PRIMARY KEY (task, period_key))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['scheduled_run', 'partner_webhook', 'notification_job', 'notification_preference', 'notification']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
