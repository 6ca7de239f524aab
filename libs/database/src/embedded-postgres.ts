import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * PGlite served over the PostgreSQL wire protocol on loopback, so TypeORM talks to it
 * with the ordinary `pg` driver, exactly as it talks to a real server.
 * PGlite is a single session: clients must use a pool of one connection.
 */
export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedStartOptions {
  /**
   * Start as a copy of this data directory (a tarball from PGlite's `dumpDataDir()`) rather than
   * an empty one: the tests load a migrated snapshot, as a fresh database takes seconds to initialise.
   */
  loadDataDir?: Blob;
}

export async function startEmbeddedPostgres(dataDir?: string, options: EmbeddedStartOptions = {}): Promise<EmbeddedPostgres> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({ ...(dataDir ? { dataDir } : {}), ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}) });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
  await server.start();
  const conn = server.getServerConn(); // "127.0.0.1:PORT"
  return {
    url: `postgres://postgres@${conn}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
