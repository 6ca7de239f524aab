import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { linkToken, startTestSmtp, type TestSmtp } from './support/smtp.js';
import { codeOf, startTestApp, type TestApp } from './support/test-app.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(tmpdir(), 'safer-libraries-artifacts');

/**
 * The page the emailed links open (/account/set-password), in a real browser: a person chooses
 * their password from an invitation, and asks for a reset link, by keyboard, with the page's own
 * script and the API; the token never leaves the URL's fragment for the server.
 */
describe('the account page in Chromium (e2e: HTTP, a real SMTP server, a browser)', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let admin: string;
  const requested: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install -y chromium (npm test and CI install it)`);
    smtp = await startTestSmtp();
    t = await startTestApp({ SMTP_URL: smtp.url });
    admin = await t.login('admin@demo.test');
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('an invited person chooses their password on the page, then signs in; the link works once', async () => {
    const since = smtp.received.length;
    const invited = await t.gql(
      `mutation { inviteUser(input: { email: "page@demo.test", displayName: "Pat Page", role: OUTREACH_WORKER }) { id } }`,
      {},
      admin,
    );
    expect(invited.errors).toBeUndefined();
    const token = linkToken(await smtp.next('page@demo.test', since));
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 390, height: 700 } });
      page.on('request', (r) => requested.push(r.url()));
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(`${t.running.url}/account/set-password#invitation=${token}`);
      await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
      // The token leaves the address bar at once (no history, no screenshot of it).
      expect(page.url()).toBe(`${t.running.url}/account/set-password`);
      // By keyboard: the two fields and the button, in order.
      await page.getByLabel('New password').focus();
      await page.keyboard.type('a long and private passphrase');
      await page.keyboard.press('Tab');
      await page.keyboard.type('a long and different one!');
      await page.keyboard.press('Enter');
      await page.getByText('The two passwords are not the same.').waitFor();
      await page.getByLabel('The same password again').fill('a long and private passphrase');
      await page.getByRole('button', { name: 'Set password' }).click();
      await page.getByText('Your password is set. You can now sign in.').waitFor();
      await page.screenshot({ path: join(SHOTS, 'account-page-done.png') });
      expect(errors).toEqual([]);
      // Nothing the page asked the server for carries the token.
      expect(requested.filter((u) => u.includes(token))).toEqual([]);
      expect((await t.login('page@demo.test', 'a long and private passphrase')).length).toBeGreaterThan(20);
      // The same link again, opened from the email: the page says it no longer works.
      const again = await browser.newPage();
      await again.goto(`${t.running.url}/account/set-password#invitation=${token}`);
      await again.getByLabel('New password').fill('another long passphrase');
      await again.getByLabel('The same password again').fill('another long passphrase');
      await again.getByRole('button', { name: 'Set password' }).click();
      await again.getByText(/This link does not work/).waitFor();
    } finally {
      await browser.close();
    }
  });

  it('without a link, it asks for an email address and sends a reset link (saying the same for any address)', async () => {
    const since = smtp.received.length;
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      await page.goto(`${t.running.url}/account/set-password`);
      await page.getByRole('heading', { name: 'Forgotten your password?' }).waitFor();
      await page.getByLabel('Email address').fill('staff@demo.test');
      await page.getByRole('button', { name: 'Email me a link' }).click();
      await page.getByText(/If this is the address of an account, we have emailed it a link/).waitFor();
      await page.screenshot({ path: join(SHOTS, 'account-page-reset.png') });
    } finally {
      await browser.close();
    }
    const mail = await smtp.next('staff@demo.test', since);
    expect(mail.subject).toBe('Reset your Safer Libraries password');
    expect(codeOf(await t.gql(`mutation { requestPasswordReset(input: { email: "nobody@nowhere.test" }) }`))).toBeUndefined();
  });

  it('is served with a content security policy that allows its own script and the API only', async () => {
    const res = await fetch(`${t.running.url}/account/set-password`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
