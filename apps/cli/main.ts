import 'reflect-metadata';
import { Command, Option } from 'commander';
import { createLogger } from '../api/logger.js';
import { ALL_ENTITIES } from '../api/entities.js';
import { seedDemo } from '../api/seed/demo-seed.js';
import { Role, UsersService } from '../../libs/access/src/index.js';
import { ConfigError, DomainError, loadConfig } from '../../libs/common/src/index.js';
import { openDatabase, type OpenDatabase } from '../../libs/database/src/index.js';
import { AuditService, type AuditActor } from '../../libs/governance/src/index.js';

/**
 * Admin commands. They use the same configuration as the server (DATABASE_URL, or the embedded
 * database in DATA_DIR: stop the server first, PGlite allows one process per data folder).
 */
const CLI_ACTOR: AuditActor = { userId: null, role: 'CLI', libraryServiceId: null, requestId: `cli-${process.pid}` };

async function withDatabase<T>(fn: (db: OpenDatabase) => Promise<T>): Promise<T> {
  const db = await openDatabase(loadConfig(), ALL_ENTITIES);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const users = (db: OpenDatabase) => new UsersService(db.dataSource, new AuditService());
const roles = Object.values(Role);

const program = new Command('safer-libraries').description('Safer Libraries administration');

program.command('migrate').description('apply pending migrations').action(() =>
  withDatabase(async (db) => { console.log(`migrations applied on ${db.embedded ? 'the embedded database' : 'DATABASE_URL'}`); }));

program.command('migrate:revert').description('revert the last migration').action(() =>
  withDatabase(async (db) => { await db.dataSource.undoLastMigration({ transaction: 'each' }); console.log('last migration reverted'); }));

program.command('seed').description('seed the demo data (idempotent)').action(() =>
  withDatabase((db) => seedDemo(db.dataSource, createLogger('info'))));

program.command('create-user')
  .requiredOption('--email <email>').requiredOption('--name <displayName>')
  .addOption(new Option('--role <role>').choices(roles).makeOptionMandatory())
  .requiredOption('--service <libraryServiceId>', 'library service id')
  .option('--partner <partnerOrganisationId>', 'partner organisation id (PARTNER users)')
  .option('--branch <branchId...>', 'branches a STAFF user works at')
  .option('--password <password>', 'initial password (or set SAFER_LIBRARIES_PASSWORD)')
  .action((o) => withDatabase(async (db) => {
    const password = o.password ?? process.env.SAFER_LIBRARIES_PASSWORD;
    if (!password) throw new ConfigError('give --password or SAFER_LIBRARIES_PASSWORD');
    const user = await users(db).create({ email: o.email, displayName: o.name, role: o.role, libraryServiceId: o.service, partnerOrganisationId: o.partner, branchIds: o.branch, password }, CLI_ACTOR);
    console.log(`created user ${user.id} (${user.role})`);
  }));

program.command('set-role')
  .requiredOption('--email <email>')
  .addOption(new Option('--role <role>').choices(roles).makeOptionMandatory())
  .option('--partner <partnerOrganisationId>', 'partner organisation id (PARTNER role)')
  .action((o) => withDatabase(async (db) => {
    const user = await users(db).setRole(o.email, o.role, o.partner ?? null, CLI_ACTOR);
    console.log(`user ${user.id} now has role ${user.role}`);
  }));

program.command('deactivate-user').requiredOption('--email <email>')
  .action((o) => withDatabase(async (db) => {
    const user = await users(db).deactivate(o.email, CLI_ACTOR);
    console.log(`user ${user.id} deactivated`);
  }));

program.parseAsync().catch((err) => {
  if (err instanceof DomainError || err instanceof ConfigError) {
    console.error(`error: ${err.message}`);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
