/**
 * How each table of the schema would live on a Citus cluster (docs/scaling.md). Every table is in
 * exactly one list; test/citus-layout.e2e-spec.ts reads the catalog and fails on a table in none,
 * so a new table cannot be added without deciding this.
 */

/** Tenant-owned and growing with the service's work: sharded by library_service_id, co-located. */
export const DISTRIBUTED_TABLES = [
  'subject',
  'subject_special_category',
  'subject_restriction',
  'case_file',
  'case_note',
  'case_share',
  'case_update',
  'incident',
  'incident_staff',
  'incident_subject',
  'incident_evidence',
  'incident_welfare_check',
  'incident_follow_up_action',
  'incident_daily_count',
  'incident_monthly_count',
  'incident_subject_sequence',
  'incident_place_sequence',
  'ban',
  'ban_branch',
  'ban_incident',
  'ban_transition',
  'referral',
  'referral_transition',
  'referral_update',
  'intelligence_item',
  'intelligence_review',
  'branch_warning',
  'contact_log',
  'follow_up_action',
  'rights_request',
  'rectification',
  'alarm',
  'alarm_timeline_entry',
  'notification',
] as const;

/**
 * Small, read on every node, or looked up before the service is known: copied to every node.
 * The reason is why the table is not sharded although most carry library_service_id.
 */
export const REFERENCE_TABLES: Record<string, string> = {
  library_service: 'the tenants themselves (176 rows nationally); every table refers to it',
  branch: 'about 3,000 rows nationally; joined by every branch-scoped access condition',
  app_user: 'a user of one service writes on another service’s case (case updates, intelligence), so the foreign keys cross shards',
  user_branch: 'joins users to branches, both reference tables',
  partner_organisation: 'a partner reads cases shared by several services; the directory is small',
  partner_contact: 'people at partner organisations, referred to by referrals of any service sharing with them',
  data_sharing_agreement: 'an agreement has parties in several services: every shard checks it for a share',
  data_sharing_agreement_party: 'as data_sharing_agreement',
  data_sharing_agreement_signatory: 'as data_sharing_agreement',
  retention_policy: 'a few rows per service, read by every sweep',
  data_protection_policy: 'a few rows per service, read by every write that checks a lawful basis',
  account_link: 'found by its token’s hash before the service is known (sign-in links)',
  refresh_token: 'found by its token’s hash before the service is known (token refresh)',
  recovery_code: 'checked at sign-in, before the service is known, with the user (a reference table)',
  notification_preference: 'a few rows per user, read with the user (a reference table) when a notification is queued',
  partner_webhook: 'one row per partner organisation (a reference table), read by any node that queues a delivery',
};

/** Kept on the coordinator only, with the reason. */
export const LOCAL_TABLES: Record<string, string> = {
  audit_event:
    'platform events have no library service (library_service_id is null) and are chained with the rest, so the column cannot join the primary key; distributing the trail needs platform events moved to a table of their own first',
  retention_run: 'a sweep may run over every service at once, so library_service_id is empty for it',
  retention_anonymised: 'records what a sweep anonymised, with its run (retention_run, a local table)',
  audit_chain: 'the head of each audit chain, updated by the audit trigger on the coordinator with audit_event',
  audit_digest: 'one row a day for the whole trail',
  login_throttle: 'sign-in counters keyed by email and address, before any service is known (or Redis with REDIS_URL)',
  application_grant: 'bookkeeping of the grants the owner role gave (README "Database roles")',
  notification_job: 'the delivery queue every replica’s sender claims across services (FOR UPDATE SKIP LOCKED), one queue on the coordinator',
  scheduled_run: 'the claims that make scheduled work run once across replicas, for the whole platform',
  migrations: 'TypeORM’s record of the migrations applied',
  typeorm_metadata: 'TypeORM’s own bookkeeping',
};
