// Installs dependencies on a fresh clone (or after package-lock.json changed), so that
// `npm start` and `npm test` work as the first command on a machine with only Node.js and npm.
import { existsSync, statSync } from 'node:fs';
import { execSync } from 'node:child_process';

const marker = 'node_modules/.package-lock.json';
const stale = !existsSync(marker) || statSync('package-lock.json').mtimeMs > statSync(marker).mtimeMs;
if (stale) {
  console.log('Installing dependencies (npm ci)…');
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
}

// The browser checks (a rendered page looked at in Chromium: test/data-protection-tools.e2e-spec.ts) use
// Debian's chromium package. Before the tests, install it when it is missing and this machine can.
if (process.env.npm_lifecycle_event === 'pretest' && !existsSync('/usr/bin/chromium')) {
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (canInstall) {
    console.log('Installing Chromium for the browser checks (apt-get install -y chromium)…');
    execSync('apt-get install -y chromium', { stdio: 'inherit' });
  } else {
    console.warn('Chromium is not installed at /usr/bin/chromium: the browser checks will fail. Install it with: sudo apt-get install -y chromium');
  }
}
