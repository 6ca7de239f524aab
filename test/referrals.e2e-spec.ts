import { addYears } from '../libs/common/src/index.js';
import { isPastDeadline } from '../libs/referrals/src/index.js';
import { auditRows, createLibraryService, createPartner, createReferral, createSubject, createUser, demoServiceId } from './support/builders.js';
import { codeOf, type GqlResult, startTestApp, type TestApp } from './support/test-app.js';

const FIELDS = `id status version needs urgency reason contactRoute consent consentRecordedAt consentMethod lawfulBasisJustification
  partnerOrganisationId referredById sentAt acceptedAt declinedAt withdrawnAt startedAt closedAt outcome outcomeNotes declineReason declineDetails
  responseDueAt isOverdue dataProtection { lawfulBasis specialCategoryCondition retainUntil } subject { id name description }`;
const CREATE = `mutation CreateReferral($i: CreateReferralInput!) { createReferral(input: $i) { ${FIELDS} transitions { fromStatus toStatus actorId actorRole at } } }`;
const UPDATE = `mutation UpdateReferral($i: UpdateReferralInput!) { updateReferral(input: $i) { ${FIELDS} } }`;
const SEND = `mutation SendReferral($id: ID!, $v: Int!) { sendReferral(input: { id: $id, version: $v }) { ${FIELDS} } }`;
const WITHDRAW = `mutation WithdrawReferral($id: ID!, $v: Int!, $reason: String) { withdrawReferral(input: { id: $id, version: $v, reason: $reason }) { ${FIELDS} } }`;
const ACCEPT = `mutation AcceptReferral($id: ID!, $v: Int!) { acceptReferral(input: { id: $id, version: $v }) { ${FIELDS} } }`;
const DECLINE = `mutation DeclineReferral($id: ID!, $v: Int!, $reason: ReferralDeclineReason!, $details: String) {
  declineReferral(input: { id: $id, version: $v, reason: $reason, details: $details }) { ${FIELDS} } }`;
const START = `mutation StartReferral($id: ID!, $v: Int!) { startReferral(input: { id: $id, version: $v }) { ${FIELDS} } }`;
const CLOSE = `mutation CloseReferral($id: ID!, $v: Int!, $outcome: ReferralOutcome!, $notes: String) {
  closeReferral(input: { id: $id, version: $v, outcome: $outcome, notes: $notes }) { ${FIELDS} } }`;
const ADD_UPDATE = `mutation AddReferralUpdate($r: ID!, $b: String!) { addReferralUpdate(input: { referralId: $r, body: $b }) { id referralId authorId authorRole body createdAt } }`;
const ONE = `query Referral($id: ID!) { referral(id: $id) { ${FIELDS} partnerOrganisation { id name }
  transitions { fromStatus toStatus actorId actorRole at } updates { totalCount edges { node { id authorId authorRole body } } } } }`;
const LIST = `query Referrals($f: ReferralFilterInput, $first: Int, $after: String) { referrals(filter: $f, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id status needs urgency referredById partnerOrganisationId createdAt } } } }`;
const INCOMING = `query IncomingReferrals($f: IncomingReferralFilterInput, $first: Int) { incomingReferrals(filter: $f, first: $first) {
  totalCount edges { node { id status needs urgency reason contactRoute subject { name description } } } } }`;
const OVERDUE = `query OverdueReferrals($first: Int) { overdueReferrals(first: $first) { totalCount edges { node { id status urgency sentAt isOverdue responseDueAt partnerOrganisationId } } } }`;
const STATS = `query ReferralStatistics($from: DateTime!, $to: DateTime!, $g: ReferralStatisticsGroupBy!) { referralStatistics(from: $from, to: $to, groupBy: $g) {
  groups { key label sent accepted declined withdrawn awaitingAnswer closed closedByOutcome { needsMet partlyMet notMet disengaged referredOn } acceptanceRate medianHoursToAccept }
  total { key sent accepted declined withdrawn awaitingAnswer closed closedByOutcome { needsMet partlyMet notMet disengaged referredOn } acceptanceRate medianHoursToAccept } } }`;

type Ref = { id: string; version: number; status: string; [k: string]: any };

