import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../../common/src/index.js';
import { dataSourceOptions } from './data-source-options.js';
import { runningEmbeddedPostgres, startEmbeddedPostgres, type EmbeddedPostgres, type EmbeddedStartOptions } from './embedded/embedded-postgres.js';

export interface OpenDatabase {
  dataSource: DataSource;
  embedded: boolean;
  /** True when the database had no migrations applied before this start (a brand-new database). */
  wasEmpty: boolean;
  close(): Promise<void>;
}

/**
 * Opens the database the configuration names: real PostgreSQL with DATABASE_URL, otherwise the
 * embedded PGlite (DATA_DIR, or in memory when DATA_DIR is `:memory:`). Same driver, same
 * entities, same migrations either way. Applies pending migrations. `embedded` options apply to
 * the embedded database only; with `joinRunning` (the CLI) a data folder another process already
 * serves is reached through that process's socket, and otherwise a held folder is refused.
 */
export async function openDatabase(config: AppConfig, entities: DataSourceOptions['entities'], embedded: EmbeddedStartOptions = {}): Promise<OpenDatabase> {
  let server: EmbeddedPostgres | null = null;
  let url = config.DATABASE_URL;
  const dataDir = config.DATA_DIR === ':memory:' ? undefined : config.DATA_DIR;
  if (!url && dataDir && embedded.joinRunning) url = (await runningEmbeddedPostgres(dataDir)) ?? undefined;
  const isEmbedded = !config.DATABASE_URL;
  if (!url) {
    server = await startEmbeddedPostgres(dataDir, embedded);
    url = server.url;
  }
  const schema = config.DATABASE_SCHEMA;
  if (schema) await createSchema(url, schema);
  const dataSource = new DataSource(dataSourceOptions({ url, poolSize: isEmbedded ? 1 : config.DATABASE_POOL_SIZE, schema }, entities));
  try {
    await dataSource.initialize();
    const applied = await dataSource.query(`SELECT to_regclass('migrations') IS NOT NULL AS present`);
    const wasEmpty = !applied[0].present || (await dataSource.query('SELECT count(*)::int AS n FROM migrations'))[0].n === 0;
    await dataSource.runMigrations({ transaction: 'each' });
    return {
      dataSource,
      embedded: isEmbedded,
      wasEmpty,
      async close() {
        if (dataSource.isInitialized) await dataSource.destroy();
        await server?.stop();
      },
    };
  } catch (err) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await server?.stop();
    throw err;
  }
}

async function createSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } finally {
    await client.end();
  }
}

/** Drops a schema created for one test file (real PostgreSQL only). */
export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
