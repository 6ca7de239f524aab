import { Command, Option } from 'commander';
import { AccountLinksService, Role, UsersService } from '../../libs/access/src/index.js';
import { type AppConfig, BadInputError, loadConfig } from '../../libs/common/src/index.js';
import { mailerFor } from '../../libs/mail/src/index.js';
import { createLibraryService } from '../../libs/tenancy/src/index.js';
import { type OpenDatabase, revertLastMigration } from '../../libs/database/src/index.js';
import { AuditService, type AuditActor } from '../../libs/governance/src/index.js';
import { type AuditChainVerification, dataProtectionEngines, type DigestEntry, parseDigest, type SweepRunResult } from '../../libs/governance/src/engines.js';
import { readFile, writeFile } from 'node:fs/promises';
import { createLogger } from '../api/logger.js';
import { seedDemo } from '../api/seed/demo-seed.js';
import { generateData } from './generate/generate-data.js';
import { SCALE_NAMES, SCALES, type ScaleName } from './generate/scales.js';
import { duration, Progress } from './generate/progress.js';
import { importDirectory } from '../../libs/partners/src/index.js';
import { CitusDistribution1765800000000 } from '../../migrations/citus/1765800000000-CitusDistribution.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Audit identity of the CLI: no user, role CLI. */
const CLI_ACTOR: AuditActor = { userId: null, role: 'CLI', libraryServiceId: null, requestId: `cli-${process.pid}` };

export type WithDatabase = <T>(fn: (db: OpenDatabase) => Promise<T>) => Promise<T>;

/** audit-verify found a chain that does not verify (main.ts exits with code 3, so a scheduled check can tell it from a failure). */
export class AuditTrailBroken extends Error {}

/** Where progress lines go (stderr): redrawn in place on a terminal. */
export type ProgressSink = { write(text: string): void; isTTY?: boolean };

