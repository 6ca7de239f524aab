import pg from 'pg';
import { DataSource, type DataSourceOptions, MigrationExecutor, type QueryRunner } from 'typeorm';
import { ConfigError, type AppConfig } from '../../common/src/index.js';
import { dataSourceOptions } from './data-source-options.js';
import { bindConnectionsToTenant } from './tenant-context.js';
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
    server = await startEmbeddedPostgres(dataDir, { sharedBuffersMb: config.EMBEDDED_SHARED_BUFFERS_MB, ...embedded });
    url = server.url;
  }
  const schema = config.DATABASE_SCHEMA;
  const ownerUrl = config.MIGRATION_DATABASE_URL;
  if (schema) await createSchema(ownerUrl ?? url, schema);
  const wasEmpty = ownerUrl ? await migrateAsOwner(ownerUrl, applicationRole(url), schema, entities) : undefined;
  const dataSource = new DataSource(
    dataSourceOptions(
      { url, poolSize: isEmbedded ? 1 : config.DATABASE_POOL_SIZE, schema, statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS },
      entities,
    ),
  );
  // Row-level security binds only the application role (owners pass it); only it needs telling whom each connection serves.
  if (ownerUrl) bindConnectionsToTenant(dataSource);
  try {
    await dataSource.initialize();
    return {
      wasEmpty: wasEmpty ?? (await migrate(dataSource)),
      dataSource,
      embedded: isEmbedded,
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

/** Applies pending migrations; true when none had been applied before (a brand-new database). */
function migrate(dataSource: DataSource): Promise<boolean> {
  return withoutStatementTimeout(dataSource, (runner) =>
    underMigrationLock(runner, async () => {
      const [{ present }] = await runner.query(`SELECT to_regclass('migrations') IS NOT NULL AS present`);
      const wasEmpty = !present || (await runner.query('SELECT count(*)::int AS n FROM migrations'))[0].n === 0;
      await executePending(dataSource, runner);
      return wasEmpty;
    }),
  );
}

/** The advisory lock every start takes before it looks at the migrations (one key for the database). */
export const MIGRATION_LOCK_NAME = 'safer-libraries migrations';

/**
 * Replicas starting together would each find the same migrations pending and run them twice (the
 * second failing half-way, or worse, not failing). The first to take this session lock migrates;
 * the others wait for it, then find nothing pending. On the embedded database, one process and
 * one session, the lock never blocks, and there is nothing to race with.
 */
async function underMigrationLock<T>(runner: QueryRunner, work: () => Promise<T>): Promise<T> {
  await runner.query('SELECT pg_advisory_lock(hashtext($1))', [MIGRATION_LOCK_NAME]);
  try {
    return await work();
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [MIGRATION_LOCK_NAME]);
  }
}

/**
 * Migrations may rewrite whole tables: they run on one connection with the statement timeout
 * lifted for as long as they take, then given back to the pool with it restored. (The owner's
 * connection, MIGRATION_DATABASE_URL, has none to begin with.)
 */
async function withoutStatementTimeout<T>(dataSource: DataSource, work: (runner: QueryRunner) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SET statement_timeout = 0');
    const result = await work(runner);
    await runner.query('RESET statement_timeout');
    return result;
  } finally {
    await runner.release();
  }
}

/** Applies pending migrations, each in its own transaction, with no statement timeout, under the migration lock. */
export function runMigrations(dataSource: DataSource): Promise<unknown> {
  return withoutStatementTimeout(dataSource, (runner) => underMigrationLock(runner, () => executePending(dataSource, runner)));
}

function executePending(dataSource: DataSource, runner: QueryRunner): Promise<unknown> {
  const executor = new MigrationExecutor(dataSource, runner);
  executor.transaction = 'each';
  return executor.executePendingMigrations();
}

/** Reverts the last migration applied, with no statement timeout. */
export function revertLastMigration(dataSource: DataSource): Promise<void> {
  return withoutStatementTimeout(dataSource, (runner) =>
    underMigrationLock(runner, () => {
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'each';
      return executor.undoLastMigration();
    }),
  );
}

/**
 * Two roles (README "Database roles"): the migrations run as the owner, which then grants the
 * application role what the service needs (the LeastPrivilege migration's grant_application_role),
 * every start, so tables added by later migrations are covered.
 */
async function migrateAsOwner(ownerUrl: string, appRole: string, schema: string | undefined, entities: DataSourceOptions['entities']): Promise<boolean> {
  const owner = new DataSource(dataSourceOptions({ url: ownerUrl, poolSize: 1, schema }, entities));
  await owner.initialize();
  try {
    const wasEmpty = await migrate(owner);
    await owner.query('SELECT grant_application_role($1)', [appRole]);
    await owner.query('SELECT apply_tenant_policies()');
    return wasEmpty;
  } finally {
    await owner.destroy();
  }
}

/** The role the service connects as: DATABASE_URL's user. */
function applicationRole(url: string): string {
  const user = decodeURIComponent(new URL(url).username);
  if (!user)
    throw new ConfigError('Invalid configuration:\n  DATABASE_URL: name the application role (postgres://role@host/db) when MIGRATION_DATABASE_URL is set');
  return user;
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
