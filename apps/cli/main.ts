import 'reflect-metadata';
import { CommanderError } from 'commander';
import { ConfigError, DomainError, loadConfig } from '../../libs/common/src/index.js';
import { databaseFor } from './database.js';
import { AuditTrailBroken, buildProgram } from './program.js';

// Exit codes: commander's own (usage), 2 for a refusal the user can fix, 3 for an audit chain that
// does not verify, 1 for anything else.
// The database is closed after each command, so the process ends by itself with this code.
// The configuration is read when a command needs the database, so a bad setting is reported like any refusal.
buildProgram((fn) => databaseFor(loadConfig())(fn))
  .parseAsync()
  .catch((err) => {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
      return;
    }
    const refusal = err instanceof DomainError || err instanceof ConfigError;
    console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = err instanceof AuditTrailBroken ? 3 : refusal ? 2 : 1;
  });
