import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { ALL_ENTITIES } from '../../apps/api/entities.js';
import { loadConfig } from '../../libs/common/src/index.js';
import { openDatabase, type EmbeddedStartOptions } from '../../libs/database/src/index.js';

/**
 * Migrating a new database takes seconds (most of it PGlite's initdb), and every test file needs one.
 * So the migrations run once, into a template named after the migration files, and each test file
 * starts from a copy of it:
 * - PostgreSQL: a template database, cloned with CREATE DATABASE … TEMPLATE; it stays on the server.
 * - PGlite: a tarball of a migrated data directory (`dumpDataDir`) in the system's temporary folder,
 *   loaded with `loadDataDir`.
 * The first test file that finds no template builds it (several at once are safe), so a run, or a
 * single file, pays for the migrations at most once, and no more after that until a migration changes.
 * (A jest globalSetup cannot do it: jest loads it as CommonJS outside its ESM runtime, where this
 * project's TypeScript does not load.) The app still runs its migrations at start (no-ops on a copy);
 * the migration test in libs/database starts from scratch.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MIGRATIONS_DIR = join(ROOT, 'migrations');

/** A short hash of every migration file, so a changed migration never reuses an old template (migrations/citus is not run by default). */
export function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => f.name)
    .sort())
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(MIGRATIONS_DIR, file)))
      .update('\0');
  return hash.digest('hex').slice(0, 12);
}

export const templateName = () => `safer_libraries_template_${migrationsHash()}`;

/** The same server and credentials as `url`, another database. */
export function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function withAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function migrate(url: string): Promise<void> {
  const db = await openDatabase(loadConfig({ DATABASE_URL: url, JWT_SECRET: 'x'.repeat(32), DATABASE_POOL_SIZE: '1' }), ALL_ENTITIES);
  await db.close();
}

/**
 * Makes sure the migrated template for the current migrations exists on the server of `url`; returns its name.
 * Safe when several runs race: each builds under a name of its own and renames it into place; a loser drops its copy.
 * The template refuses connections, as CREATE DATABASE … TEMPLATE fails while anyone is connected to it.
 */
export async function ensurePostgresTemplate(url: string): Promise<string> {
  const name = templateName();
  const exists = async (c: pg.Client) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  if (await withAdmin(url, exists)) return name;
  const building = `${name}_building_${randomBytes(4).toString('hex')}`;
  await withAdmin(url, (c) => c.query(`CREATE DATABASE "${building}"`));
  try {
    await migrate(databaseUrl(url, building));
    await withAdmin(url, async (c) => {
      await c.query(`ALTER DATABASE "${building}" WITH ALLOW_CONNECTIONS false`);
      try {
        await c.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
      } catch (err) {
        if ((err as { code?: string }).code !== '42P04') throw err; // duplicate_database: another run got there first
        await c.query(`DROP DATABASE "${building}"`);
        return;
      }
      await c.query(`ALTER DATABASE "${name}" WITH IS_TEMPLATE true`);
    });
  } catch (err) {
    await withAdmin(url, (c) => c.query(`DROP DATABASE IF EXISTS "${building}"`));
    throw err;
  }
  return name;
}

/** A database of its own for one test file: a copy of the migrated template, or empty with `fromScratch`. */
export async function createPostgresTestDatabase(url: string, o: { fromScratch?: boolean } = {}): Promise<{ url: string; drop(): Promise<void> }> {
  const template = o.fromScratch ? null : await ensurePostgresTemplate(url);
  const name = `test_${randomBytes(6).toString('hex')}`;
  await withAdmin(url, (c) => c.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`));
  return {
    url: databaseUrl(url, name),
    // The app has closed its pool by now; DROP DATABASE waits a few seconds for its sessions to end.
    drop: async () => {
      await withAdmin(url, (c) => c.query(`DROP DATABASE IF EXISTS "${name}"`));
    },
  };
}

const SNAPSHOT_DIR = join(tmpdir(), 'safer-libraries-test-snapshots');

/** The migrated PGlite snapshot for the current migrations and PGlite version, built if missing; returns its path. */
export async function ensureEmbeddedSnapshot(): Promise<string> {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string };
  const path = join(SNAPSHOT_DIR, `pglite-${version}-${migrationsHash()}.tar`);
  if (existsSync(path)) return path;
  await mkdir(SNAPSHOT_DIR, { recursive: true });
  const work = await mkdtemp(join(SNAPSHOT_DIR, 'building-'));
  try {
    const dataDir = join(work, 'data');
    const db = await openDatabase(loadConfig({ DATA_DIR: dataDir }), ALL_ENTITIES);
    await db.close();
    const pglite = await PGlite.create({ dataDir });
    const tarball = await pglite.dumpDataDir('none'); // uncompressed: gzip makes each load about a second slower
    await pglite.close();
    await writeFile(join(work, 'migrated.tar'), Buffer.from(await tarball.arrayBuffer()));
    await rename(join(work, 'migrated.tar'), path); // atomic: a reader sees all of it or none
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  await removeOldSnapshots(path);
  return path;
}

/** Snapshots of earlier migrations or PGlite versions, a day old or more (a run still using one rebuilds it). */
async function removeOldSnapshots(current: string): Promise<void> {
  for (const file of await readdir(SNAPSHOT_DIR)) {
    const path = join(SNAPSHOT_DIR, file);
    if (path === current) continue;
    const { mtimeMs } = await stat(path).catch(() => ({ mtimeMs: Date.now() }));
    if (Date.now() - mtimeMs > 86_400_000) await rm(path, { recursive: true, force: true });
  }
}

/** Start options for an embedded test database: the migrated snapshot, or nothing (empty) with `fromScratch`. */
export async function embeddedStartOptions(o: { fromScratch?: boolean } = {}): Promise<EmbeddedStartOptions> {
  if (o.fromScratch) return {};
  return { loadDataDir: new Blob([await readFile(await ensureEmbeddedSnapshot())]) };
}
