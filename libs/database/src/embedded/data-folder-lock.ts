import { closeSync, ftruncateSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../../common/src/index.js';

/** Who holds a data folder: written into it, readable by its owner only (it carries the socket's password). */
export interface DataFolderHolder {
  pid: number;
  /** The kernel's start time of that process, so a reused pid after a crash is not mistaken for the holder. */
  processStart: string | null;
  /** `server` or `cli`: said in the refusal, so the operator knows what to stop. */
  role: string;
  startedAt: string;
  /** The loopback address (with password) the holder serves its database on, once it listens. */
  url?: string;
}

export const LOCK_FILE = 'safer-libraries.lock';

/** Refused: another live process holds the data folder. The message says what to do. */
export class DataFolderInUseError extends ConfigError {
  constructor(
    readonly dataDir: string,
    readonly holder: DataFolderHolder,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by another Safer Libraries process (${holder.role}, pid ${holder.pid}, since ${holder.startedAt}). ` +
        `Only one process may open a data folder: stop that one first. CLI commands (npm run cli -- …) need not wait: while a server runs they use its database.`,
    );
  }
}

/**
 * One process at a time opens a PGlite data folder: two (the server and a CLI command) wrote over
 * each other's WAL, lost audit rows and once left the folder unopenable. The lock is a file created
 * exclusively, held for the life of the process, removed on exit; a lock left by a crashed process
 * (its pid gone, or reused by another program) is taken over.
 */
export class DataFolderLock {
  private released = false;
  private readonly onExit = () => this.release();

  private constructor(
    private readonly path: string,
    private readonly fd: number,
    private holder: DataFolderHolder,
  ) {
    process.once('exit', this.onExit);
  }

  static acquire(dataDir: string, role: string): DataFolderLock {
    const path = join(dataDir, LOCK_FILE);
    for (let attempt = 0; ; attempt++) {
      try {
        const fd = openSync(path, 'wx', 0o600);
        const lock = new DataFolderLock(path, fd, { pid: process.pid, processStart: processStart(process.pid), role, startedAt: new Date().toISOString() });
        lock.write();
        return lock;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
        const holder = liveHolder(dataDir);
        if (holder) throw new DataFolderInUseError(dataDir, holder);
        unlinkSync(path); // stale: its process is gone
      }
    }
  }

  /** Says where this process serves the database, for CLI commands run meanwhile. */
  publish(url: string): void {
    this.holder = { ...this.holder, url };
    this.write();
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    process.off('exit', this.onExit);
    closeSync(this.fd);
    if (liveHolderAt(this.path)?.pid === process.pid) unlinkSync(this.path);
  }

  private write(): void {
    const text = Buffer.from(JSON.stringify(this.holder));
    ftruncateSync(this.fd, 0);
    writeSync(this.fd, text, 0, text.length, 0);
  }
}

/** The process holding the data folder, if it is still running. */
export function liveHolder(dataDir: string): DataFolderHolder | null {
  return liveHolderAt(join(dataDir, LOCK_FILE));
}

function liveHolderAt(path: string): DataFolderHolder | null {
  let holder: DataFolderHolder;
  try {
    holder = JSON.parse(readFileSync(path, 'utf8')) as DataFolderHolder;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // Unreadable: a process is between creating the lock and writing it, or a crash left it half-written.
    const age = Date.now() - statSync(path, { throwIfNoEntry: false })!.mtimeMs;
    return age < 5_000 ? { pid: 0, processStart: null, role: 'starting', startedAt: 'just now' } : null;
  }
  if (!Number.isInteger(holder.pid) || !alive(holder.pid)) return null;
  if (holder.processStart && processStart(holder.pid) !== holder.processStart) return null;
  return holder;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

/** Field 22 of /proc/<pid>/stat (Linux); elsewhere null, and the pid alone is checked. */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}
