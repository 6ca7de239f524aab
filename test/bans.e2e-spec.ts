import { calendarDate } from '../libs/common/src/index.js';
import { auditRows, createBan, createBranch, createLibraryService, createSubject, createUser, demoServiceId } from './support/builders.js';
import { codeOf, signInDemoUsers, startTestApp, type TestApp } from './support/test-app.js';

const BAN_FIELDS = `id subjectId subjectLabel status effectiveStatus isInForce scope branchIds incidentIds reason conditions notes proposedById confirmedById
  startsOn endsOn reviewOn liftedOn liftedById abaOffered abaSigned abaSignedOn appealLodgedOn appealOutcome appealOutcomeOn version
  dataProtection { lawfulBasis retainUntil } transitions { fromStatus toStatus byId at note }`;
const PROPOSE = `mutation($i: ProposeBanInput!) { proposeBan(input: $i) { ${BAN_FIELDS} } }`;
const UPDATE = `mutation($i: UpdateBanInput!) { updateBan(input: $i) { ${BAN_FIELDS} } }`;
const TRANSITION = `mutation($i: TransitionBanInput!) { transitionBan(input: $i) { ${BAN_FIELDS} } }`;
const BAN = `query($id: ID!) { ban(id: $id) { ${BAN_FIELDS} incidents { id description } } }`;
const BANS = `query($f: BanFilterInput, $first: Int) { bans(filter: $f, first: $first) { totalCount edges { node { id status effectiveStatus endsOn } } } }`;
const DESK = `query($b: ID!) { activeBans(branchId: $b) { totalCount edges { node { id branchId subjectId subjectLabel subjectName subjectDescription subjectAliases
  photoReference scope branchIds conditions status startsOn endsOn } } } }`;
const DUE = `query($d: Int) { bansDueForReview(withinDays: $d) { totalCount edges { node { id reviewOn effectiveStatus } } } }`;

