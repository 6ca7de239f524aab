import { ALL_ENTITIES } from '../api/entities.js';
import type { AppConfig } from '../../libs/common/src/index.js';
import { openDatabase } from '../../libs/database/src/index.js';
import type { WithDatabase } from './program.js';

/**
 * Admin commands run on the database the configuration names (DATABASE_URL, or the embedded
 * database in DATA_DIR). While the server runs on that data folder, a command uses the server's
 * database through the socket it serves: PGlite must never be opened by two processes at once.
 */
export function databaseFor(config: AppConfig): WithDatabase {
  return async (fn) => {
    const db = await openDatabase(config, ALL_ENTITIES, { role: 'cli', joinRunning: true });
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  };
}
