import type { Page } from 'playwright-core';
import { axe, describeInBrowser, fits, SHOTS, signIn as signInAt, startWebApp, tabTo, type WebAppHarness } from './support/browser.js';
import { createUser } from './support/builders.js';
import type { TestApp } from './support/test-app.js';

/**
 * Casework in the web app, in Chromium against the real API: a manager's incidents and their
 * debrief (with a CONFLICT), an outreach worker's people, cases and notes, a referral made by
 * keyboard alone and followed to its outcome, and the partner turned away. axe-core on every
 * page and state visited; each page also at 320 px.
 */
describeInBrowser('casework in the web app (e2e: the built app, the API, a browser)', () => {
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
    await page.getByRole('definition').filter({ hasText: 'The supervisor spoke to him and he apologised' }).waitFor();
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

  it('a manager changes an incident (told of a CONFLICT), links a person, adds a follow-up action and evidence, and removes them', async () => {
    const manager = await t.login('manager@demo.test');
    const [central] = await t.db.query(`SELECT id FROM branch WHERE name = 'Central Library'`);
    const [percy] = await t.db.query(`SELECT id FROM subject WHERE name = 'Percy Placeholder'`);
    const [staff] = await t.db.query(`SELECT id FROM app_user WHERE email = 'staff@demo.test'`);
    const recorded = await t.gql(
      `mutation($i: RecordIncidentInput!) { recordIncident(input: $i) { id } }`,
      {
        i: {
          branchId: central.id,
          category: 'ANTISOCIAL_BEHAVIOUR',
          occurredAt: new Date(Date.now() - 7_200_000).toISOString(),
          description: 'Kicked the door of the study room',
        },
      },
      manager,
    );
    expect(recorded.errors).toBeUndefined();
    const incidentId = recorded.data.recordIncident.id;
    const { page, problems } = await web.open();
    await signIn(page, 'manager@demo.test');
    await page.goto(`${t.running.url}/incidents/${incidentId}`);
    await page.getByRole('heading', { name: 'antisocial behaviour at Central Library' }).waitFor();
    const banner = (text: string) => page.getByRole('status').filter({ hasText: text }).waitFor();

    // The incident's own details: a blank description is refused next to the field.
    await page.getByText('Change the incident').click();
    await page.getByLabel('What happened', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('What happened: Say what happened');
    await axe(page, 'change incident, errors');
    await page.getByLabel('What happened', { exact: true }).fill('Kicked the door of the study room twice and cracked its glass');
    await page.locator('#category').selectOption('DAMAGE');
    await page.locator('#severity').selectOption('MEDIUM');
    await page.getByLabel('Where in the building (optional)').fill('First floor study room');
    await page.getByLabel('What staff did (optional)').fill('Asked him to leave; he did');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await banner('Incident changed');
    await page.getByRole('heading', { name: 'damage at Central Library' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await axe(page, 'incident changed');
    const [changed] = await t.db.query(`SELECT category, severity, description, location_in_building, actions_taken, version FROM incident WHERE id = $1`, [
      incidentId,
    ]);
    expect(changed).toMatchObject({
      category: 'DAMAGE',
      severity: 'MEDIUM',
      description: 'Kicked the door of the study room twice and cracked its glass',
      location_in_building: 'First floor study room',
      actions_taken: 'Asked him to leave; he did',
    });

    // Someone else changes it meanwhile: saving is a CONFLICT with the one message, and Reload shows their change.
    const theirs = await t.gql(
      `mutation($i: UpdateIncidentInput!) { updateIncident(input: $i) { version } }`,
      { i: { id: incidentId, version: changed.version, locationInBuilding: 'Study room 2, first floor' } },
      manager,
    );
    expect(theirs.errors).toBeUndefined();
    await page.getByText('Change the incident').click();
    await page.getByLabel('What staff did (optional)').fill('A later thought');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Someone else changed this record');
    await axe(page, 'change incident, conflict');
    expect(await fitsPhone(page)).toBe(true);
    await page.getByRole('button', { name: 'Reload the record' }).click();
    await page.getByText('Study room 2, first floor').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    const [{ actions_taken }] = await t.db.query(`SELECT actions_taken FROM incident WHERE id = $1`, [incidentId]);
    expect(actions_taken).toBe('Asked him to leave; he did');

    // A person involved: chosen from the records, with their part; then removed.
    await page.getByText('Add a person involved').click();
    await page.getByRole('button', { name: 'Add the person' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(/Person: Choose the person[\s\S]*Their part: Choose their part/);
    await axe(page, 'add a person, errors');
    await page.getByLabel('Find the person').fill('Percy');
    await page.waitForFunction(() => document.querySelectorAll('#person-subjectId option').length === 2);
    await page.locator('#person-subjectId').selectOption(percy.id);
    await page.getByLabel('They saw it (witness)').check();
    await page.getByLabel('What they did or saw (optional)').fill('Was reading in the study room');
    await page.getByRole('button', { name: 'Add the person' }).click();
    await banner('Person added to the incident');
    await axe(page, 'person added');
    expect(await t.db.query(`SELECT subject_id, part, notes FROM incident_subject WHERE incident_id = $1`, [incidentId])).toEqual([
      { subject_id: percy.id, part: 'WITNESS', notes: 'Was reading in the study room' },
    ]);
    await page.getByRole('button', { name: 'Remove Percy Placeholder as witness' }).click();
    await banner('Person removed from the incident');
    expect(await t.db.query(`SELECT 1 FROM incident_subject WHERE incident_id = $1`, [incidentId])).toEqual([]);

    // A follow-up action with an owner and a due date, then marked done.
    await page.getByText('Add a follow-up action').click();
    await page.getByRole('button', { name: 'Add the action' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Who will do it: Choose who will do it');
    await axe(page, 'add a follow-up action, errors');
    const dueOn = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('What is to be done').fill('Have the study room glass replaced');
    await page.getByLabel('Who will do it').selectOption({ label: 'Sam Staff' });
    await page.getByLabel('Due by').fill(dueOn);
    await page.getByRole('button', { name: 'Add the action' }).click();
    await banner('Follow-up action added');
    await page.getByText(/^Have the study room glass replaced: Sam Staff, due /).waitFor();
    await axe(page, 'follow-up action added');
    const [action] = await t.db.query(`SELECT owner_id, due_on::text, completed_at FROM incident_follow_up_action WHERE incident_id = $1`, [incidentId]);
    expect(action).toEqual({ owner_id: staff.id, due_on: dueOn, completed_at: null });
    await page.getByRole('button', { name: /^Mark done\W+Have the study room glass replaced$/ }).click();
    await banner('Follow-up action done');
    const [done] = await t.db.query(
      `SELECT a.completed_at IS NOT NULL AS done, u.email FROM incident_follow_up_action a JOIN app_user u ON u.id = a.completed_by_id WHERE a.incident_id = $1`,
      [incidentId],
    );
    expect(done).toEqual({ done: true, email: 'manager@demo.test' });

    // Evidence: where the footage is kept, then removed.
    await page.getByText('Add evidence').click();
    await page.getByRole('button', { name: 'Add the evidence' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(/Kind of evidence: Choose the kind of evidence[\s\S]*Where it is kept: Say where it is kept/);
    await axe(page, 'add evidence, errors');
    await page.getByLabel('Kind of evidence').selectOption('CCTV');
    await page.getByLabel('Where it is kept').fill('CCTV camera 4, 13:00 to 13:20, saved to the evidence drive');
    await page.getByRole('button', { name: 'Add the evidence' }).click();
    await banner('Evidence reference added');
    await axe(page, 'evidence added');
    expect(await fitsPhone(page)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/incident-casework.png`, fullPage: true });
    expect(await t.db.query(`SELECT kind, reference FROM incident_evidence WHERE incident_id = $1`, [incidentId])).toEqual([
      { kind: 'CCTV', reference: 'CCTV camera 4, 13:00 to 13:20, saved to the evidence drive' },
    ]);
    await page.getByRole('button', { name: 'Remove CCTV: CCTV camera 4, 13:00 to 13:20, saved to the evidence drive' }).click();
    await banner('Evidence reference removed');
    await page.getByText('No evidence recorded.').waitFor();
    expect(await t.db.query(`SELECT 1 FROM incident_evidence WHERE incident_id = $1`, [incidentId])).toEqual([]);
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

  it('an outreach worker opens a case for a person, changes it (told of a CONFLICT), corrects a note, closes it with what came of it and reopens it', async () => {
    const outreach = await t.login('outreach@demo.test');
    const [percy] = await t.db.query(`SELECT id FROM subject WHERE name = 'Percy Placeholder'`);
    const { page, problems } = await web.open();
    await signIn(page, 'outreach@demo.test');
    await page.goto(`${t.running.url}/people/${percy.id}`);
    await page.getByRole('heading', { name: /^Percy Placeholder/ }).waitFor();
    const banner = (text: string) => page.getByRole('status').filter({ hasText: text }).waitFor();

    await page.getByText('Open a case for this person').click();
    await page.getByRole('button', { name: 'Open the case' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Title: Give the case a title');
    await axe(page, 'open a case, errors');
    expect(await fitsPhone(page)).toBe(true);
    await page.getByLabel('Title').fill('Housing support over the winter');
    await page.getByLabel('Summary (optional)').fill('Lost his flat in November');
    await page.getByLabel('Risk', { exact: true }).selectOption('MEDIUM');
    await page.getByRole('button', { name: 'Open the case' }).click();
    await page.getByRole('heading', { name: 'Housing support over the winter' }).waitFor();
    const caseId = new URL(page.url()).pathname.split('/').pop();
    const [opened] = await t.db.query(
      `SELECT c.subject_id, c.status, c.risk_level, c.summary, u.email AS owner FROM case_file c JOIN app_user u ON u.id = c.owner_id WHERE c.id = $1`,
      [caseId],
    );
    expect(opened).toEqual({ subject_id: percy.id, status: 'OPEN', risk_level: 'MEDIUM', summary: 'Lost his flat in November', owner: 'outreach@demo.test' });
    await axe(page, 'case opened');

    await page.getByText('Change the case').click();
    await page.getByLabel('Risk', { exact: true }).selectOption('HIGH');
    await page.getByLabel('Monitoring: no active work, kept under watch').check();
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await banner('Case changed');
    await page.getByText('monitoring, high risk').waitFor();
    const [changed] = await t.db.query(`SELECT status, risk_level, version FROM case_file WHERE id = $1`, [caseId]);
    expect(changed).toMatchObject({ status: 'MONITORING', risk_level: 'HIGH' });

    // Someone else changes the case meanwhile: the one conflict message, and Reload shows their change.
    const theirs = await t.gql(
      `mutation($i: UpdateCaseInput!) { updateCase(input: $i) { version } }`,
      { i: { id: caseId, version: changed.version, summary: 'Lost his flat in November; the council is assessing him' } },
      outreach,
    );
    expect(theirs.errors).toBeUndefined();
    await page.getByText('Change the case').click();
    await page.getByLabel('Title').fill('A title nobody saves');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Someone else changed this record');
    await axe(page, 'change case, conflict');
    await page.getByRole('button', { name: 'Reload the record' }).click();
    await page.getByRole('definition').filter({ hasText: 'Lost his flat in November; the council is assessing him' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);

    // A note, then its correction: the first stays, marked corrected.
    await page.getByLabel('New note').fill('Saw him on Tuesday at Northgate Library');
    await page.getByRole('button', { name: 'Add note' }).click();
    await banner('Note added');
    await page.getByRole('button', { name: /^Correct this note/ }).click();
    // The note box takes the focus, now for the correction.
    await page.waitForFunction(() => document.activeElement?.id === 'body');
    await page.getByLabel('Correction').waitFor();
    await page.getByRole('button', { name: 'Add the correction' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Correction: Write the correction');
    await axe(page, 'correct a note, errors');
    await page.getByLabel('Correction').fill('It was Wednesday, at Central Library');
    await page.getByRole('button', { name: 'Add the correction' }).click();
    await banner('Correction added');
    await page.getByText(/\(corrected by a later note\)/).waitFor();
    await page.getByText(/\(corrects the note of /).waitFor();
    await axe(page, 'note corrected');
    const notes = await t.db.query(`SELECT id, body, corrects_note_id FROM case_note WHERE case_id = $1 ORDER BY created_at`, [caseId]);
    expect(notes.map((n: { body: string }) => n.body)).toEqual(['Saw him on Tuesday at Northgate Library', 'It was Wednesday, at Central Library']);
    expect(notes[1].corrects_note_id).toBe(notes[0].id);

    // Closed with what came of it; then reopened.
    await page.getByText('Close the case', { exact: true }).first().click();
    await page.locator('#close-case').click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Why the case is closed: Say why the case is closed and what came of it');
    await axe(page, 'close case, errors');
    await page.getByLabel('Why the case is closed').fill('Housed by the council near Riverside');
    await page.locator('#close-case').click();
    await banner('Case closed');
    await page.getByRole('button', { name: 'Reopen the case' }).waitFor();
    expect(await page.getByLabel('New note').count()).toBe(0);
    await axe(page, 'case closed');
    expect(await fitsPhone(page)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/case-closed.png`, fullPage: true });
    const [closed] = await t.db.query(`SELECT status, closure_summary, closed_at IS NOT NULL AS has_closed_at FROM case_file WHERE id = $1`, [caseId]);
    expect(closed).toEqual({ status: 'CLOSED', closure_summary: 'Housed by the council near Riverside', has_closed_at: true });
    await page.getByRole('button', { name: 'Reopen the case' }).click();
    await banner('Case reopened');
    await page.getByLabel('New note').waitFor();
    const [reopened] = await t.db.query(`SELECT status, closed_at FROM case_file WHERE id = $1`, [caseId]);
    expect(reopened).toEqual({ status: 'OPEN', closed_at: null });
    expect(problems).toEqual([]);
  });

  it('an outreach worker adds a person with a lawful basis (told of a possible duplicate), and changes their details (told of a CONFLICT)', async () => {
    const outreach = await t.login('outreach@demo.test');
    const { page, problems } = await web.open();
    await signIn(page, 'outreach@demo.test');
    await page.getByRole('link', { name: 'People', exact: true }).click();
    await page.getByRole('heading', { name: /^\d+ people$/ }).waitFor();
    await page.getByText('Add a person').click();
    await page.getByRole('button', { name: 'Add the person' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Name: Enter their name, or describe them if the name is not known');
    await axe(page, 'add a person, errors');
    expect(await fitsPhone(page)).toBe(true);
    // The API's own check, shown next to its field.
    await page.getByLabel('Name (if known)').fill('Winifred Casework');
    await page.getByLabel('Date of birth (optional)').fill('2099-01-01');
    await page.getByRole('button', { name: 'Add the person' }).click();
    await page.locator('#dateOfBirth-error').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Date of birth: Must not be in the future');
    await axe(page, 'add a person, the API refuses the date of birth');
    await page.getByLabel('Date of birth (optional)').fill('1961-05-04');
    await page.getByLabel('Other names they use (optional)').fill('Winnie');
    await page.getByLabel('An adult at risk').check();
    await page.getByLabel('Consent: the person agreed to be recorded').check();
    await page.getByRole('button', { name: 'Add the person' }).click();
    await page.getByRole('heading', { name: /^Winifred Casework/ }).waitFor();
    const firstId = new URL(page.url()).pathname.split('/').pop();
    const [added] = await t.db.query(
      `SELECT s.name, s.date_of_birth::text AS dob, s.aliases, s.is_adult_at_risk, s.lawful_basis, u.email FROM subject s JOIN app_user u ON u.id = s.created_by_id WHERE s.id = $1`,
      [firstId],
    );
    expect(added).toEqual({
      name: 'Winifred Casework',
      dob: '1961-05-04',
      aliases: ['Winnie'],
      is_adult_at_risk: true,
      lawful_basis: 'CONSENT',
      email: 'outreach@demo.test',
    });
    await axe(page, 'person added');

    // The same name and date of birth again: the API says she may be recorded already; added only once the worker says she is someone else.
    await page.getByRole('link', { name: 'People', exact: true }).click();
    await page.getByText('Add a person').click();
    await page.getByLabel('Name (if known)').fill('Winifred Casework');
    await page.getByLabel('Date of birth (optional)').fill('1961-05-04');
    await page.getByRole('button', { name: 'Add the person' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('This person may already be recorded');
    await page.locator(`details a[href="/people/${firstId}"]`).waitFor();
    await axe(page, 'add a person, possible duplicate');
    expect(await fitsPhone(page)).toBe(true);
    await page.getByLabel('I have checked: none of these is this person').check();
    await page.getByRole('button', { name: 'Add the person' }).click();
    await page.getByRole('heading', { name: /^Winifred Casework/ }).waitFor();
    expect(new URL(page.url()).pathname).not.toBe(`/people/${firstId}`);
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM subject WHERE name = 'Winifred Casework'`);
    expect(count).toBe(2);

    // Her details changed at the version read.
    await page.goto(`${t.running.url}/people/${firstId}`);
    await page.getByRole('heading', { name: /^Winifred Casework/ }).waitFor();
    await page.getByText('Change their details').click();
    await page.getByLabel('Notes (optional)').fill('Prefers to be called Winnie');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Their details were changed' }).waitFor();
    await page.getByRole('definition').filter({ hasText: 'Prefers to be called Winnie' }).waitFor();
    await axe(page, 'person changed');
    const [{ notes, version }] = await t.db.query(`SELECT notes, version FROM subject WHERE id = $1`, [firstId]);
    expect(notes).toBe('Prefers to be called Winnie');
    const theirs = await t.gql(
      `mutation($i: UpdateSubjectInput!) { updateSubject(input: $i) { version } }`,
      { i: { id: firstId, version, description: 'Grey coat, walks with a stick' } },
      outreach,
    );
    expect(theirs.errors).toBeUndefined();
    await page.getByText('Change their details').click();
    await page.getByLabel('Notes (optional)').fill('A note nobody saves');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Someone else changed this record');
    await axe(page, 'change a person, conflict');
    expect(await fitsPhone(page)).toBe(true);
    await page.getByRole('button', { name: 'Reload the record' }).click();
    await page.getByRole('definition').filter({ hasText: 'Grey coat, walks with a stick' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    const [after] = await t.db.query(`SELECT notes FROM subject WHERE id = $1`, [firstId]);
    expect(after.notes).toBe('Prefers to be called Winnie');
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

  it('an outreach worker sends the partner a message on a referral; another outreach worker opening it is told they may not record the partner’s answer', async () => {
    const [referral] = await t.db.query(
      `SELECT r.id, r.library_service_id FROM referral r JOIN app_user u ON u.id = r.referred_by_id
        WHERE u.email = 'outreach@demo.test' AND r.status = 'SENT' ORDER BY r.created_at LIMIT 1`,
    );
    expect(referral).toBeDefined();
    const { page, problems } = await web.open();
    await signIn(page, 'outreach@demo.test');
    await page.goto(`${t.running.url}/referrals/${referral.id}`);
    await page.getByRole('heading', { name: 'Messages' }).waitFor();
    const before = await page.getByText(/^\d+ messages, oldest first\.$/).innerText();
    await page.getByRole('button', { name: 'Send the message' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Message to the partner: Write the message');
    await axe(page, 'referral message, errors');
    await page.getByLabel('Message to the partner').fill('He will be at Central Library on Thursday morning if you want to meet him');
    await page.getByRole('button', { name: 'Send the message' }).click();
    await page.getByRole('status').filter({ hasText: 'Message sent to the partner' }).waitFor();
    await page.getByText('He will be at Central Library on Thursday morning if you want to meet him').waitFor();
    expect(await page.getByText(/^\d+ messages, oldest first\.$/).innerText()).not.toBe(before);
    expect(await page.getByLabel('Message to the partner').inputValue()).toBe('');
    await axe(page, 'referral message sent');
    expect(await fitsPhone(page)).toBe(true);
    const sent = await t.db.query(
      `SELECT u.email, ru.author_role FROM referral_update ru JOIN app_user u ON u.id = ru.author_id WHERE ru.referral_id = $1 AND ru.body = $2`,
      [referral.id, 'He will be at Central Library on Thursday morning if you want to meet him'],
    );
    expect(sent).toEqual([{ email: 'outreach@demo.test', author_role: 'OUTREACH_WORKER' }]);

    // Another outreach worker of the service reads the referral, but recording the partner's answer is the referring worker's (or a manager's).
    await createUser(t.db, { email: 'second.outreach@demo.test', displayName: 'Sol Second', role: 'OUTREACH_WORKER', serviceId: referral.library_service_id });
    const other = await web.open();
    await signIn(other.page, 'second.outreach@demo.test');
    await other.page.goto(`${t.running.url}/referrals/${referral.id}`);
    await other.page.getByText('He will be at Central Library on Thursday morning if you want to meet him').waitFor();
    await axe(other.page, 'another worker’s referral');
    await other.page.getByLabel('They accepted it').check();
    await other.page.getByLabel('Who answered').fill('Duty officer');
    await other.page.getByRole('button', { name: 'Record their answer' }).click();
    await other.page.getByRole('alert').waitFor();
    expect(await other.page.getByRole('alert').innerText()).toContain('You may not record the partner’s answer on this referral');
    // The page still stands: the referral, its messages and the form as filled in.
    await other.page.getByRole('heading', { name: /^To / }).waitFor();
    expect(await other.page.getByLabel('Who answered').inputValue()).toBe('Duty officer');
    await axe(other.page, 'another worker’s referral, refused');
    expect(await fitsPhone(other.page)).toBe(true);
    await other.page.screenshot({ path: `${SHOTS}/referral-refused.png`, fullPage: true });
    const [{ status }] = await t.db.query(`SELECT status FROM referral WHERE id = $1`, [referral.id]);
    expect(status).toBe('SENT');
    expect(await t.db.query(`SELECT 1 FROM referral_transition WHERE referral_id = $1 AND to_status = 'ACCEPTED'`, [referral.id])).toEqual([]);
    expect(problems).toEqual([]);
    expect(other.problems).toEqual([]);
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
