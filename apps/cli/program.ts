import { Command, Option } from 'commander';
import { Role, UsersService } from '../../libs/access/src/index.js';
import { BadInputError } from '../../libs/common/src/index.js';
import type { OpenDatabase } from '../../libs/database/src/index.js';
import { AuditService, type AuditActor } from '../../libs/governance/src/index.js';
import { createLogger } from '../api/logger.js';
import { seedDemo } from '../api/seed/demo-seed.js';

/** Audit identity of the CLI: no user, role CLI. */
const CLI_ACTOR: AuditActor = { userId: null, role: 'CLI', libraryServiceId: null, requestId: `cli-${process.pid}` };

export type WithDatabase = <T>(fn: (db: OpenDatabase) => Promise<T>) => Promise<T>;

/** The admin commands, built around a way to open the database (main.ts: from config; tests: a test database). */
export function buildProgram(withDatabase: WithDatabase, print: (line: string) => void = console.log): Command {
  const users = (db: OpenDatabase) => new UsersService(db.dataSource, new AuditService());
  const roles = Object.values(Role);
  const program = new Command('safer-libraries').description('Safer Libraries administration').exitOverride();

  program.command('migrate').description('apply pending migrations').action(() =>
    withDatabase(async (db) => { print(`migrations applied on ${db.embedded ? 'the embedded database' : 'DATABASE_URL'}`); }));

  program.command('migrate:revert').description('revert the last migration').action(() =>
    withDatabase(async (db) => { await db.dataSource.undoLastMigration({ transaction: 'each' }); print('last migration reverted'); }));

  program.command('seed').description('seed the demo data (idempotent)').action(() =>
    withDatabase((db) => seedDemo(db.dataSource, createLogger('info'))));

  program.command('list-services').description('library services and their branches, with ids').action(() =>
    withDatabase(async (db) => {
      const rows = await db.dataSource.query(`SELECT s.id, s.name, coalesce(json_agg(json_build_object('id', b.id, 'name', b.name) ORDER BY b.name) FILTER (WHERE b.id IS NOT NULL), '[]') AS branches
        FROM library_service s LEFT JOIN branch b ON b.library_service_id = s.id GROUP BY s.id ORDER BY s.name`);
      for (const r of rows) {
        print(`${r.id}  ${r.name}`);
        for (const b of r.branches) print(`    branch ${b.id}  ${b.name}`);
      }
    }));

  program.command('create-user').description('create a user')
    .requiredOption('--email <email>').requiredOption('--name <displayName>')
    .addOption(new Option('--role <role>').choices(roles).makeOptionMandatory())
    .requiredOption('--service <libraryServiceId>', 'library service id (see list-services)')
    .option('--partner <partnerOrganisationId>', 'partner organisation id (PARTNER users)')
    .option('--branch <branchId...>', 'branches a STAFF user works at')
    .option('--password <password>', 'initial password, 12+ characters (or set SAFER_LIBRARIES_PASSWORD)')
    .action((o) => withDatabase(async (db) => {
      const password = o.password ?? process.env.SAFER_LIBRARIES_PASSWORD;
      if (!password) throw new BadInputError('give --password or set SAFER_LIBRARIES_PASSWORD');
      const user = await users(db).create({ email: o.email, displayName: o.name, role: o.role, libraryServiceId: o.service, partnerOrganisationId: o.partner, branchIds: o.branch, password }, CLI_ACTOR);
      print(`created user ${user.id} (${user.role})`);
    }));

  program.command('set-role').description("change a user's role")
    .requiredOption('--email <email>')
    .addOption(new Option('--role <role>').choices(roles).makeOptionMandatory())
    .option('--partner <partnerOrganisationId>', 'partner organisation id (PARTNER role)')
    .action((o) => withDatabase(async (db) => {
      const user = await users(db).setRole(o.email, o.role, o.partner ?? null, CLI_ACTOR);
      print(`user ${user.id} now has role ${user.role}`);
    }));

  program.command('deactivate-user').description('stop a user signing in (their tokens stop working at once)')
    .requiredOption('--email <email>')
    .action((o) => withDatabase(async (db) => {
      const user = await users(db).deactivate(o.email, CLI_ACTOR);
      print(`user ${user.id} deactivated`);
    }));

  return program;
}
