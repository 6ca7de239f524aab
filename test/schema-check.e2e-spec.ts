import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * scripts/schema-check.mjs (run by .ci/run): a breaking change to the schema since the last `v*`
 * tag fails it unless README's changelog names it. Run in a scratch repository with its own tag.
 */
const script = fileURLToPath(new URL('../scripts/schema-check.mjs', import.meta.url));

describe('the schema breaking-change check', () => {
  let repo: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
  const write = (schema: string, changelog: string) => {
    writeFileSync(join(repo, 'test/schema.graphql'), schema);
    writeFileSync(join(repo, 'README.md'), `# x\n\n## Changelog\n\n${changelog}\n`);
  };
  const check = () => spawnSync(process.execPath, [script], { cwd: repo, encoding: 'utf8' });

  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'schema-check-'));
    mkdirSync(join(repo, 'test'));
    git('init', '-q');
    git('config', 'user.email', 'ci@example.test');
    git('config', 'user.name', 'CI');
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  const released = 'type Query { referral(id: ID!): Referral }\ntype Referral { id: ID! status: String! note: String }';

  it('passes with no release tag, and when nothing broke', () => {
    write(released, '');
    git('add', '.');
    git('commit', '-qm', 'one');
    expect(check().stdout).toContain('no release tag');
    git('tag', 'v1.0.0');
    write(`${released}\ntype Extra { id: ID! }`, '');
    const r = check();
    expect([r.status, r.stdout]).toEqual([0, expect.stringContaining('0 breaking')]);
  });

  it('fails on a removed or narrowed field the changelog does not name, and passes once it does', () => {
    write(released, '');
    git('add', '.');
    git('commit', '-qm', 'one');
    git('tag', 'v1.0.0');
    const broken = 'type Query { referral(id: ID!): Referral }\ntype Referral { id: ID! status: String }';
    write(broken, '- Changed: `Referral` is smaller.');
    const r = check();
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/Referral\.note was removed.*not in the changelog/);
    expect(r.stdout).toMatch(/Referral\.status changed type.*not in the changelog/);
    write(broken, '- Removed: `Referral.note`. Changed: `Referral.status` may be null.');
    expect(check().status).toBe(0);
  });
});
