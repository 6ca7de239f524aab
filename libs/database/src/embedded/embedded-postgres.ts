import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { DataFolderLock, liveHolder } from './data-folder-lock.js';
import { GuardedSocketServer } from './guarded-socket-server.js';

/**
 * PGlite served over the PostgreSQL wire protocol on loopback, so TypeORM talks to it
 * with the ordinary `pg` driver, exactly as it talks to a real server.
 * PGlite is a single session: the service uses a pool of one connection.
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
  /** Named in the data folder's lock, so a refused process is told what holds it (`server`, `cli`). */
  role?: string;
  /** A CLI command: when a process already serves this data folder, use its database instead of refusing. */
  joinRunning?: boolean;
  /** shared_buffers in MB (EMBEDDED_SHARED_BUFFERS_MB); PGlite's own 128 when not given. */
  sharedBuffersMb?: number;
}

/** The service's pool of one, CLI commands run while it runs, and room for a test's own client. */
const MAX_CONNECTIONS = 4;

export async function startEmbeddedPostgres(dataDir?: string, options: EmbeddedStartOptions = {}): Promise<EmbeddedPostgres> {
  let lock: DataFolderLock | null = null;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chmodSync(dataDir, 0o700); // it holds the lock with the socket's password, and the users' data
    lock = DataFolderLock.acquire(dataDir, options.role ?? 'server');
  }
  let db: PGlite | null = null;
  try {
    db = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      // PGlite's own start parameters, and the buffer pool's size after them (a later -c wins).
      ...(options.sharedBuffersMb ? { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${Math.trunc(options.sharedBuffersMb)}MB`] } : {}),
    });
    const password = randomBytes(24).toString('base64url');
    const server = new GuardedSocketServer({ db, password, maxConnections: MAX_CONNECTIONS });
    const url = `postgres://postgres:${password}@${await server.start()}/postgres`;
    lock?.publish(url);
    const opened = db;
    return {
      url,
      async stop() {
        await server.stop();
        await opened.close();
        lock?.release();
      },
    };
  } catch (err) {
    await db?.close();
    lock?.release();
    throw err;
  }
}

/**
 * The address of the database a running process already serves from this data folder, so a CLI
 * command uses it rather than opening the folder a second time. Null when no process holds it.
 * A process still starting has the lock but no address yet: wait for it a little.
 */
export async function runningEmbeddedPostgres(dataDir: string, waitMs = 30_000): Promise<string | null> {
  const until = Date.now() + waitMs;
  for (;;) {
    const holder = liveHolder(dataDir);
    if (!holder) return null;
    if (holder.url) return holder.url;
    if (Date.now() > until) return null;
    await new Promise((r) => setTimeout(r, 100));
  }
}
