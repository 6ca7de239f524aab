import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { axe, describeInBrowser, fits, SHOTS, showIncidentReport, signIn as signInAt, startWebApp, type WebAppHarness } from './support/browser.js';
import type { TestApp } from './support/test-app.js';

/**
 * The managers' pages of the web app in Chromium, against the API on a demo-seeded test database:
 * partners and their contact log, agreements, sharing a case by category, and the reports, each
 * checked against the database, with axe on every page and state (errors included) and 320 px.
 */
describeInBrowser('the web app: the managers’ pages (e2e: the built app, the API, a browser)', () => {
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

  it('a manager opens a partner from the overdue follow-ups, records a contact with a follow-up, and marks it done', async () => {
    const { page, problems } = await web.open(320);
    await signIn(page, 'manager@demo.test');
    await page.getByRole('link', { name: 'partner follow-ups overdue' }).click();
    await page.getByRole('heading', { name: 'Partners', exact: true }).waitFor();
    await page.getByText(/partner organisations\./).waitFor();
    const [{ n: partners }] = await t.db.query(`SELECT count(*)::int AS n FROM partner_organisation WHERE status <> 'ARCHIVED'`);
    expect(await page.getByText(`${partners} partner organisations.`).count()).toBe(1);
    const [overdue] = await t.db.query(
      `SELECT f.description, c.partner_organisation_id AS partner FROM follow_up_action f JOIN contact_log c ON c.id = f.contact_log_id
        WHERE f.completed_at IS NULL AND f.due_on < current_date ORDER BY f.due_on LIMIT 1`,
    );
    await page.getByText(overdue.description).first().waitFor();
    expect(await fits(page)).toBe(true);
    await axe(page, 'partners');

    await page.locator('#overdue + ul a').first().click();
    await page.getByRole('heading', { name: 'Contact log' }).waitFor();
    expect(page.url()).toBe(`${t.running.url}/partners/${overdue.partner}`);
    expect(await page.getByText('Overdue', { exact: true }).count()).toBeGreaterThan(0);
    expect(await fits(page)).toBe(true);
    await axe(page, 'a partner');

    // Sent empty: the error summary, each message linked to its field.
    await page.getByLabel('When').fill('');
    await page.getByRole('button', { name: 'Record contact' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('How: Choose how you were in contact');
    await axe(page, 'record a contact, errors');

    const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('When').fill(new Date(Date.now() - 3_600_000).toISOString().slice(0, 16));
    await page.getByLabel('How').selectOption('PHONE_CALL');
    await page.getByLabel('What was discussed').fill('Agreed a joint patrol of the car park on Friday evenings');
    await page.getByLabel('Follow-up (optional)').fill('Send the patrol rota to the branch managers');
    await page.getByLabel('Follow-up due (optional)').fill(due);
    await page.getByRole('button', { name: 'Record contact' }).click();
    await page.getByText('Contact recorded').waitFor();
    await page.getByText('Agreed a joint patrol of the car park on Friday evenings').waitFor();
    await axe(page, 'contact recorded');
    await page.screenshot({ path: `${SHOTS}/partner-manager.png`, fullPage: true });
    const [log] = await t.db.query(
      `SELECT c.channel, c.partner_organisation_id AS partner, f.id AS follow_up, f.due_on::text AS due, f.completed_at FROM contact_log c
         JOIN follow_up_action f ON f.contact_log_id = c.id WHERE c.summary = 'Agreed a joint patrol of the car park on Friday evenings'`,
    );
    expect(log).toMatchObject({ channel: 'PHONE_CALL', partner: overdue.partner, due, completed_at: null });

    await page.getByRole('button', { name: /^Mark done\W+Send the patrol rota to the branch managers$/ }).click();
    await page.getByText('Follow-up marked done').waitFor();
    await axe(page, 'follow-up done');
    const [{ completed }] = await t.db.query(`SELECT completed_at IS NOT NULL AS completed FROM follow_up_action WHERE id = $1`, [log.follow_up]);
    expect(completed).toBe(true);

    // Someone else marks the overdue one done first: the page says so, and offers a reload.
    const [other] = await t.db.query(
      `SELECT id, version, description FROM follow_up_action WHERE description = $1 AND completed_at IS NULL ORDER BY due_on LIMIT 1`,
      [overdue.description],
    );
    const done = await t.gql(
      `mutation($i: VersionedIdInput!) { completeFollowUpAction(input: $i) { id } }`,
      { i: { id: other.id, version: other.version } },
      await t.login('manager@demo.test'),
    );
    expect(done.errors).toBeUndefined();
    await page
      .getByRole('button', { name: new RegExp(`^Mark done\\W+${other.description}`) })
      .first()
      .click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Someone else changed this record since you opened it.');
    await axe(page, 'follow-up done, conflict');
    expect(problems).toEqual([]);
  });

  it('a manager adds a partner organisation, changes it (a conflict offers a reload), its contact and a log entry, and archives them', async () => {
    const token = await t.login('manager@demo.test');
    const [taken] = await t.db.query(`SELECT name FROM partner_organisation WHERE status <> 'ARCHIVED' ORDER BY name LIMIT 1`);
    const { page, problems } = await web.open(320);
    await signIn(page, 'manager@demo.test');
    await page.goto(`${t.running.url}/partners`);
    await page.getByText('Add a partner organisation').click();
    await page.getByRole('button', { name: 'Add organisation' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Type of organisation: Choose the type of organisation');
    await axe(page, 'add a partner, errors');
    // A name already used: the API's sentence, not the conflict message (nobody changed anything).
    await page.getByLabel('Name', { exact: true }).fill(taken.name);
    await page.getByLabel('Type of organisation').selectOption('CHARITY');
    await page.getByLabel('Relationship').selectOption('COLLABORATIVE_RELATIONSHIP');
    await page.getByRole('button', { name: 'Add organisation' }).click();
    await page.getByText(/already exists in your library service/).waitFor();
    expect(await page.getByRole('alert').innerText()).not.toContain('Someone else changed');
    await axe(page, 'add a partner, name taken');
    await page.getByLabel('Name', { exact: true }).fill('Riverside Youth Hub');
    await page.getByLabel('Phone (optional)').fill('01632 960 555');
    await page.getByRole('button', { name: 'Add organisation' }).click();
    await page.getByRole('heading', { name: 'Riverside Youth Hub' }).waitFor();
    const [org] = await t.db.query(`SELECT id, type, relationship, status, phone, version FROM partner_organisation WHERE name = 'Riverside Youth Hub'`);
    expect(org).toMatchObject({ type: 'CHARITY', relationship: 'COLLABORATIVE_RELATIONSHIP', status: 'ACTIVE', phone: '01632 960 555' });
    expect(page.url()).toBe(`${t.running.url}/partners/${org.id}`);
    expect(await fits(page)).toBe(true);
    await axe(page, 'partner added');

    // Someone else changes it while the form is open: the one conflict message, and a reload.
    await page.getByRole('button', { name: 'Change the details' }).click();
    const meanwhile = await t.gql(
      `mutation($i: UpdatePartnerOrganisationInput!) { updatePartnerOrganisation(input: $i) { version } }`,
      { i: { id: org.id, version: org.version, website: 'https://riverside.example' } },
      token,
    );
    expect(meanwhile.errors).toBeUndefined();
    await page.getByLabel('Relationship').selectOption('FORMAL_PARTNERSHIP');
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.getByText('Someone else changed this record since you opened it.').waitFor();
    await axe(page, 'change a partner, conflict');
    await page.getByRole('button', { name: 'Reload the record' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('https://riverside.example').waitFor();
    await page.getByRole('button', { name: 'Change the details' }).click();
    // Renamed to a name already used: a CONFLICT too, but not a stale version, so the API's words.
    await page.locator('#partner-name').fill(taken.name);
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.getByText(/already exists in your library service/).waitFor();
    expect(await page.getByRole('button', { name: 'Reload the record' }).count()).toBe(0);
    await axe(page, 'change a partner, name taken');
    await page.locator('#partner-name').fill('Riverside Youth Hub');
    await page.getByLabel('Relationship').selectOption('FORMAL_PARTNERSHIP');
    await page.locator('#partner-email').fill('not an email');
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(/Email \(optional\): /);
    await axe(page, 'change a partner, refused by the API');
    await page.locator('#partner-email').fill('hub@riverside.example');
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.getByText('Details saved').waitFor();
    const [changed] = await t.db.query(`SELECT relationship, email, website FROM partner_organisation WHERE id = $1`, [org.id]);
    expect(changed).toEqual({ relationship: 'FORMAL_PARTNERSHIP', email: 'hub@riverside.example', website: 'https://riverside.example' });

    // A contact and a logged contact, made through the API, then changed and archived on the page.
    const contact = await t.gql(
      `mutation($i: CreatePartnerContactInput!) { createPartnerContact(input: $i) { id } }`,
      { i: { partnerOrganisationId: org.id, name: 'Jo Okafor', jobTitle: 'Youth worker' } },
      token,
    );
    const entry = await t.gql(
      `mutation($i: CreateContactLogInput!) { createContactLog(input: $i) { id } }`,
      {
        i: {
          partnerOrganisationId: org.id,
          occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
          channel: 'MEETING',
          summary: 'Talked about the half-term programme',
        },
      },
      token,
    );
    expect([contact.errors, entry.errors]).toEqual([undefined, undefined]);
    await page.reload();
    await page.getByRole('button', { name: /^Change\W+Jo Okafor$/ }).click();
    await page.locator('#change-contact-name').fill('');
    await page.getByRole('button', { name: 'Save contact' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Name: Enter the contact’s name');
    await axe(page, 'change a contact, errors');
    await page.locator('#change-contact-name').fill('Jo Okafor');
    await page.locator('#change-contact-jobTitle').fill('Senior youth worker');
    await page.getByRole('button', { name: 'Save contact' }).click();
    await page.getByText('Jo Okafor’s details saved').waitFor();
    const [person] = await t.db.query(`SELECT job_title FROM partner_contact WHERE id = $1`, [contact.data.createPartnerContact.id]);
    expect(person.job_title).toBe('Senior youth worker');
    await page.getByRole('button', { name: /^Archive\W+Jo Okafor$/ }).click();
    await page.getByText('Jo Okafor will no longer be listed as a contact').waitFor();
    await axe(page, 'archive a contact, confirmation');
    await page.getByRole('button', { name: 'Yes, archive Jo Okafor' }).click();
    await page.getByText('Jo Okafor archived').waitFor();
    await page.getByText('No contacts recorded.').waitFor();
    const [gone] = await t.db.query(`SELECT archived_at IS NOT NULL AS archived FROM partner_contact WHERE id = $1`, [contact.data.createPartnerContact.id]);
    expect(gone.archived).toBe(true);

    await page.getByRole('button', { name: /^Correct\W+the contact of/ }).click();
    await page.locator('#log-summary').fill('');
    await page.getByRole('button', { name: 'Save correction' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('What was discussed: Say what was discussed');
    await axe(page, 'correct a contact, errors');
    await page.locator('#log-channel').selectOption('PHONE_CALL');
    await page.locator('#log-summary').fill('Talked about the half-term programme and the Saturday club');
    await page.getByRole('button', { name: 'Save correction' }).click();
    await page.getByText('Contact corrected').waitFor();
    await page.getByText('Talked about the half-term programme and the Saturday club').waitFor();
    const [corrected] = await t.db.query(`SELECT channel, summary FROM contact_log WHERE id = $1`, [entry.data.createContactLog.id]);
    expect(corrected).toEqual({ channel: 'PHONE_CALL', summary: 'Talked about the half-term programme and the Saturday club' });
    expect(await fits(page)).toBe(true);
    await axe(page, 'contact corrected');
    await page.getByRole('button', { name: /^Archive\W+the contact of/ }).click();
    await axe(page, 'archive a contact log entry, confirmation');
    await page.getByRole('button', { name: 'Yes, archive this contact' }).click();
    await page.getByText('Contact archived').waitFor();
    await page.getByText('0 contacts, newest first.').waitFor();
    const [logGone] = await t.db.query(`SELECT archived_at IS NOT NULL AS archived FROM contact_log WHERE id = $1`, [entry.data.createContactLog.id]);
    expect(logGone.archived).toBe(true);

    await page.getByRole('button', { name: 'Archive the organisation' }).click();
    await page.getByText('Riverside Youth Hub will be archived').waitFor();
    expect(await fits(page)).toBe(true);
    await axe(page, 'archive a partner, confirmation');
    await page.getByRole('button', { name: 'Yes, archive the organisation' }).click();
    await page.getByText('Riverside Youth Hub archived').waitFor();
    await page.getByText('This organisation is archived').waitFor();
    expect(await page.getByRole('button', { name: 'Change the details' }).count()).toBe(0);
    const [archived] = await t.db.query(`SELECT status, archived_at IS NOT NULL AS archived FROM partner_organisation WHERE id = $1`, [org.id]);
    expect(archived).toEqual({ status: 'ARCHIVED', archived: true });
    await axe(page, 'partner archived');
    expect(problems).toEqual([]);
  });

  it('a manager sees an agreement’s partner, status, categories, branches and review date', async () => {
    const [agreement] = await t.db.query(`SELECT id, title, categories FROM data_sharing_agreement WHERE status = 'ACTIVE' ORDER BY created_at LIMIT 1`);
    const { page, problems } = await web.open(320);
    await signIn(page, 'manager@demo.test');
    await page.getByRole('link', { name: 'Agreements' }).click();
    await page.getByRole('heading', { name: 'Data sharing agreements' }).waitFor();
    expect(await fits(page)).toBe(true);
    await axe(page, 'agreements');
    await page.getByRole('link', { name: agreement.title }).click();
    await page.getByRole('heading', { name: agreement.title }).waitFor();
    const shown = await page.getByRole('list', { name: 'Categories covered' }).getByRole('listitem').count();
    expect(shown).toBe(agreement.categories.length);
    await page.getByText('Review date').waitFor();
    expect(await fits(page)).toBe(true);
    await axe(page, 'an agreement');
    expect(problems).toEqual([]);
  });

  it('a manager drafts an agreement (the errors first), changes the draft (a conflict offers a reload), activates, suspends and terminates it', async () => {
    const token = await t.login('manager@demo.test');
    const [partner] = await t.db.query(`SELECT id, name FROM partner_organisation WHERE status = 'ACTIVE' ORDER BY name LIMIT 1`);
    const today = new Date().toLocaleDateString('en-CA');
    const { page, problems } = await web.open(320);
    await signIn(page, 'manager@demo.test');
    await page.goto(`${t.running.url}/agreements`);
    await page.getByText('Draft an agreement').click();
    await page.getByRole('button', { name: 'Save as a draft' }).click();
    await page.getByRole('alert').waitFor();
    const missing = await page.getByRole('alert').innerText();
    expect(missing).toContain('Partner organisation: Choose the partner organisation it is with');
    expect(missing).toContain('Categories of data it covers: Choose at least one category besides identity');
    await axe(page, 'draft an agreement, errors');

    await page.getByLabel('Title').fill('Half-term youth programme');
    await page.getByLabel('Purpose').fill('Keeping the half-term programme at the central library safe');
    await page.getByLabel('Partner organisation').selectOption(partner.id);
    await page.getByLabel('incidents', { exact: true }).check();
    await page.getByLabel('bans', { exact: true }).check();
    await page.getByLabel('special category data').check();
    await page.getByLabel('Lawful basis', { exact: true }).selectOption('PUBLIC_TASK');
    await page.getByLabel('Start date (optional while a draft)').fill(today);
    await page.getByLabel('Review date (optional)').fill('2020-01-01');
    await page.getByRole('button', { name: 'Save as a draft' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Special category condition: Give the Article 9(2) condition');
    await page.getByLabel('special category data').uncheck();
    await page.getByRole('button', { name: 'Save as a draft' }).click();
    // Refused by the API: a review before the start.
    await page.getByText(/reviewOn \(2020-01-01\) must not be before startsOn/).waitFor();
    await axe(page, 'draft an agreement, refused by the API');
    await page.getByLabel('Review date (optional)').fill('');
    await page.getByRole('button', { name: 'Save as a draft' }).click();
    await page.getByRole('heading', { name: 'Half-term youth programme' }).waitFor();
    const [drafted] = await t.db.query(
      `SELECT a.id, a.status, a.categories, a.review_on::text AS review, a.version, p.partner_organisation_id AS partner
         FROM data_sharing_agreement a JOIN data_sharing_agreement_party p ON p.agreement_id = a.id WHERE a.title = 'Half-term youth programme'`,
    );
    expect(drafted).toMatchObject({ status: 'DRAFT', partner: partner.id });
    expect([...drafted.categories].sort()).toEqual(['BANS', 'IDENTITY', 'INCIDENTS']);
    expect(drafted.review).toBe(`${Number(today.slice(0, 4)) + 1}${today.slice(4)}`);
    expect(page.url()).toBe(`${t.running.url}/agreements/${drafted.id}`);
    const buttons = async () => (await page.locator('main .govuk-button').allInnerTexts()).map((b) => b.trim());
    expect(await buttons()).toEqual(['Change the draft', 'Activate the agreement', 'Terminate the agreement']);
    expect(await fits(page)).toBe(true);
    await axe(page, 'a draft agreement');

    // Not signed yet: the API says what activation still needs.
    await page.getByRole('button', { name: 'Activate the agreement' }).click();
    await page.getByText(/cannot be activated yet: it needs at least one signatory/).waitFor();
    await axe(page, 'activate, refused');

    await page.getByRole('button', { name: 'Change the draft' }).click();
    const meanwhile = await t.gql(
      `mutation($i: UpdateAgreementInput!) { updateDataSharingAgreement(input: $i) { version } }`,
      { i: { id: drafted.id, version: drafted.version, lawfulBasisDetails: 'Crime and Disorder Act 1998, section 17' } },
      token,
    );
    expect(meanwhile.errors).toBeUndefined();
    await page.getByLabel('Signed by (optional while a draft)').fill('Sam Patel');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Signed on: Enter the date they signed');
    await page.getByLabel('On behalf of').fill(partner.name);
    await page.getByLabel('Signed on').fill(today);
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.getByText('Someone else changed this record since you opened it.').waitFor();
    await axe(page, 'change a draft, conflict');
    await page.getByRole('button', { name: 'Reload the record' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('public task: Crime and Disorder Act 1998, section 17').waitFor();
    await page.getByRole('button', { name: 'Change the draft' }).click();
    expect(await page.getByLabel('Lawful basis details (optional)').inputValue()).toBe('Crime and Disorder Act 1998, section 17');
    await page.getByLabel('Signed by (optional while a draft)').fill('Sam Patel');
    await page.getByLabel('On behalf of').fill(partner.name);
    await page.getByLabel('Signed on').fill(today);
    await axe(page, 'change a draft');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.getByText('Draft saved').waitFor();
    await page.getByText(`Sam Patel for ${partner.name}`).waitFor();
    const [signed] = await t.db.query(`SELECT name, on_behalf_of FROM data_sharing_agreement_signatory WHERE agreement_id = $1`, [drafted.id]);
    expect(signed).toEqual({ name: 'Sam Patel', on_behalf_of: partner.name });

    await page.getByRole('button', { name: 'Activate the agreement' }).click();
    await page.getByText('Agreement activated').waitFor();
    expect(await buttons()).toEqual(['Suspend the agreement', 'Terminate the agreement']);
    await axe(page, 'agreement active');
    const status = async () => (await t.db.query(`SELECT status, status_reason FROM data_sharing_agreement WHERE id = $1`, [drafted.id]))[0];
    expect(await status()).toEqual({ status: 'ACTIVE', status_reason: null });

    await page.getByRole('button', { name: 'Suspend the agreement' }).click();
    await page.getByRole('button', { name: 'Suspend the agreement' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Why it is suspended: Say why the agreement is suspended');
    await axe(page, 'suspend, errors');
    await page.getByLabel('Why it is suspended').fill('The programme is paused over the holidays');
    await page.getByRole('button', { name: 'Suspend the agreement' }).click();
    await page.getByText('Agreement suspended').waitFor();
    expect(await buttons()).toEqual(['Activate the agreement', 'Terminate the agreement']);
    expect(await status()).toEqual({ status: 'SUSPENDED', status_reason: 'The programme is paused over the holidays' });
    await axe(page, 'agreement suspended');

    await page.getByRole('button', { name: 'Terminate the agreement' }).click();
    await page.getByText('Terminating ends the agreement for good').waitFor();
    expect(await fits(page)).toBe(true);
    await axe(page, 'terminate, confirmation');
    await page.getByRole('button', { name: 'Yes, terminate the agreement' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Why it is terminated: Say why the agreement is terminated');
    await axe(page, 'terminate, errors');
    await page.getByLabel('Why it is terminated').fill('The programme has ended');
    await page.getByRole('button', { name: 'Yes, terminate the agreement' }).click();
    await page.getByText('Agreement terminated').waitFor();
    expect(await buttons()).toEqual([]);
    expect(await status()).toEqual({ status: 'TERMINATED', status_reason: 'The programme has ended' });
    await axe(page, 'agreement terminated');
    expect(problems).toEqual([]);
  });

  it('a manager shares a case by category under an agreement (its categories only), then ends the share', async () => {
    const [kase] = await t.db.query(
      `SELECT c.id FROM case_file c WHERE NOT EXISTS (SELECT 1 FROM case_share s WHERE s.case_id = c.id) ORDER BY c.created_at LIMIT 1`,
    );
    const [agreement] = await t.db.query(
      `SELECT a.id, a.title, a.categories FROM data_sharing_agreement a WHERE a.status = 'ACTIVE' AND 'INCIDENTS' = ANY(a.categories) ORDER BY a.created_at LIMIT 1`,
    );
    const { page, problems } = await web.open(320);
    await signIn(page, 'manager@demo.test');
    await page.goto(`${t.running.url}/cases/${kase.id}/share`);
    await page.getByRole('heading', { name: 'Share with a partner' }).waitFor();
    await page.getByText('This case is not shared.').waitFor();
    expect(await fits(page)).toBe(true);
    await axe(page, 'share a case');

    await page.getByRole('button', { name: 'Share case' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Agreement: Choose the agreement you share under');
    await axe(page, 'share a case, errors');

    await page.getByLabel('Agreement').selectOption(agreement.id);
    const offered = await page.locator('.govuk-checkboxes__input').count();
    expect(offered).toBe(agreement.categories.filter((c: string) => c !== 'IDENTITY').length);
    await page.getByLabel('incidents', { exact: true }).check();
    await page.getByLabel('Why you are sharing').fill('Repeated incidents in the town centre branches');
    await axe(page, 'share a case, filled in');
    await page.getByRole('button', { name: 'Share case' }).click();
    await page.getByText('Case shared').waitFor();
    await page.getByText('Shares of this case (1)').waitFor();
    await axe(page, 'case shared');
    const [share] = await t.db.query(`SELECT id, agreement_id, categories, revoked_at FROM case_share WHERE case_id = $1`, [kase.id]);
    expect(share).toMatchObject({ agreement_id: agreement.id, revoked_at: null });
    expect([...share.categories].sort()).toEqual(['IDENTITY', 'INCIDENTS']);

    await page.getByRole('button', { name: /^End this share/ }).click();
    await page.getByRole('alert').waitFor();
    await axe(page, 'end a share, errors');
    await page.getByLabel('Why the share ends').fill('Agreed at the partnership meeting');
    await page.getByRole('button', { name: /^End this share/ }).click();
    await page.getByText('Share ended').waitFor();
    const [ended] = await t.db.query(`SELECT revoked_at IS NOT NULL AS ended, revocation_reason FROM case_share WHERE id = $1`, [share.id]);
    expect(ended).toEqual({ ended: true, revocation_reason: 'Agreed at the partnership meeting' });
    await axe(page, 'share ended');
    expect(problems).toEqual([]);
  });

  it('a manager opens the reports: counts that match the database, the CSV and the printable summary', async () => {
    const { page, problems } = await web.open();
    await signIn(page, 'manager@demo.test');
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'Reports', exact: true }).waitFor();
    await axe(page, 'reports');
    await page.getByLabel('From', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Show report' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('From: Enter the first day of the period');
    await axe(page, 'reports, errors');

    const n = await showIncidentReport(page, t, 'manager@demo.test');
    const cells = await page.locator('table:has(caption:text("Incidents by month and kind")) td.govuk-table__cell--numeric').allInnerTexts();
    expect(cells.reduce((sum, c) => sum + Number(c), 0)).toBe(n);
    await page.getByRole('img', { name: /^Incidents per month:/ }).waitFor();
    await axe(page, 'reports, shown');
    await page.screenshot({ path: `${SHOTS}/reports.png`, fullPage: true });
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await fits(page)).toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as CSV' }).click()]);
    const csv = readFileSync(await download.path(), 'utf8')
      .trim()
      .split('\r\n');
    expect(csv[0]).toBe('month,month_value,category,category_value,incidents');
    expect(csv.at(-1)).toMatch(new RegExp(`^Total,.*,${n}$`));

    const [summary] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: 'Open the printable summary' }).click()]);
    await summary.waitForURL(/^blob:/);
    await summary.waitForLoadState();
    expect(await summary.title()).toMatch(/^Incident summary/);
    // Its stylesheet applies (allowed by its hash): the default font would be a serif one.
    expect(await summary.evaluate(() => getComputedStyle(document.body).fontFamily)).toBe('sans-serif');
    expect(problems).toEqual([]);
  });

  it('a manager reads the bans, partner engagement and staff welfare reports, and makes an anonymised summary for the partnership', async () => {
    const token = await t.login('manager@demo.test');
    const [{ service }] = await t.db.query(`SELECT library_service_id AS service FROM app_user WHERE email = 'manager@demo.test'`);
    // An agreement in force with the community safety partnership (or a council team), for the summary.
    const [csp] = await t.db.query(
      `SELECT id, name FROM partner_organisation WHERE library_service_id = $1 AND status = 'ACTIVE' AND type IN ('COMMUNITY_SAFETY_PARTNERSHIP', 'COUNCIL_TEAM') ORDER BY type DESC, name LIMIT 1`,
      [service],
    );
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const made = await t.gql(
      `mutation($i: CreateAgreementInput!) { createDataSharingAgreement(input: $i) { id version } }`,
      {
        i: {
          title: 'Town centre incident summaries',
          purpose: 'Anonymised incident counts for the partnership’s quarterly meeting',
          partnerOrganisationIds: [csp.id],
          categories: ['IDENTITY', 'INCIDENTS'],
          lawfulBasis: 'PUBLIC_TASK',
          startsOn: yesterday,
          signatories: [{ name: 'Sam Patel', onBehalfOf: csp.name, signedOn: yesterday }],
        },
      },
      token,
    );
    const agreement = made.data.createDataSharingAgreement;
    const active = await t.gql(`mutation($i: VersionedIdInput!) { activateDataSharingAgreement(input: $i) { status } }`, { i: agreement }, token);
    expect(active.errors).toBeUndefined();

    const { page, problems } = await web.open(320);
    await signIn(page, 'manager@demo.test');
    await page.getByRole('link', { name: 'Reports' }).click();
    const from = new Date(Date.now() - 180 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('From', { exact: true }).fill(from);
    await page.getByRole('button', { name: 'Show report' }).click();
    await page.getByRole('heading', { name: 'Staff welfare' }).waitFor();
    const lo = new Date(`${from}T00:00:00`);
    const hi = new Date(new Date(`${await page.getByLabel('To', { exact: true }).inputValue()}T00:00:00`).getTime() + 86_400_000);
    const [db] = await t.db.query(
      `SELECT (SELECT count(*)::int FROM ban WHERE library_service_id = $1 AND confirmed_at >= $2 AND confirmed_at < $3) AS issued,
              (SELECT count(*)::int FROM contact_log WHERE library_service_id = $1 AND archived_at IS NULL AND occurred_at >= $2 AND occurred_at < $3) AS contacts,
              (SELECT count(*)::int FROM incident WHERE library_service_id = $1 AND occurred_at >= $2 AND occurred_at < $3) AS incidents,
              (SELECT count(*)::int FROM incident WHERE library_service_id = $1 AND occurred_at >= $2 AND occurred_at < $3 AND debrief_held_at IS NOT NULL) AS debriefed`,
      [service, lo, hi],
    );
    expect([db.issued, db.contacts, db.incidents].every((n) => n > 0)).toBe(true);
    const count = async (caption: string, row: string) =>
      Number(await page.locator(`table:has(caption:text("${caption}")) tr:has(th:text-is("${row}")) td`).innerText());
    expect(await count('Bans and appeals in the period', 'Issued (confirmed)')).toBe(db.issued);
    await page.getByText(`${db.contacts} contacts with partners in the period.`).waitFor();
    const perMonth = await page.locator('table:has(caption:text("Contacts per partner and month")) td.govuk-table__cell--numeric').allInnerTexts();
    expect(perMonth.reduce((sum, c) => sum + Number(c), 0)).toBe(db.contacts);
    await page.getByRole('img', { name: /^Contacts with partners per month:/ }).waitFor();
    expect(await count('Debriefs and welfare checks after incidents of the period', 'Incidents')).toBe(db.incidents);
    expect(await count('Debriefs and welfare checks after incidents of the period', 'Debriefs held')).toBe(db.debriefed);
    expect(await fits(page)).toBe(true);
    await axe(page, 'reports, all shown');

    await page.getByRole('button', { name: 'Make the summary' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Branches: Choose at least one branch');
    await axe(page, 'anonymised summary, errors');
    await page.getByLabel('Agreement').selectOption(agreement.id);
    await page.getByLabel('For', { exact: true }).selectOption(csp.id);
    const branches = await t.db.query(`SELECT id FROM branch WHERE library_service_id = $1`, [service]);
    for (const b of branches) await page.locator(`#summary-branch-${b.id}`).check();
    await page.getByRole('button', { name: 'Make the summary' }).click();
    await page.getByRole('region', { name: 'Anonymised summary' }).waitFor();
    expect(await page.locator('table:has(caption:text("Incidents by kind and branch")) caption').innerText()).toBe(
      `Incidents by kind and branch (${db.incidents} in all)`,
    );
    const [audited] = await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1 AND action = 'EXPORT'`, [agreement.id]);
    expect(audited.n).toBe(1);
    expect(await fits(page)).toBe(true);
    await axe(page, 'anonymised summary');

    // The DPO reads the same reports; the summary for a partner is a manager's (it shares data).
    const dpo = await web.open(320);
    await signIn(dpo.page, 'dpo@demo.test');
    await dpo.page.goto(`${t.running.url}/reports`);
    await dpo.page.getByRole('button', { name: 'Show report' }).click();
    await dpo.page.getByRole('heading', { name: 'Staff welfare' }).waitFor();
    expect(await dpo.page.getByRole('heading', { name: 'Anonymised summary for a partner' }).count()).toBe(0);
    await axe(dpo.page, 'reports, the DPO');
    expect([...problems, ...dpo.problems]).toEqual([]);
  });

  it('a manager adds a contact to a partner; staff find its number in the useful numbers, at 320 px', async () => {
    const [police] = await t.db.query(`SELECT id, name FROM partner_organisation WHERE status <> 'ARCHIVED' ORDER BY name LIMIT 1`);
    const { page, problems } = await web.open(320);
    await signIn(page, 'manager@demo.test');
    await page.goto(`${t.running.url}/partners/${police.id}`);
    await page.getByRole('heading', { name: police.name }).waitFor();
    await page.getByText('Add a contact').click();
    await page.getByRole('button', { name: 'Add contact' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Name: Enter the contact’s name');
    await axe(page, 'add a contact, errors');
    await page.getByLabel('Name', { exact: true }).fill('Sergeant Ada Fieldwick');
    await page.getByLabel('Job title (optional)').fill('Neighbourhood sergeant');
    await page.getByLabel('Phone (optional)').fill('01632 960 123');
    await page.getByLabel('Email (optional)').fill('not an email');
    await page.getByRole('button', { name: 'Add contact' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(/Email \(optional\): /);
    await axe(page, 'add a contact, refused by the API');
    await page.getByLabel('Email (optional)').fill('');
    await page.getByRole('button', { name: 'Add contact' }).click();
    await page.getByText('Sergeant Ada Fieldwick added as a contact').waitFor();
    const [added] = await t.db.query(`SELECT partner_organisation_id, phone FROM partner_contact WHERE name = 'Sergeant Ada Fieldwick'`);
    expect(added).toEqual({ partner_organisation_id: police.id, phone: '01632 960 123' });

    const desk = await web.open(320);
    await signIn(desk.page, 'staff@demo.test');
    await desk.page.getByRole('link', { name: 'Useful numbers' }).click();
    await desk.page.getByRole('heading', { name: 'Useful numbers' }).waitFor();
    await desk.page.getByLabel('Organisation name (optional)').fill(police.name.slice(0, 6));
    await desk.page.getByRole('button', { name: 'Search' }).click();
    await desk.page.getByRole('link', { name: '01632 960 123' }).waitFor();
    expect(await desk.page.getByRole('link', { name: '01632 960 123' }).getAttribute('href')).toBe('tel:01632960123');
    expect(await fits(desk.page)).toBe(true);
    await axe(desk.page, 'useful numbers');
    expect([...problems, ...desk.problems]).toEqual([]);
  });

  it('staff cannot open the partners, agreements, sharing or reports pages', async () => {
    const [kase] = await t.db.query(`SELECT id FROM case_file LIMIT 1`);
    const { page, problems } = await web.open(320);
    await signIn(page, 'staff@demo.test');
    expect(await page.getByRole('link', { name: 'Partners' }).count()).toBe(0);
    for (const path of ['/partners', '/agreements', `/cases/${kase.id}/share`, '/reports']) {
      await page.goto(`${t.running.url}${path}`);
      await page.getByRole('heading', { name: 'You cannot use this page' }).waitFor();
    }
    await axe(page, 'not your page');
    expect(problems).toEqual([]);
  });
});
