import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { generateClientTypes } from '../scripts/codegen.js';
import { axe, describeInBrowser, fits, root, SHOTS, signIn as signInAt, startWebApp, tabTo, type WebAppHarness } from './support/browser.js';
import { createUser, demoServiceId } from './support/builders.js';
import { EVENT_BUS, type EventBus } from '../libs/events/src/index.js';
import { untilListening } from './support/live.js';
import type { TestApp } from './support/test-app.js';

/**
 * The web app (apps/web), built by Vite and served by the real API on a test database, driven in
 * Chromium: each role's job, the denials, axe-core on every page and state visited, 320 px and
 * keyboard-only use. Screenshots of the main pages go to docs/screenshots/ (shown in the README).
 */
describeInBrowser('the web app in Chromium (e2e: the built app, the API, a browser)', () => {
  let web: WebAppHarness;
  let t: TestApp;

  beforeAll(async () => {
    web = await startWebApp();
    t = web.t;
  }, 240_000);
  afterAll(async () => {
    await web?.close();
  });

  const open = (width?: number) => web.open(width);
  const signIn = (page: Page, email: string) => signInAt(page, t.running.url, email);

  it('holds the typed documents the generator makes of the committed schema (npm run codegen)', async () => {
    const committed = readFileSync(`${root}apps/web/src/graphql/generated.ts`, 'utf8');
    expect(committed === (await generateClientTypes('web'))).toBe(true);
  });

  it('is served at / with a policy that allows this site only; the API’s own paths are untouched', async () => {
    const res = await fetch(`${t.running.url}/incidents/new`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root">');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${t.running.url}/health`)).status).toBe(200);
    expect((await fetch(`${t.running.url}/app/missing.js`)).status).toBe(404);
  });

  it('staff sign in and record an incident on a phone, by keyboard alone, with the errors shown first', async () => {
    const { page, problems } = await open(375);
    await page.goto(`${t.running.url}/`);
    await axe(page, 'sign in');
    await page.getByLabel('Email address').fill('staff@demo.test');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await axe(page, 'sign in, refused');
    await page.getByLabel('Password').fill('demo-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'What needs you today' }).waitFor();
    await axe(page, 'today, staff');
    await page.getByRole('link', { name: 'Record an incident' }).first().click();
    await page.getByRole('heading', { name: 'Record an incident' }).waitFor();
    expect(await fits(page)).toBe(true);
    await axe(page, 'record an incident');
    await page.screenshot({ path: `${SHOTS}/record-incident-phone.png`, fullPage: true });
    // Sent empty: the error summary, each message linked to its field.
    await tabTo(page, 'description');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('What happened: Say what happened');
    await axe(page, 'record an incident, errors');
    await tabTo(page, 'category');
    await page.keyboard.type('Verbal');
    await tabTo(page, 'description');
    await page.keyboard.type('Shouted at the counter staff after being asked to leave at closing');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Incident recorded' }).waitFor();
    await axe(page, 'incident recorded');
    const [row] = await t.db.query(`SELECT category FROM incident WHERE description = 'Shouted at the counter staff after being asked to leave at closing'`);
    expect(row.category).toBe('VERBAL_ABUSE');
    expect(problems).toEqual([]);
  });

  it('staff raise a codeword alarm on a phone, then stand it down into a filled-in incident', async () => {
    const { page, problems } = await open(375);
    await signIn(page, 'staff@demo.test');
    await page.getByRole('link', { name: 'Alarm', exact: true }).click();
    await page.getByRole('heading', { name: 'Alarm', exact: true }).waitFor();
    await axe(page, 'alarm');
    await page.getByLabel('Codeword (optional)').fill('Code blue');
    await page.getByLabel('Where in the building (optional)').fill('Study area, first floor');
    await page.getByRole('button', { name: 'Raise the alarm' }).click();
    await page.getByText('Colleagues at the branch have been alerted.').waitFor();
    await page.getByRole('heading', { name: /: Code blue$/ }).waitFor();
    expect(await fits(page)).toBe(true);
    await axe(page, 'alarm raised');
    await page.screenshot({ path: `${SHOTS}/alarm-phone.png`, fullPage: true });
    const [alarm] = await t.db.query(`SELECT id, location_in_building FROM alarm WHERE codeword = 'Code blue' AND stood_down_at IS NULL`);
    expect(alarm.location_in_building).toBe('Study area, first floor');
    await page.getByRole('button', { name: 'Stand down and record the incident' }).click();
    await page.getByRole('heading', { name: 'Record an incident' }).waitFor();
    expect(await page.getByLabel('Where in the building (optional)').inputValue()).toBe('Study area, first floor');
    await page.getByLabel('What kind of incident').selectOption('THREATENING_BEHAVIOUR');
    await page.getByLabel('What happened').fill('Threatened staff in the study area; the alarm was raised and he left');
    await page.getByRole('button', { name: 'Record incident' }).click();
    await page.getByRole('heading', { name: 'Incident recorded' }).waitFor();
    const [stood] = await t.db.query(`SELECT stood_down_at IS NOT NULL AS down FROM alarm WHERE id = $1`, [alarm.id]);
    expect(stood.down).toBe(true);
    const [incident] = await t.db.query(`SELECT location_in_building FROM incident WHERE description LIKE 'Threatened staff in the study area%'`);
    expect(incident.location_in_building).toBe('Study area, first floor');
    expect(problems).toEqual([]);
  });

  it('an alarm raised elsewhere appears on a colleague’s open alarm page at once, announced', async () => {
    const listening = t.running.app.get<EventBus>(EVENT_BUS).listenerCount('ALARM_RAISED');
    const { page, problems } = await open(375);
    await signIn(page, 'staff@demo.test');
    await page.getByRole('link', { name: 'Alarm', exact: true }).click();
    await page.getByRole('heading', { name: 'Open alarms' }).waitFor();
    // The page's subscriptions are open on the API before anyone raises it.
    await untilListening(t.running.app, 'ALARM_RAISED', listening + 1);
    const [{ id: central }] = await t.db.query(`SELECT id FROM branch WHERE name = 'Central Library'`);
    const manager = await t.login('manager@demo.test');
    const raised = await t.gql(
      `mutation($i: RaiseAlarmInput!) { raiseAlarm(input: $i) { id } }`,
      { i: { branchId: central, codeword: 'Code amber' } },
      manager,
    );
    expect(raised.errors).toBeUndefined();
    await page.getByRole('status').filter({ hasText: 'New alarm at Central Library' }).waitFor();
    await page.getByRole('heading', { name: /: Code amber$/ }).waitFor();
    await axe(page, 'alarm heard');
    await t.gql(
      `mutation($i: StandDownAlarmInput!) { standDownAlarm(input: $i) { alarm { id } } }`,
      { i: { id: raised.data.raiseAlarm.id, version: 1, falseAlarm: true } },
      manager,
    );
    await page.getByRole('heading', { name: /: Code amber$/ }).waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
  });

  it('staff see who is banned from their branch, at 320 px', async () => {
    const { page, problems } = await open(320);
    await signIn(page, 'staff@demo.test');
    await page.getByRole('link', { name: 'Bans', exact: true }).click();
    await page.getByRole('heading', { name: /^Banned from / }).waitFor();
    await page.getByText(/active bans\./).waitFor();
    expect(await fits(page)).toBe(true);
    await axe(page, 'bans');
    await page.screenshot({ path: `${SHOTS}/bans-phone.png`, fullPage: true });
    expect(problems).toEqual([]);
  });

  it('a manager sees what needs them today, with counts', async () => {
    const { page, problems } = await open();
    await signIn(page, 'manager@demo.test');
    await page.getByText('bans due for review in the next 14 days').waitFor();
    await axe(page, 'today, manager');
    await page.screenshot({ path: `${SHOTS}/today-manager.png`, fullPage: true });
    expect(problems).toEqual([]);
  });

  it('a partner gives a purpose before any shared case shows, reads one, and accepts a referral', async () => {
    const { page, problems } = await open();
    await signIn(page, 'pcso@demo.test');
    await axe(page, 'today, partner');
    await page.getByRole('link', { name: 'Shared cases' }).first().click();
    await page.getByRole('heading', { name: 'Why are you looking?' }).waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('alert').waitFor();
    await axe(page, 'purpose, refused');
    await page.getByLabel('Why you are looking').fill('Patrol briefing');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Cases shared with you' }).waitFor();
    await axe(page, 'shared cases');
    await page
      .getByRole('link', { name: /^Open case/ })
      .first()
      .click();
    await page.getByText('Shared with you:').waitFor();
    await axe(page, 'shared case');
    await page.screenshot({ path: `${SHOTS}/shared-case.png`, fullPage: true });
    const caseId = page.url().split('/').pop();
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE entity_type = 'Case' AND entity_id = $1 AND purpose = 'Patrol briefing'`,
      [caseId],
    );
    expect(n).toBeGreaterThan(0);

    await page.getByRole('link', { name: 'Referrals' }).click();
    await page.getByRole('heading', { name: 'Referrals to your organisation' }).waitFor();
    await axe(page, 'incoming referrals');
    const [sent] = await t.db.query(
      `SELECT r.id FROM referral r JOIN app_user u ON u.partner_organisation_id = r.partner_organisation_id WHERE u.email = 'pcso@demo.test' AND r.status = 'SENT'`,
    );
    await page
      .getByRole('button', { name: /^Accept/ })
      .first()
      .click();
    await page.waitForFunction(() => !document.querySelector('tbody button'));
    const [{ status }] = await t.db.query(`SELECT status FROM referral WHERE id = $1`, [sent.id]);
    expect(status).toBe('ACCEPTED');
    expect(problems).toEqual([]);
  });

  it('the DPO finds the partner’s read in the audit trail, and downloads it as CSV', async () => {
    const { page, problems } = await open();
    await signIn(page, 'dpo@demo.test');
    await page.getByRole('link', { name: 'Audit trail' }).click();
    await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
    await axe(page, 'audit trail');
    await page.getByLabel('Partner organisation').selectOption({ label: 'Town Centre Neighbourhood Policing Team' });
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('cell', { name: 'Patrol briefing' }).first().waitFor();
    await axe(page, 'audit trail, results');
    await page.screenshot({ path: `${SHOTS}/audit-trail.png`, fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as CSV' }).click()]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\n')[0]).toMatch(/occurredAt|occurred_at/i);
    expect(csv).toContain('Patrol briefing');
    expect(problems).toEqual([]);
  });

  it('a manager confirms a proposed ban', async () => {
    const [subject] = await t.db.query(
      `SELECT s.id FROM subject s WHERE NOT EXISTS (SELECT 1 FROM ban b WHERE b.subject_id = s.id) ORDER BY s.created_at LIMIT 1`,
    );
    const manager = await t.login('manager@demo.test');
    const proposed = await t.gql(
      `mutation($i: ProposeBanInput!) { proposeBan(input: $i) { id status } }`,
      {
        i: {
          subjectId: subject.id,
          reason: 'Repeated threats to staff at the counter',
          scope: 'ALL_BRANCHES',
          endsOn: new Date(Date.now() + 180 * 86_400_000).toISOString().slice(0, 10),
        },
      },
      manager,
    );
    expect(proposed.errors).toBeUndefined();
    const { page, problems } = await open();
    await signIn(page, 'manager@demo.test');
    await page.getByRole('link', { name: 'Bans to decide' }).click();
    await page.getByRole('heading', { name: 'Bans to decide' }).waitFor();
    await axe(page, 'bans to decide');
    await page.getByText('Repeated threats to staff at the counter').waitFor();
    const card = page.locator('.govuk-summary-card', { hasText: 'Repeated threats to staff at the counter' });
    await card.getByRole('button', { name: /^Confirm ban/ }).click();
    await page.getByText('Ban confirmed').waitFor();
    await axe(page, 'ban confirmed');
    const [{ status }] = await t.db.query(`SELECT status FROM ban WHERE id = $1`, [proposed.data.proposeBan.id]);
    expect(status).toBe('ACTIVE');
    expect(problems).toEqual([]);
  });

  it('an outreach worker makes a referral with consent, sends it, and follows it in their list', async () => {
    const { page, problems } = await open();
    await signIn(page, 'outreach@demo.test');
    await page.getByRole('link', { name: 'Your referrals' }).click();
    await page.getByRole('link', { name: 'Make a referral' }).click();
    await page.getByRole('heading', { name: 'Make a referral' }).waitFor();
    await axe(page, 'make a referral');
    await page.getByRole('button', { name: 'Send referral' }).click();
    await page.getByRole('alert').waitFor();
    await axe(page, 'make a referral, errors');
    const [subject] = await t.db.query(`SELECT id FROM subject WHERE name IS NOT NULL ORDER BY created_at LIMIT 1`);
    await page.getByLabel('Person', { exact: true }).selectOption(subject.id);
    await page.getByLabel('Refer to').selectOption({ index: 1 });
    await page.getByLabel('housing').check();
    await page.getByLabel('Why you are referring').fill('Sleeping rough near the library; asked for help with housing');
    await page.getByLabel('How the partner can reach them').fill('At Central Library on Tuesday mornings');
    await page.getByLabel('Yes, they agreed').check();
    await page.getByLabel('How they answered').fill('Verbally, in person');
    await page.getByRole('button', { name: 'Send referral' }).click();
    await page.getByRole('heading', { name: 'Referral sent' }).waitFor();
    await axe(page, 'referral sent');
    const [sent] = await t.db.query(`SELECT status, consent FROM referral WHERE reason = 'Sleeping rough near the library; asked for help with housing'`);
    expect(sent).toEqual({ status: 'SENT', consent: 'GIVEN' });
    await page.getByRole('link', { name: 'Your referrals' }).first().click();
    await page.getByRole('cell', { name: 'sent' }).first().waitFor();
    await axe(page, 'your referrals');
    expect(problems).toEqual([]);
  });

  it('a partner cannot open a library page or an unshared case by its address', async () => {
    const { page, problems } = await open();
    await signIn(page, 'pcso@demo.test');
    await page.goto(`${t.running.url}/incidents/new`);
    await page.getByRole('heading', { name: 'You cannot use this page' }).waitFor();
    await axe(page, 'not your page');
    const [unshared] = await t.db.query(`SELECT c.id FROM case_file c WHERE NOT EXISTS (SELECT 1 FROM case_share s WHERE s.case_id = c.id) LIMIT 1`);
    await page.goto(`${t.running.url}/shared-cases/${unshared.id}`);
    await page.getByLabel('Why you are looking').fill('Checking a case');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    expect(await page.getByText('Shared with you:').count()).toBe(0);
    await axe(page, 'not shared');
    expect(problems).toEqual([]);
  });

  it('anyone chooses how they hear of each kind of notification, and changes their password (then signs in with it)', async () => {
    const id = await createUser(t.db, { email: 'settings@demo.test', role: 'OUTREACH_WORKER', serviceId: await demoServiceId(t.db) });
    const { page, problems } = await open(320);
    await signIn(page, 'settings@demo.test');
    await page.getByRole('link', { name: 'Your settings' }).click();
    await page.getByRole('heading', { name: 'Your settings' }).waitFor();
    expect(await fits(page)).toBe(true);
    await axe(page, 'settings');
    await page.getByRole('group', { name: 'A referral you made moves on' }).getByLabel('In Safer Libraries and in one email a day').check();
    await page.getByRole('group', { name: 'A case is shared with you' }).getByLabel('Not at all').check();
    await page.getByRole('button', { name: 'Save notification preferences' }).click();
    await page.getByText('Your notification preferences are saved').waitFor();
    const prefs = await t.db.query(`SELECT kind, delivery FROM notification_preference WHERE user_id = $1 ORDER BY kind`, [id]);
    expect(prefs).toEqual([
      { kind: 'CASE_SHARED', delivery: 'OFF' },
      { kind: 'REFERRAL_STATUS_CHANGED', delivery: 'DAILY_DIGEST' },
    ]);
    // A wrong current password and a short new one: each said next to its field.
    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password').fill('short');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('New password: Must be at least 12 characters');
    await axe(page, 'settings, password errors');
    await page.getByLabel('New password').fill('a much longer new password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.locator('#currentPassword-error').waitFor();
    expect(await page.locator('#currentPassword-error').innerText()).toContain('Your current password is not right');
    await page.getByLabel('Current password').fill('demo-password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password has been changed').waitFor();
    await axe(page, 'password changed');
    await page.getByRole('button', { name: 'Sign in again' }).click();
    await page.getByLabel('Email address').fill('settings@demo.test');
    await page.getByLabel('Password').fill('a much longer new password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'What needs you today' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('every page of each role works at 200 % zoom (a 1280 × 800 screen: 640 × 400 CSS pixels), with nothing beyond the screen', async () => {
    const pages: Record<string, string[]> = {
      'manager@demo.test': [
        '/',
        '/incidents/new',
        '/alarm',
        '/bans',
        '/bans/decide',
        '/partners',
        '/agreements',
        '/reports',
        '/incidents',
        '/people',
        '/cases',
        '/settings',
      ],
      'outreach@demo.test': ['/referrals', '/referrals/new', '/people', '/cases'],
      'pcso@demo.test': ['/shared-cases', '/referrals/incoming'],
    };
    for (const [email, paths] of Object.entries(pages)) {
      const context = await web.browser.newContext({ viewport: { width: 640, height: 400 }, bypassCSP: true });
      const page = await context.newPage();
      await signIn(page, email);
      for (const path of paths) {
        // Opened by its address: the tab's session survives the reload.
        await page.goto(`${t.running.url}${path}`);
        await page.waitForLoadState('networkidle');
        await page
          .locator('main h1')
          .first()
          .waitFor()
          .catch(async (e) => {
            throw new Error(`${email} ${path}: ${(await page.locator('main').innerText()).slice(0, 200)}`, { cause: e });
          });
        expect({ email, path, heading: await page.locator('main h1').first().innerText(), fits: await fits(page) }).toMatchObject({ email, path, fits: true });
        expect(await page.locator('main h1').first().innerText()).not.toMatch(/cannot use|not found/i);
      }
      await context.close();
    }
  });

  it('publishes an accessibility statement', async () => {
    const { page } = await open();
    await page.goto(`${t.running.url}/accessibility`);
    await page.getByRole('heading', { name: 'Accessibility statement for Safer Libraries' }).waitFor();
    await axe(page, 'accessibility statement');
  });

  it('builds the GraphQL playground too: it runs a query under its own policy, with nothing blocked', async () => {
    // Not open(): that context bypasses the content security policy, which this checks.
    const context = await web.browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('request', (r) => !r.url().startsWith(t.running.url) && problems.push(`request elsewhere: ${r.url()}`));
    await page.goto(`${t.running.url}/playground`);
    await page.locator('.graphiql-container').waitFor();
    // The editor holds the default sign-in mutation once GraphiQL has started.
    await page.locator('.graphiql-query-editor').getByText('demo-password').first().waitFor();
    const answered = page.waitForResponse((r) => r.url().endsWith('/graphql') && r.request().method() === 'POST' && /login/.test(r.request().postData() ?? ''));
    await page.locator('.graphiql-execute-button').click();
    expect((await (await answered).json()).data.login.user.role).toBe('MANAGER');
    await context.close();
    expect(problems).toEqual([]);
  });
});