describe('referrals (e2e over HTTP)', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const uid: Record<string, string> = {};
  let demo: string;
  let police: string;
  let foodbank: string;
  let other: string;
  let otherPartner: string;
  let subjectA: string; // named
  let subjectB: string; // description only
  let otherSubject: string;

  const ok = <T>(r: GqlResult<T>): T => {
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data;
  };
  const consentGiven = { consent: 'GIVEN', consentRecordedAt: '2026-01-05T10:00:00.000Z', consentMethod: 'Verbally, in person at Central Library' };
  const draftInput = (extra: Record<string, unknown> = {}) => ({
    subjectId: subjectA,
    partnerOrganisationId: police,
    needs: ['HOUSING', 'FOOD'],
    reason: 'Sleeping rough near the library; asked for help',
    urgency: 'SOON',
    contactRoute: 'At Central Library most mornings, or via the outreach worker',
    ...consentGiven,
    ...extra,
  });
  const create = async (extra: Record<string, unknown> = {}, who = 'outreach'): Promise<Ref> =>
    ok(await t.gql(CREATE, { i: draftInput(extra) }, tok[who])).createReferral;
  const move = async (op: string, r: Ref, who: string, extra: Record<string, unknown> = {}) => t.gql(op, { id: r.id, v: r.version, ...extra }, tok[who]);
  /** The outreach worker's change to a draft, at the version last read. */
  const edit = async (r: Ref, change: Record<string, unknown>): Promise<Ref> =>
    ok(await t.gql(UPDATE, { i: { id: r.id, version: r.version, ...change } }, tok.outreach)).updateReferral;
  const moved = async (op: string, r: Ref, who: string, extra: Record<string, unknown> = {}): Promise<Ref> => {
    const res = ok(await move(op, r, who, extra)) as Record<string, Ref>;
    return Object.values(res)[0]!;
  };
  const sent = async (extra: Record<string, unknown> = {}) => moved(SEND, await create(extra), 'outreach');
  const insertSubject = (serviceId: string, name: string | null, description: string | null, createdBy: string) =>
    createSubject(t.db, {
      serviceId,
      name,
      description,
      createdById: createdBy,
      aliases: [],
      dateOfBirth: null,
      photoReference: null,
      notes: null,
      retainUntil: '2032-01-01',
    });

  beforeAll(async () => {
    t = await startTestApp();
    demo = await demoServiceId(t.db);
    [{ id: police }] = await t.db.query(`SELECT id FROM partner_organisation WHERE type = 'POLICE_NEIGHBOURHOOD_TEAM' AND library_service_id = $1`, [demo]);
    [{ id: foodbank }] = await t.db.query(`SELECT id FROM partner_organisation WHERE name = 'Hope Foodbank' AND library_service_id = $1`, [demo]);
    await createUser(t.db, { email: 'volunteer@foodbank.test', role: 'PARTNER', serviceId: demo, partnerId: foodbank });
    other = await createLibraryService(t.db, { name: 'Neighbouring County Libraries' });
    otherPartner = await createPartner(t.db, { serviceId: other, name: 'Neighbouring Night Shelter' });
    await createUser(t.db, { email: 'outreach@other.test', role: 'OUTREACH_WORKER', serviceId: other });
    for (const who of ['admin', 'manager', 'outreach', 'staff', 'pcso', 'dpo']) tok[who] = await t.login(`${who}@demo.test`);
    tok.foodbank = await t.login('volunteer@foodbank.test');
    tok.otherOutreach = await t.login('outreach@other.test');
    for (const row of await t.db.query(`SELECT id, email FROM app_user`))
      uid[row.email.split('@')[0] + (row.email.endsWith('other.test') ? 'Other' : '')] = row.id;
    subjectA = await insertSubject(demo, 'Jamie Doe', null, uid.outreach!);
    subjectB = await insertSubject(demo, null, 'Male, 30s, red jacket, usually at Northgate', uid.outreach!);
    otherSubject = await insertSubject(other, 'Alex Other', null, uid.outreachOther!);
  });
  afterAll(() => t.close());

  describe('the closed loop: outreach worker and partner user', () => {
    it('DRAFT → SENT → ACCEPTED → IN_PROGRESS → CLOSED, with updates both ways, history and retention', async () => {
      const draft = await create();
      expect(draft).toMatchObject({
        status: 'DRAFT',
        version: 1,
        needs: ['HOUSING', 'FOOD'],
        referredById: uid.outreach,
        sentAt: null,
        responseDueAt: null,
        isOverdue: false,
      });
      expect(draft.transitions).toEqual([
        expect.objectContaining({ fromStatus: null, toStatus: 'DRAFT', actorId: uid.outreach, actorRole: 'OUTREACH_WORKER' }),
      ]);
      const provisional = addYears(new Date(), 6);
      expect(draft.dataProtection).toEqual({ lawfulBasis: 'PUBLIC_TASK', specialCategoryCondition: null, retainUntil: provisional });

      // The partner never sees a draft.
      expect(codeOf(await t.gql(ONE, { id: draft.id }, tok.pcso))).toBe('NOT_FOUND');
      expect(ok(await t.gql(INCOMING, { first: 100 }, tok.pcso)).incomingReferrals.edges.map((e: any) => e.node.id)).not.toContain(draft.id);

      const s = await moved(SEND, draft, 'outreach');
      expect(s.status).toBe('SENT');
      expect(s.version).toBe(2);
      expect(new Date(s.sentAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
      expect(s.responseDueAt).not.toBeNull();
      expect(s.isOverdue).toBe(false);

      // The partner sees it, with the subject's name and nothing else of the subject.
      const inbox = ok(await t.gql(INCOMING, { first: 100 }, tok.pcso)).incomingReferrals;
      const mine = inbox.edges.find((e: any) => e.node.id === s.id).node;
      expect(mine).toEqual({
        id: s.id,
        status: 'SENT',
        needs: ['HOUSING', 'FOOD'],
        urgency: 'SOON',
        reason: 'Sleeping rough near the library; asked for help',
        contactRoute: 'At Central Library most mornings, or via the outreach worker',
        subject: { name: 'Jamie Doe', description: null },
      });

      const a = await moved(ACCEPT, s, 'pcso');
      expect(a).toMatchObject({ status: 'ACCEPTED', version: 3 });
      expect(a.acceptedAt).not.toBeNull();
      const fromPartner = ok(await t.gql(ADD_UPDATE, { r: s.id, b: 'Spoke to Jamie; housing options appointment on Friday' }, tok.pcso)).addReferralUpdate;
      expect(fromPartner).toMatchObject({ authorId: uid.pcso, authorRole: 'PARTNER' });
      const fromLibrary = ok(await t.gql(ADD_UPDATE, { r: s.id, b: 'Thanks, I will remind Jamie on Thursday' }, tok.outreach)).addReferralUpdate;
      expect(fromLibrary.authorRole).toBe('OUTREACH_WORKER');

      const p = await moved(START, a, 'pcso');
      expect(p.status).toBe('IN_PROGRESS');
      const c = await moved(CLOSE, p, 'pcso', { outcome: 'NEEDS_MET', notes: 'Housed in supported accommodation' });
      expect(c).toMatchObject({ status: 'CLOSED', outcome: 'NEEDS_MET', outcomeNotes: 'Housed in supported accommodation', version: 5 });
      // Retention: six years from closure, and the messages follow the referral.
      expect(c.dataProtection.retainUntil).toBe(addYears(new Date(c.closedAt), 6));
      const updates = await t.db.query(`SELECT retain_until::text AS r FROM referral_update WHERE referral_id = $1`, [c.id]);
      expect(updates.map((u: any) => u.r)).toEqual([c.dataProtection.retainUntil, c.dataProtection.retainUntil]);

      // The library sees what happened: outcome, every step (who, when) and the messages.
      const seen = ok(await t.gql(ONE, { id: c.id }, tok.outreach)).referral;
      expect(seen.partnerOrganisation.id).toBe(police);
      expect(seen.transitions.map((x: any) => [x.fromStatus, x.toStatus, x.actorRole])).toEqual([
        [null, 'DRAFT', 'OUTREACH_WORKER'],
        ['DRAFT', 'SENT', 'OUTREACH_WORKER'],
        ['SENT', 'ACCEPTED', 'PARTNER'],
        ['ACCEPTED', 'IN_PROGRESS', 'PARTNER'],
        ['IN_PROGRESS', 'CLOSED', 'PARTNER'],
      ]);
      expect(seen.transitions[2].actorId).toBe(uid.pcso);
      const ats = seen.transitions.map((x: any) => new Date(x.at).getTime());
      expect([...ats].sort((x, y) => x - y)).toEqual(ats);
      expect(seen.updates.edges.map((e: any) => e.node.body)).toEqual([
        'Spoke to Jamie; housing options appointment on Friday',
        'Thanks, I will remind Jamie on Thursday',
      ]);
      const [row] = await t.db.query(
        `SELECT sent_at IS NOT NULL AS s, accepted_at IS NOT NULL AS a, started_at IS NOT NULL AS st, closed_at IS NOT NULL AS c, version FROM referral WHERE id = $1`,
        [c.id],
      );
      expect(row).toEqual({ s: true, a: true, st: true, c: true, version: 5 });
    });

    it('the library may close an in-progress referral too; a decline needs a reason, withdrawal keeps one', async () => {
      const p = await moved(START, await moved(ACCEPT, await sent(), 'pcso'), 'pcso');
      const c = await moved(CLOSE, p, 'outreach', { outcome: 'DISENGAGED' });
      expect(c).toMatchObject({ status: 'CLOSED', outcome: 'DISENGAGED' });

      const s1 = await sent();
      const other = await move(DECLINE, s1, 'pcso', { reason: 'OTHER' });
      expect(codeOf(other)).toBe('BAD_USER_INPUT');
      expect(other.errors![0]!.message).toMatch(/declineDetails is required/);
      const d = await moved(DECLINE, s1, 'pcso', { reason: 'OUTSIDE_AREA' });
      expect(d).toMatchObject({ status: 'DECLINED', declineReason: 'OUTSIDE_AREA', declineDetails: null });
      expect(d.dataProtection.retainUntil).toBe(addYears(new Date(d.declinedAt), 6));
      const noReason = await t.gql(DECLINE.replace('$reason: ReferralDeclineReason!', '$reason: ReferralDeclineReason'), { id: s1.id, v: d.version }, tok.pcso);
      expect(noReason.errors).toBeDefined();

      const w = await moved(WITHDRAW, await sent(), 'outreach', { reason: 'Person moved out of the area' });
      expect(w.status).toBe('WITHDRAWN');
      const [row] = await t.db.query('SELECT withdrawal_reason FROM referral WHERE id = $1', [w.id]);
      expect(row.withdrawal_reason).toBe('Person moved out of the area');
    });

    it('a subject known only by description is shown by description', async () => {
      const s = await sent({ subjectId: subjectB });
      const r = ok(await t.gql(ONE, { id: s.id }, tok.pcso)).referral;
      expect(r.subject).toEqual({ id: subjectB, name: null, description: 'Male, 30s, red jacket, usually at Northgate' });
    });

    it('a partner sees no more of the person than name or description: the type has no other fields', async () => {
      const r = ok(await t.gql(`{ __type(name: "ReferralSubject") { fields { name } } }`, {}, tok.pcso));
      expect(r.__type.fields.map((f: any) => f.name).sort()).toEqual(['description', 'id', 'name']);
    });
  });

  describe('consent and lawful basis', () => {
    it('without consent and without another lawful basis with a justification, sending is refused naming what is missing', async () => {
      const d = await create({ consent: 'NOT_ASKED', consentRecordedAt: null, consentMethod: null, dataProtection: { lawfulBasis: 'CONSENT' } });
      const r = await move(SEND, d, 'outreach');
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0]!.message).toMatch(/cannot be sent/);
      expect(r.errors![0]!.message).toMatch(/lawful basis CONSENT cannot be used when consent is NOT_ASKED/);
      expect(r.errors![0]!.message).toMatch(/lawfulBasisJustification is missing/);
      expect(r.errors![0]!.extensions!.missing).toEqual(['dataProtection.lawfulBasis', 'lawfulBasisJustification']);
      const [row] = await t.db.query('SELECT status, version FROM referral WHERE id = $1', [d.id]);
      expect(row).toEqual({ status: 'DRAFT', version: 1 });

      // Another basis alone is not enough: the justification is required too.
      const basisOnly = ok(await t.gql(UPDATE, { i: { id: d.id, version: 1, dataProtection: { lawfulBasis: 'PUBLIC_TASK' } } }, tok.outreach)).updateReferral;
      const r2 = await move(SEND, basisOnly, 'outreach');
      expect(codeOf(r2)).toBe('BAD_USER_INPUT');
      expect(r2.errors![0]!.extensions!.missing).toEqual(['lawfulBasisJustification']);

      const fixed = await edit(basisOnly, {
        lawfulBasisJustification: "Immediate risk to health; person could not be asked before the partner's outreach round",
      });
      expect((await moved(SEND, fixed, 'outreach')).status).toBe('SENT');
    });

    it('legitimate interests is refused from the draft on; consent refused with CONSENT cannot be sent; with vital interests and a justification it may be', async () => {
      const li = await t.gql(CREATE, { i: draftInput({ consent: 'REFUSED', dataProtection: { lawfulBasis: 'LEGITIMATE_INTERESTS' } }) }, tok.outreach);
      expect(codeOf(li)).toBe('BAD_USER_INPUT');
      expect(li.errors![0]!.message).toMatch(
        /LEGITIMATE_INTERESTS is not allowed for REFERRAL records.*use one of CONSENT, CONTRACT, LEGAL_OBLIGATION, VITAL_INTERESTS, PUBLIC_TASK/,
      );
      const d = await create({ consent: 'REFUSED', lawfulBasisJustification: 'Serious risk of harm', dataProtection: { lawfulBasis: 'CONSENT' } });
      const r = await move(SEND, d, 'outreach');
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0]!.extensions!.missing).toEqual(['dataProtection.lawfulBasis']);
      const fixed = await edit(d, { dataProtection: { lawfulBasis: 'VITAL_INTERESTS' } });
      expect((await moved(SEND, fixed, 'outreach')).status).toBe('SENT');
    });

    it('consent GIVEN must say when and how; a health need needs a special category condition', async () => {
      const d = await create({ needs: ['MENTAL_HEALTH'], consentRecordedAt: null, consentMethod: null, contactRoute: null });
      const r = await move(SEND, d, 'outreach');
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0]!.extensions!.missing).toEqual(['contactRoute', 'consentRecordedAt', 'consentMethod', 'dataProtection.specialCategoryCondition']);
      const fixed = await edit(d, {
        ...consentGiven,
        contactRoute: '07700 900123 (text first)',
        dataProtection: { specialCategoryCondition: 'Art. 9(2)(a) explicit consent' },
      });
      const s = await moved(SEND, fixed, 'outreach');
      expect(s.dataProtection.specialCategoryCondition).toBe('Art. 9(2)(a) explicit consent');
    });
  });

  describe('invalid transitions and stale versions', () => {
    const expectInvalid = (r: GqlResult<unknown>, from: string, to: string) => {
      expect(codeOf(r)).toBe('CONFLICT');
      expect(r.errors![0]!.message).toContain(`from ${from} to ${to}`);
      expect(r.errors![0]!.extensions).toMatchObject({ from, to });
    };

    it('refuses every move the flow does not allow, from every status, with CONFLICT naming from and to', async () => {
      const draft = await create();
      expectInvalid(await move(WITHDRAW, draft, 'outreach'), 'DRAFT', 'WITHDRAWN');
      expectInvalid(await move(CLOSE, draft, 'outreach', { outcome: 'NEEDS_MET' }), 'DRAFT', 'CLOSED');

      const s = await sent();
      expectInvalid(await move(SEND, s, 'outreach'), 'SENT', 'SENT');
      expectInvalid(await move(CLOSE, s, 'outreach', { outcome: 'NEEDS_MET' }), 'SENT', 'CLOSED');
      expectInvalid(await move(START, s, 'pcso'), 'SENT', 'IN_PROGRESS');
      expectInvalid(await move(CLOSE, s, 'pcso', { outcome: 'NEEDS_MET' }), 'SENT', 'CLOSED');

      const a = await moved(ACCEPT, s, 'pcso');
      expectInvalid(await move(ACCEPT, a, 'pcso'), 'ACCEPTED', 'ACCEPTED');
      expectInvalid(await move(DECLINE, a, 'pcso', { reason: 'NO_CAPACITY' }), 'ACCEPTED', 'DECLINED');
      expectInvalid(await move(WITHDRAW, a, 'outreach'), 'ACCEPTED', 'WITHDRAWN');
      expectInvalid(await move(SEND, a, 'outreach'), 'ACCEPTED', 'SENT');
      expectInvalid(await move(CLOSE, a, 'pcso', { outcome: 'NEEDS_MET' }), 'ACCEPTED', 'CLOSED');

      const p = await moved(START, a, 'pcso');
      expectInvalid(await move(START, p, 'pcso'), 'IN_PROGRESS', 'IN_PROGRESS');
      expectInvalid(await move(ACCEPT, p, 'pcso'), 'IN_PROGRESS', 'ACCEPTED');
      expectInvalid(await move(DECLINE, p, 'pcso', { reason: 'NO_CAPACITY' }), 'IN_PROGRESS', 'DECLINED');
      expectInvalid(await move(WITHDRAW, p, 'outreach'), 'IN_PROGRESS', 'WITHDRAWN');

      const c = await moved(CLOSE, p, 'pcso', { outcome: 'PARTLY_MET' });
      expectInvalid(await move(CLOSE, c, 'outreach', { outcome: 'NEEDS_MET' }), 'CLOSED', 'CLOSED');
      expectInvalid(await move(START, c, 'pcso'), 'CLOSED', 'IN_PROGRESS');
      expectInvalid(await move(ACCEPT, c, 'pcso'), 'CLOSED', 'ACCEPTED');
      expectInvalid(await move(WITHDRAW, c, 'outreach'), 'CLOSED', 'WITHDRAWN');
      expectInvalid(await move(SEND, c, 'outreach'), 'CLOSED', 'SENT');

      const d = await moved(DECLINE, await sent(), 'pcso', { reason: 'NO_CAPACITY' });
      expectInvalid(await move(ACCEPT, d, 'pcso'), 'DECLINED', 'ACCEPTED');
      expectInvalid(await move(START, d, 'pcso'), 'DECLINED', 'IN_PROGRESS');
      expectInvalid(await move(CLOSE, d, 'pcso', { outcome: 'NOT_MET' }), 'DECLINED', 'CLOSED');
      expectInvalid(await move(WITHDRAW, d, 'outreach'), 'DECLINED', 'WITHDRAWN');
      expectInvalid(await move(SEND, d, 'outreach'), 'DECLINED', 'SENT');

      const w = await moved(WITHDRAW, await sent(), 'outreach');
      expectInvalid(await move(ACCEPT, w, 'pcso'), 'WITHDRAWN', 'ACCEPTED');
      expectInvalid(await move(DECLINE, w, 'pcso', { reason: 'NO_CAPACITY' }), 'WITHDRAWN', 'DECLINED');
      expectInvalid(await move(SEND, w, 'outreach'), 'WITHDRAWN', 'SENT');
      expectInvalid(await move(WITHDRAW, w, 'outreach'), 'WITHDRAWN', 'WITHDRAWN');

      // Nothing changed: the refused moves left no history.
      const [n] = await t.db.query(`SELECT count(*)::int AS n FROM referral_transition WHERE referral_id = ANY($1)`, [[c.id, d.id, w.id]]);
      expect(n.n).toBe(5 + 3 + 3);
    });

    it('each side makes only its own moves: FORBIDDEN otherwise', async () => {
      const s = await sent();
      for (const [op, who, extra] of [
        [ACCEPT, 'outreach', {}],
        [DECLINE, 'manager', { reason: 'NO_CAPACITY' }],
        [WITHDRAW, 'pcso', {}],
        [SEND, 'dpo', {}],
        [ACCEPT, 'dpo', {}],
      ] as [string, string, Record<string, unknown>][]) {
        const r = await move(op, s, who, extra);
        expect(codeOf(r)).toBe('FORBIDDEN');
      }
      expect((await t.db.query('SELECT status FROM referral WHERE id = $1', [s.id]))[0].status).toBe('SENT');
    });

    it('a stale version is a CONFLICT and changes nothing, for edits and moves alike', async () => {
      const d = await create();
      const edited = ok(await t.gql(UPDATE, { i: { id: d.id, version: 1, urgency: 'URGENT' } }, tok.outreach)).updateReferral;
      expect(edited.version).toBe(2);
      const stale = await t.gql(UPDATE, { i: { id: d.id, version: 1, urgency: 'ROUTINE' } }, tok.manager);
      expect(codeOf(stale)).toBe('CONFLICT');
      expect(stale.errors![0]!.extensions).toMatchObject({ expectedVersion: 1, currentVersion: 2 });
      expect(codeOf(await t.gql(SEND, { id: d.id, v: 1 }, tok.outreach))).toBe('CONFLICT');
      const s = await moved(SEND, edited, 'outreach');
      expect(codeOf(await t.gql(ACCEPT, { id: s.id, v: edited.version }, tok.pcso))).toBe('CONFLICT');
      expect((await t.db.query('SELECT status, urgency, version FROM referral WHERE id = $1', [d.id]))[0]).toEqual({
        status: 'SENT',
        urgency: 'URGENT',
        version: 3,
      });
    });

    it('only a DRAFT can be edited', async () => {
      const s = await sent();
      const r = await t.gql(UPDATE, { i: { id: s.id, version: s.version, reason: 'Changed after sending' } }, tok.outreach);
      expect(codeOf(r)).toBe('CONFLICT');
      expect(r.errors![0]!.message).toMatch(/only a DRAFT can be edited/);
    });
  });

  describe('who sees what', () => {
    let sentToPolice: Ref;
    let draftToPolice: Ref;

    beforeAll(async () => {
      sentToPolice = await sent();
      draftToPolice = await create();
    });

    it('a partner of another organisation sees nothing of it: lists, counts, single reads, moves, updates', async () => {
      const list = ok(await t.gql(LIST, { first: 100 }, tok.foodbank)).referrals;
      expect(list.edges.map((e: any) => e.node.partnerOrganisationId).every((p: string) => p === foodbank)).toBe(true);
      expect(list.edges.map((e: any) => e.node.id)).not.toContain(sentToPolice.id);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM referral WHERE partner_organisation_id = $1 AND status <> 'DRAFT'`, [foodbank]);
      expect(list.totalCount).toBe(n);
      expect(ok(await t.gql(INCOMING, { first: 100 }, tok.foodbank)).incomingReferrals.totalCount).toBe(n);
      expect(codeOf(await t.gql(ONE, { id: sentToPolice.id }, tok.foodbank))).toBe('NOT_FOUND');
      expect(codeOf(await move(ACCEPT, sentToPolice, 'foodbank'))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(ADD_UPDATE, { r: sentToPolice.id, b: 'Hello' }, tok.foodbank))).toBe('NOT_FOUND');
    });

    it('a partner never sees DRAFTs: not in lists, counts or single reads', async () => {
      const list = ok(await t.gql(LIST, { first: 100 }, tok.pcso)).referrals;
      expect(list.edges.every((e: any) => e.node.status !== 'DRAFT')).toBe(true);
      expect(list.edges.map((e: any) => e.node.id)).toContain(sentToPolice.id);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM referral WHERE partner_organisation_id = $1 AND status <> 'DRAFT'`, [police]);
      expect(list.totalCount).toBe(n);
      expect(codeOf(await t.gql(ONE, { id: draftToPolice.id }, tok.pcso))).toBe('NOT_FOUND');
      expect(codeOf(await move(ACCEPT, draftToPolice, 'pcso'))).toBe('NOT_FOUND');
      expect(ok(await t.gql(LIST, { f: { statuses: ['DRAFT'] } }, tok.pcso)).referrals.totalCount).toBe(0);
    });

    it('STAFF and ADMIN see nothing and make nothing', async () => {
      for (const who of ['staff', 'admin']) {
        expect(ok(await t.gql(LIST, {}, tok[who])).referrals.totalCount).toBe(0);
        expect(ok(await t.gql(OVERDUE, {}, tok[who])).overdueReferrals.totalCount).toBe(0);
        expect(codeOf(await t.gql(ONE, { id: sentToPolice.id }, tok[who]))).toBe('NOT_FOUND');
        expect(codeOf(await t.gql(CREATE, { i: draftInput() }, tok[who]))).toBe('FORBIDDEN');
        expect(codeOf(await move(WITHDRAW, sentToPolice, who))).toBe('NOT_FOUND');
        expect(codeOf(await t.gql(ADD_UPDATE, { r: sentToPolice.id, b: 'x' }, tok[who]))).toBe('FORBIDDEN');
        const stats = ok(await t.gql(STATS, { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z', g: 'PARTNER' }, tok[who])).referralStatistics;
        expect(stats.groups).toEqual([]);
        expect(stats.total.sent).toBe(0);
      }
    });

    it('another library service sees nothing, and cannot refer our subjects to our partners', async () => {
      expect(ok(await t.gql(LIST, { first: 100 }, tok.otherOutreach)).referrals.totalCount).toBe(0);
      expect(codeOf(await t.gql(ONE, { id: sentToPolice.id }, tok.otherOutreach))).toBe('NOT_FOUND');
      expect(codeOf(await move(WITHDRAW, sentToPolice, 'otherOutreach'))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(CREATE, { i: draftInput({ partnerOrganisationId: otherPartner }) }, tok.otherOutreach))).toBe('NOT_FOUND'); // our subject
      expect(codeOf(await t.gql(CREATE, { i: draftInput({ subjectId: otherSubject }) }, tok.otherOutreach))).toBe('NOT_FOUND'); // our partner
      const theirs = ok(
        await t.gql(CREATE, { i: draftInput({ subjectId: otherSubject, partnerOrganisationId: otherPartner }) }, tok.otherOutreach),
      ).createReferral;
      expect(codeOf(await t.gql(ONE, { id: theirs.id }, tok.outreach))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(ONE, { id: theirs.id }, tok.dpo))).toBe('NOT_FOUND');
    });

    it('the DPO reads everything in the service, drafts included, and changes nothing', async () => {
      expect(ok(await t.gql(ONE, { id: draftToPolice.id }, tok.dpo)).referral.status).toBe('DRAFT');
      expect(codeOf(await t.gql(CREATE, { i: draftInput() }, tok.dpo))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(UPDATE, { i: { id: draftToPolice.id, version: draftToPolice.version, urgency: 'URGENT' } }, tok.dpo))).toBe('FORBIDDEN');
    });

    it('incomingReferrals is for partner users', async () => {
      expect(codeOf(await t.gql(INCOMING, {}, tok.outreach))).toBe('FORBIDDEN');
    });

    it('every read by a partner is audited: the referral, the subject shown and the messages', async () => {
      const s = await sent();
      await t.gql(ADD_UPDATE, { r: s.id, b: 'Please call before 5pm' }, tok.outreach);
      const before = (await auditRows(t.db, { action: 'READ', actorId: uid.pcso })).length;
      const read = await t.gql(ONE, { id: s.id }, tok.pcso, { 'x-purpose': 'Responding to the referral' });
      expect(read.data.referral.updates.edges).toHaveLength(1);
      const rows = (await auditRows(t.db, { action: 'READ', actorId: uid.pcso })).slice(before);
      expect(rows.map((r: any) => [r.entity_type, r.entity_id]).sort()).toEqual(
        [
          ['Referral', s.id],
          ['ReferralUpdate', read.data.referral.updates.edges[0].node.id],
          ['Subject', subjectA],
        ].sort(),
      );
      expect(rows.every((r: any) => r.purpose === 'Responding to the referral' && r.actor_role === 'PARTNER' && r.library_service_id === demo)).toBe(true);

      // Lists too: one row per referral returned.
      const inbox = ok(await t.gql(INCOMING, { first: 3 }, tok.pcso)).incomingReferrals;
      const listed = (await auditRows(t.db, { action: 'READ', actorId: uid.pcso, entityType: 'Referral' })).slice(-inbox.edges.length);
      expect(listed.map((r: any) => r.entity_id)).toEqual(inbox.edges.map((e: any) => e.node.id));
    });

    it('reads by library staff are audited too; a refused read writes nothing', async () => {
      const before = (await auditRows(t.db, { action: 'READ', entityId: sentToPolice.id })).length;
      await t.gql(ONE, { id: sentToPolice.id }, tok.outreach);
      await t.gql(ONE, { id: sentToPolice.id }, tok.foodbank);
      const rows = (await auditRows(t.db, { action: 'READ', entityId: sentToPolice.id })).slice(before);
      expect(rows.map((r: any) => r.actor_id)).toEqual([uid.outreach]);
    });
  });

  describe('lists and filters', () => {
    it('filters by status, partner, needs, urgency, referrer and date, with cursor pagination', async () => {
      const u = await sent({ urgency: 'URGENT', needs: ['LEGAL'], partnerOrganisationId: foodbank });
      const byManager = await create({ needs: ['EMPLOYMENT'] }, 'manager');
      const ids = (r: any) => r.referrals.edges.map((e: any) => e.node.id);
      expect(ids(ok(await t.gql(LIST, { f: { needs: ['LEGAL'] } }, tok.outreach)))).toEqual([u.id]);
      expect(ids(ok(await t.gql(LIST, { f: { needs: ['LEGAL', 'EMPLOYMENT'] } }, tok.outreach)))).toEqual([byManager.id, u.id]);
      expect(ids(ok(await t.gql(LIST, { f: { referredById: uid.manager } }, tok.outreach)))).toEqual([byManager.id]);
      const urgentToFoodbank = ok(await t.gql(LIST, { f: { urgencies: ['URGENT'], partnerOrganisationId: foodbank, statuses: ['SENT'] } }, tok.outreach));
      expect(ids(urgentToFoodbank)).toContain(u.id);
      expect(urgentToFoodbank.referrals.edges.every((e: any) => e.node.urgency === 'URGENT' && e.node.partnerOrganisationId === foodbank)).toBe(true);
      expect(ok(await t.gql(LIST, { f: { from: '2099-01-01T00:00:00Z' } }, tok.outreach)).referrals.totalCount).toBe(0);

      const all = ok(await t.gql(LIST, { first: 100 }, tok.outreach)).referrals;
      const page1 = ok(await t.gql(LIST, { first: 3 }, tok.outreach)).referrals;
      const page2 = ok(await t.gql(LIST, { first: 3, after: page1.pageInfo.endCursor }, tok.outreach)).referrals;
      expect(page1.totalCount).toBe(all.totalCount);
      expect([...page1.edges, ...page2.edges].map((e: any) => e.node.id)).toEqual(all.edges.slice(0, 6).map((e: any) => e.node.id));
      expect(ok(await t.gql(INCOMING, { f: { needs: ['LEGAL'] } }, tok.foodbank)).incomingReferrals.edges.map((e: any) => e.node.id)).toEqual([u.id]);
    });
  });

  describe('input validation', () => {
    it('refuses bad input with BAD_USER_INPUT naming the field, and missing records with NOT_FOUND', async () => {
      const noNeeds = await t.gql(CREATE, { i: draftInput({ needs: [] }) }, tok.outreach);
      expect(codeOf(noNeeds)).toBe('BAD_USER_INPUT');
      expect(noNeeds.errors![0]!.message).toMatch(/needs/);
      expect(codeOf(await t.gql(CREATE, { i: draftInput({ needs: ['FOOD', 'FOOD'] }) }, tok.outreach))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(CREATE, { i: draftInput({ reason: '  ' }) }, tok.outreach))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(CREATE, { i: draftInput({ consentRecordedAt: '2099-01-01T00:00:00Z' }) }, tok.outreach))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(CREATE, { i: draftInput({ subjectId: 'nope' }) }, tok.outreach))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(CREATE, { i: draftInput({ subjectId: '0b7e4c1e-8a4e-4f57-9a53-6f0a8f0b2c11' }) }, tok.outreach))).toBe('NOT_FOUND');
      const [{ id: otherContact }] = await t.db.query(`SELECT id FROM partner_contact WHERE partner_organisation_id = $1`, [foodbank]);
      const wrongContact = await t.gql(CREATE, { i: draftInput({ partnerContactId: otherContact }) }, tok.outreach);
      expect(codeOf(wrongContact)).toBe('BAD_USER_INPUT');
      expect(wrongContact.errors![0]!.message).toMatch(/partnerContactId/);
    });

    it('refuses a merged subject and an archived partner', async () => {
      const merged = await insertSubject(demo, 'Jamie D.', null, uid.outreach!);
      await t.db.query('UPDATE subject SET merged_into_id = $2, merged_at = now() WHERE id = $1', [merged, subjectA]);
      const r = await t.gql(CREATE, { i: draftInput({ subjectId: merged }) }, tok.outreach);
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0]!.message).toContain(subjectA);
      const archived = await createPartner(t.db, { serviceId: demo, name: 'Closed Drop-in Centre' });
      await t.db.query(`UPDATE partner_organisation SET status = 'ARCHIVED', archived_at = now() WHERE id = $1`, [archived]);
      expect(codeOf(await t.gql(CREATE, { i: draftInput({ partnerOrganisationId: archived }) }, tok.outreach))).toBe('BAD_USER_INPUT');
    });

    it('updates are for sent referrals and are 1 to 10,000 characters', async () => {
      const d = await create();
      const r = await t.gql(ADD_UPDATE, { r: d.id, b: 'Too early' }, tok.outreach);
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0]!.message).toMatch(/DRAFT/);
      const s = await sent();
      expect(codeOf(await t.gql(ADD_UPDATE, { r: s.id, b: '   ' }, tok.outreach))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(ADD_UPDATE, { r: s.id, b: 'x'.repeat(10001) }, tok.outreach))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(ADD_UPDATE, { r: s.id, b: 'Read only' }, tok.dpo))).toBe('FORBIDDEN');
    });
  });

  describe('overdue referrals', () => {
    it('lists SENT referrals not answered within the working days of their urgency', async () => {
      const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
      const urgentOld = await sent({ urgency: 'URGENT' });
      const soonOld = await sent({ urgency: 'SOON', partnerOrganisationId: foodbank });
      const routineRecent = await sent({ urgency: 'ROUTINE' });
      const urgentFresh = await sent({ urgency: 'URGENT' });
      const answered = await moved(ACCEPT, await sent({ urgency: 'URGENT' }), 'pcso');
      const setSent = (id: string, at: Date) => t.db.query('UPDATE referral SET sent_at = $2 WHERE id = $1', [id, at]);
      await setSent(urgentOld.id, daysAgo(5)); // 5 calendar days ≥ 3 working days > 1
      await setSent(soonOld.id, daysAgo(10)); // ≥ 6 working days > 5
      await setSent(routineRecent.id, daysAgo(6)); // ≤ 6 working days < 10
      await setSent(answered.id, daysAgo(30));

      const list = ok(await t.gql(OVERDUE, { first: 100 }, tok.outreach)).overdueReferrals;
      const ids = list.edges.map((e: any) => e.node.id);
      expect(ids).toEqual(expect.arrayContaining([urgentOld.id, soonOld.id]));
      for (const id of [routineRecent.id, urgentFresh.id, answered.id]) expect(ids).not.toContain(id);
      expect(list.edges.every((e: any) => e.node.status === 'SENT' && e.node.isOverdue === true)).toBe(true);
      const sentAts = list.edges.map((e: any) => new Date(e.node.sentAt).getTime());
      expect([...sentAts].sort((a, b) => a - b)).toEqual(sentAts);

      // Exactly what the pure working-day rule says, over every SENT referral of the service.
      const days = { URGENT: 1, SOON: 5, ROUTINE: 10 } as Record<string, number>;
      const all = await t.db.query(`SELECT id, urgency, sent_at FROM referral WHERE library_service_id = $1 AND status = 'SENT'`, [demo]);
      const expected = all.filter((r: any) => isPastDeadline(new Date(r.sent_at), days[r.urgency]!)).map((r: any) => r.id);
      expect([...ids].sort()).toEqual(expected.sort());
      expect(list.totalCount).toBe(expected.length);

      // Partners see their own organisation's overdue referrals only.
      const police = ok(await t.gql(OVERDUE, { first: 100 }, tok.pcso)).overdueReferrals.edges.map((e: any) => e.node.id);
      expect(police).toContain(urgentOld.id);
      expect(police).not.toContain(soonOld.id);
      expect(ok(await t.gql(OVERDUE, { first: 100 }, tok.foodbank)).overdueReferrals.edges.map((e: any) => e.node.id)).toContain(soonOld.id);
    });

    it('the number of working days per urgency is configurable', async () => {
      const t2 = await startTestApp({ REFERRAL_RESPONSE_DAYS_URGENT: '20' });
      try {
        const outreach = await t2.login('outreach@demo.test');
        const [service] = await t2.db.query(`SELECT id FROM library_service WHERE code = 'DEMO'`);
        const [org] = await t2.db.query(`SELECT id FROM partner_organisation WHERE type = 'POLICE_NEIGHBOURHOOD_TEAM'`);
        const [user] = await t2.db.query(`SELECT id FROM app_user WHERE email = 'outreach@demo.test'`);
        const subj = { id: await createSubject(t2.db, { serviceId: service.id, createdById: user.id, name: 'Sam', retainUntil: '2032-01-01' }) };
        const d = (await t2.gql(CREATE, { i: draftInput({ subjectId: subj.id, partnerOrganisationId: org.id, urgency: 'URGENT' }) }, outreach)).data
          .createReferral;
        const s = (await t2.gql(SEND, { id: d.id, v: d.version }, outreach)).data.sendReferral;
        await t2.db.query('UPDATE referral SET sent_at = $2 WHERE id = $1', [s.id, new Date(Date.now() - 10 * 86_400_000)]);
        expect((await t2.gql(OVERDUE, {}, outreach)).data.overdueReferrals.totalCount).toBe(0);
        expect((await t2.gql(ONE, { id: s.id }, outreach)).data.referral.isOverdue).toBe(false);
      } finally {
        await t2.close();
      }
    });
  });

  describe('statistics on a known data set', () => {
    const FROM = '2024-01-01T00:00:00Z';
    const TO = '2024-03-01T00:00:00Z';

    beforeAll(async () => {
      const insert = async (r: {
        service?: string;
        partner: string;
        needs: string[];
        status: string;
        sent?: string;
        accepted?: string;
        declined?: string;
        withdrawn?: string;
        started?: string;
        closed?: string;
        outcome?: string;
        subject?: string;
        by?: string;
      }) => {
        await createReferral(t.db, {
          serviceId: r.service ?? demo,
          subjectId: r.subject ?? subjectA,
          byId: r.by ?? uid.outreach!,
          partnerId: r.partner,
          needs: r.needs,
          reason: 'Statistics data set',
          urgency: 'ROUTINE',
          status: r.status,
          sentAt: r.sent ?? null,
          acceptedAt: r.accepted,
          declinedAt: r.declined,
          withdrawnAt: r.withdrawn,
          startedAt: r.started,
          closedAt: r.closed,
          outcome: r.outcome,
          declineReason: r.declined ? 'NO_CAPACITY' : null,
          lawfulBasis: 'PUBLIC_TASK',
          retainUntil: '2031-01-01',
          createdAt: r.sent ?? '2024-01-20T10:00:00Z',
        });
      };
      // Police: 3 sent in the period (accepted after 2 h and 24 h, one declined); one sent after it.
      await insert({
        partner: police,
        needs: ['HOUSING'],
        status: 'CLOSED',
        sent: '2024-01-10T09:00:00Z',
        accepted: '2024-01-10T11:00:00Z',
        started: '2024-01-11T09:00:00Z',
        closed: '2024-01-20T09:00:00Z',
        outcome: 'NEEDS_MET',
      });
      await insert({
        partner: police,
        needs: ['HOUSING', 'MENTAL_HEALTH'],
        status: 'ACCEPTED',
        sent: '2024-01-15T09:00:00Z',
        accepted: '2024-01-16T09:00:00Z',
      });
      await insert({ partner: police, needs: ['FOOD'], status: 'DECLINED', sent: '2024-02-01T10:00:00Z', declined: '2024-02-02T10:00:00Z' });
      await insert({ partner: police, needs: ['HOUSING'], status: 'ACCEPTED', sent: '2024-03-05T10:00:00Z', accepted: '2024-03-05T11:00:00Z' });
      // Foodbank: accepted after 4 h and closed, one withdrawn, one still waiting.
      await insert({
        partner: foodbank,
        needs: ['FOOD'],
        status: 'CLOSED',
        sent: '2024-02-05T10:00:00Z',
        accepted: '2024-02-05T14:00:00Z',
        started: '2024-02-06T10:00:00Z',
        closed: '2024-02-20T10:00:00Z',
        outcome: 'PARTLY_MET',
      });
      await insert({ partner: foodbank, needs: ['MENTAL_HEALTH'], status: 'WITHDRAWN', sent: '2024-02-10T10:00:00Z', withdrawn: '2024-02-11T10:00:00Z' });
      await insert({ partner: foodbank, needs: ['HOUSING'], status: 'SENT', sent: '2024-02-20T10:00:00Z' });
      // Never sent, and another service's: not counted.
      await insert({ partner: police, needs: ['HOUSING'], status: 'DRAFT' });
      await insert({
        service: other,
        subject: otherSubject,
        by: uid.outreachOther,
        partner: otherPartner,
        needs: ['HOUSING'],
        status: 'ACCEPTED',
        sent: '2024-01-12T10:00:00Z',
        accepted: '2024-01-12T12:00:00Z',
      });
    });

    const stats = async (g: string, who = 'manager') => ok(await t.gql(STATS, { from: FROM, to: TO, g }, tok[who])).referralStatistics;
    const outcomes = (o: Partial<Record<string, number>> = {}) => ({ needsMet: 0, partlyMet: 0, notMet: 0, disengaged: 0, referredOn: 0, ...o });

    it('totals: 6 sent, acceptance 3 of 4 answered, median 4 hours to accept', async () => {
      const s = await stats('PARTNER');
      expect(s.total).toEqual({
        key: 'ALL',
        sent: 6,
        accepted: 3,
        declined: 1,
        withdrawn: 1,
        awaitingAnswer: 1,
        closed: 2,
        closedByOutcome: outcomes({ needsMet: 1, partlyMet: 1 }),
        acceptanceRate: 0.75,
        medianHoursToAccept: 4,
      });
    });

    it('by partner', async () => {
      const s = await stats('PARTNER');
      expect(s.groups).toEqual([
        {
          key: foodbank,
          label: 'Hope Foodbank',
          sent: 3,
          accepted: 1,
          declined: 0,
          withdrawn: 1,
          awaitingAnswer: 1,
          closed: 1,
          closedByOutcome: outcomes({ partlyMet: 1 }),
          acceptanceRate: 1,
          medianHoursToAccept: 4,
        },
        {
          key: police,
          label: 'Town Centre Neighbourhood Policing Team',
          sent: 3,
          accepted: 2,
          declined: 1,
          withdrawn: 0,
          awaitingAnswer: 0,
          closed: 1,
          closedByOutcome: outcomes({ needsMet: 1 }),
          acceptanceRate: 2 / 3,
          medianHoursToAccept: 13,
        },
      ]);
    });

    it('by need: a referral with two needs counts under each', async () => {
      const s = await stats('NEED');
      const row = (key: string) => s.groups.find((g: any) => g.key === key);
      expect(s.groups.map((g: any) => g.key)).toEqual(['FOOD', 'HOUSING', 'MENTAL_HEALTH']);
      expect(row('HOUSING')).toMatchObject({ sent: 3, accepted: 2, declined: 0, awaitingAnswer: 1, closed: 1, acceptanceRate: 1, medianHoursToAccept: 13 });
      expect(row('MENTAL_HEALTH')).toMatchObject({ sent: 2, accepted: 1, withdrawn: 1, acceptanceRate: 1, medianHoursToAccept: 24 });
      expect(row('FOOD')).toMatchObject({
        sent: 2,
        accepted: 1,
        declined: 1,
        closed: 1,
        acceptanceRate: 0.5,
        medianHoursToAccept: 4,
        closedByOutcome: outcomes({ partlyMet: 1 }),
      });
      expect(s.total.sent).toBe(6);
    });

    it('by month (UK calendar)', async () => {
      const s = await stats('MONTH');
      expect(
        s.groups.map((g: any) => [g.key, g.sent, g.accepted, g.declined, g.withdrawn, g.awaitingAnswer, g.closed, g.acceptanceRate, g.medianHoursToAccept]),
      ).toEqual([
        ['2024-01', 2, 2, 0, 0, 0, 1, 1, 13],
        ['2024-02', 4, 1, 1, 1, 1, 1, 0.5, 4],
      ]);
    });

    it('respects the access rules: a partner counts only its own; null rates when nothing was answered', async () => {
      const p = await stats('MONTH', 'pcso');
      expect(p.total).toMatchObject({ sent: 3, accepted: 2, declined: 1, acceptanceRate: 2 / 3, medianHoursToAccept: 13 });
      const f = await stats('PARTNER', 'foodbank');
      expect(f.groups.map((g: any) => g.key)).toEqual([foodbank]);
      expect(f.total.sent).toBe(3);
      const o = await stats('PARTNER', 'otherOutreach');
      expect(o.total).toMatchObject({ sent: 1, accepted: 1, medianHoursToAccept: 2 });
      const empty = ok(await t.gql(STATS, { from: '2023-01-01T00:00:00Z', to: '2023-02-01T00:00:00Z', g: 'NEED' }, tok.manager)).referralStatistics;
      expect(empty.groups).toEqual([]);
      expect(empty.total).toMatchObject({ sent: 0, acceptanceRate: null, medianHoursToAccept: null });
    });

    it('refuses a period that ends before it starts', async () => {
      expect(codeOf(await t.gql(STATS, { from: TO, to: FROM, g: 'NEED' }, tok.manager))).toBe('BAD_USER_INPUT');
    });
  });
});
