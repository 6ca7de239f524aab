import type { Page } from 'playwright-core';
import { axe, fits, SHOTS, signIn as signInAt, startWebApp, tabTo, type WebAppHarness } from './support/browser.js';
import type { TestApp } from './support/test-app.js';

/**
 * Casework in the web app, in Chromium against the real API: a manager's incidents and their
 * debrief (with a CONFLICT), an outreach worker's people, cases and notes, a referral made by
 * keyboard alone and followed to its outcome, and the partner turned away. axe-core on every
 * page and state visited; each page also at 320 px.
 */
describe('casework in the web app (e2e: the built app, the API, a browser)', () => {
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
  /** The page fits a 320 px screen, then goes back to the desk width. */
  const fitsPhone = async (page: Page) => {
    await page.setViewportSize({ width: 320, height: 800 });
    const ok = await fits(page);
    await page.setViewportSize({ width: 1024, height: 800 });
    return ok;
  };

  it('a manager finds an incident by branch and month, records its debrief and welfare checklist, and is told of a CONFLICT', async () => {
    const manager = await t.login('manager@demo.test');
    const [central] = await t.db.query(`SELECT id FROM branch WHERE name = 'Central Library'`);
    const [staff] = await t.db.query(`SELECT id FROM app_user WHERE email = 'staff@demo.test'`);
    const recorded = await t.gql(
      `mutation($i: RecordIncidentInput!) { recordIncident(input: $i) { id version } }`,
      {
        i: {
          branchId: central.id,
          category: 'VERBAL_ABUSE',
          occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
          description: 'Swore at the returns desk staff when a fine was mentioned',
          staffInvolvedIds: [staff.id],
        },
      },
      manager,
    );
    expect(recorded.errors).toBeUndefined();
    const incidentId = recorded.data.recordIncident.id;

    const { page, problems } = await web.open();
    await signIn(page, 'manager@demo.test');
    await page.getByRole('link', { name: 'Incidents', exact: true }).click();
    await page.getByRole('heading', { name: 'Incidents', exact: true }).waitFor();
    await page.getByText(/^\d+ incidents$/).waitFor();
    await axe(page, 'incidents');
    expect(await fitsPhone(page)).toBe(true);
    await page.getByLabel('Branch').selectOption({ label: 'Central Library' });
    await page.getByLabel('Month').fill(new Date().toISOString().slice(0, 7));
    await page.getByRole('button', { name: 'Show incidents' }).click();
    await page
      .getByRole('link', { name: /^verbal abuse, / })
      .first()
      .waitFor();
    expect(await page.getByRole('cell', { name: 'Northgate Library' }).count()).toBe(0);
    await axe(page, 'incidents, filtered');
    await page.locator(`a[href="/incidents/${incidentId}"]`).click();
    await page.getByRole('heading', { name: 'verbal abuse at Central Library' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/incidents/${incidentId}`);
    await axe(page, 'incident');
    expect(await fitsPhone(page)).toBe(true);

    await page.getByRole('button', { name: 'Record the debrief' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('When the debrief was held: Enter when the debrief was held');
    await axe(page, 'debrief, errors');

    const heldAt = await page.evaluate(() => {
      const d = new Date(Date.now() - 30 * 60_000);
      return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    });
    await page.getByLabel('When the debrief was held').fill(heldAt);
    await page.getByLabel('Learning from the debrief (optional)').fill('Fines to be raised by the supervisor, not at the desk');
    await page.getByRole('group', { name: 'Sam Staff: Were they physically hurt?' }).getByLabel('No').check();
    await page.getByRole('group', { name: 'Sam Staff: Were they offered counselling?' }).getByLabel('Yes').check();
    await page.getByRole('button', { name: 'Record the debrief' }).click();
    await page.getByText('Debrief recorded').waitFor();
    await page.getByText(/^Held .* by Morgan Manager/).waitFor();
    // The form shows what was saved, ready to be changed.
    expect(await page.getByRole('group', { name: 'Sam Staff: Were they offered counselling?' }).getByLabel('Yes').isChecked()).toBe(true);
    expect(await page.getByLabel('Learning from the debrief (optional)').inputValue()).toBe('Fines to be raised by the supervisor, not at the desk');
    await axe(page, 'debrief recorded');
    await page.screenshot({ path: `${SHOTS}/incident-debrief.png`, fullPage: true });
    const [held] = await t.db.query(`SELECT debrief_held_at IS NOT NULL AS held, debrief_notes FROM incident WHERE id = $1`, [incidentId]);
    expect(held).toEqual({ held: true, debrief_notes: 'Fines to be raised by the supervisor, not at the desk' });
    const checks = await t.db.query(`SELECT item, answer FROM incident_welfare_check WHERE incident_id = $1 AND staff_user_id = $2 ORDER BY item`, [
      incidentId,
      staff.id,
    ]);
    expect(checks).toEqual([
      { item: 'OFFERED_COUNSELLING', answer: true },
      { item: 'PHYSICALLY_HURT', answer: false },
    ]);

    // Someone else changes the incident after the page read it: saving again is a CONFLICT, and Reload shows their change.
    const [{ version }] = await t.db.query(`SELECT version FROM incident WHERE id = $1`, [incidentId]);
    const changed = await t.gql(
      `mutation($i: UpdateIncidentInput!) { updateIncident(input: $i) { version } }`,
      { i: { id: incidentId, version, actionsTaken: 'The supervisor spoke to him and he apologised' } },
      manager,
    );
    expect(changed.errors).toBeUndefined();
    await page.getByLabel('Learning from the debrief (optional)').fill('A second thought');
    await page.getByRole('button', { name: 'Record the debrief' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Someone else changed this record');
    await axe(page, 'debrief, conflict');
    expect(await fitsPhone(page)).toBe(true);
    await page.getByRole('button', { name: 'Reload the record' }).click();
    await page.getByText('The supervisor spoke to him and he apologised').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    const [{ debrief_notes }] = await t.db.query(`SELECT debrief_notes FROM incident WHERE id = $1`, [incidentId]);
    expect(debrief_notes).toBe('Fines to be raised by the supervisor, not at the desk');

    // A manager's case page offers to share it with a partner; the list pages.
    await page.getByRole('link', { name: 'Cases', exact: true }).click();
    await page.getByText(/^\d+ cases$/).waitFor();
    await axe(page, 'cases, manager');
    await page.locator('tbody a[href^="/cases/"]').first().click();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    const caseId = new URL(page.url()).pathname.split('/').pop();
    expect(await page.getByRole('link', { name: 'Share with a partner' }).getAttribute('href')).toBe(`/cases/${caseId}/share`);
    expect(problems).toEqual([]);
  });

  it('an outreach worker opens a person and their case, and adds a note', async () => {
    const outreach = await t.login('outreach@demo.test');
    const visible = await t.gql(`{ cases(first: 20) { edges { node { id title subject { id name } } } } }`, {}, outreach);
    const kase = visible.data.cases.edges
      .map((e: { node: { id: string; title: string; subject: { id: string; name: string | null } } }) => e.node)
      .find((c: { subject: { name: string | null } | null }) => c.subject?.name);
    expect(kase).toBeDefined();

    const { page, problems } = await web.open();
    await signIn(page, 'outreach@demo.test');
    await page.getByRole('link', { name: 'People', exact: true }).click();
    await page.getByRole('heading', { name: /^\d+ people$/ }).waitFor();
    await axe(page, 'people');
    expect(await fitsPhone(page)).toBe(true);
    await page.getByLabel('Find a person').fill(kase.subject.name.split(' ')[0]);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: kase.subject.name }).click();
    await page.getByRole('heading', { name: new RegExp(`^${kase.subject.name}`) }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/people/${kase.subject.id}`);
    await page.getByRole('heading', { name: 'Referrals' }).waitFor();
    // Their referrals only (the API's referrals filtered by subjectId), not the service's others.
    const [{ theirs, all }] = await t.db.query(`SELECT count(*) FILTER (WHERE subject_id = $1)::int AS theirs, count(*)::int AS all FROM referral`, [
      kase.subject.id,
    ]);
    expect(theirs).toBeGreaterThan(0);
    expect(all).toBeGreaterThan(theirs);
    expect(await page.locator('main a[href^="/referrals/"]').count()).toBe(theirs);
    await axe(page, 'person');
    expect(await fitsPhone(page)).toBe(true);

    await page.getByRole('link', { name: kase.title }).click();
    await page.getByRole('heading', { name: kase.title }).waitFor();
    await page.getByText(/^\d+ entries, newest first\.$/).waitFor();
    expect(await page.getByRole('link', { name: 'Share with a partner' }).count()).toBe(0);
    await axe(page, 'case');
    expect(await fitsPhone(page)).toBe(true);
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('New note: Write the note');
    await axe(page, 'case, note errors');
    await page.getByLabel('New note').fill('Met at the library; agreed to see the housing officer next week');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByText('Note added').waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Met at the library; agreed to see the housing officer next week' }).first().waitFor();
    await axe(page, 'case, note added');
    await page.screenshot({ path: `${SHOTS}/case-timeline.png`, fullPage: true });
    const notes = await t.db.query(
      `SELECT n.case_id FROM case_note n JOIN app_user u ON u.id = n.author_id WHERE n.body = $1 AND u.email = 'outreach@demo.test'`,
      ['Met at the library; agreed to see the housing officer next week'],
    );
    expect(notes).toEqual([{ case_id: kase.id }]);
    expect(problems).toEqual([]);
  });

  it('an outreach worker makes a referral by keyboard alone, then records the partner’s phoned answers and the outcome', async () => {
    const [person] = await t.db.query(`SELECT id, name FROM subject WHERE name = 'Percy Placeholder'`);
    const { page, problems } = await web.open();
    await signIn(page, 'outreach@demo.test');
    await page.goto(`${t.running.url}/referrals/new`);
    await page.getByRole('heading', { name: 'Make a referral' }).waitFor();
    await tabTo(page, 'send-referral');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').waitFor();
    await axe(page, 'make a referral, errors');
    await tabTo(page, 'search');
    await page.keyboard.type('Percy');
    await page.waitForFunction(() => document.querySelectorAll('#subjectId option').length === 2);
    await tabTo(page, 'subjectId');
    await page.keyboard.type('Percy');
    await tabTo(page, 'partnerOrganisationId');
    await page.keyboard.type('Town Centre Neighbourhood');
    await tabTo(page, 'need-HOUSING');
    await page.keyboard.press('Space');
    await tabTo(page, 'reason');
    await page.keyboard.type('Lost his flat; needs advice on housing before winter');
    await tabTo(page, 'contactRoute');
    await page.keyboard.type('At Central Library most mornings');
    await tabTo(page, 'consent-GIVEN');
    await page.keyboard.press('Space');
    await tabTo(page, 'consentMethod');
    await page.keyboard.type('Verbally, in person');
    expect(await page.locator('#subjectId').inputValue()).toBe(person.id);
    await tabTo(page, 'send-referral');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Referral sent' }).waitFor();
    const [referral] = await t.db.query(
      `SELECT r.id, r.status, p.name AS partner FROM referral r JOIN partner_organisation p ON p.id = r.partner_organisation_id WHERE r.reason = 'Lost his flat; needs advice on housing before winter'`,
    );
    expect(referral).toMatchObject({ status: 'SENT', partner: 'Town Centre Neighbourhood Policing Team' });
    await tabTo(page, 'follow-referral');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^To Town Centre Neighbourhood Policing Team/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/referrals/${referral.id}`);
    await axe(page, 'referral, sent');
    expect(await fitsPhone(page)).toBe(true);

    await page.getByRole('button', { name: 'Record their answer' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Who answered: Say who answered at the partner');
    await axe(page, 'referral, answer errors');
    await tabTo(page, 'answer-ACCEPT');
    await page.keyboard.press('Space');
    await tabTo(page, 'onBehalf.answeredBy');
    await page.keyboard.type('PC Duty Officer');
    await tabTo(page, 'record-answer');
    await page.keyboard.press('Enter');
    await page.getByText('Recorded: the partner accepted the referral').waitFor();
    await axe(page, 'referral, accepted');
    const accepted = await t.db.query(
      `SELECT on_behalf_answered_by, on_behalf_channel FROM referral_transition WHERE referral_id = $1 AND to_status = 'ACCEPTED'`,
      [referral.id],
    );
    expect(accepted).toEqual([{ on_behalf_answered_by: 'PC Duty Officer', on_behalf_channel: 'PHONE' }]);
    const [{ status }] = await t.db.query(`SELECT status FROM referral WHERE id = $1`, [referral.id]);
    expect(status).toBe('ACCEPTED');

    await page.getByLabel('They have started work with the person').check();
    await page.getByLabel('Who answered').fill('PC Duty Officer');
    await page.getByRole('button', { name: 'Record their answer' }).click();
    await page.getByText('Recorded: the partner has started work').waitFor();
    await page.getByRole('heading', { name: 'Record the outcome' }).waitFor();
    await page.getByRole('button', { name: 'Record the outcome' }).click();
    await page.getByRole('alert').waitFor();
    await axe(page, 'referral, outcome errors');
    await page.getByLabel('Their needs were met').check();
    await page.getByLabel('Notes on the outcome (optional)').fill('Housed by the council in a flat near Riverside');
    await page.getByRole('button', { name: 'Record the outcome' }).click();
    await page.getByText('Outcome recorded: the referral is closed').waitFor();
    await axe(page, 'referral, closed');
    const [closed] = await t.db.query(`SELECT status, outcome, outcome_notes FROM referral WHERE id = $1`, [referral.id]);
    expect(closed).toEqual({ status: 'CLOSED', outcome: 'NEEDS_MET', outcome_notes: 'Housed by the council in a flat near Riverside' });
    expect(problems).toEqual([]);
  });

  it('a partner who types the address of incidents or people is told they cannot use the page', async () => {
    const { page, problems } = await web.open();
    await signIn(page, 'pcso@demo.test');
    for (const path of ['/incidents', '/people']) {
      await page.goto(`${t.running.url}${path}`);
      await page.getByRole('heading', { name: 'You cannot use this page' }).waitFor();
      await axe(page, `partner at ${path}`);
    }
    expect(problems).toEqual([]);
  });
});
