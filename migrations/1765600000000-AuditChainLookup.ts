import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The chain trigger's lookup of its chain's last event, pinned to the chain's own index (issue 11).
 *
 * The trigger reads the last event by `library_service_id = … ORDER BY chain_position DESC LIMIT 1`.
 * With statistics that say a service has few events (taken before a busy day, or never, on PGlite),
 * the planner read every event of the service through audit_event_service_time_idx and sorted them:
 * one audited row cost a scan of the service's whole trail (14 ms per row at 30,000 events, growing
 * without bound), and every audited read queued behind it on the chain's lock. With sorting off in
 * the function, only the chain index (audit_event_service_chain_uq, read backwards) answers the
 * ORDER BY, in a few index pages whatever the size of the trail.
 *
 * Also dropped: audit_event_library_service_idx (library_service_id, occurred_at), a prefix of
 * audit_event_service_time_idx (library_service_id, occurred_at, id), which serves every query it did.
 */
export class AuditChainLookup1765600000000 implements MigrationInterface {
  name = 'AuditChainLookup1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER FUNCTION audit_event_chain() SET enable_sort = off`);
    await q.query(`DROP INDEX IF EXISTS audit_event_library_service_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX audit_event_library_service_idx ON audit_event (library_service_id, occurred_at)`);
    await q.query(`ALTER FUNCTION audit_event_chain() RESET enable_sort`);
  }
}
