import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations/index.js';

export interface DatabaseConnection {
  url: string;
  /** Pool size: exactly 1 for the embedded database (one PGlite session). */
  poolSize: number;
  /** Optional schema (tests give each file its own on a shared PostgreSQL). */
  schema?: string;
  /** PostgreSQL cancels a statement running longer (`statement_timeout`); 0 or unset: no limit. PGlite does not enforce it. */
  statementTimeoutMs?: number;
}

/** One set of options for both databases: same driver, same entities, same migrations. */
export function dataSourceOptions(conn: DatabaseConnection, entities: DataSourceOptions['entities']): DataSourceOptions {
  return {
    type: 'postgres',
    url: conn.url,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: {
      max: conn.poolSize,
      ...(conn.schema ? { options: `-c search_path=${conn.schema}` } : {}),
      // Sent by pg when each connection starts, so every statement of the pool has it; migrations lift it (database.ts).
      ...(conn.statementTimeoutMs ? { statement_timeout: conn.statementTimeoutMs } : {}),
    },
  };
}