/** The admin commands, built around a way to open the database (main.ts: from config; tests: a test database). */
export function buildProgram(
  withDatabase: WithDatabase,
  print: (line: string) => void = console.log,
  progress: ProgressSink = process.stderr,
  configOf: () => AppConfig = () => loadConfig(),
): Command {
  const users = (db: OpenDatabase) => new UsersService(db.dataSource, new AuditService());
  const roles = Object.values(Role);
  const program = new Command('safer-libraries').description('Safer Libraries administration').exitOverride();

  program
    .command('migrate')
    .description('apply pending migrations')
    .action(() =>
      withDatabase(async (db) => {
        print(`migrations applied on ${db.embedded ? 'the embedded database' : 'DATABASE_URL'}`);
      }),
    );

  program
    .command('migrate:revert')
    .description('revert the last migration')
    .action(() =>
      withDatabase(async (db) => {
        await revertLastMigration(db.dataSource);
        print('last migration reverted');
      }),
    );

  program
    .command('citus:distribute')
    .description('shard the schema by library service on a Citus coordinator (docs/scaling.md); refuses a database without the citus extension')
    .action(() =>
      withDatabase(async (db) => {
        const runner = db.dataSource.createQueryRunner();
        try {
          await new CitusDistribution1765800000000().up(runner);
        } finally {
          await runner.release();
        }
        print('tables distributed by library_service_id, reference tables copied to every node');
      }),
    );

  program
    .command('seed')
    .description('seed the demo data: service, branches, users and partners, then the demo story (idempotent)')
    .option('--base', 'only the service, branches, users and partners, without the demo story')
    .action((o) => withDatabase((db) => seedDemo(db.dataSource, createLogger('info'), o.base ? 'base' : 'full')));

  program
    .command('generate-data')
    .description(
      'fill the database with made-up, realistic data at a scale (README "Benchmarks"); the same seed gives the same data; refuses a database holding other library services (real data) unless --force',
    )
    .addOption(new Option('--scale <scale>', SCALE_NAMES.map((n) => `${n}: ${describeScale(n)}`).join('; ')).choices(SCALE_NAMES).makeOptionMandatory())
    .option('--seed <n>', 'seed of the random choices (a whole number)', '1')
    .option('--force', 'run although the database holds library services other than the demo one')
    .action((o) =>
      withDatabase(async (db) => {
        const seed = Number(o.seed);
        if (!Number.isInteger(seed) || seed < 0 || seed > 2_147_483_647) throw new BadInputError('--seed must be a whole number from 0 to 2147483647');
        const result = await generateData(db.dataSource, {
          scale: o.scale,
          seed,
          force: Boolean(o.force),
          progress,
          logger: createLogger('warn'),
        });
        const services = result.plan.services.length;
        print(
          `generated ${o.scale} (seed ${seed}) on ${db.embedded ? 'the embedded database' : 'DATABASE_URL'}: ${services} library service${services === 1 ? '' : 's'}, ` +
            `${result.rows.toLocaleString('en-GB')} rows in ${duration(result.seconds)} (${Math.round(result.rows / result.seconds).toLocaleString('en-GB')} rows/s)`,
        );
      }),
    );

  program
    .command('list-services')
    .description('library services and their branches, with ids')
    .action(() =>
      withDatabase(async (db) => {
        const rows = await db.dataSource
          .query(`SELECT s.id, s.name, coalesce(json_agg(json_build_object('id', b.id, 'name', b.name) ORDER BY b.name) FILTER (WHERE b.id IS NOT NULL), '[]') AS branches
        FROM library_service s LEFT JOIN branch b ON b.library_service_id = s.id GROUP BY s.id ORDER BY s.name`);
        for (const r of rows) {
          print(`${r.id}  ${r.name}`);
          for (const b of r.branches) print(`    branch ${b.id}  ${b.name}`);
        }
      }),
    );

  program
    .command('create-service')
    .description('create a library service and its first administrator, who is emailed an invitation to choose a password (works while the server runs)')
    .requiredOption('--name <name>', "the service's name, e.g. 'Kent Libraries'")
    .requiredOption('--code <code>', 'a short code, 2 to 20 letters, digits or dashes, e.g. KENT')
    .requiredOption('--admin-email <email>', 'the first administrator')
    .requiredOption('--admin-name <displayName>')
    .option('--branch <name...>', 'branches to start with (the administrator can add more)')
    .action((o) =>
      withDatabase(async (db) => {
        const config = configOf();
        const mailer = mailerFor(config, createLogger('warn'));
        try {
          const links = new AccountLinksService(db.dataSource, new AuditService(), mailer, config);
          const created = await createLibraryService(
            db.dataSource,
            links,
            { name: o.name, code: o.code, admin: { email: o.adminEmail, displayName: o.adminName }, branches: o.branch },
            CLI_ACTOR,
          );
          print(`created library service ${created.libraryServiceId} with ${created.branchIds.length} branch(es)`);
          print(
            `invited administrator ${created.adminUserId}: invitation email ${mailer.destination === 'smtp' ? 'sent' : `written to ${mailer.destination}`}`,
          );
        } finally {
          mailer.close();
        }
      }),
    );

  program
    .command('create-user')
    .description('create a user')
    .requiredOption('--email <email>')
    .requiredOption('--name <displayName>')
    .addOption(new Option('--role <role>').choices(roles).makeOptionMandatory())
    .requiredOption('--service <libraryServiceId>', 'library service id (see list-services)')
    .option('--partner <partnerOrganisationId>', 'partner organisation id (PARTNER users)')
    .option('--branch <branchId...>', 'branches a STAFF user works at')
    .option('--password <password>', 'initial password, 12+ characters (or set SAFER_LIBRARIES_PASSWORD)')
    .action((o) =>
      withDatabase(async (db) => {
        const password = o.password ?? process.env.SAFER_LIBRARIES_PASSWORD;
        if (!password) throw new BadInputError('give --password or set SAFER_LIBRARIES_PASSWORD');
        const user = await users(db).create(
          { email: o.email, displayName: o.name, role: o.role, libraryServiceId: o.service, partnerOrganisationId: o.partner, branchIds: o.branch, password },
          CLI_ACTOR,
        );
        print(`created user ${user.id} (${user.role})`);
      }),
    );

  program
    .command('set-role')
    .description("change a user's role")
    .requiredOption('--email <email>')
    .addOption(new Option('--role <role>').choices(roles).makeOptionMandatory())
    .option('--partner <partnerOrganisationId>', 'partner organisation id (PARTNER role)')
    .action((o) =>
      withDatabase(async (db) => {
        const user = await users(db).setRole(o.email, o.role, o.partner ?? null, CLI_ACTOR);
        print(`user ${user.id} now has role ${user.role}`);
      }),
    );

  program
    .command('deactivate-user')
    .description('stop a user signing in (their tokens stop working at once)')
    .requiredOption('--email <email>')
    .action((o) =>
      withDatabase(async (db) => {
        const user = await users(db).deactivate(o.email, CLI_ACTOR);
        print(`user ${user.id} deactivated`);
      }),
    );

  program
    .command('import-directory')
    .description(
      "import an Open Referral UK JSON directory into a library service's partners, keyed by organisation id (a re-import updates); prints the report; audited",
    )
    .requiredOption('--file <path.json>', 'the Open Referral UK document ({ "organizations": [...] })')
    .requiredOption('--service <libraryServiceId>', 'library service id (see list-services)')
    .action((o) =>
      withDatabase(async (db) => {
        if (!UUID.test(o.service)) throw new BadInputError(`${o.service} is not a library service id (UUID)`);
        let document: string;
        try {
          document = await readFile(o.file, 'utf8');
        } catch {
          throw new BadInputError(`cannot read ${o.file}`);
        }
        const audit = new AuditService();
        const result = await db.dataSource.transaction(async (m) => {
          if (!(await m.query('SELECT 1 FROM library_service WHERE id = $1', [o.service])).length)
            throw new BadInputError(`library service ${o.service} does not exist`);
          let bar: Progress | null = null;
          let reported = 0;
          const report = await importDirectory(
            m,
            o.service,
            document,
            (action, type, rows) => audit.recordEach(m, { ...CLI_ACTOR, libraryServiceId: o.service }, action, type, rows),
            (done, total) => {
              bar ??= new Progress(total, (t) => progress.write(t), Boolean(progress.isTTY));
              bar.add(done - reported, 'organisations');
              reported = done;
            },
          );
          (bar as Progress | null)?.finish();
          return report;
        });
        print(
          `imported ${o.file}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged, ${result.refused.length} refused; ` +
            `contacts ${result.contactsCreated} created, ${result.contactsUpdated} updated`,
        );
        for (const r of result.refused) print(`  refused #${r.index} ${r.sourceId ?? '(no id)'}: ${r.reason}`);
      }),
    );

  program
    .command('retention-sweep')
    .description('delete or anonymise (per policy) every record past its retain-until date and not on legal hold; one audit event per record')
    .option('--dry-run', 'list what would be done and change nothing')
    .option('--service <libraryServiceId>', 'only this library service (default: every service, then audit events of none)')
    .option('--batch-size <n>', 'records per transaction', '500')
    .action((o) =>
      withDatabase(async (db) => {
        const batchSize = Number(o.batchSize);
        if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new BadInputError('--batch-size must be a whole number from 1 to 10000');
        const runs = await dataProtectionEngines(db.dataSource).sweep.sweep({
          dryRun: Boolean(o.dryRun),
          libraryServiceId: o.service,
          triggeredBy: 'CLI',
          batchSize,
        });
        for (const run of runs) printRun(run, print);
      }),
    );

  program
    .command('subject-access-export')
    .description('everything held about a person (subject access request), as JSON or a readable HTML document; audited as EXPORT')
    .requiredOption('--subject <subjectId>', 'the person (Subject id)')
    .addOption(new Option('--format <format>').choices(['json', 'html']).default('json'))
    .option('--out <file>', 'write to this file (default: print)')
    .action((o) =>
      withDatabase(async (db) => {
        if (!/^[0-9a-f-]{36}$/i.test(o.subject)) throw new BadInputError(`${o.subject} is not a subject id (UUID)`);
        const { subjectAccess, catalog } = dataProtectionEngines(db.dataSource);
        await catalog.all();
        const sar = await db.dataSource.transaction((m) => subjectAccess.build(m, o.subject, null, CLI_ACTOR));
        const text = o.format === 'html' ? sar.html : sar.json;
        if (o.out) {
          await writeFile(o.out, text, { mode: 0o600 });
          print(`subject access export of ${sar.subjectId}: ${sar.recordCount} records written to ${o.out}`);
        } else {
          print(text);
        }
      }),
    );

  program
    .command('audit-verify')
    .description('recompute the audit chains hash by hash and name the first event of each that does not fit (changed, missing, inserted, out of order)')
    .option('--service <libraryServiceId>', "only this library service's chain (default: every chain, the platform chain of no service included)")
    .option('--against <digestFile>', 'also compare with a digest kept outside the database (AUDIT_DIGEST_FILE, or the JSON log)')
    .action((o) =>
      withDatabase(async (db) => {
        const digest: DigestEntry[] | undefined = o.against ? parseDigest(await readFile(o.against, 'utf8')) : undefined;
        const { auditChain } = dataProtectionEngines(db.dataSource);
        let chains: string[];
        if (o.service) {
          if (!UUID.test(o.service)) throw new BadInputError(`${o.service} is not a library service id (UUID)`);
          if (!(await db.dataSource.query('SELECT 1 FROM library_service WHERE id = $1', [o.service])).length) {
            throw new BadInputError(`library service ${o.service} does not exist`);
          }
          chains = [o.service];
        } else {
          // A chain the digest knows and the database does not has been removed whole: verify it too.
          chains = [...new Set([...(await auditChain.chains()), ...(digest ?? []).map((d) => d.chain)])].sort();
        }
        let broken = 0;
        for (const chain of chains) {
          const result = await auditChain.verify(chain, { digest });
          if (!result.isIntact) broken++;
          printVerification(result, print);
        }
        if (digest) print(`compared with ${digest.length} digest entries from ${o.against}`);
        if (broken) throw new AuditTrailBroken(`${broken} of ${chains.length} audit chain(s) do not verify`);
      }),
    );

  return program;
}