const today = () => calendarDate();
const plusDays = (days: number) => new Date(Date.parse(`${today()}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('bans (e2e over HTTP)', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const user: Record<string, string> = {};
  let demo: string;
  let central: string;
  let northgate: string;
  let otherService: string;
  let otherBranch: string;
  let jon: string;
  let redJacket: string;
  let centralIncident: string;
  let northgateIncident: string;

  const subject = (serviceId: string, name: string | null, description: string | null, extra = '') =>
    createSubject(t.db, {
      serviceId,
      name,
      description,
      aliases: name ? [`${name.split(' ')[0]}ny`] : [],
      dateOfBirth: null,
      photoReference: `photos/${(name ?? 'unknown').toLowerCase().replace(/\W/g, '-')}${extra}.jpg`,
      notes: 'Internal: known to mental health team',
      adultAtRisk: true,
      retainUntil: '2032-01-01',
    });
  const incident = async (who: string, branchId: string, description: string) => {
    const r = await t.gql(
      `mutation($i: RecordIncidentInput!) { recordIncident(input: $i) { id } }`,
      { i: { occurredAt: new Date(Date.now() - 3600_000).toISOString(), branchId, category: 'THREATENING_BEHAVIOUR', description } },
      tok[who],
    );
    expect(r.errors).toBeUndefined();
    return r.data.recordIncident.id as string;
  };
  /** A confirmed ban made directly in the database, for dates the API would refuse (e.g. already ended). */
  const insertBan = (o: { subjectId: string; status: string; startsOn: string; endsOn: string; reviewOn?: string | null; serviceId?: string }) =>
    createBan(t.db, {
      serviceId: o.serviceId ?? demo,
      subjectId: o.subjectId,
      byId: user.manager,
      status: o.status,
      reason: 'Set up by the test',
      conditions: null,
      notes: null,
      startsOn: o.startsOn,
      endsOn: o.endsOn,
      reviewOn: o.reviewOn ?? null,
      retainUntil: '2099-01-01',
    });

  beforeAll(async () => {
    t = await startTestApp();
    demo = await demoServiceId(t.db);
    const branches: { id: string; name: string }[] = await t.db.query('SELECT id, name FROM branch WHERE library_service_id = $1', [demo]);
    central = branches.find((b) => b.name === 'Central Library')!.id;
    northgate = branches.find((b) => b.name === 'Northgate Library')!.id;
    await signInDemoUsers(t, tok, user);
    user.northgateStaff = await createUser(t.db, { email: 'northgate.staff@demo.test', role: 'STAFF', serviceId: demo, branchIds: [northgate] });
    tok.northgateStaff = await t.login('northgate.staff@demo.test');
    otherService = await createLibraryService(t.db, { name: 'Neighbouring County Libraries' });
    otherBranch = await createBranch(t.db, { serviceId: otherService, name: 'Neighbouring Central' });
    user.otherManager = await createUser(t.db, { email: 'manager@other.test', role: 'MANAGER', serviceId: otherService });
    tok.otherManager = await t.login('manager@other.test');
    jon = await subject(demo, 'Jon Smith', null);
    redJacket = await subject(demo, null, 'Male, 30s, red jacket');
    centralIncident = await incident('staff', central, 'Threatened staff at the counter');
    northgateIncident = await incident('northgateStaff', northgate, 'Threatened a volunteer');
  });
  afterAll(() => t.close());

  describe("a ban's whole life", () => {
    let ban: any;

    it('STAFF propose a ban in the moment: PROPOSED, not yet in force, its proposal recorded', async () => {
      const r = await t.gql(
        PROPOSE,
        {
          i: {
            subjectId: jon,
            scope: 'LISTED_BRANCHES',
            branchIds: [central],
            reason: 'Threatened staff at the counter',
            incidentIds: [centralIncident],
            conditions: 'May use the home library service',
            notes: 'Staff member shaken; see debrief',
          },
        },
        tok.staff,
      );
      expect(r.errors).toBeUndefined();
      ban = r.data.proposeBan;
      expect(ban).toMatchObject({
        status: 'PROPOSED',
        effectiveStatus: 'PROPOSED',
        isInForce: false,
        scope: 'LISTED_BRANCHES',
        branchIds: [central],
        incidentIds: [centralIncident],
        proposedById: user.staff,
        confirmedById: null,
        startsOn: today(),
        endsOn: null,
        subjectLabel: 'Jon Smith',
        version: 1,
        dataProtection: { lawfulBasis: 'PUBLIC_TASK', retainUntil: `${Number(today().slice(0, 4)) + 2}${today().slice(4)}` },
      });
      expect(ban.transitions).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'PROPOSED', byId: user.staff })]);
      expect(await auditRows(t.db, { action: 'CREATE', entityType: 'Ban', entityId: ban.id })).toHaveLength(1);
      // The proposer reads their own proposal; a colleague at another branch does not.
      expect((await t.gql(BAN, { id: ban.id }, tok.staff)).data.ban.id).toBe(ban.id);
      expect(codeOf(await t.gql(BAN, { id: ban.id }, tok.northgateStaff))).toBe('NOT_FOUND');
      // Not in force until a manager confirms it.
      expect((await t.gql(DESK, { b: central }, tok.staff)).data.activeBans.edges.map((e: any) => e.node.id)).not.toContain(ban.id);
    });

    it('only a manager confirms, reviews or lifts: STAFF, outreach and the DPO are FORBIDDEN', async () => {
      for (const who of ['staff', 'outreach', 'dpo']) {
        expect(codeOf(await t.gql(TRANSITION, { i: { id: ban.id, version: ban.version, to: 'ACTIVE' } }, tok[who]))).toBe('FORBIDDEN');
      }
      expect(codeOf(await t.gql(UPDATE, { i: { id: ban.id, version: ban.version, endsOn: plusDays(90) } }, tok.staff))).toBe('FORBIDDEN');
    });

    it('a ban cannot be confirmed without an end date; end before start and review after end are refused', async () => {
      const noEnd = await t.gql(TRANSITION, { i: { id: ban.id, version: ban.version, to: 'ACTIVE' } }, tok.manager);
      expect(codeOf(noEnd)).toBe('BAD_USER_INPUT');
      expect(noEnd.errors![0].message).toMatch(/from PROPOSED to ACTIVE without an end date/);
      const endBeforeStart = await t.gql(UPDATE, { i: { id: ban.id, version: ban.version, startsOn: plusDays(10), endsOn: plusDays(5) } }, tok.manager);
      expect(codeOf(endBeforeStart)).toBe('BAD_USER_INPUT');
      expect(endBeforeStart.errors![0].message).toMatch(/endsOn \(.*\) is before startsOn/);
      const reviewAfterEnd = await t.gql(UPDATE, { i: { id: ban.id, version: ban.version, endsOn: plusDays(90), reviewOn: plusDays(91) } }, tok.manager);
      expect(codeOf(reviewAfterEnd)).toBe('BAD_USER_INPUT');
      expect(reviewAfterEnd.errors![0].message).toMatch(/reviewOn \(.*\) is after endsOn/);
      const signedNotOffered = await t.gql(UPDATE, { i: { id: ban.id, version: ban.version, abaSigned: true } }, tok.manager);
      expect(codeOf(signedNotOffered)).toBe('BAD_USER_INPUT');
      const listedWithoutBranches = await t.gql(UPDATE, { i: { id: ban.id, version: ban.version, branchIds: [] } }, tok.manager);
      expect(codeOf(listedWithoutBranches)).toBe('BAD_USER_INPUT');
      expect((await t.db.query('SELECT version, ends_on FROM ban WHERE id = $1', [ban.id]))[0]).toEqual({ version: 1, ends_on: null });
    });

    it('a manager sets the dates and confirms: ACTIVE, in force, on the desk view of the branches it covers only', async () => {
      const dated = await t.gql(
        UPDATE,
        { i: { id: ban.id, version: ban.version, endsOn: plusDays(90), reviewOn: plusDays(10), abaOffered: true } },
        tok.manager,
      );
      expect(dated.errors).toBeUndefined();
      expect(dated.data.updateBan).toMatchObject({ endsOn: plusDays(90), reviewOn: plusDays(10), version: 2 });
      const stale = await t.gql(TRANSITION, { i: { id: ban.id, version: 1, to: 'ACTIVE' } }, tok.manager);
      expect(codeOf(stale)).toBe('CONFLICT');
      const r = await t.gql(TRANSITION, { i: { id: ban.id, version: 2, to: 'ACTIVE', note: 'Confirmed after speaking to the staff member' } }, tok.manager);
      expect(r.errors).toBeUndefined();
      ban = r.data.transitionBan;
      expect(ban).toMatchObject({ status: 'ACTIVE', effectiveStatus: 'ACTIVE', isInForce: true, confirmedById: user.manager, version: 3 });
      expect(ban.dataProtection.retainUntil).toBe(`${Number(plusDays(90).slice(0, 4)) + 2}${plusDays(90).slice(4)}`);

      const desk = await t.gql(DESK, { b: central }, tok.staff);
      expect(desk.errors).toBeUndefined();
      const notice = desk.data.activeBans.edges.find((e: any) => e.node.id === ban.id)?.node;
      expect(notice).toEqual({
        id: ban.id,
        branchId: central,
        subjectId: jon,
        subjectLabel: 'Jon Smith',
        subjectName: 'Jon Smith',
        subjectDescription: null,
        subjectAliases: ['Jonny'],
        photoReference: 'photos/jon-smith.jpg',
        scope: 'LISTED_BRANCHES',
        branchIds: [central],
        conditions: 'May use the home library service',
        status: 'ACTIVE',
        startsOn: today(),
        endsOn: plusDays(90),
      });
      const northgateDesk = await t.gql(DESK, { b: northgate }, tok.manager);
      expect(northgateDesk.data.activeBans.edges.map((e: any) => e.node.id)).not.toContain(ban.id);
    });

    it('the desk view shows no reason, notes, flags or special category data', async () => {
      for (const field of ['reason', 'notes', 'isAdultAtRisk', 'specialCategories', 'incidentIds']) {
        const r = await t.gql(`query($b: ID!) { activeBans(branchId: $b) { edges { node { id ${field} } } } }`, { b: central }, tok.staff);
        expect(r.errors?.[0]?.message).toMatch(/Cannot query field/);
      }
      const type = await t.gql(`{ __type(name: "BanNotice") { fields { name } } }`, {}, tok.staff);
      const fields = type.data.__type.fields.map((f: any) => f.name);
      expect(fields).not.toEqual(expect.arrayContaining(['reason']));
      expect(fields.filter((f: string) => /notes|reason|safeguard|risk|special|health|ethnic|religio/i.test(f))).toEqual([]);
    });

    it('STAFF see the desk view of their own branches only; PARTNER and other services not at all', async () => {
      const refused = await t.gql(DESK, { b: northgate }, tok.staff);
      expect(codeOf(refused)).toBe('FORBIDDEN');
      expect(refused.errors![0].message).toMatch(/your own branches/);
      expect(codeOf(await t.gql(DESK, { b: central }, tok.northgateStaff))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(DESK, { b: central }, tok.pcso))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(DESK, { b: central }, tok.admin))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(DESK, { b: central }, tok.otherManager))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(DESK, { b: otherBranch }, tok.manager))).toBe('BAD_USER_INPUT');
      for (const who of ['outreach', 'dpo']) expect((await t.gql(DESK, { b: central }, tok[who])).data.activeBans.totalCount).toBeGreaterThanOrEqual(1);
    });

    it('a branch that is not yours is refused alike by the desk bans and the desk warnings, and only that field: the rest of the request stands', async () => {
      const published = await t.gql(
        `mutation($i: PublishBranchWarningInput!) { publishBranchWarning(input: $i) { id } }`,
        { i: { branchId: central, text: 'Tall man, blue cap: call the duty manager' } },
        tok.manager,
      );
      expect(published.errors).toBeUndefined();
      const BOTH = `query($own: ID!, $other: ID!) {
        ownBans: activeBans(branchId: $own) { totalCount edges { node { id } } } otherBans: activeBans(branchId: $other) { totalCount }
        ownWarnings: branchWarnings(branchId: $own) { edges { node { id } } } otherWarnings: branchWarnings(branchId: $other) { totalCount } }`;
      const r = await t.gql(BOTH, { own: central, other: northgate }, tok.staff);
      expect(r.data.ownBans.edges.map((e: any) => e.node.id)).toContain(ban.id);
      expect(r.data.ownWarnings.edges.map((e: any) => e.node.id)).toContain(published.data.publishBranchWarning.id);
      expect({ otherBans: r.data.otherBans, otherWarnings: r.data.otherWarnings }).toEqual({ otherBans: null, otherWarnings: null });
      // Said plainly, not answered empty (an empty desk list would read as "nobody is banned here"); the same words for both.
      expect(r.errors!.map((e) => [e.extensions?.code, (e as any).path, e.message]).sort()).toEqual([
        ['FORBIDDEN', ['otherBans'], 'You may see the bans and warnings of your own branches only'],
        ['FORBIDDEN', ['otherWarnings'], 'You may see the bans and warnings of your own branches only'],
      ]);
      // Another service's branch is not one of yours either: refused as input, saying nothing of it, for both.
      const other = await t.gql(BOTH, { own: otherBranch, other: otherBranch }, tok.manager);
      expect(other.errors!.map((e) => [e.extensions?.code, e.message.includes('is not a branch of your library service')])).toEqual([
        ['BAD_USER_INPUT', true],
        ['BAD_USER_INPUT', true],
        ['BAD_USER_INPUT', true],
        ['BAD_USER_INPUT', true],
      ]);
      expect(other.data).toEqual({ ownBans: null, otherBans: null, ownWarnings: null, otherWarnings: null });
    });

    it('refused moves name the from and to statuses', async () => {
      const back = await t.gql(TRANSITION, { i: { id: ban.id, version: ban.version, to: 'PROPOSED' } }, tok.manager);
      expect(codeOf(back)).toBe('BAD_USER_INPUT');
      expect(back.errors![0].message).toMatch(/from ACTIVE to PROPOSED/);
      const expire = await t.gql(TRANSITION, { i: { id: ban.id, version: ban.version, to: 'EXPIRED' } }, tok.manager);
      expect(codeOf(expire)).toBe('BAD_USER_INPUT');
      expect(expire.errors![0].message).toMatch(/from ACTIVE to EXPIRED.*endsOn/);
      const same = await t.gql(TRANSITION, { i: { id: ban.id, version: ban.version, to: 'ACTIVE' } }, tok.manager);
      expect(codeOf(same)).toBe('CONFLICT');
      expect(same.errors![0].message).toMatch(/from ACTIVE to ACTIVE: from ACTIVE it may go to UNDER_REVIEW or LIFTED/);
      expect(same.errors![0].extensions).toMatchObject({ from: 'ACTIVE', to: 'ACTIVE' });
      const endInPast = await t.gql(UPDATE, { i: { id: ban.id, version: ban.version, endsOn: plusDays(-1) } }, tok.manager);
      expect(codeOf(endInPast)).toBe('BAD_USER_INPUT');
    });

    it('review and appeal: UNDER_REVIEW still applies at the desk; back to ACTIVE after the review', async () => {
      const review = await t.gql(TRANSITION, { i: { id: ban.id, version: ban.version, to: 'UNDER_REVIEW', note: 'Appeal lodged' } }, tok.manager);
      expect(review.data.transitionBan.effectiveStatus).toBe('UNDER_REVIEW');
      ban = review.data.transitionBan;
      const appeal = await t.gql(
        UPDATE,
        {
          i: {
            id: ban.id,
            version: ban.version,
            appealLodgedOn: today(),
            appealOutcome: 'VARIED',
            appealOutcomeOn: today(),
            conditions: 'May attend the Tuesday job club',
          },
        },
        tok.manager,
      );
      expect(appeal.errors).toBeUndefined();
      ban = appeal.data.updateBan;
      expect(ban).toMatchObject({ appealOutcome: 'VARIED', appealLodgedOn: today() });
      const notice = (await t.gql(DESK, { b: central }, tok.staff)).data.activeBans.edges.find((e: any) => e.node.id === ban.id).node;
      expect(notice).toMatchObject({ status: 'UNDER_REVIEW', conditions: 'May attend the Tuesday job club' });
      const decidedBeforeLodged = await t.gql(UPDATE, { i: { id: ban.id, version: ban.version, appealOutcomeOn: plusDays(-1) } }, tok.manager);
      expect(codeOf(decidedBeforeLodged)).toBe('BAD_USER_INPUT');
      const resumed = await t.gql(TRANSITION, { i: { id: ban.id, version: ban.version, to: 'ACTIVE', note: 'Upheld with varied conditions' } }, tok.manager);
      ban = resumed.data.transitionBan;
      expect(ban.effectiveStatus).toBe('ACTIVE');
    });

    it('lifting needs a reason, ends the ban everywhere, and is final', async () => {
      const noReason = await t.gql(TRANSITION, { i: { id: ban.id, version: ban.version, to: 'LIFTED' } }, tok.manager);
      expect(codeOf(noReason)).toBe('BAD_USER_INPUT');
      const lifted = await t.gql(
        TRANSITION,
        { i: { id: ban.id, version: ban.version, to: 'LIFTED', note: 'Signed an acceptable behaviour agreement' } },
        tok.manager,
      );
      expect(lifted.errors).toBeUndefined();
      ban = lifted.data.transitionBan;
      expect(ban).toMatchObject({ status: 'LIFTED', effectiveStatus: 'LIFTED', isInForce: false, liftedOn: today(), liftedById: user.manager });
      expect(ban.dataProtection.retainUntil).toBe(`${Number(today().slice(0, 4)) + 2}${today().slice(4)}`);
      expect((await t.gql(DESK, { b: central }, tok.staff)).data.activeBans.edges.map((e: any) => e.node.id)).not.toContain(ban.id);
      const again = await t.gql(TRANSITION, { i: { id: ban.id, version: ban.version, to: 'ACTIVE' } }, tok.manager);
      expect(codeOf(again)).toBe('CONFLICT');
      expect(again.errors![0].message).toMatch(/from LIFTED to ACTIVE: LIFTED is final/);
      expect(codeOf(await t.gql(UPDATE, { i: { id: ban.id, version: ban.version, endsOn: plusDays(200) } }, tok.manager))).toBe('CONFLICT');
      // What was agreed on leaving may still be recorded.
      const aba = await t.gql(UPDATE, { i: { id: ban.id, version: ban.version, abaSigned: true, abaSignedOn: today() } }, tok.manager);
      expect(aba.data.updateBan).toMatchObject({ abaSigned: true, abaSignedOn: today() });
    });

    it('keeps the whole history: who moved it, from what, to what, when and why', async () => {
      const r = await t.gql(BAN, { id: ban.id }, tok.manager);
      expect(r.data.ban.transitions.map((s: any) => [s.fromStatus, s.toStatus, s.byId])).toEqual([
        [null, 'PROPOSED', user.staff],
        ['PROPOSED', 'ACTIVE', user.manager],
        ['ACTIVE', 'UNDER_REVIEW', user.manager],
        ['UNDER_REVIEW', 'ACTIVE', user.manager],
        ['ACTIVE', 'LIFTED', user.manager],
      ]);
      expect(r.data.ban.transitions.at(-1).note).toBe('Signed an acceptable behaviour agreement');
      const times = r.data.ban.transitions.map((s: any) => Date.parse(s.at));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(r.data.ban.incidents).toEqual([{ id: centralIncident, description: 'Threatened staff at the counter' }]);
      const updates = await auditRows(t.db, { action: 'UPDATE', entityType: 'Ban', entityId: ban.id });
      expect(updates.length).toBeGreaterThanOrEqual(7);
    });
  });

  describe('proposals', () => {
    it('STAFF may link only incidents they can see; the person must be recorded in the service', async () => {
      const base = { subjectId: redJacket, scope: 'ALL_BRANCHES', reason: 'Threatened a volunteer' };
      const otherBranchIncident = await t.gql(PROPOSE, { i: { ...base, incidentIds: [northgateIncident] } }, tok.staff);
      expect(codeOf(otherBranchIncident)).toBe('BAD_USER_INPUT');
      expect(otherBranchIncident.errors![0].message).toMatch(/not an incident you can see/);
      const otherSubject = await subject(otherService, 'Someone Elsewhere', null);
      expect(codeOf(await t.gql(PROPOSE, { i: { ...base, subjectId: otherSubject } }, tok.staff))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(PROPOSE, { i: { ...base, branchIds: [central] } }, tok.staff))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(PROPOSE, { i: { ...base, scope: 'LISTED_BRANCHES', branchIds: [otherBranch] } }, tok.staff))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(PROPOSE, { i: { ...base, endsOn: plusDays(-1), startsOn: plusDays(-10) } }, tok.staff))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(PROPOSE, { i: { ...base, startsOn: '2026-02-30' } }, tok.staff))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(PROPOSE, { i: { ...base, reason: ' ' } }, tok.staff))).toBe('BAD_USER_INPUT');
      expect((await t.db.query('SELECT count(*)::int AS n FROM ban WHERE subject_id = $1', [redJacket]))[0].n).toBe(0);
    });

    it('outreach workers propose too; ADMIN, PARTNER and the DPO may not', async () => {
      const r = await t.gql(PROPOSE, { i: { subjectId: redJacket, scope: 'ALL_BRANCHES', reason: 'Repeated threats', endsOn: plusDays(30) } }, tok.outreach);
      expect(r.errors).toBeUndefined();
      for (const who of ['admin', 'pcso', 'dpo']) {
        expect(codeOf(await t.gql(PROPOSE, { i: { subjectId: redJacket, scope: 'ALL_BRANCHES', reason: 'x' } }, tok[who]))).toBe('FORBIDDEN');
      }
    });

    it('an ALL_BRANCHES ban shows on the desk view of every branch, labelled by description when the name is unknown', async () => {
      const [{ id }] = await t.db.query(`SELECT id FROM ban WHERE subject_id = $1 AND status = 'PROPOSED'`, [redJacket]);
      const confirmed = await t.gql(TRANSITION, { i: { id, version: 1, to: 'ACTIVE' } }, tok.manager);
      expect(confirmed.errors).toBeUndefined();
      const atNorthgate = (await t.gql(DESK, { b: northgate }, tok.northgateStaff)).data.activeBans.edges.map((e: any) => e.node);
      expect(atNorthgate).toEqual(
        expect.arrayContaining([expect.objectContaining({ id, subjectLabel: 'Male, 30s, red jacket', scope: 'ALL_BRANCHES', branchIds: [] })]),
      );
      const atCentral = (await t.gql(DESK, { b: central }, tok.staff)).data.activeBans.edges.map((e: any) => e.node.id);
      expect(atCentral).toContain(id);
    });
  });

  describe('expiry computed from the dates', () => {
    let expired: string;
    let expiredUnderReview: string;
    let lastDay: string;

    beforeAll(async () => {
      const person = await subject(demo, 'Pat Expired', null);
      expired = await insertBan({ subjectId: person, status: 'ACTIVE', startsOn: plusDays(-60), endsOn: plusDays(-1), reviewOn: plusDays(-30) });
      expiredUnderReview = await insertBan({ subjectId: person, status: 'UNDER_REVIEW', startsOn: plusDays(-60), endsOn: plusDays(-2) });
      lastDay = await insertBan({ subjectId: person, status: 'ACTIVE', startsOn: plusDays(-60), endsOn: today() });
    });

    it('an ACTIVE ban whose end date has passed reads as EXPIRED, with no job run', async () => {
      const r = await t.gql(BAN, { id: expired }, tok.manager);
      expect(r.data.ban).toMatchObject({ status: 'ACTIVE', effectiveStatus: 'EXPIRED', isInForce: false });
      expect((await t.gql(BAN, { id: lastDay }, tok.manager)).data.ban).toMatchObject({ effectiveStatus: 'ACTIVE', isInForce: true });
    });

    it('lists filter on the effective status in SQL', async () => {
      const exp = await t.gql(BANS, { f: { statuses: ['EXPIRED'] }, first: 100 }, tok.manager);
      expect(exp.data.bans.edges.map((e: any) => e.node.id).sort()).toEqual([expired, expiredUnderReview].sort());
      expect(exp.data.bans.totalCount).toBe(2);
      const active = await t.gql(BANS, { f: { statuses: ['ACTIVE'] }, first: 100 }, tok.manager);
      const activeIds = active.data.bans.edges.map((e: any) => e.node.id);
      expect(activeIds).toContain(lastDay);
      expect(activeIds).not.toContain(expired);
    });

    it('an expired ban is off the desk view and cannot be moved or have its terms changed', async () => {
      const desk = (await t.gql(DESK, { b: central }, tok.staff)).data.activeBans.edges.map((e: any) => e.node.id);
      expect(desk).toContain(lastDay);
      expect(desk).not.toContain(expired);
      expect(desk).not.toContain(expiredUnderReview);
      const lift = await t.gql(TRANSITION, { i: { id: expired, version: 1, to: 'LIFTED', note: 'x' } }, tok.manager);
      expect(codeOf(lift)).toBe('CONFLICT');
      expect(lift.errors![0].message).toMatch(/from EXPIRED to LIFTED/);
      expect(codeOf(await t.gql(UPDATE, { i: { id: expired, version: 1, endsOn: plusDays(30) } }, tok.manager))).toBe('CONFLICT');
    });
  });

  describe('bansDueForReview', () => {
    let soon: string;
    let overdue: string;
    let later: string;
    let expiredWithReview: string;

    beforeAll(async () => {
      const person = await subject(demo, 'Robin Review', null);
      soon = await insertBan({ subjectId: person, status: 'ACTIVE', startsOn: plusDays(-10), endsOn: plusDays(100), reviewOn: plusDays(5) });
      overdue = await insertBan({ subjectId: person, status: 'UNDER_REVIEW', startsOn: plusDays(-30), endsOn: plusDays(60), reviewOn: plusDays(-3) });
      later = await insertBan({ subjectId: person, status: 'ACTIVE', startsOn: plusDays(-10), endsOn: plusDays(100), reviewOn: plusDays(40) });
      expiredWithReview = await insertBan({ subjectId: person, status: 'ACTIVE', startsOn: plusDays(-30), endsOn: plusDays(-1), reviewOn: plusDays(-5) });
      const otherPerson = await subject(otherService, 'Elsewhere Review', null);
      await insertBan({
        subjectId: otherPerson,
        status: 'ACTIVE',
        startsOn: plusDays(-10),
        endsOn: plusDays(100),
        reviewOn: plusDays(1),
        serviceId: otherService,
      });
    });
    const idsOf = (r: any) => r.data.bansDueForReview.edges.map((e: any) => e.node.id);

    it('lists running bans reviewed within the window, overdue first; not expired ones, not other services', async () => {
      const r = await t.gql(DUE, { d: 14 }, tok.manager);
      expect(r.errors).toBeUndefined();
      const ids = idsOf(r);
      expect(ids.indexOf(overdue)).toBeLessThan(ids.indexOf(soon));
      expect(ids).toEqual(expect.arrayContaining([overdue, soon]));
      expect(ids).not.toContain(later);
      expect(ids).not.toContain(expiredWithReview);
      const dates = r.data.bansDueForReview.edges.map((e: any) => e.node.reviewOn);
      expect([...dates].sort()).toEqual(dates);
      expect(idsOf(await t.gql(DUE, { d: 0 }, tok.manager))).toEqual(expect.arrayContaining([overdue]));
      expect(idsOf(await t.gql(DUE, { d: 0 }, tok.manager))).not.toContain(soon);
      expect(idsOf(await t.gql(DUE, { d: 60 }, tok.manager))).toContain(later);
      expect(idsOf(await t.gql(DUE, {}, tok.manager))).toContain(soon); // 14 days by default
    });

    it('is for managers: others get an empty list; a window out of range is BAD_USER_INPUT', async () => {
      for (const who of ['staff', 'outreach', 'dpo', 'pcso']) expect((await t.gql(DUE, { d: 30 }, tok[who])).data.bansDueForReview.totalCount).toBe(0);
      expect(codeOf(await t.gql(DUE, { d: 400 }, tok.manager))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(DUE, { d: -1 }, tok.manager))).toBe('BAD_USER_INPUT');
      expect(idsOf(await t.gql(DUE, { d: 30 }, tok.otherManager))).toHaveLength(1);
    });
  });

  describe('who sees which bans', () => {
    it('another library service sees none of ours; PARTNER and ADMIN see none; STAFF only their own proposals', async () => {
      const ours = (await t.db.query('SELECT id FROM ban WHERE library_service_id = $1', [demo])).map((r: any) => r.id);
      const other = await t.gql(BANS, { first: 100 }, tok.otherManager);
      expect(other.data.bans.edges.map((e: any) => e.node.id).filter((id: string) => ours.includes(id))).toEqual([]);
      expect(codeOf(await t.gql(BAN, { id: ours[0] }, tok.otherManager))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(TRANSITION, { i: { id: ours[0], version: 1, to: 'LIFTED', note: 'x' } }, tok.otherManager))).toBe('NOT_FOUND');
      for (const who of ['pcso', 'admin']) expect((await t.gql(BANS, {}, tok[who])).data.bans.totalCount).toBe(0);
      const staff = await t.gql(BANS, { first: 100 }, tok.staff);
      const proposedByStaff = (await t.db.query('SELECT count(*)::int AS n FROM ban WHERE proposed_by_id = $1', [user.staff]))[0].n;
      expect(staff.data.bans.totalCount).toBe(proposedByStaff);
      for (const who of ['manager', 'outreach', 'dpo']) expect((await t.gql(BANS, { first: 100 }, tok[who])).data.bans.totalCount).toBe(ours.length);
    });

    it('filters by person and branch (all-branch bans cover every branch)', async () => {
      const byPerson = await t.gql(BANS, { f: { subjectId: jon } }, tok.manager);
      expect(byPerson.data.bans.totalCount).toBe(1);
      const atNorthgate = await t.gql(BANS, { f: { branchIds: [northgate] }, first: 100 }, tok.manager);
      const listedAtCentral = (await t.db.query(`SELECT id FROM ban WHERE subject_id = $1`, [jon]))[0].id;
      expect(atNorthgate.data.bans.edges.map((e: any) => e.node.id)).not.toContain(listedAtCentral);
      const atCentral = await t.gql(BANS, { f: { branchIds: [central] }, first: 100 }, tok.manager);
      expect(atCentral.data.bans.edges.map((e: any) => e.node.id)).toContain(listedAtCentral);
    });

    it('reads of bans and of the desk view are audited, one row per record returned', async () => {
      const desk = await t.gql(DESK, { b: central }, tok.staff, { 'x-purpose': 'Desk check at opening' });
      const returned = desk.data.activeBans.edges.map((e: any) => e.node.id);
      expect(returned.length).toBeGreaterThan(0);
      const rows = (await auditRows(t.db, { action: 'READ', entityType: 'BanNotice', actorId: user.staff })).slice(-returned.length);
      expect(rows.map((r: any) => r.entity_id).sort()).toEqual([...returned].sort());
      expect(rows.every((r: any) => r.purpose === 'Desk check at opening')).toBe(true);
      const [{ id }] = await t.db.query(`SELECT id FROM ban WHERE subject_id = $1`, [jon]);
      const before = (await auditRows(t.db, { action: 'READ', entityType: 'Ban', entityId: id, actorId: user.dpo })).length;
      await t.gql(BAN, { id }, tok.dpo);
      expect(await auditRows(t.db, { action: 'READ', entityType: 'Ban', entityId: id, actorId: user.dpo })).toHaveLength(before + 1);
    });
  });
});
