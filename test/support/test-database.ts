import { ALL_ENTITIES } from '../../apps/api/entities.js';
import { loadConfig } from '../../libs/common/src/index.js';
import { openDatabase, type EmbeddedStartOptions, type OpenDatabase } from '../../libs/database/src/index.js';
import { createPostgresTestDatabase, embeddedStartOptions } from './database-template.js';

/** Where one test file's database is: the configuration for it, how to start it, and how to remove it afterwards. */
export interface TestDatabaseSpec {
  env: Record<string, string>;
  embedded: EmbeddedStartOptions;
  drop(): Promise<void>;
}

/**
 * A database of its own for one test file, already migrated (a copy of this run's template): an in-memory PGlite,
 * or, with DATABASE_URL set, a new database on that PostgreSQL (dropped afterwards). `fromScratch` starts it empty.
 */
export async function testDatabase(o: { fromScratch?: boolean } = {}): Promise<TestDatabaseSpec> {
  const url = process.env.DATABASE_URL;
  if (!url) return { env: { DATA_DIR: ':memory:' }, embedded: await embeddedStartOptions(o), drop: async () => {} };
  const created = await createPostgresTestDatabase(url, o);
  // TEST_APPLICATION_ROLE=<role>: the service connects as that role, and migrates and grants as DATABASE_URL's user
  // (the two roles of README "Database roles", with row-level security in force); the role must exist and log in.
  const appRole = process.env.TEST_APPLICATION_ROLE;
  if (appRole) {
    const asApp = new URL(created.url);
    asApp.username = appRole;
    asApp.password = '';
    return { env: { DATABASE_URL: asApp.toString(), MIGRATION_DATABASE_URL: created.url }, embedded: {}, drop: created.drop };
  }
  return { env: { DATABASE_URL: created.url }, embedded: {}, drop: created.drop };
}

/** A migrated database for one test file, without the HTTP app. `fromScratch`: run every migration on an empty one. */
export async function openTestDatabase(o: { fromScratch?: boolean } = {}): Promise<OpenDatabase> {
  const spec = await testDatabase(o);
  try {
    const db = await openDatabase(loadConfig({ ...spec.env, JWT_SECRET: 'x'.repeat(32) }), ALL_ENTITIES, spec.embedded);
    return {
      ...db,
      async close() {
        await db.close();
        await spec.drop();
      },
    };
  } catch (err) {
    await spec.drop();
    throw err;
  }
}
