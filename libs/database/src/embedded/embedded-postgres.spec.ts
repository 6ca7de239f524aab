import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataFolderInUseError, LOCK_FILE } from './data-folder-lock.js';
import { runningEmbeddedPostgres, startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';

/** The embedded database as a server: its socket's password, its queue, and the data folder's lock. Runs on PGlite only. */
describe('embedded PostgreSQL', () => {
  it('runs with the buffer pool it is given (EMBEDDED_SHARED_BUFFERS_MB), PGlite’s own 128 MB otherwise', async () => {
    for (const [given, shown] of [
      [24, '24MB'],
      [undefined, '128MB'],
    ] as const) {
      const server = await startEmbeddedPostgres(undefined, { sharedBuffersMb: given });
      const c = new pg.Client({ connectionString: server.url });
      try {
        await c.connect();
        expect((await c.query('SHOW shared_buffers')).rows[0].shared_buffers).toBe(shown);
        // PGlite's own start parameters are still in force.
        expect((await c.query('SHOW max_parallel_workers')).rows[0].max_parallel_workers).toBe('0');
      } finally {
        await c.end();
        await server.stop();
      }
    }
  });

  describe('socket', () => {
    let server: EmbeddedPostgres;
    beforeAll(async () => {
      server = await startEmbeddedPostgres();
    });
    afterAll(() => server.stop());

    const client = async (url: string) => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    };
    const withPassword = (password: string) => {
      const u = new URL(server.url);
      u.password = password;
      return u.toString();
    };

    it('asks every client for the password only this process knows', async () => {
      expect(new URL(server.url).password.length).toBeGreaterThanOrEqual(24);
      await expect(client(withPassword('wrong'))).rejects.toMatchObject({ code: '28P01' });
      await expect(client(withPassword(''))).rejects.toThrow();
      const c = await client(server.url);
      expect((await c.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      await c.end();
    });

    it('keeps each client exchange together: four clients, parameterised queries and transactions, nothing crossed', async () => {
      // pglite-socket's own queue fails this: "portal does not exist", answers to another client's query, lost rows.
      const clients = await Promise.all([1, 2, 3, 4].map(() => client(server.url)));
      await clients[0].query('CREATE TABLE crossed (i int, who text)');
      let wrong = 0;
      const run = async (c: pg.Client, who: string) => {
        for (let i = 0; i < 150; i++) {
          const r = await c.query('SELECT $1::text AS who, $2::int AS i', [who, i]);
          if (r.rows[0].who !== who || r.rows[0].i !== i) wrong++;
          await c.query('BEGIN');
          await c.query('INSERT INTO crossed VALUES ($1, $2)', [i, who]);
          await c.query(i % 3 === 0 ? 'ROLLBACK' : 'COMMIT');
        }
      };
      await Promise.all(clients.map((c, n) => run(c, `c${n}`)));
      const counts = await clients[0].query('SELECT who, count(*)::int AS n FROM crossed GROUP BY who ORDER BY who');
      expect(wrong).toBe(0);
      expect(counts.rows).toEqual(['c0', 'c1', 'c2', 'c3'].map((who) => ({ who, n: 100 })));
      await Promise.all(clients.map((c) => c.end()));
    });

    it('a client that goes away inside a transaction is rolled back, and the others carry on', async () => {
      const a = await client(server.url);
      const b = await client(server.url);
      await a.query('CREATE TABLE abandoned (i int)');
      await a.query('BEGIN');
      await a.query('INSERT INTO abandoned VALUES (1)');
      const waiting = b.query('SELECT count(*)::int AS n FROM abandoned'); // waits: a holds the session
      (a as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
      a.on('error', () => {});
      expect((await waiting).rows).toEqual([{ n: 0 }]);
      await b.end();
    });
  });

  describe('data folder', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'safer-libraries-lock-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('is held for the life of the process: a second opener is refused with what to do, and the lock goes on stop', async () => {
      const first = await startEmbeddedPostgres(dir, { role: 'server' });
      try {
        expect(statSync(dir).mode & 0o777).toBe(0o700);
        expect(statSync(join(dir, LOCK_FILE)).mode & 0o777).toBe(0o600);
        const refused = await startEmbeddedPostgres(dir, { role: 'server' }).catch((e: unknown) => e);
        expect(refused).toBeInstanceOf(DataFolderInUseError);
        expect((refused as Error).message).toContain(`server, pid ${process.pid}`);
        expect((refused as Error).message).toMatch(/stop that one first.*CLI commands/);
        // A CLI command finds the running server's socket in the folder and uses it.
        const url = await runningEmbeddedPostgres(dir);
        expect(url).toBe(first.url);
      } finally {
        await first.stop();
      }
      expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
      expect(await runningEmbeddedPostgres(dir)).toBeNull();
      const again = await startEmbeddedPostgres(dir);
      await again.stop();
    });

    it('a lock left by a crashed process is taken over', async () => {
      const gone = spawnSync(process.execPath, ['-e', '']).pid!; // a pid that has exited
      writeFileSync(
        join(dir, LOCK_FILE),
        JSON.stringify({ pid: gone, processStart: null, role: 'server', startedAt: '2026-01-01T00:00:00Z', url: 'postgres://x' }),
      );
      expect(await runningEmbeddedPostgres(dir)).toBeNull();
      const server = await startEmbeddedPostgres(dir);
      await server.stop();
    });

    it('a lock whose pid now belongs to another program (a reused pid) is taken over', async () => {
      writeFileSync(
        join(dir, LOCK_FILE),
        JSON.stringify({ pid: process.pid, processStart: 'not-this-start', role: 'server', startedAt: '2026-01-01T00:00:00Z' }),
      );
      const server = await startEmbeddedPostgres(dir);
      await server.stop();
    });
  });
});
