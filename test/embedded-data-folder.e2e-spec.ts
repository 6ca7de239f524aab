import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_ENTITIES } from '../apps/api/entities.js';
import { databaseFor } from '../apps/cli/database.js';
import { buildProgram } from '../apps/cli/program.js';
import { loadConfig } from '../libs/common/src/index.js';
import { DataFolderInUseError, openDatabase, type OpenDatabase } from '../libs/database/src/index.js';
import { embeddedStartOptions } from './support/database-template.js';
import { createAuditEvent, createBranch, createLibraryService, createPartner, createPersonRecords, createUser } from './support/builders.js';

/**
 * The README's admin commands while the server runs on the embedded database. Two processes once
 * opened one data folder: audit rows were lost and the folder was left unopenable. Now the server
 * holds the folder and a CLI command uses the server's database through its socket.
 */
const onEmbedded = process.env.DATABASE_URL ? describe.skip : describe;

onEmbedded('one embedded data folder: the server and CLI commands', () => {
  let dir: string;
  let server: OpenDatabase;
  const config = () => loadConfig({ DATA_DIR: dir, JWT_SECRET: 'x'.repeat(32) });
  const count = async (db: OpenDatabase, where = 'TRUE') => (await db.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE ${where}`))[0].n;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'safer-libraries-folder-'));
    server = await openDatabase(config(), ALL_ENTITIES, { ...(await embeddedStartOptions()), role: 'server' });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a second server on the folder is refused at once, saying what holds it and what to do', async () => {
    const started = Date.now();
    const refused = await openDatabase(config(), ALL_ENTITIES, { role: 'server' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DataFolderInUseError);
    expect((refused as Error).message).toContain(`server, pid ${process.pid}`);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('CLI commands run while the server writes, on its database: every audit row kept, the folder opens afterwards', async () => {
    const ds = server.dataSource;
    const serviceId = await createLibraryService(ds, { name: 'Folder County' });
    const branchId = await createBranch(ds, { serviceId });
    const userId = await createUser(ds, { serviceId, email: 'dpo@folder.test', role: 'DPO' });
    const partnerId = await createPartner(ds, { serviceId });
    const people = [];
    for (let i = 0; i < 3; i++) people.push(await createPersonRecords(ds, { serviceId, userId, partnerId, branchId, name: `Person ${i}` }));
    const before = await count(server);

    const out: string[] = [];
    const cli = (...args: string[]) => buildProgram(databaseFor(config()), (l) => out.push(l)).parseAsync(['node', 'cli', ...args]);
    const serverWrites = (async () => {
      for (let i = 0; i < 100; i++) {
        await ds.transaction((m) =>
          createAuditEvent(m, { serviceId, actorId: userId, actorRole: 'DPO', entityType: 'Test', entityId: null, purpose: `server ${i}` }),
        );
      }
    })();
    await Promise.all([
      serverWrites,
      ...people.map((p) => cli('subject-access-export', '--subject', p.subject, '--out', join(dir, `${p.subject}.json`))),
      cli(
        'create-user',
        '--email',
        'new@folder.test',
        '--name',
        'New Starter',
        '--role',
        'MANAGER',
        '--service',
        serviceId,
        '--password',
        'long-enough-password',
      ),
    ]);
    expect(out.filter((l) => l.startsWith('subject access export of'))).toHaveLength(3);
    const kept = async () => ({
      server: await count(server, `purpose LIKE 'server %'`),
      exports: await count(server, `action = 'EXPORT'`),
      created: await count(server, `action = 'CREATE' AND entity_type = 'User'`),
      total: await count(server),
    });
    const after = await kept();
    expect(after).toMatchObject({ server: 100, created: 1 });
    expect(after.exports).toBeGreaterThanOrEqual(3); // one EXPORT row per record exported, the same for each person
    expect(after.exports % 3).toBe(0);
    expect(after.total).toBeGreaterThan(before + 104);

    await server.close();
    server = await openDatabase(config(), ALL_ENTITIES, { role: 'server' });
    expect(await kept()).toEqual(after);
  });
});
