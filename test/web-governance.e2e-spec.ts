import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { axe, describeInBrowser, fits, SHOTS, showIncidentReport, signIn as signInAt, startWebApp, type WebAppHarness } from './support/browser.js';
import type { TestApp } from './support/test-app.js';

/**
 * The DPO's and the administrators' pages of the web app in Chromium, against the API on a
 * demo-seeded test database: rights requests and their decisions, the retention report and a dry
 * run of the sweep, the record of processing, subject access exports; branches, users, retention
 * policies. Each is checked against the database, with axe on every page and state (errors
 * included) and 320 px.
 */
describeInBrowser('the web app: the DPO’s and administrators’ pages (e2e: the built app, the API, a browser)', () => {
  let web: WebAppHarness;
  let t: TestApp;

  beforeAll(async () => {
    web = await startWebApp();
    t = web.t;
  }, 240_000);
  afterAll(async () => {
    await web?.close();
  });

  const signIn = (page: Page, email: string) => signInAt(page, t.running.url, email);
  const LOG = `mutation($i: LogRightsRequestInput!) { logRightsRequest(input: $i) { id version } }`;
  const today = () => new Date().toISOString().slice(0, 10);

  it('the DPO logs a request (the errors first), opens it from the home page and records a decision; a stale one says so', async () => {
    const [subject, other] = await t.db.query(`SELECT id FROM subject WHERE name IS NOT NULL ORDER BY created_at LIMIT 2`);
    const { page, problems } = await web.open(320);
    await signIn(page, 'dpo@demo.test');
    await page.getByRole('link', { name: 'rights requests open' }).click();
    await page.getByRole('heading', { name: 'Rights requests' }).waitFor();
    expect(await fits(page)).toBe(true);
    await axe(page, 'rights requests, none');

    // Sent empty: the error summary, each message linked to its field.
    await page.getByRole('button', { name: 'Log request' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Type of request: Choose the type of request');
    await axe(page, 'log a request, errors');

    await page.getByLabel('Person (record id)').fill(subject.id);
    await page.getByLabel('Type of request').selectOption('RESTRICTION');
    await page.getByLabel('What they asked for').fill('Letter of 1 December: stop using my records while I dispute the ban');
    await page.getByRole('button', { name: 'Log request' }).click();
    await page.getByRole('heading', { name: /^Restriction request received/ }).waitFor();
    const [logged] = await t.db.query(`SELECT id, status, due_on::text AS due FROM rights_request WHERE subject_id = $1`, [subject.id]);
    expect(page.url()).toBe(`${t.running.url}/rights-requests/${logged.id}`);
    expect(logged.status).toBe('RECEIVED');
    await page.getByText(`Record id ${subject.id}`).waitFor();
    expect(await fits(page)).toBe(true);
    await axe(page, 'a rights request');

    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Decision: Choose a decision');
    await axe(page, 'decide, errors');
    await page.getByLabel('Grant', { exact: true }).check();
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.getByText('Decision recorded: granted').waitFor();
    await page.getByText(/Processing restricted/).waitFor();
    await axe(page, 'decided');
    await page.screenshot({ path: `${SHOTS}/rights-request.png`, fullPage: true });
    const [decided] = await t.db.query(`SELECT status, decided_by_id IS NOT NULL AS by FROM rights_request WHERE id = $1`, [logged.id]);
    expect(decided).toEqual({ status: 'GRANTED', by: true });
    const [{ n: restricted }] = await t.db.query(`SELECT count(*)::int AS n FROM subject_restriction WHERE subject_id = $1 AND lifted_at IS NULL`, [
      subject.id,
    ]);
    expect(restricted).toBe(1);

    // The DPO lifts the restriction: the reason first.
    await page.getByRole('heading', { name: 'Restriction of processing' }).waitFor();
    await page.getByRole('button', { name: 'Lift the restriction' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Why the restriction ends: Enter why the restriction ends');
    expect(await fits(page)).toBe(true);
    await axe(page, 'lift a restriction, errors');
    await page.getByLabel('Why the restriction ends').fill('Accuracy of the ban verified with the branch manager');
    await page.getByRole('button', { name: 'Lift the restriction' }).click();
    await page.getByText('Restriction lifted: staff see this person’s records again').waitFor();
    await axe(page, 'restriction lifted');
    expect(await page.getByRole('heading', { name: 'Restriction of processing' }).count()).toBe(0);
    const [lifted] = await t.db.query(`SELECT lift_reason, lifted_by_id IS NOT NULL AS by FROM subject_restriction WHERE subject_id = $1`, [subject.id]);
    expect(lifted).toEqual({ lift_reason: 'Accuracy of the ban verified with the branch manager', by: true });

    // The list: the open request of the other person first, with its deadline; the decided one under it.
    const dpo = await t.login('dpo@demo.test');
    const stale = await t.gql(LOG, { i: { subjectId: other.id, type: 'ACCESS', details: 'Email asking for a copy of everything', receivedOn: today() } }, dpo);
    expect(stale.errors).toBeUndefined();
    await page.getByRole('link', { name: 'All rights requests' }).click();
    await page.getByRole('heading', { name: 'Open (1)' }).waitFor();
    await page.getByRole('heading', { name: 'Decided (1)' }).waitFor();
    await axe(page, 'rights requests');

    // Someone else answers it first: the page says so, and offers a reload.
    await page.getByRole('link', { name: /^Access request received/ }).click();
    await page.getByRole('heading', { name: /^Access request received/ }).waitFor();
    const first = await t.gql(
      `mutation($i: DecideRightsRequestInput!) { decideRightsRequest(input: $i) { id } }`,
      { i: { id: stale.data.logRightsRequest.id, version: stale.data.logRightsRequest.version, decision: 'GRANTED' } },
      dpo,
    );
    expect(first.errors).toBeUndefined();
    await page.getByLabel('Grant', { exact: true }).check();
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Someone else changed this record since you opened it.');
    await axe(page, 'decide, conflict');
    await page.getByRole('button', { name: 'Reload' }).click();
    await page.getByText('Granted', { exact: true }).waitFor();
    expect(problems).toEqual([]);
  });

  it('the DPO downloads a subject access export: the person’s records and nobody else’s', async () => {
    const [subject, other] = await t.db.query(`SELECT id FROM subject WHERE name IS NOT NULL ORDER BY created_at DESC LIMIT 2`);
    const { page, problems } = await web.open(320);
    await signIn(page, 'dpo@demo.test');
    await page.goto(`${t.running.url}/subject-access`);
    await page.getByRole('heading', { name: 'Subject access export' }).waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Person (record id): Enter the record id from the person’s record');
    expect(await fits(page)).toBe(true);
    await axe(page, 'subject access, errors');
    await page.getByLabel('Person (record id)').fill(subject.id);
    await page.getByRole('button', { name: 'Continue' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as JSON' }).click()]);
    expect(download.suggestedFilename()).toBe(`subject-access-${subject.id}.json`);
    const json = readFileSync(await download.path(), 'utf8');
    expect(JSON.parse(json)).toBeTruthy();
    expect(json).toContain(subject.id);
    expect(json).not.toContain(other.id);
    const [html] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as a document (HTML)' }).click()]);
    expect(readFileSync(await html.path(), 'utf8')).toContain('<html');
    await axe(page, 'subject access');
    const [{ n: audited }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'EXPORT' AND entity_id = $1`, [subject.id]);
    expect(audited).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('the DPO reads the retention report and does a dry run: rows shown, nothing deleted', async () => {
    // Two contact logs long past their date, so the dry run has something to show.
    await t.db.query(
      `UPDATE contact_log SET occurred_at = now() - interval '12 years', retain_until = current_date - 30
        WHERE id IN (SELECT id FROM contact_log ORDER BY occurred_at LIMIT 2)`,
    );
    const TABLES = ['contact_log', 'subject', 'incident', 'ban', 'case_file', 'referral', 'audit_event'];
    const count = async () =>
      Object.fromEntries(await Promise.all(TABLES.map(async (table) => [table, (await t.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n])));
    const before = await count();
    const { page, problems } = await web.open(320);
    await signIn(page, 'dpo@demo.test');
    await page.getByRole('link', { name: 'Retention', exact: true }).click();
    await page.getByRole('heading', { name: 'Retention', exact: true }).waitFor();
    await page.getByRole('table', { name: 'Due for deletion, by record type' }).waitFor();
    expect(await fits(page)).toBe(true);
    await axe(page, 'retention');
    await page.getByRole('button', { name: 'Do a dry run' }).click();
    await page.getByText('Dry run done: nothing was changed').waitFor();
    const table = page.getByRole('table', { name: 'What the sweep would do now' });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBeGreaterThan(1);
    expect(await fits(page)).toBe(true);
    await axe(page, 'dry run');
    // The real sweep asks first; cancelled, nothing happens.
    await page.getByRole('button', { name: 'Run the sweep' }).click();
    await page.getByRole('button', { name: 'Yes, run the sweep' }).waitFor();
    await axe(page, 'sweep, confirm');
    await page.getByRole('button', { name: 'Cancel' }).click();
    const after = await count();
    // The dry run writes its own audit row (the run is audited); no record is deleted.
    expect({ ...after, audit_event: 0 }).toEqual({ ...before, audit_event: 0 });
    const [{ n: dry }] = await t.db.query(`SELECT count(*)::int AS n FROM retention_run WHERE dry_run`);
    expect(dry).toBe(1);

    // A legal hold on one ban: what is missing first, then a record type that cannot be held, then placed; lifted after confirming.
    const [ban] = await t.db.query(`SELECT id FROM ban WHERE NOT legal_hold ORDER BY created_at LIMIT 1`);
    const hold = async () => (await t.db.query(`SELECT legal_hold, legal_hold_reason FROM ban WHERE id = $1`, [ban.id]))[0];
    await page.getByRole('button', { name: 'Place legal hold' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Type of record: Choose the type of record');
    expect(await fits(page)).toBe(true);
    await axe(page, 'legal hold, errors');
    await page.getByLabel('Type of record').selectOption({ label: 'Audit trail' });
    await page.getByLabel('Record id').fill(ban.id);
    await page.getByLabel('Why', { exact: true }).fill('Claim against the council, letter of 2 December');
    await page.getByRole('button', { name: 'Place legal hold' }).click();
    await page
      .locator('#recordType-error')
      .getByText(/cannot be put on legal hold/)
      .waitFor();
    await axe(page, 'legal hold, not holdable');
    await page.getByLabel('Type of record').selectOption({ label: 'Ban' });
    await page.getByRole('button', { name: 'Place legal hold' }).click();
    await page.getByText(`Legal hold placed on Ban ${ban.id}`).waitFor();
    await axe(page, 'legal hold placed');
    expect(await hold()).toEqual({ legal_hold: true, legal_hold_reason: 'Claim against the council, letter of 2 December' });
    // Held already: told in the API's words, with no "someone else changed it" and no reload.
    await page.getByLabel('Type of record').selectOption({ label: 'Ban' });
    await page.getByLabel('Record id').fill(ban.id);
    await page.getByLabel('Why', { exact: true }).fill('A second letter about the same claim');
    await page.getByRole('button', { name: 'Place legal hold' }).click();
    await page
      .getByRole('alert')
      .getByText(/is already on legal hold/)
      .waitFor();
    expect(await page.getByRole('button', { name: 'Reload the record' }).count()).toBe(0);
    await axe(page, 'legal hold, already held');
    await page.getByLabel('Type of record').selectOption({ label: 'Ban' });
    await page.getByLabel('Record id').fill(ban.id);
    await page.getByLabel('Why', { exact: true }).fill('Claim settled');
    await page.getByRole('button', { name: 'Lift legal hold' }).click();
    await page.getByRole('button', { name: 'Yes, lift the hold' }).waitFor();
    expect(await fits(page)).toBe(true);
    await axe(page, 'lift a legal hold, confirm');
    await page.getByRole('button', { name: 'Yes, lift the hold' }).click();
    await page.getByText(`Legal hold lifted on Ban ${ban.id}`).waitFor();
    await axe(page, 'legal hold lifted');
    expect(await hold()).toEqual({ legal_hold: false, legal_hold_reason: null });
    const [{ n: holds }] = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE entity_type = 'Ban' AND entity_id = $1 AND purpose LIKE 'legal hold%'`,
      [ban.id],
    );
    expect(holds).toBe(2);
    expect(problems).toEqual([]);
  });

  it('the DPO reads the record of processing', async () => {
    const { page, problems } = await web.open(320);
    await signIn(page, 'dpo@demo.test');
    await page.getByRole('link', { name: 'Record of processing' }).click();
    await page.getByRole('heading', { name: 'Record of processing' }).waitFor();
    const table = page.getByRole('table', { name: 'Processing activities' });
    await table.waitFor();
    const [{ n: incidents }] = await t.db.query(`SELECT count(*)::int AS n FROM incident`);
    const row = table.getByRole('row', { name: /^Incident/ }).first();
    expect(await row.getByRole('cell').last().innerText()).toBe(String(incidents));
    expect(await fits(page)).toBe(true);
    await axe(page, 'record of processing');
    expect(problems).toEqual([]);
  });

  it('an administrator adds a branch and invites a user (the errors first), and changes a retention policy', async () => {
    const { page, problems } = await web.open(320);
    await signIn(page, 'admin@demo.test');
    await page.getByRole('link', { name: 'Branches' }).click();
    await page.getByRole('heading', { name: 'Branches' }).waitFor();
    expect(await fits(page)).toBe(true);
    await axe(page, 'branches');
    await page.getByRole('button', { name: 'Add branch' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Name: Enter the branch’s name');
    await axe(page, 'add a branch, errors');
    await page.getByLabel('Name').fill('Central Library');
    await page.getByRole('button', { name: 'Add branch' }).click();
    await page
      .getByText(/already exists/)
      .first()
      .waitFor();
    await axe(page, 'add a branch, name taken');
    await page.getByLabel('Name').fill('Eastfield Library');
    await page.getByLabel('Address (optional)').fill('1 Market Street');
    await page.getByRole('button', { name: 'Add branch' }).click();
    await page.getByText('Eastfield Library added').waitFor();
    await axe(page, 'branch added');
    const [branch] = await t.db.query(`SELECT id, address, is_active FROM branch WHERE name = 'Eastfield Library'`);
    expect(branch).toMatchObject({ address: '1 Market Street', is_active: true });

    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Role: Choose a role');
    expect(await fits(page)).toBe(true);
    await axe(page, 'invite a user, errors');
    await page.getByLabel('Name').fill('Nia New');
    await page.getByLabel('Email address').fill('nia.new@demo.test');
    await page.getByLabel('Role').selectOption('STAFF');
    await page.getByLabel('Eastfield Library').check();
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText('Nia New invited: they are emailed a link to choose a password').waitFor();
    await page.getByText('Invited', { exact: true }).first().waitFor();
    await axe(page, 'user invited');
    await page.screenshot({ path: `${SHOTS}/admin-users.png`, fullPage: true });
    const [user] = await t.db.query(`SELECT id, role FROM app_user WHERE email = 'nia.new@demo.test'`);
    expect(user).toMatchObject({ role: 'STAFF' });
    const [{ n: works }] = await t.db.query(`SELECT count(*)::int AS n FROM user_branch WHERE user_id = $1 AND branch_id = $2`, [user.id, branch.id]);
    expect(works).toBe(1);

    await page.getByRole('link', { name: 'Retention policies' }).click();
    await page.getByRole('heading', { name: 'Retention policies' }).waitFor();
    expect(await fits(page)).toBe(true);
    await axe(page, 'retention policies');
    await page.getByRole('button', { name: 'Change contact log' }).click();
    await page.getByLabel('Years kept').fill('');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Years kept: Enter a whole number of years');
    await axe(page, 'retention policy, errors');
    await page.getByLabel('Years kept').fill('4');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText(/contact log: kept 4 years now/).waitFor();
    await axe(page, 'retention policy changed');
    const [policy] = await t.db.query(`SELECT retain_years FROM retention_policy WHERE record_type = 'CONTACT_LOG'`);
    expect(policy.retain_years).toBe(4);

    await page.getByRole('link', { name: 'Partner directory' }).click();
    await page.getByRole('heading', { name: 'Partner directory' }).waitFor();
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('alert').waitFor();
    expect(await fits(page)).toBe(true);
    await axe(page, 'partner directory, errors');
    const directory = { organizations: [{ id: 'web-test-1', name: 'Eastfield Food Bank', description: 'Food parcels and advice' }] };
    await page.getByLabel('The directory (JSON)').fill(JSON.stringify(directory));
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByText('Directory imported').waitFor();
    await axe(page, 'partner directory, imported');
    expect(problems).toEqual([]);
  });

  it('an administrator renames a branch (the errors first; a stale edit says so), closes it after confirming and reopens it', async () => {
    const admin = await t.login('admin@demo.test');
    const made = await t.gql(`mutation { createBranch(input: { name: "Westbrook Library" }) { id } }`, {}, admin);
    expect(made.errors).toBeUndefined();
    const id = made.data.createBranch.id;
    const branch = async () => (await t.db.query(`SELECT name, address, is_active, version FROM branch WHERE id = $1`, [id]))[0];
    const { page, problems } = await web.open(320);
    await signIn(page, 'admin@demo.test');
    await page.getByRole('link', { name: 'Branches' }).click();
    await page.getByRole('button', { name: 'Change Westbrook Library' }).click();
    await page.getByRole('heading', { name: 'Change Westbrook Library' }).waitFor();
    expect(await fits(page)).toBe(true);
    await axe(page, 'change a branch');
    await page.getByLabel('Name').fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Name: Enter the branch’s name');
    await axe(page, 'change a branch, errors');
    await page.getByLabel('Name').fill('Central Library');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page
      .locator('#name-error')
      .getByText(/already exists/)
      .waitFor();
    await axe(page, 'change a branch, name taken');
    await page.getByLabel('Name').fill('Westbrook Community Library');
    await page.getByLabel('Address (optional)').fill('2 Mill Lane');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Westbrook Community Library saved').waitFor();
    await axe(page, 'branch changed');
    expect(await branch()).toMatchObject({ name: 'Westbrook Community Library', address: '2 Mill Lane', is_active: true });

    // Someone else changes the address while the form is open: the one conflict message, and a reload with their change.
    await page.getByRole('button', { name: 'Change Westbrook Community Library' }).click();
    const { version } = await branch();
    const other = await t.gql(`mutation($i: UpdateBranchInput!) { updateBranch(input: $i) { id } }`, { i: { id, version, address: '3 Mill Lane' } }, admin);
    expect(other.errors).toBeUndefined();
    await page.getByLabel('Name').fill('Westbrook Library');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Someone else changed this record since you opened it.');
    expect(await fits(page)).toBe(true);
    await axe(page, 'change a branch, conflict');
    await page.getByRole('button', { name: 'Reload the record' }).click();
    await page.waitForFunction(() => (document.getElementById('address') as HTMLTextAreaElement | null)?.value === '3 Mill Lane');
    expect(await page.getByLabel('Name').inputValue()).toBe('Westbrook Community Library');
    expect((await branch()).name).toBe('Westbrook Community Library');
    await page.getByRole('button', { name: 'Cancel' }).click();

    // Closing asks first; cancelled, the branch stays open.
    await page.getByRole('button', { name: 'Close Westbrook Community Library' }).click();
    await page.getByRole('button', { name: 'Yes, close Westbrook Community Library' }).waitFor();
    expect(await fits(page)).toBe(true);
    await axe(page, 'close a branch, confirm');
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect((await branch()).is_active).toBe(true);
    await page.getByRole('button', { name: 'Close Westbrook Community Library' }).click();
    await page.getByRole('button', { name: 'Yes, close Westbrook Community Library' }).click();
    await page.getByText('Westbrook Community Library closed: its records stay').waitFor();
    await page.getByText('Closed', { exact: true }).first().waitFor();
    await axe(page, 'branch closed');
    expect((await branch()).is_active).toBe(false);
    await page.getByRole('button', { name: 'Reopen Westbrook Community Library' }).click();
    await page.getByText('Westbrook Community Library reopened').waitFor();
    await axe(page, 'branch reopened');
    expect((await branch()).is_active).toBe(true);
    expect(problems).toEqual([]);
  });

  it('an administrator manages a user: invitation again, role (the errors first), branches (a stale save says so), second factor and deactivation after confirming, reactivation', async () => {
    const admin = await t.login('admin@demo.test');
    const invited = await t.gql(`mutation { inviteUser(input: { displayName: "Omar Other", email: "omar.other@demo.test", role: STAFF }) { id } }`, {}, admin);
    expect(invited.errors).toBeUndefined();
    const id = invited.data.inviteUser.id;
    const [first, second] = await t.db.query(`SELECT id, name FROM branch WHERE is_active ORDER BY name LIMIT 2`);
    const user = async () => (await t.db.query(`SELECT role, is_active, version, totp_enabled_at IS NOT NULL AS tfa FROM app_user WHERE id = $1`, [id]))[0];
    const branches = async () =>
      (await t.db.query(`SELECT branch_id FROM user_branch WHERE user_id = $1`, [id])).map((r: { branch_id: string }) => r.branch_id);
    const link = async () => (await t.db.query(`SELECT token_hash FROM account_link WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1`, [id]))[0].token_hash;
    const { page, problems } = await web.open(320);
    await signIn(page, 'admin@demo.test');
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('button', { name: 'Manage Omar Other' }).click();
    await page.getByRole('heading', { name: 'Omar Other' }).waitFor();
    expect(await fits(page)).toBe(true);
    await axe(page, 'manage a user');

    const before = await link();
    await page.getByRole('button', { name: 'Send the invitation again' }).click();
    await page.getByText('Omar Other is emailed a new invitation').waitFor();
    await axe(page, 'invitation sent again');
    expect((await link()).equals(before)).toBe(false);

    await page.getByLabel('Role').selectOption('PARTNER');
    await page.getByRole('button', { name: 'Change role' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Partner organisation: Choose the partner organisation');
    expect(await fits(page)).toBe(true);
    await axe(page, 'change role, errors');
    await page.getByLabel('Role').selectOption('MANAGER');
    await page.getByRole('button', { name: 'Change role' }).click();
    await page.getByText('Omar Other is now manager').waitFor();
    await axe(page, 'role changed');
    expect((await user()).role).toBe('MANAGER');

    await page.getByLabel(first.name, { exact: true }).check();
    await page.getByRole('button', { name: 'Save branches' }).click();
    await page.getByText('Omar Other’s branches saved').waitFor();
    expect(await branches()).toEqual([first.id]);

    // Meanwhile another administrator gives them the other branch (and they set up a second factor): a stale save says so.
    await t.db.query(`UPDATE app_user SET totp_secret = '\\x00', totp_enabled_at = now() WHERE id = $1`, [id]);
    const other = await t.gql(
      `mutation($i: SetUserBranchesInput!) { setUserBranches(input: $i) { id } }`,
      { i: { id, version: (await user()).version, branchIds: [second.id] } },
      admin,
    );
    expect(other.errors).toBeUndefined();
    await page.getByLabel(first.name, { exact: true }).uncheck();
    await page.getByRole('button', { name: 'Save branches' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Someone else changed this record since you opened it.');
    await axe(page, 'branches, conflict');
    await page.getByRole('button', { name: 'Reload the record' }).click();
    // Reloaded, the form starts again from their change.
    await page.locator(`#branch-${second.id}:checked`).waitFor();
    expect(await page.getByLabel(first.name, { exact: true }).isChecked()).toBe(false);
    expect(await branches()).toEqual([second.id]);

    // Resetting the second factor and deactivating ask first.
    await page.getByRole('button', { name: 'Reset second factor' }).click();
    await page.getByRole('button', { name: 'Yes, reset the second factor' }).waitFor();
    expect(await fits(page)).toBe(true);
    await axe(page, 'reset second factor, confirm');
    await page.getByRole('button', { name: 'Yes, reset the second factor' }).click();
    await page.getByText('Omar Other’s second factor was reset').waitFor();
    expect((await user()).tfa).toBe(false);
    await page.getByRole('button', { name: 'Deactivate', exact: true }).click();
    await page.getByRole('button', { name: 'Yes, deactivate Omar Other' }).waitFor();
    await axe(page, 'deactivate, confirm');
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect((await user()).is_active).toBe(true);
    await page.getByRole('button', { name: 'Deactivate', exact: true }).click();
    await page.getByRole('button', { name: 'Yes, deactivate Omar Other' }).click();
    await page.getByText('Omar Other can no longer sign in').waitFor();
    await axe(page, 'deactivated');
    expect((await user()).is_active).toBe(false);
    expect(await page.getByRole('button', { name: 'Send the invitation again' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Reactivate' }).click();
    await page.getByText('Omar Other can sign in again').waitFor();
    expect((await user()).is_active).toBe(true);
    await page.getByRole('button', { name: 'Back to users' }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('the DPO changes how long the audit trail is kept (not below the floor) and reads the criminal offence conditions; an administrator changes one', async () => {
    const { page, problems } = await web.open(320);
    await signIn(page, 'dpo@demo.test');
    await page.getByRole('link', { name: 'Data protection policies' }).click();
    await page.getByRole('heading', { name: 'Data protection policies' }).waitFor();
    await page.getByText('Set by your administrators').first().waitFor();
    expect(await page.getByRole('button', { name: 'Change ban' }).count()).toBe(0);
    expect(await fits(page)).toBe(true);
    await axe(page, 'data protection policies, the DPO');
    await page.getByRole('button', { name: 'Change how long the audit trail is kept' }).click();
    await page.getByLabel('Years kept').fill('2');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(/Years kept: The audit trail is kept at least \d+ years/);
    expect(await fits(page)).toBe(true);
    await axe(page, 'audit trail retention, errors');
    await page.getByLabel('Years kept').fill('10');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText(/audit event: kept 10 years now/).waitFor();
    await axe(page, 'audit trail retention changed');
    const [audit] = await t.db.query(`SELECT retain_years FROM retention_policy WHERE record_type = 'AUDIT_EVENT'`);
    expect(audit.retain_years).toBe(10);

    const admin = await web.open(320);
    await signIn(admin.page, 'admin@demo.test');
    await admin.page.getByRole('link', { name: 'Data protection policies' }).click();
    await admin.page.getByText('Set by the DPO').waitFor();
    await admin.page.getByRole('button', { name: 'Change ban' }).click();
    await admin.page.getByLabel('Condition').fill('');
    await admin.page.getByRole('button', { name: 'Save condition' }).click();
    await admin.page.getByRole('alert').waitFor();
    expect(await admin.page.getByRole('alert').innerText()).toContain('Condition: Enter the condition');
    expect(await fits(admin.page)).toBe(true);
    await axe(admin.page, 'criminal offence condition, errors');
    const condition = 'DPA 2018 Schedule 1 paragraph 10: preventing or detecting unlawful acts in our libraries';
    await admin.page.getByLabel('Condition').fill(condition);
    await admin.page.getByRole('button', { name: 'Save condition' }).click();
    await admin.page.getByText('ban: new records state this condition now').waitFor();
    await axe(admin.page, 'criminal offence condition changed');
    const [policy] = await t.db.query(`SELECT criminal_offence_condition FROM data_protection_policy WHERE record_type = 'BAN'`);
    expect(policy.criminal_offence_condition).toBe(condition);
    expect([...problems, ...admin.problems]).toEqual([]);
  });

  it('the DPO opens the reports (their role may read them): counts that match the database, and the CSV', async () => {
    const { page, problems } = await web.open(320);
    await signIn(page, 'dpo@demo.test');
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'Reports', exact: true }).waitFor();
    await showIncidentReport(page, t, 'dpo@demo.test');
    expect(await fits(page)).toBe(true);
    await axe(page, 'reports, the DPO');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as CSV' }).click()]);
    expect(readFileSync(await download.path(), 'utf8').split('\r\n')[0]).toBe('month,month_value,category,category_value,incidents');
    expect(problems).toEqual([]);
  });

  it('a manager cannot open the administrators’ or the DPO’s pages', async () => {
    const [request] = await t.db.query(`SELECT id FROM rights_request LIMIT 1`);
    const { page, problems } = await web.open(320);
    await signIn(page, 'manager@demo.test');
    expect(await page.getByRole('link', { name: 'Users' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Rights requests' }).count()).toBe(0);
    const paths = ['/admin/users', '/admin/branches', '/admin/retention-policies', '/admin/partner-directory'];
    for (const path of [
      ...paths,
      '/data-protection-policies',
      '/rights-requests',
      `/rights-requests/${request.id}`,
      '/retention',
      '/record-of-processing',
      '/subject-access',
    ]) {
      await page.goto(`${t.running.url}${path}`);
      await page.getByRole('heading', { name: 'You cannot use this page' }).waitFor();
    }
    await axe(page, 'not your page');
    expect(problems).toEqual([]);
  });
});
