import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const root = fileURLToPath(new URL('../../', import.meta.url));

/** The newest modification time under a folder (the web app's sources and config). */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/**
 * dist/web as `npm start` builds it (the web app and the playground); skipped when the build is
 * newer than every file of apps/web, so the suite builds it once. Call it before the app starts:
 * the API mounts what is built when it starts.
 */
export function buildWebApp(): void {
  const index = `${root}dist/web/index.html`;
  if (existsSync(index) && existsSync(`${root}dist/web/playground/index.html`) && statSync(index).mtimeMs > newest(`${root}apps/web`)) return;
  const built = spawnSync(process.execPath, [`${root}node_modules/vite/bin/vite.js`, 'build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'error'], {
    cwd: root,
    encoding: 'utf8',
    // As `npm run build` makes it: jest sets NODE_ENV=test, which would give React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (built.status !== 0) throw new Error(`vite build failed:\n${built.stderr}`);
}
