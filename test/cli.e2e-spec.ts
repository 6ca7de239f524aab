import { buildProgram } from '../apps/cli/program.js';
import type { OpenDatabase } from '../libs/database/src/index.js';
import { openTestDatabase } from './support/test-database.js';
import { auditRows, createBranch, createLibraryService, createPartner } from './support/builders.js';

/** The admin commands, run through the same commander program as `node dist/apps/cli/main.js`, on a test database. */
describe('CLI', () => {
  let db: OpenDatabase;
  let out: string[];
  let serviceId: string;
  let branchId: string;
  let partnerId: string;
  const run = (...args: string[]) =>
    buildProgram(
      async (fn) => fn(db),
      (l) => out.push(l),
    ).parseAsync(['node', 'cli', ...args]);

  beforeAll(async () => {
    db = await openTestDatabase();
    serviceId = await createLibraryService(db.dataSource, { name: 'CLI County' });
    branchId = await createBranch(db.dataSource, { serviceId: serviceId, name: 'Main' });
    partnerId = await createPartner(db.dataSource, { serviceId: serviceId, name: 'CLI YJS', type: 'YOUTH_JUSTICE_SERVICE' });
  });
  beforeEach(() => {
    out = [];
  });
  afterAll(() => db.close());

  const user = async (email: string) => (await db.dataSource.query('SELECT * FROM app_user WHERE lower(email) = lower($1)', [email]))[0];

  it('create-user makes a user with a hashed password and branches, audited', async () => {
    await run(
      'create-user',
      '--email',
      'Kim@CLI.test',
      '--name',
      'Kim',
      '--role',
      'STAFF',
      '--service',
      serviceId,
      '--branch',
      branchId,
      '--password',
      'a-long-password-1',
    );
    const u = await user('kim@cli.test');
    expect(u.role).toBe('STAFF');
    expect(u.password_hash).toMatch(/^\$argon2id\$/);
    expect(await db.dataSource.query('SELECT branch_id FROM user_branch WHERE user_id = $1', [u.id])).toEqual([{ branch_id: branchId }]);
    expect(out.join()).toContain(u.id);
    expect(await auditRows(db.dataSource, { action: 'CREATE', entityType: 'User', entityId: u.id })).toHaveLength(1);
  });

  it('create-user refuses duplicates, short passwords, unknown services and a partner of no organisation', async () => {
    await expect(
      run('create-user', '--email', 'kim@cli.test', '--name', 'K2', '--role', 'STAFF', '--service', serviceId, '--password', 'a-long-password-1'),
    ).rejects.toThrow(/already exists/);
    await expect(run('create-user', '--email', 'x@cli.test', '--name', 'X', '--role', 'STAFF', '--service', serviceId, '--password', 'short')).rejects.toThrow(
      /12 characters/,
    );
    await expect(
      run(
        'create-user',
        '--email',
        'x@cli.test',
        '--name',
        'X',
        '--role',
        'STAFF',
        '--service',
        '00000000-0000-0000-0000-000000000000',
        '--password',
        'a-long-password-1',
      ),
    ).rejects.toThrow(/does not exist/);
    await expect(
      run('create-user', '--email', 'x@cli.test', '--name', 'X', '--role', 'PARTNER', '--service', serviceId, '--password', 'a-long-password-1'),
    ).rejects.toThrow(/partner organisation/);
    expect(await user('x@cli.test')).toBeUndefined();
  });

  it('set-role changes the role (PARTNER needs an organisation of the same service)', async () => {
    await run('set-role', '--email', 'kim@cli.test', '--role', 'MANAGER');
    expect((await user('kim@cli.test')).role).toBe('MANAGER');
    await expect(run('set-role', '--email', 'kim@cli.test', '--role', 'PARTNER')).rejects.toThrow(/partner organisation/);
    await run('set-role', '--email', 'kim@cli.test', '--role', 'PARTNER', '--partner', partnerId);
    expect((await user('kim@cli.test')).partner_organisation_id).toBe(partnerId);
    await expect(run('set-role', '--email', 'nobody@cli.test', '--role', 'DPO')).rejects.toThrow(/not found/);
  });

  it('deactivate-user stops the user, audited', async () => {
    await run('deactivate-user', '--email', 'kim@cli.test');
    const u = await user('kim@cli.test');
    expect(u.is_active).toBe(false);
    expect((await auditRows(db.dataSource, { action: 'UPDATE', entityType: 'User', entityId: u.id })).length).toBeGreaterThanOrEqual(3);
  });

  it('list-services prints services and branches with ids', async () => {
    await run('list-services');
    expect(out.join('\n')).toContain(`${serviceId}  CLI County`);
    expect(out.join('\n')).toContain(`branch ${branchId}  Main`);
  });

  it('citus:distribute refuses a database without Citus, changing nothing', async () => {
    await expect(run('citus:distribute')).rejects.toThrow(/citus extension is not installed/);
    const [pk] = await db.dataSource.query(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'subject'::regclass AND contype = 'p'`);
    expect(pk.def).toBe('PRIMARY KEY (id)');
    expect(out).toEqual([]);
  });
});
