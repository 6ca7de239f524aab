import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from './test-app.js';
import { buildWebApp, root } from './web-build.js';

export { buildWebApp, root };

/**
 * What every browser test of the web app (apps/web) shares: the build `npm start` makes (dist/web,
 * built once and rebuilt only when apps/web changed), the real API on a demo-seeded test database,
 * Chromium, axe-core's WCAG 2.2 AA rules, and the small steps each test repeats.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const SHOTS = `${root}docs/screenshots`;
const AXE = readFileSync(`${root}node_modules/axe-core/axe.min.js`, 'utf8');

/**
 * The browser tests' describe: they drive the built web app against the API on the embedded
 * database, and the PostgreSQL pass of `.ci/run` skips them. The pages are the same whatever the
 * database; every query and mutation they send is tested on PostgreSQL by the API's own tests.
 */
export const describeInBrowser = process.env.DATABASE_URL ? describe.skip : describe;

export interface WebAppHarness {
  t: TestApp;
  browser: Browser;
  /** A page in its own context (no session shared between users), with axe allowed past the CSP. */
  open(width?: number): Promise<{ page: Page; problems: string[] }>;
  close(): Promise<void>;
}

/** The built app served by the real API (demo data: SEED_DEMO=full), and Chromium to drive it. */
export async function startWebApp(): Promise<WebAppHarness> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install -y chromium (npm test and CI install it)`);
  buildWebApp();
  mkdirSync(SHOTS, { recursive: true });
  const t = await startTestApp({ SEED_DEMO: 'full' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'] });
  return {
    t,
    browser,
    async open(width = 1024) {
      const context = await browser.newContext({ viewport: { width, height: 800 }, bypassCSP: true });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => m.type() === 'error' && !/status of 4\d\d/.test(m.text()) && problems.push(m.text()));
      page.on('request', (r) => {
        if (!r.url().startsWith(t.running.url)) problems.push(`request elsewhere: ${r.url()}`);
        if (/@|%40/.test(new URL(r.url()).pathname + new URL(r.url()).search)) problems.push(`personal data in a URL: ${r.url()}`);
      });
      return { page, problems };
    },
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

/** axe-core's WCAG 2.2 A and AA rules on the page as it is now: no violation. */
export async function axe(page: Page, state: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const violations: { id: string; nodes: { target: string[] }[] }[] = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run(o: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } };
    const r = await w.axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => ({ target: n.target as string[] })) }));
  });
  expect({ state, violations }).toEqual({ state, violations: [] });
}

/** Nothing wider than the screen: no sideways scrolling at this width. */
export const fits = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** Sign in as a demo user (every demo user's password is demo-password) and wait for the home page. */
export async function signIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'What needs you today' }).waitFor();
}

/** Tab until the element with this id has focus: proof that the keyboard alone reaches it. */
export async function tabTo(page: Page, id: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`#${id} is not reached by Tab`);
}

/**
 * On /reports: the last 180 days' incidents shown, and the total the page gives checked against the
 * database's count for the service of `email`; that count.
 */
export async function showIncidentReport(page: Page, t: TestApp, email: string): Promise<number> {
  const from = new Date(Date.now() - 180 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('From', { exact: true }).fill(from);
  await page.getByRole('button', { name: 'Show report' }).click();
  await page.getByRole('heading', { name: / incidents$/ }).waitFor();
  const lo = new Date(`${from}T00:00:00`);
  const hi = new Date(new Date(`${await page.getByLabel('To', { exact: true }).inputValue()}T00:00:00`).getTime() + 86_400_000);
  const [{ n }] = await t.db.query(
    `SELECT count(*)::int AS n FROM incident i JOIN app_user u ON u.library_service_id = i.library_service_id
        WHERE u.email = $3 AND i.occurred_at >= $1 AND i.occurred_at < $2`,
    [lo, hi, email],
  );
  expect(n).toBeGreaterThan(0);
  expect(await page.getByRole('heading', { name: `${n} incidents` }).count()).toBe(1);
  return n;
}
