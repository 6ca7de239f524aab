import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { childEnv, runCli } from './processes.js';

export const SEED = 1;

/** Where the benchmark's generated data lives, and how the service's process is pointed at it. */
export interface BenchDatabase {
  kind: 'postgres' | 'embedded';
  /** Environment for the service and the CLI: DATABASE_URL, or DATA_DIR. */
  env: Record<string, string>;
  /** PostgreSQL: the database's URL (the embedded database's is known once the service serves it). */
  url: string | null;
  /** Seconds spent generating; 0 when reused. */
  generatedSeconds: number;
  label: string;
}

const marker = (scale: string) => `safer-bench generated ${scale} --seed ${SEED}`;

/**
 * A database generated at `scale` (generate-data --seed 1), made once and reused by later runs:
 * - with DATABASE_URL (a superuser on a PostgreSQL server), the database `safer_bench_<scale>` on
 *   that server, marked done by its comment once the generator has finished;
 * - without it, the embedded database in `<tmp>/safer-bench-<scale>/data`, marked by a file beside it.
 * `fresh` drops and generates it again. The benchmark's own writes (incidents, audit rows) stay in
 * it between runs: recordIncident dates its incidents three years back, out of the months read.
 */
export async function benchDatabase(scale: string, secret: string, fresh: boolean): Promise<BenchDatabase> {
  const admin = process.env.DATABASE_URL;
  return admin ? postgres(admin, scale, secret, fresh) : embedded(scale, fresh);
}

async function postgres(admin: string, scale: string, secret: string, fresh: boolean): Promise<BenchDatabase> {
  const name = `safer_bench_${scale}`;
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const url = u.toString();
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`, [name]);
    if (rows[0] && rows[0].comment === marker(scale) && !fresh) {
      return { kind: 'postgres', env: { DATABASE_URL: url }, url, generatedSeconds: 0, label: `PostgreSQL database ${name} (reused)` };
    }
    if (rows[0]) await client.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const started = performance.now();
  const env = childEnv({ DATABASE_URL: url, JWT_SECRET: secret, LOG_LEVEL: 'warn' });
  await runCli(['migrate'], env);
  await runCli(['generate-data', '--scale', scale, '--seed', String(SEED)], env);
  const done = new pg.Client({ connectionString: admin });
  await done.connect();
  try {
    await done.query(`COMMENT ON DATABASE ${name} IS '${marker(scale)}'`);
  } finally {
    await done.end();
  }
  return { kind: 'postgres', env: { DATABASE_URL: url }, url, generatedSeconds: (performance.now() - started) / 1000, label: `PostgreSQL database ${name}` };
}

async function embedded(scale: string, fresh: boolean): Promise<BenchDatabase> {
  const root = join(tmpdir(), `safer-bench-${scale}`);
  const dataDir = join(root, 'data');
  const done = join(root, 'generated.txt');
  const reuse = !fresh && existsSync(done) && readFileSync(done, 'utf8').trim() === marker(scale);
  if (reuse) return { kind: 'embedded', env: { DATA_DIR: dataDir }, url: null, generatedSeconds: 0, label: `embedded database in ${dataDir} (reused)` };
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const started = performance.now();
  const env = childEnv({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', SEED_DEMO: 'false' });
  await runCli(['migrate'], env);
  await runCli(['generate-data', '--scale', scale, '--seed', String(SEED)], env);
  writeFileSync(done, `${marker(scale)}\n`);
  return {
    kind: 'embedded',
    env: { DATA_DIR: dataDir },
    url: null,
    generatedSeconds: (performance.now() - started) / 1000,
    label: `embedded database in ${dataDir}`,
  };
}

/** The address a running service serves its embedded data folder on (its lock file, data-folder-lock.ts). */
export function embeddedUrl(dataDir: string): string {
  const holder = JSON.parse(readFileSync(join(dataDir, 'safer-libraries.lock'), 'utf8')) as { url?: string };
  if (!holder.url) throw new Error(`no process serves ${dataDir}`);
  return holder.url;
}
