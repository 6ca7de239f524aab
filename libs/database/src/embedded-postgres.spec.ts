import type { OpenDatabase } from './database.js';
import { openTestDatabase } from '../../../test/support/test-database.js';

/**
 * The embedded database must keep transactions apart (the in-process typeorm-pglite driver
 * does not: one transaction's rollback undid another's committed insert). Runs on both databases.
 */
describe('database transactions', () => {
  let db: OpenDatabase;
  // From scratch, not the migrated template: the migrations themselves are under test here.
  beforeAll(async () => {
    db = await openTestDatabase({ fromScratch: true });
  });
  afterAll(() => db.close());

  it('two concurrent transactions stay isolated: A rolls back, B commits, B survives', async () => {
    const insert = (m: { query: (s: string, p: unknown[]) => Promise<unknown> }, name: string) =>
      m.query('INSERT INTO library_service (name, code) VALUES ($1, $1)', [name]);
    const a = db.dataSource.transaction(async (m) => {
      await insert(m, 'tx-a');
      await new Promise((r) => setTimeout(r, 50));
      throw new Error('roll back A');
    });
    const b = db.dataSource.transaction(async (m) => {
      await insert(m, 'tx-b');
    });
    const [ra, rb] = await Promise.allSettled([a, b]);
    expect(ra.status).toBe('rejected');
    expect(rb.status).toBe('fulfilled');
    const rows = await db.dataSource.query(`SELECT name FROM library_service WHERE name LIKE 'tx-%' ORDER BY name`);
    expect(rows.map((r: { name: string }) => r.name)).toEqual(['tx-b']);
  });

  it('every migration is reversible: revert them all, then re-apply', async () => {
    const applied = async () => (await db.dataSource.query('SELECT count(*)::int AS n FROM migrations'))[0].n;
    const total = await applied();
    expect(total).toBe(db.dataSource.migrations.length);
    for (let i = total; i > 0; i--) {
      await db.dataSource.undoLastMigration({ transaction: 'each' });
      expect(await applied()).toBe(i - 1);
    }
    const left = await db.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name NOT IN ('migrations', 'typeorm_metadata')`,
    );
    expect(left).toEqual([]);
    await db.dataSource.runMigrations({ transaction: 'each' });
    expect(await applied()).toBe(total);
  });

  it('the audit trail refuses UPDATE, DELETE and TRUNCATE', async () => {
    await db.dataSource.query(`INSERT INTO audit_event (action, entity_type) VALUES ('READ', 'Test')`);
    await expect(db.dataSource.query(`UPDATE audit_event SET purpose = 'x'`)).rejects.toThrow(/append-only/);
    await expect(db.dataSource.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
    await expect(db.dataSource.query(`TRUNCATE audit_event`)).rejects.toThrow(/append-only/);
    expect((await db.dataSource.query('SELECT count(*)::int AS n FROM audit_event'))[0].n).toBe(1);
  });
});
