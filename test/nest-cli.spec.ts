import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * nest-cli.json describes the monorepo to the Nest CLI (`nest generate … --project partners`). The
 * build does not read it, so nothing else would notice when it drifts from the folders: this does.
 */
const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const nestCli = JSON.parse(readFileSync(join(repo, 'nest-cli.json'), 'utf8')) as {
  monorepo: boolean;
  root: string;
  sourceRoot: string;
  compilerOptions: { tsConfigPath: string };
  projects: Record<string, { type: string; root: string; sourceRoot: string; entryFile?: string }>;
};

const folders = (parent: string) =>
  readdirSync(join(repo, parent), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

/** The web app (apps/web) is a Vite build for the browser, not a Nest project: the Nest CLI has nothing to generate there. */
const nestApps = () => folders('apps').filter((name) => !existsSync(join(repo, 'apps', name, 'vite.config.ts')));

const projectsOfType = (type: string) =>
  Object.entries(nestCli.projects)
    .filter(([, p]) => p.type === type)
    .map(([name]) => name)
    .sort();

describe('nest-cli.json', () => {
  it('lists every folder under apps/ but the web app as an application and every folder under libs/ as a library, and nothing else', () => {
    expect(projectsOfType('application')).toEqual(nestApps());
    expect(projectsOfType('library')).toEqual(folders('libs'));
    expect(Object.keys(nestCli.projects).sort()).toEqual([...nestApps(), ...folders('libs')].sort());
  });

  it('gives each application its folder and an entry file that exists', () => {
    for (const name of nestApps()) {
      const p = nestCli.projects[name] ?? {};
      expect({ name, root: p.root, sourceRoot: p.sourceRoot }).toEqual({ name, root: `apps/${name}`, sourceRoot: `apps/${name}` });
      expect(existsSync(join(repo, p.sourceRoot, `${p.entryFile}.ts`))).toBe(true);
    }
  });

  it('gives each library its folder, with its code under src/ behind an index.ts', () => {
    for (const name of folders('libs')) {
      const p = nestCli.projects[name] ?? {};
      expect({ name, root: p.root, sourceRoot: p.sourceRoot }).toEqual({ name, root: `libs/${name}`, sourceRoot: `libs/${name}/src` });
      expect(existsSync(join(repo, p.sourceRoot, 'index.ts'))).toBe(true);
    }
  });

  it('points the default project and the build tsconfig at files that exist', () => {
    expect(nestCli.monorepo).toBe(true);
    expect(nestCli.projects.api).toMatchObject({ root: nestCli.root, sourceRoot: nestCli.sourceRoot });
    expect(existsSync(join(repo, nestCli.compilerOptions.tsConfigPath))).toBe(true);
  });
});
