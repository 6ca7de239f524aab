import 'reflect-metadata';
import { CommanderError } from 'commander';
import { ALL_ENTITIES } from '../api/entities.js';
import { ConfigError, DomainError, loadConfig } from '../../libs/common/src/index.js';
import { openDatabase } from '../../libs/database/src/index.js';
import { buildProgram, type WithDatabase } from './program.js';

/**
 * Admin commands, on the database the configuration names (DATABASE_URL, or the embedded
 * database in DATA_DIR: stop the server first, PGlite allows one process per data folder).
 */
const withDatabase: WithDatabase = async (fn) => {
  const db = await openDatabase(loadConfig(), ALL_ENTITIES);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
};

// Exit codes: commander's own (usage), 2 for a refusal the user can fix, 1 for anything else.
// The database is closed in withDatabase, so the process ends by itself with this code.
buildProgram(withDatabase)
  .parseAsync()
  .catch((err) => {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
      return;
    }
    const refusal = err instanceof DomainError || err instanceof ConfigError;
    console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = refusal ? 2 : 1;
  });
