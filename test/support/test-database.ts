import { randomBytes } from 'node:crypto';
import { ALL_ENTITIES } from '../../apps/api/entities.js';
import { loadConfig } from '../../libs/common/src/index.js';
import { dropSchema, openDatabase, type OpenDatabase } from '../../libs/database/src/index.js';

/** A migrated database for one test file, without the HTTP app: in-memory PGlite, or a fresh schema on DATABASE_URL. */
export async function openTestDatabase(): Promise<OpenDatabase> {
  const url = process.env.DATABASE_URL;
  const schema = url ? `test_${randomBytes(6).toString('hex')}` : undefined;
  const db = await openDatabase(loadConfig(url ? { DATABASE_URL: url, DATABASE_SCHEMA: schema, JWT_SECRET: 'x'.repeat(32) } : { DATA_DIR: ':memory:' }), ALL_ENTITIES);
  return { ...db, async close() { await db.close(); if (url && schema) await dropSchema(url, schema); } };
}
