import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The DPO's data protection tools (issue 12).
 *
 * - `legal_hold_reason` on every table with a `legal_hold` column: why the DPO placed the hold
 *   that is on now (null when none is). Who placed or lifted it, when and why is in the audit
 *   trail. The tables are found in the catalog, as they stood when this migration ran.
 * - `retention_run.triggered_by` takes `API`: a sweep the DPO started over GraphQL.
 */
export class DpoTools1765760000000 implements MigrationInterface {
  name = 'DpoTools1765760000000';

  private async heldTables(q: QueryRunner): Promise<string[]> {
    const rows: { table_name: string }[] = await q.query(
      `SELECT table_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND column_name = 'legal_hold' ORDER BY table_name`,
    );
    return rows.map((r) => r.table_name);
  }

  async up(q: QueryRunner): Promise<void> {
    for (const table of await this.heldTables(q)) {
      await q.query(`ALTER TABLE "${table}" ADD COLUMN legal_hold_reason text CHECK (legal_hold_reason IS NULL OR btrim(legal_hold_reason) <> '')`);
    }
    await q.query(`ALTER TABLE retention_run DROP CONSTRAINT retention_run_triggered_by_check`);
    await q.query(`ALTER TABLE retention_run ADD CONSTRAINT retention_run_triggered_by_check CHECK (triggered_by IN ('CLI','SCHEDULE','API'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM retention_run WHERE triggered_by = 'API'`);
    await q.query(`ALTER TABLE retention_run DROP CONSTRAINT retention_run_triggered_by_check`);
    await q.query(`ALTER TABLE retention_run ADD CONSTRAINT retention_run_triggered_by_check CHECK (triggered_by IN ('CLI','SCHEDULE'))`);
    for (const table of await this.heldTables(q)) await q.query(`ALTER TABLE "${table}" DROP COLUMN legal_hold_reason`);
  }
}
