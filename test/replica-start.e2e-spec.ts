import pg from 'pg';
import { ALL_ENTITIES } from '../apps/api/entities.js';
import { loadConfig } from '../libs/common/src/index.js';
import { MIGRATION_LOCK_NAME, openDatabase, type OpenDatabase } from '../libs/database/src/index.js';
import { createPostgresTestDatabase } from './support/database-template.js';
import { waitFor } from './support/wait.js';

/**
 * Replicas starting together on one PostgreSQL: the migrations run once, under an advisory lock.
 * PostgreSQL only: the embedded database is one session, where advisory locks never block (and
 * one process, so there is no second replica to race with).
 */
const url = process.env.DATABASE_URL;
(url ? describe : describe.skip)('replicas starting together', () => {
  let created: { url: string; drop(): Promise<void> };
  const open = () => openDatabase(loadConfig({ DATABASE_URL: created.url, JWT_SECRET: 'x'.repeat(32) }), ALL_ENTITIES);

  beforeEach(async () => {
    created = await createPostgresTestDatabase(url!, { fromScratch: true });
  });
  afterEach(async () => {
    await created.drop();
  });

  it('waits for the replica that holds the migration lock, then finds nothing left to do', async () => {
    const other = new pg.Client({ connectionString: created.url });
    await other.connect();
    let db: OpenDatabase | undefined;
    try {
      await other.query('SELECT pg_advisory_lock(hashtext($1))', [MIGRATION_LOCK_NAME]);
      let finished = false;
      const starting = open().then((d) => {
        finished = true;
        db = d;
        return d;
      });
      // The start is waiting on the lock (pg_locks shows it), not merely slow.
      await waitFor(async () => {
        const { rows } = await other.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`);
        return rows[0].n === 1;
      });
      expect(finished).toBe(false);
      const { rows: before } = await other.query(`SELECT to_regclass('migrations') IS NOT NULL AS present`);
      expect(before[0].present).toBe(false);
      await other.query('SELECT pg_advisory_unlock(hashtext($1))', [MIGRATION_LOCK_NAME]);
      const started = await starting;
      expect(started.wasEmpty).toBe(true);
    } finally {
      await other.end();
      await db?.close();
    }
  });

  it('runs each migration once when two replicas start at the same moment; one of them seeds', async () => {
    const both = await Promise.all([open(), open()]);
    try {
      expect(both.map((d) => d.wasEmpty).sort()).toEqual([false, true]);
      const rows: { name: string; n: number }[] = await both[0].dataSource.query(`SELECT name, count(*)::int AS n FROM migrations GROUP BY name`);
      expect(rows.length).toBe(both[0].dataSource.migrations.length);
      expect(rows.every((r) => r.n === 1)).toBe(true);
    } finally {
      await Promise.all(both.map((d) => d.close()));
    }
  });
});