function printVerification(r: AuditChainVerification, print: (line: string) => void): void {
  const name = r.libraryServiceId ? `library service ${r.libraryServiceId}` : 'events of no library service';
  const pruned = r.prunedThroughPosition ? `, pruned through ${r.prunedThroughPosition}` : '';
  const digest = r.digestEntriesChecked ? `, ${r.digestEntriesChecked} digest entries matched` : '';
  if (r.firstBreak) {
    const b = r.firstBreak;
    print(`BROKEN ${name}: ${b.kind} at position ${b.position}${b.auditEventId ? ` (audit event ${b.auditEventId})` : ''}: ${b.detail}`);
  } else {
    print(`ok     ${name}: ${r.eventsChecked} events through position ${r.headPosition}${pruned}${digest}, head ${r.headHash ?? '(empty)'}`);
  }
}

function describeScale(name: ScaleName): string {
  const s = SCALES[name];
  return `${s.services} service${s.services === 1 ? '' : 's'}, ${s.incidents.toLocaleString('en-GB')} incidents`;
}

/** Identifiers and counts only: the sweep's output never holds personal data. */
function printRun(run: SweepRunResult, print: (line: string) => void): void {
  print(
    `${run.dryRun ? 'dry run' : 'sweep'} of ${run.libraryServiceId ? `library service ${run.libraryServiceId}` : 'records of no library service'} (run ${run.runId})`,
  );
  for (const c of run.counts) {
    const policy = `${c.policy} ${c.retainYears}y ${c.action}`;
    if (run.dryRun) {
      print(
        `  ${c.recordType} [${policy}]: would ${c.action === 'DELETE' ? 'delete' : 'anonymise'} ${c.due}, extend ${c.extended}, on hold ${c.onHold}${c.sampleIds?.length ? ` (e.g. ${c.sampleIds.slice(0, 5).join(', ')})` : ''}`,
      );
    } else {
      print(
        `  ${c.recordType} [${policy}]: deleted ${c.deleted}, anonymised ${c.anonymised}, extended ${c.extended}, on hold ${c.onHold}, blocked ${c.blocked}`,
      );
    }
  }
}
