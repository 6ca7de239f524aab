import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import {
  auditRows,
  createAgreement,
  createBan,
  createBranch,
  createContactLog,
  createIncident,
  createLibraryService,
  createPartner,
  createSubject,
  createUser,
  demoServiceId,
} from './support/builders.js';
import { codeOf, signInDemoUsers, startTestApp, type TestApp } from './support/test-app.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(tmpdir(), 'safer-libraries-artifacts');
const STATS = `query($i: IncidentStatisticsInput!) { incidentStatistics(input: $i) {
  groups { keys { groupBy value label } count } total reportedToPolice policeShare
  previousPeriod { from to total change changeRatio } yearBefore { from to total change changeRatio }
  repeatPeople repeatPlaces topRepeatPlaces { branchName location incidents } } }`;
const SUMMARY = `query($i: AnonymisedSummaryInput!) { anonymisedIncidentSummary(input: $i) {
  threshold branches { name } rows { category cells { value display } total { value display } } branchTotals { value } total { value } note } }`;
const MARCH = { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' };

/** Reports (issue 14) on a known data set: exact counts, comparisons, repeats, suppression, the CSV and the printable page. */
describe('reports (e2e)', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const users: Record<string, string> = {};
  let demo: string;
  let a: string;
  let b: string;
  let c: string;
  let otherBranch: string;
  let csp: string;
  let police: string;
  let agreement: string;
  const q = (sql: string, params: unknown[] = []) => t.db.query(sql, params);
  const stats = async (input: Record<string, unknown>, who = 'manager') => {
    const r = await t.gql(STATS, { i: { ...MARCH, groupBy: [], ...input } }, tok[who]);
    expect(r.errors).toBeUndefined();
    return r.data.incidentStatistics;
  };
  const incident = async (o: {
    branchId: string;
    at: string;
    category?: string;
    severity?: string | null;
    police?: boolean;
    location?: string;
    people?: string[];
  }) => {
    const id = await createIncident(t.db, {
      serviceId: demo,
      branchId: o.branchId,
      recordedById: users.manager,
      occurredAt: o.at,
      category: o.category,
      severity: o.severity,
      criminal: o.police,
      people: (o.people ?? []).map((subjectId) => ({ subjectId })),
    });
    if (o.location) await q(`UPDATE incident SET location_in_building = $2 WHERE id = $1`, [id, o.location]);
    return id;
  };
  const get = (path: string, token?: string) => fetch(`${t.running.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  const march: string[] = [];
  beforeAll(async () => {
    t = await startTestApp();
    demo = await demoServiceId(t.db);
    await signInDemoUsers(t, tok, users);
    a = await createBranch(t.db, { serviceId: demo, name: 'Report Branch A' });
    b = await createBranch(t.db, { serviceId: demo, name: 'Report Branch B' });
    c = await createBranch(t.db, { serviceId: demo, name: 'Report Branch C' });
    const [p1, p2, p3] = [
      await createSubject(t.db, { serviceId: demo, name: 'Rep One' }),
      await createSubject(t.db, { serviceId: demo, name: 'Rep Two' }),
      await createSubject(t.db, { serviceId: demo, name: 'Rep Three' }),
    ];
    // March 2026 (GMT until the 29th): five incidents.
    march.push(
      await incident({ branchId: a, at: '2026-03-02T10:15:00Z', category: 'VERBAL_ABUSE', severity: 'MEDIUM', location: "Children's library", people: [p1] }),
    );
    march.push(
      await incident({
        branchId: a,
        at: '2026-03-09T10:40:00Z',
        category: 'VERBAL_ABUSE',
        severity: 'HIGH',
        police: true,
        location: " children's LIBRARY ",
        people: [p1, p2],
      }),
    );
    march.push(
      await incident({ branchId: a, at: '2026-03-14T15:00:00Z', category: 'THEFT', severity: 'LOW', police: true, location: 'Front desk', people: [p2] }),
    );
    march.push(await incident({ branchId: b, at: '2026-03-20T18:30:00Z', category: 'VIOLENCE', severity: 'CRITICAL', police: true, people: [p3] }));
    march.push(await incident({ branchId: b, at: '2026-03-27T09:05:00Z', category: 'VERBAL_ABUSE', severity: null, location: 'Front desk' }));
    // The 31 days before: two. The same dates a year before: four. After the period: one (never counted).
    await incident({ branchId: a, at: '2026-02-10T12:00:00Z' });
    await incident({ branchId: b, at: '2026-02-20T12:00:00Z' });
    for (let n = 0; n < 4; n++) await incident({ branchId: a, at: '2025-03-15T12:00:00Z' });
    await incident({ branchId: a, at: '2026-04-02T12:00:00Z' });
    // June 2025, for the anonymised summary: VERBAL A12 B9 C15, ANTISOCIAL A6 B10 C8, THEFT A3 B7 C11.
    const june: [string, string, number][] = [
      [a, 'VERBAL_ABUSE', 12],
      [b, 'VERBAL_ABUSE', 9],
      [c, 'VERBAL_ABUSE', 15],
      [a, 'ANTISOCIAL_BEHAVIOUR', 6],
      [b, 'ANTISOCIAL_BEHAVIOUR', 10],
      [c, 'ANTISOCIAL_BEHAVIOUR', 8],
      [a, 'THEFT', 3],
      [b, 'THEFT', 7],
      [c, 'THEFT', 11],
    ];
    for (const [branchId, category, n] of june) for (let k = 0; k < n; k++) await incident({ branchId, at: '2025-06-10T12:00:00Z', category });
    // Another service, with an incident in March and a manager of its own.
    const other = await createLibraryService(t.db, { name: 'Reports Other Libraries' });
    otherBranch = await createBranch(t.db, { serviceId: other, name: 'Elsewhere' });
    const otherManager = await createUser(t.db, { email: 'manager@reports-other.test', role: 'MANAGER', serviceId: other });
    await createIncident(t.db, { serviceId: other, branchId: otherBranch, recordedById: otherManager, occurredAt: '2026-03-05T12:00:00Z' });
    tok.otherManager = await t.login('manager@reports-other.test');
    csp = await createPartner(t.db, { serviceId: demo, name: 'Reports Test Safety Partnership', type: 'COMMUNITY_SAFETY_PARTNERSHIP' });
    [{ id: police }] = await q(`SELECT id FROM partner_organisation WHERE type = 'POLICE_NEIGHBOURHOOD_TEAM' AND library_service_id = $1`, [demo]);
    agreement = await createAgreement(t.db, { serviceId: demo, createdById: users.manager, categories: ['IDENTITY'], organisationIds: [csp, police] });
  });
  afterAll(() => t.close());

  describe('incident statistics', () => {
    it('the total, the police share, both comparisons and the repeat people and places of a known month', async () => {
      const s = await stats({});
      expect(s).toMatchObject({ groups: [], total: 5, reportedToPolice: 3, policeShare: 0.6, repeatPeople: 2, repeatPlaces: 1 });
      expect(s.previousPeriod).toEqual({ from: '2026-01-29T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z', total: 2, change: 3, changeRatio: 1.5 });
      expect(s.yearBefore).toEqual({ from: '2025-03-01T00:00:00.000Z', to: '2025-04-01T00:00:00.000Z', total: 4, change: 1, changeRatio: 0.25 });
      // Compared trimmed and in any case; a front desk at two branches is two places.
      expect(s.topRepeatPlaces).toEqual([{ branchName: 'Report Branch A', location: "Children's library", incidents: 2 }]);
    });

    it('grouped by branch and category, weekday, hour (UK time), severity and month', async () => {
      const pairs = (s: any) => s.groups.map((g: any) => [...g.keys.map((k: any) => k.label), g.count]);
      const byBranch = await stats({ groupBy: ['BRANCH', 'CATEGORY'] });
      expect(pairs(byBranch).sort()).toEqual([
        ['Report Branch A', 'Theft', 1],
        ['Report Branch A', 'Verbal abuse', 2],
        ['Report Branch B', 'Verbal abuse', 1],
        ['Report Branch B', 'Violence', 1],
      ]);
      expect(byBranch.total).toBe(5);
      expect(pairs(await stats({ groupBy: ['WEEKDAY'] }))).toEqual([
        ['Monday', 2],
        ['Friday', 2],
        ['Saturday', 1],
      ]);
      expect((await stats({ groupBy: ['HOUR'] })).groups.map((g: any) => [g.keys[0].value, g.count])).toEqual([
        ['09', 1],
        ['10', 2],
        ['15', 1],
        ['18', 1],
      ]);
      expect(pairs(await stats({ groupBy: ['SEVERITY'] }))).toEqual([
        ['Critical', 1],
        ['High', 1],
        ['Low', 1],
        ['Medium', 1],
        ['Not assessed', 1],
      ]);
      expect(pairs(await stats({ groupBy: ['MONTH'] }))).toEqual([['March 2026', 5]]);
    });

    it('filters by branch, category and severity apply to the comparisons too', async () => {
      const verbal = await stats({ categories: ['VERBAL_ABUSE'] });
      expect([verbal.total, verbal.previousPeriod.total, verbal.yearBefore.total, verbal.repeatPeople]).toEqual([3, 2, 4, 1]);
      const atB = await stats({ branchIds: [b], groupBy: ['CATEGORY'] });
      expect([atB.total, atB.previousPeriod.total, atB.yearBefore.total, atB.repeatPlaces]).toEqual([2, 1, 0, 0]);
      expect(atB.yearBefore.changeRatio).toBeNull();
      expect((await stats({ severities: ['HIGH', 'CRITICAL'] })).total).toBe(2);
    });

    it('the DPO reads them too; staff, outreach, partners and administrators are refused', async () => {
      expect((await stats({}, 'dpo')).total).toBe(5);
      for (const who of ['staff', 'outreach', 'pcso', 'admin']) {
        const r = await t.gql(STATS, { i: { ...MARCH, groupBy: [] } }, tok[who]);
        expect([who, codeOf(r)]).toEqual([who, 'FORBIDDEN']);
      }
      expect(codeOf(await t.gql(STATS, { i: { ...MARCH, groupBy: [] } }))).toBe('UNAUTHENTICATED');
    });

    it("another service's manager counts only their own service, and may not name our branches", async () => {
      expect((await stats({}, 'otherManager')).total).toBe(1);
      const r = await t.gql(STATS, { i: { ...MARCH, groupBy: [], branchIds: [a] } }, tok.otherManager);
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0]!.message).toMatch(/is not a branch of your library service/);
      expect(codeOf(await t.gql(STATS, { i: { ...MARCH, groupBy: [], branchIds: [otherBranch] } }, tok.manager))).toBe('BAD_USER_INPUT');
    });

    it('refuses a period back to front, empty or over three years, and a grouping named twice (BAD_USER_INPUT)', async () => {
      for (const i of [
        { from: MARCH.to, to: MARCH.from, groupBy: [] },
        { from: MARCH.from, to: MARCH.from, groupBy: [] },
        { from: '2020-01-01T00:00:00Z', to: '2024-01-01T00:00:00Z', groupBy: [] },
        { ...MARCH, groupBy: ['MONTH', 'MONTH'] },
        { ...MARCH, groupBy: ['NOT_A_GROUP'] },
      ])
        expect([i, codeOf(await t.gql(STATS, { i }, tok.manager))]).toEqual([i, 'BAD_USER_INPUT']);
    });
    it('refuses more than 1000 groups (BAD_USER_INPUT): group by fewer things or over a shorter period', async () => {
      const d = await createBranch(t.db, { serviceId: demo, name: 'Report Branch Many' });
      // 1050 incidents a day and an hour apart from 2020: each its own month, weekday and hour.
      await q(
        `INSERT INTO incident (library_service_id, branch_id, occurred_at, reported_at, category, description, recorded_by_id, lawful_basis, retain_until)
         SELECT $1, $2, t, t, 'OTHER', 'Bulk', $3, 'PUBLIC_TASK', '2040-01-01'
         FROM (SELECT timestamptz '2020-01-01T00:30:00Z' + g * interval '25 hours' AS t FROM generate_series(0, 1049) g) x`,
        [demo, d, users.manager],
      );
      const i = { from: '2020-01-01T00:00:00Z', to: '2022-12-31T00:00:00Z', branchIds: [d] };
      const r = await t.gql(STATS, { i: { ...i, groupBy: ['MONTH', 'WEEKDAY', 'HOUR'] } }, tok.manager);
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0]!.message).toMatch(/More than 1000 groups/);
      expect((await stats({ ...i, groupBy: ['MONTH'] })).total).toBe(1050);
    });
  });

  describe('activity reports (counts only)', () => {
    it('bans: in force at the end, issued, proposed, lifted, appeals lodged, awaiting and decided', async () => {
      const person = await createSubject(t.db, { serviceId: demo, name: 'Banned Person' });
      const ban = (o: object = {}) => createBan(t.db, { serviceId: demo, subjectId: person, byId: users.manager, ...o });
      await ban();
      await ban({ status: 'LIFTED' });
      await ban({ status: 'PROPOSED' });
      const appealed = await ban();
      await q(`UPDATE ban SET appeal_lodged_on = current_date - 5, appeal_outcome = 'UPHELD', appeal_outcome_on = current_date - 2 WHERE id = $1`, [appealed]);
      const waiting = await ban();
      await q(`UPDATE ban SET appeal_lodged_on = current_date - 3 WHERE id = $1`, [waiting]);
      const period = { from: new Date(Date.now() - 30 * 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() };
      const r = await t.gql(
        `query($i: ReportPeriodInput!) { banReport(input: $i) { activeAtEnd issued proposedNotConfirmed lifted ended behaviourAgreementsSigned appealsLodged appealsAwaitingDecision appealOutcomes { upheld varied overturned } } }`,
        { i: period },
        tok.manager,
      );
      expect(r.errors).toBeUndefined();
      expect(r.data.banReport).toEqual({
        activeAtEnd: 3,
        issued: 4,
        proposedNotConfirmed: 1,
        lifted: 1,
        ended: 0,
        behaviourAgreementsSigned: 0,
        appealsLodged: 2,
        appealsAwaitingDecision: 1,
        appealOutcomes: { upheld: 1, varied: 0, overturned: 0 },
      });
      expect(codeOf(await t.gql(`query($i: ReportPeriodInput!) { banReport(input: $i) { issued } }`, { i: period }, tok.staff))).toBe('FORBIDDEN');
    });

    it('partner engagement: contacts per partner per month, and follow-ups open and overdue', async () => {
      const foodbank = await createPartner(t.db, { serviceId: demo, name: 'Report Foodbank' });
      for (const at of ['2026-01-05T10:00:00Z', '2026-01-20T10:00:00Z', '2026-02-03T10:00:00Z'])
        await createContactLog(t.db, { serviceId: demo, partnerId: police, recordedById: users.manager, occurredAt: at });
      const log = await createContactLog(t.db, { serviceId: demo, partnerId: foodbank, recordedById: users.manager, occurredAt: '2026-02-10T10:00:00Z' });
      await createContactLog(t.db, { serviceId: demo, partnerId: foodbank, recordedById: users.manager, occurredAt: '2026-02-11T10:00:00Z', archived: true });
      const action = (dueOn: string, done = false) =>
        q(
          `INSERT INTO follow_up_action (library_service_id, contact_log_id, description, owner_id, due_on, completed_at, completed_by_id) VALUES ($1, $2, 'Call back', $3, $4, $5, $6)`,
          [demo, log, users.manager, dueOn, done ? new Date() : null, done ? users.manager : null],
        );
      await action('2026-01-10');
      await action('2100-01-01');
      await action('2026-01-11', true);
      const r = await t.gql(
        `query($i: ReportPeriodInput!) { partnerEngagementReport(input: $i) { totalContacts contactsByMonth { partnerName month contacts } followUps { partnerName overdue open } } }`,
        { i: { from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z' } },
        tok.dpo,
      );
      expect(r.errors).toBeUndefined();
      const police_ = 'Town Centre Neighbourhood Policing Team';
      expect(r.data.partnerEngagementReport).toEqual({
        totalContacts: 4,
        contactsByMonth: [
          { partnerName: police_, month: '2026-01', contacts: 2 },
          { partnerName: 'Report Foodbank', month: '2026-02', contacts: 1 },
          { partnerName: police_, month: '2026-02', contacts: 1 },
        ],
        followUps: expect.arrayContaining([{ partnerName: 'Report Foodbank', overdue: 1, open: 2 }]),
      });
      // Most overdue first (the demo's partners have follow-ups of their own).
      const overdue = r.data.partnerEngagementReport.followUps.map((f: any) => f.overdue);
      expect(overdue).toEqual([...overdue].sort((x: number, y: number) => y - x));
    });

    it('staff welfare: debriefs held and how soon, staff involved, checklists complete, answers per item', async () => {
      const [first, , , fourth] = march;
      await q(`UPDATE incident SET debrief_held_at = occurred_at + interval '2 hours', debrief_held_by_id = $2 WHERE id = $1`, [first, users.manager]);
      await q(`UPDATE incident SET debrief_held_at = occurred_at + interval '26 hours', debrief_held_by_id = $2 WHERE id = $1`, [fourth, users.manager]);
      const staff = (incidentId: string, userId: string) =>
        q(`INSERT INTO incident_staff (incident_id, user_id, library_service_id) VALUES ($1, $2, $3)`, [incidentId, userId, demo]);
      const check = (incidentId: string, userId: string, item: string, answer: boolean) =>
        q(`INSERT INTO incident_welfare_check (incident_id, staff_user_id, item, library_service_id, answer, answered_by_id) VALUES ($1, $2, $3, $4, $5, $6)`, [
          incidentId,
          userId,
          item,
          demo,
          answer,
          users.manager,
        ]);
      await staff(first!, users.staff);
      await staff(fourth!, users.staff);
      await staff(fourth!, users.outreach);
      await check(first!, users.staff, 'PHYSICALLY_HURT', false);
      await check(fourth!, users.staff, 'PHYSICALLY_HURT', true);
      await check(fourth!, users.outreach, 'OFFERED_COUNSELLING', true);
      const r = await t.gql(
        `query($i: ReportPeriodInput!) { staffWelfareReport(input: $i) { incidents incidentsWithStaffInvolved staffInvolvements debriefsHeld notDebriefed medianHoursToDebrief averageHoursToDebrief welfareChecksComplete checklist { item answered yes } } }`,
        { i: MARCH },
        tok.manager,
      );
      expect(r.errors).toBeUndefined();
      const w = r.data.staffWelfareReport;
      expect(w).toMatchObject({
        incidents: 5,
        incidentsWithStaffInvolved: 2,
        staffInvolvements: 3,
        debriefsHeld: 2,
        notDebriefed: 3,
        medianHoursToDebrief: 14,
        averageHoursToDebrief: 14,
        welfareChecksComplete: 2,
      });
      expect(w.checklist.filter((x: any) => x.answered)).toEqual([
        { item: 'PHYSICALLY_HURT', answered: 2, yes: 1 },
        { item: 'OFFERED_COUNSELLING', answered: 1, yes: 1 },
      ]);
      expect(w.checklist).toHaveLength(6);
    });
  });

  describe('anonymised summary for the community safety partnership', () => {
    const june = () => ({ agreementId: agreement, partnerOrganisationId: csp, from: '2025-06-01T00:00:00Z', to: '2025-07-01T00:00:00Z', branchIds: [a, b, c] });

    it('a known table: the 3 suppressed, then others so no total gives it back; totals kept; audited as an export', async () => {
      const r = await t.gql(SUMMARY, { i: june() }, tok.manager);
      expect(r.errors).toBeUndefined();
      const s = r.data.anonymisedIncidentSummary;
      expect(s.threshold).toBe(5);
      expect(s.branches.map((x: any) => x.name)).toEqual(['Report Branch A', 'Report Branch B', 'Report Branch C']);
      const row = (category: string) => s.rows.find((x: any) => x.category === category);
      const values = (category: string) => [...row(category).cells.map((x: any) => x.value), row(category).total.value];
      expect(values('VERBAL_ABUSE')).toEqual([null, null, 15, 36]);
      expect(values('ANTISOCIAL_BEHAVIOUR')).toEqual([null, 10, null, 24]);
      expect(values('THEFT')).toEqual([null, null, null, 21]);
      expect(values('VIOLENCE')).toEqual([0, 0, 0, 0]);
      expect(s.branchTotals.map((x: any) => x.value)).toEqual([21, 26, 34]);
      expect(s.total.value).toBe(81);
      expect(row('THEFT').cells[0]).toEqual({ value: null, display: 'suppressed' });
      expect(s.note).toMatch(/fewer than 5/);
      const audit = await auditRows(t.db, { action: 'EXPORT', entityType: 'DataSharingAgreement', entityId: agreement });
      expect(audit.length).toBeGreaterThanOrEqual(1);
    });

    it('only under an agreement in force, for a CSP or council party to it, by a manager', async () => {
      expect(codeOf(await t.gql(SUMMARY, { i: { ...june(), partnerOrganisationId: police } }, tok.manager))).toBe('BAD_USER_INPUT');
      const suspended = await createAgreement(t.db, {
        serviceId: demo,
        createdById: users.manager,
        categories: ['IDENTITY'],
        organisationIds: [csp],
        status: 'SUSPENDED',
      });
      expect(codeOf(await t.gql(SUMMARY, { i: { ...june(), agreementId: suspended } }, tok.manager))).toBe('BAD_USER_INPUT');
      const notParty = await createAgreement(t.db, { serviceId: demo, createdById: users.manager, categories: ['IDENTITY'], organisationIds: [police] });
      expect(codeOf(await t.gql(SUMMARY, { i: { ...june(), agreementId: notParty } }, tok.manager))).toBe('BAD_USER_INPUT');
      for (const who of ['dpo', 'staff', 'pcso', 'outreach']) expect([who, codeOf(await t.gql(SUMMARY, { i: june() }, tok[who]))]).toEqual([who, 'FORBIDDEN']);
      // Another service's manager: our branches are not theirs, and our agreement is not found for them.
      expect(codeOf(await t.gql(SUMMARY, { i: june() }, tok.otherManager))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(SUMMARY, { i: { ...june(), branchIds: [otherBranch] } }, tok.otherManager))).toBe('NOT_FOUND');
    });
  });

  describe('downloads', () => {
    it('GET /exports/incident-statistics.csv streams the groups and the total, audited as an export', async () => {
      const res = await get(`/exports/incident-statistics.csv?from=${MARCH.from}&to=${MARCH.to}&groupBy=BRANCH,CATEGORY`, tok.manager);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="incident-statistics.csv"');
      expect(res.headers.get('x-export-rows')).toBe('4');
      const lines = (await res.text()).trimEnd().split('\r\n');
      expect(lines[0]).toBe('branch,branch_value,category,category_value,incidents');
      expect(
        lines
          .slice(1, -1)
          .map((l) => l.replace(/,[0-9a-f-]{36},/, ',<id>,'))
          .sort(),
      ).toEqual([
        'Report Branch A,<id>,Theft,THEFT,1',
        'Report Branch A,<id>,Verbal abuse,VERBAL_ABUSE,2',
        'Report Branch B,<id>,Verbal abuse,VERBAL_ABUSE,1',
        'Report Branch B,<id>,Violence,VIOLENCE,1',
      ]);
      expect(lines.at(-1)).toBe('Total,,,,5');
      expect((await auditRows(t.db, { action: 'EXPORT', entityType: 'IncidentStatistics', actorId: users.manager })).length).toBeGreaterThanOrEqual(1);
    });

    it('refuses without a token (401), for staff and partners (403), and bad input (400)', async () => {
      const path = `/exports/incident-statistics.csv?from=${MARCH.from}&to=${MARCH.to}&groupBy=MONTH`;
      const none = await get(path);
      expect(none.status).toBe(401);
      expect(((await none.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      for (const who of ['staff', 'pcso']) expect([who, (await get(path, tok[who])).status]).toEqual([who, 403]);
      expect((await get(`/exports/incident-statistics.csv?from=${MARCH.to}&to=${MARCH.from}&groupBy=MONTH`, tok.manager)).status).toBe(400);
      expect((await get(`/reports/summary.html?from=${MARCH.from}&to=${MARCH.to}`)).status).toBe(401);
      expect((await get(`/reports/summary.html?from=${MARCH.from}&to=${MARCH.to}`, tok.staff)).status).toBe(403);
    });

    it('GET /reports/summary.html renders in Chromium, with its SVG chart, on one A4 page (screenshot kept)', async () => {
      if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install -y chromium (CI installs it)`);
      mkdirSync(SHOTS, { recursive: true });
      // Midnight to midnight, UK time (the end of March is in summer time).
      const url = `${t.running.url}/reports/summary.html?from=2025-03-01T00:00:00Z&to=2026-03-31T23:00:00Z&branchIds=${a},${b}`;
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
      try {
        const context = await browser.newContext({ extraHTTPHeaders: { authorization: `Bearer ${tok.manager}` }, viewport: { width: 900, height: 1200 } });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
        const res = await page.goto(url);
        expect(res!.status()).toBe(200);
        expect(res!.headers()['content-type']).toBe('text/html; charset=utf-8');
        await page.getByRole('heading', { name: 'Incident summary' }).waitFor();
        const text = await page.innerText('body');
        for (const expected of [
          'Report Branch A, Report Branch B',
          '1 March 2025 to 31 March 2026',
          'Verbal abuse',
          'reported to the police',
          'Incidents per month',
        ]) {
          expect([expected, text.includes(expected)]).toEqual([expected, true]);
        }
        expect(text).not.toMatch(/Rep One|Rep Two|[0-9a-f]{8}-[0-9a-f]{4}-/);
        // The stylesheet applied under the page's own policy (no CSP error), and the chart is drawn: 13 months, bars in it.
        expect(errors).toEqual([]);
        const svg = page.locator('svg[role="img"]');
        expect(await svg.isVisible()).toBe(true);
        const box = (await svg.boundingBox())!;
        expect(box.width).toBeGreaterThan(400);
        expect(box.height).toBeGreaterThan(150);
        expect(await svg.locator('rect').count()).toBeGreaterThan(10);
        const shot = join(SHOTS, 'report-summary.png');
        await page.screenshot({ path: shot, fullPage: true });
        const png = await page.screenshot();
        // Not blank: a blank page compresses to a few kilobytes.
        expect(statSync(shot).size).toBeGreaterThan(20_000);
        expect(new Set(png.subarray(png.length / 2, png.length / 2 + 2000)).size).toBeGreaterThan(10);
        const pdf = await page.pdf({ preferCSSPageSize: true, path: join(SHOTS, 'report-summary.pdf') });
        const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
        expect(pages).toHaveLength(1);
        const mediaBox = pdf.toString('latin1').match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)/);
        expect(mediaBox && [Math.round(Number(mediaBox[1])), Math.round(Number(mediaBox[2]))]).toEqual([595, 842]);
      } finally {
        await browser.close();
      }
    }, 90_000);
  });
});
