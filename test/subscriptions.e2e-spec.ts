import { jest } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { AlarmService } from '../libs/alarms/src/alarm/alarm.service.js';
import {
  createAgreement,
  createBranch,
  createLibraryService,
  createPartner,
  createReferral,
  createSubject,
  createUser,
  demoServiceId,
} from './support/builders.js';
import { liveClient, type LiveClient, type LiveSubscription, untilListening, untilNoListeners } from './support/live.js';
import { codeOf, signInDemoUsers, startTestApp, type TestApp } from './support/test-app.js';

const RAISED = `subscription($b: [ID!]!) { alarmRaised(branchIds: $b) { id branchId codeword active timeline { kind byId } } }`;
const CHANGED = `subscription($b: [ID!]!) { alarmChanged(branchIds: $b) { id active timeline { kind byId } } }`;
const INCIDENTS = `subscription($b: [ID!], $s: IncidentSeverity) { incidentRecorded(branchIds: $b, minSeverity: $s) { id branchId severity } }`;
const REFERRALS = `subscription { referralChanged { id status partnerOrganisationId } }`;
const RAISE = `mutation($i: RaiseAlarmInput!) { raiseAlarm(input: $i) { id version } }`;
const ACK = `mutation($id: ID!, $v: Int!) { acknowledgeAlarm(input: { id: $id, version: $v }) { id } }`;
const RECORD = `mutation($i: RecordIncidentInput!) { recordIncident(input: $i) { id } }`;
const ACCEPT = `mutation($id: ID!, $v: Int!) { acceptReferral(input: { id: $id, version: $v }) { id status } }`;

/**
 * Subscriptions over graphql-ws against the running app. Each "receives nothing" is shown by a later
 * event the same subscriber must get arriving first: the earlier one was never sent.
 */
describe('live subscriptions (graphql-ws)', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const user: Record<string, string> = {};
  let demo: string;
  let central: string;
  let northgate: string;
  let otherBranch: string;
  let police: string;
  let shelter: string;
  const clients: LiveClient[] = [];

  const connect = (who: string) => {
    const c = liveClient(t.running.url, tok[who]);
    clients.push(c);
    return c;
  };
  const gql = async (query: string, variables: Record<string, unknown>, who: string) => {
    const r = await t.gql(query, variables, tok[who]);
    expect(r.errors).toBeUndefined();
    return Object.values(r.data)[0] as any;
  };
  const raise = (who: string, branchId: string, codeword?: string) => gql(RAISE, { i: { branchId, codeword } }, who);
  const next = async <T>(s: LiveSubscription<T>) => {
    const r = await s.next();
    expect(r.errors).toBeUndefined();
    return Object.values(r.data as object)[0] as any;
  };
  const listening = (kind: Parameters<typeof untilListening>[1], n: number) => untilListening(t.running.app, kind, n);

  beforeAll(async () => {
    t = await startTestApp({ LIVE_MAX_CONNECTIONS_PER_USER: '3', LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION: '3' });
    demo = await demoServiceId(t.db);
    const branches: { id: string; name: string }[] = await t.db.query('SELECT id, name FROM branch WHERE library_service_id = $1', [demo]);
    central = branches.find((b) => b.name === 'Central Library')!.id;
    northgate = branches.find((b) => b.name === 'Northgate Library')!.id;
    await signInDemoUsers(t, tok, user);
    [{ partner_organisation_id: police }] = await t.db.query(`SELECT partner_organisation_id FROM app_user WHERE email = 'pcso@demo.test'`);
    const a = await createAgreement(t.db, { serviceId: demo, createdById: user.manager, categories: ['INCIDENTS'], organisationIds: [police] });
    await t.db.query(`UPDATE data_sharing_agreement SET alert_branch_ids = $2 WHERE id = $1`, [a, [central]]);
    shelter = await createPartner(t.db, { serviceId: demo, name: 'Night Shelter' });
    const b = await createAgreement(t.db, { serviceId: demo, createdById: user.manager, categories: ['INCIDENTS'], organisationIds: [shelter] });
    await t.db.query(`UPDATE data_sharing_agreement SET alert_branch_ids = $2 WHERE id = $1`, [b, [northgate]]);
    user.shelter = await createUser(t.db, { email: 'worker@shelter.test', role: 'PARTNER', serviceId: demo, partnerId: shelter });
    tok.shelter = await t.login('worker@shelter.test');
    const otherService = await createLibraryService(t.db, { name: 'Neighbouring County Libraries' });
    otherBranch = await createBranch(t.db, { serviceId: otherService, name: 'Neighbouring Central' });
    user.otherStaff = await createUser(t.db, { email: 'staff@other.test', role: 'STAFF', serviceId: otherService, branchIds: [otherBranch] });
    tok.otherStaff = await t.login('staff@other.test');
    user.otherManager = await createUser(t.db, { email: 'manager@other.test', role: 'MANAGER', serviceId: otherService });
    tok.otherManager = await t.login('manager@other.test');
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    // Every count of listeners a test waits for is its own subscriptions'.
    await untilNoListeners(t.running.app);
  });
  afterAll(() => t.close());

  describe('signing in', () => {
    it('refuses a connection without a token, with a malformed one, or with one that is not valid (closed 4401)', async () => {
      for (const params of [{}, { authorization: 'Token abc' }, { authorization: 'Bearer not.a.token' }, { authorization: `Bearer ${tok.staff}x` }]) {
        const c = liveClient(t.running.url, null, params);
        clients.push(c);
        c.subscribe(RAISED, { b: [central] });
        expect((await c.closed).code).toBe(4401);
      }
    });

    it('refuses a subscription over HTTP (BAD_USER_INPUT) and a query over the WebSocket', async () => {
      const r = await t.gql(RAISED, { b: [central] }, tok.staff);
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      const c = connect('staff');
      const q = await c.subscribe(`query { alarms { totalCount } }`).next();
      expect(q.errors?.[0]?.message).toMatch(/Only subscriptions go over the WebSocket/);
    });

    it('closes the connection when its token expires (4401)', async () => {
      const jwt = t.running.app.get(JwtService);
      const [{ session_generation: gen }] = await t.db.query(`SELECT session_generation FROM app_user WHERE id = $1`, [user.manager]);
      const shortLived = await jwt.signAsync({ sub: user.manager, gen: Number(gen) }, { expiresIn: 2 });
      const c = liveClient(t.running.url, shortLived);
      clients.push(c);
      c.subscribe(RAISED, { b: [central] });
      expect(await c.closed).toEqual({ code: 4401, reason: expect.stringMatching(/expired/) });
    });

    it('ends the connection at the next event once the sessions of its user end (closed 4401)', async () => {
      await createUser(t.db, { email: 'leaving@demo.test', role: 'STAFF', serviceId: demo, branchIds: [central] });
      tok.leaving = await t.login('leaving@demo.test');
      const c = connect('leaving');
      c.subscribe(RAISED, { b: [central] });
      await listening('ALARM_RAISED', 1);
      await t.db.query(`UPDATE app_user SET session_generation = session_generation + 1 WHERE email = 'leaving@demo.test'`);
      await raise('staff', central);
      expect((await c.closed).code).toBe(4401);
    });
  });

  describe('limits', () => {
    it('a connection holds at most LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION subscriptions', async () => {
      const c = connect('manager');
      for (let i = 0; i < 3; i++) c.subscribe(RAISED, { b: [central] });
      await listening('ALARM_RAISED', 3);
      const fourth = await c.subscribe(RAISED, { b: [central] }).next();
      expect(fourth.errors?.[0]?.message).toMatch(/LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION/);
    });

    it('a user holds at most LIVE_MAX_CONNECTIONS_PER_USER connections (closed 4429)', async () => {
      const held = [connect('outreach'), connect('outreach'), connect('outreach')];
      held.forEach((c) => c.subscribe(RAISED, { b: [central] }));
      await listening('ALARM_RAISED', 3);
      const extra = connect('outreach');
      extra.subscribe(RAISED, { b: [central] });
      expect((await extra.closed).code).toBe(4429);
    });

    it('subscription documents get the request limits (GRAPHQL_MAX_DEPTH), answered like HTTP', async () => {
      const c = connect('manager');
      const depth = 'subscription($b: [ID!]!) { alarmRaised(branchIds: $b) { ' + 'branch { '.repeat(11) + 'id' + ' }'.repeat(11) + ' } }';
      const r = await c.subscribe(depth, { b: [central] }).next();
      expect(r.errors?.[0]).toMatchObject({ message: expect.stringMatching(/GRAPHQL_MAX_DEPTH/), extensions: { code: 'BAD_USER_INPUT' } });
    });
  });

  describe('alarms', () => {
    it('reach the staff of the branch, managers and the partner named for it; not another partner or another service', async () => {
      const subs = Object.fromEntries(
        (
          [
            ['staff', [central, northgate]],
            ['manager', [central, northgate]],
            ['pcso', [central, northgate]],
            ['shelter', [central, northgate]],
            ['otherStaff', [central, otherBranch]],
          ] as const
        ).map(([who, b]) => [who, connect(who).subscribe(RAISED, { b })]),
      );
      await listening('ALARM_RAISED', 5);
      const a1 = await raise('staff', central, 'Code Blue');
      for (const who of ['staff', 'manager', 'pcso']) {
        const got = await next(subs[who]);
        expect([who, got.id, got.codeword, got.timeline]).toEqual([who, a1.id, 'Code Blue', [{ kind: 'RAISED', byId: user.staff }]]);
      }
      // Sentinels: events each of the others must get; arriving first shows a1 never reached them.
      const a2 = await raise('manager', northgate);
      expect((await next(subs.shelter)).id).toBe(a2.id);
      expect((await next(subs.manager)).id).toBe(a2.id);
      const a3 = await raise('otherManager', otherBranch);
      expect((await next(subs.otherStaff)).id).toBe(a3.id);
      // Staff of Central do not read Northgate's alarm (subscribed to it or not); the PCSO neither.
      const a4 = await raise('staff', central);
      expect((await next(subs.staff)).id).toBe(a4.id);
      expect((await next(subs.pcso)).id).toBe(a4.id);
      // Each delivery is an audited read by its subscriber.
      const reads = await t.db.query(`SELECT actor_id FROM audit_event WHERE action = 'READ' AND entity_type = 'Alarm' AND entity_id = $1`, [a1.id]);
      expect(reads.map((r: any) => r.actor_id).sort()).toEqual([user.staff, user.manager, user.pcso].sort());
    });

    it('only the branches asked for', async () => {
      const s = connect('manager').subscribe(RAISED, { b: [northgate] });
      await listening('ALARM_RAISED', 1);
      await raise('staff', central);
      const n = await raise('manager', northgate);
      expect((await next(s)).id).toBe(n.id);
    });

    it('subscribers whose rules are the same share one read of the alarm, each audited as their own; other rules read apart', async () => {
      // A second member of Central's staff has the same rules as the demo one; a manager's differ.
      user.staff2 = await createUser(t.db, { email: 'staff2@demo.test', role: 'STAFF', serviceId: demo, branchIds: [central] });
      tok.staff2 = await t.login('staff2@demo.test');
      const reads = jest.spyOn(t.running.app.get(AlarmService), 'get');
      try {
        const subs = ['staff', 'staff2', 'manager'].map((who) => [who, connect(who).subscribe(RAISED, { b: [central] })] as const);
        await listening('ALARM_RAISED', 3);
        const a = await raise('manager', central, 'Code Red');
        for (const [who, sub] of subs) expect([who, (await next(sub)).id]).toEqual([who, a.id]);
        expect(reads).toHaveBeenCalledTimes(2);
        const audited = await t.db.query(`SELECT actor_id FROM audit_event WHERE action = 'READ' AND entity_type = 'Alarm' AND entity_id = $1`, [a.id]);
        expect(audited.map((r: any) => r.actor_id).sort()).toEqual([user.staff, user.staff2, user.manager].sort());
      } finally {
        reads.mockRestore();
      }
    });

    it('acknowledgements and stand-downs reach those who may read the alarm', async () => {
      const a = await raise('staff', central);
      const pcso = connect('pcso').subscribe(CHANGED, { b: [central, northgate] });
      const shelterSub = connect('shelter').subscribe(CHANGED, { b: [central, northgate] });
      await listening('ALARM_CHANGED', 2);
      await gql(ACK, { id: a.id, v: a.version }, 'manager');
      const got = await next(pcso);
      expect(got).toMatchObject({ id: a.id, active: true });
      expect(got.timeline.map((e: any) => e.kind)).toEqual(['RAISED', 'ACKNOWLEDGED']);
      const n = await raise('manager', northgate);
      await gql(ACK, { id: n.id, v: n.version }, 'shelter');
      expect((await next(shelterSub)).id).toBe(n.id);
      const down = await gql(
        `mutation($i: StandDownAlarmInput!) { standDownAlarm(input: $i) { alarm { id active } } }`,
        { i: { id: a.id, version: a.version } },
        'staff',
      );
      expect(down.alarm.active).toBe(false);
      expect(await next(pcso)).toMatchObject({ id: a.id, active: false });
    });
  });

  describe('incidents', () => {
    const record = (who: string, branchId: string, severity?: string) =>
      gql(
        RECORD,
        { i: { branchId, occurredAt: new Date(Date.now() - 60_000).toISOString(), category: 'VERBAL_ABUSE', description: 'Shouting', severity } },
        who,
      );

    it('reach managers and outreach workers by branch and severity; another service and staff get none', async () => {
      const manager = connect('manager').subscribe(INCIDENTS, { s: 'HIGH' });
      const outreach = connect('outreach').subscribe(INCIDENTS, { b: [northgate] });
      const other = connect('otherManager').subscribe(INCIDENTS, {});
      await listening('INCIDENT_RECORDED', 3);
      await record('staff', central, 'LOW');
      await record('staff', central);
      const high = await record('staff', central, 'HIGH');
      expect((await next(manager)).id).toBe(high.id);
      const north = await record('manager', northgate, 'LOW');
      expect((await next(outreach)).id).toBe(north.id);
      const theirs = await record('otherManager', otherBranch, 'LOW');
      expect((await next(other)).id).toBe(theirs.id);
      const staff = await connect('staff').subscribe(INCIDENTS, {}).next();
      expect(staff.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('referrals', () => {
    it('reach the worker who made the referral and the receiving organisation only', async () => {
      const subject = await createSubject(t.db, { serviceId: demo, name: 'Jo Bloggs' });
      const toPolice = await createReferral(t.db, { serviceId: demo, subjectId: subject, byId: user.outreach, partnerId: police });
      const toShelter = await createReferral(t.db, { serviceId: demo, subjectId: subject, byId: user.manager, partnerId: shelter });
      const subs = Object.fromEntries(['outreach', 'pcso', 'shelter', 'manager'].map((who) => [who, connect(who).subscribe(REFERRALS)]));
      await listening('REFERRAL_CHANGED', 4);
      await gql(ACCEPT, { id: toPolice, v: 1 }, 'pcso');
      for (const who of ['outreach', 'pcso'])
        expect([who, await next(subs[who])]).toEqual([who, { id: toPolice, status: 'ACCEPTED', partnerOrganisationId: police }]);
      await gql(ACCEPT, { id: toShelter, v: 1 }, 'shelter');
      // The manager reads every referral of the service, but hears of the ones they made.
      for (const who of ['shelter', 'manager']) expect([who, (await next(subs[who])).id]).toEqual([who, toShelter]);
    });

    it('a draft reaches only the worker who made it; once sent, the receiving organisation too', async () => {
      const subject = await createSubject(t.db, { serviceId: demo, name: 'Sam Sample' });
      const subs = Object.fromEntries(['outreach', 'pcso'].map((who) => [who, connect(who).subscribe(REFERRALS)]));
      await listening('REFERRAL_CHANGED', 2);
      const draft = await gql(
        `mutation($i: CreateReferralInput!) { createReferral(input: $i) { id version } }`,
        {
          i: {
            subjectId: subject,
            partnerOrganisationId: police,
            needs: ['HOUSING'],
            reason: 'Asked for help with housing',
            urgency: 'SOON',
            contactRoute: 'At Central Library most mornings',
            consent: 'GIVEN',
            consentRecordedAt: new Date(Date.now() - 3_600_000).toISOString(),
            consentMethod: 'Verbally, in person',
          },
        },
        'outreach',
      );
      expect(await next(subs.outreach)).toMatchObject({ id: draft.id, status: 'DRAFT' });
      await gql(`mutation($id: ID!, $v: Int!) { sendReferral(input: { id: $id, version: $v }) { id } }`, { id: draft.id, v: draft.version }, 'outreach');
      // The PCSO's first is the sent referral: the draft never reached them.
      expect(await next(subs.pcso)).toMatchObject({ id: draft.id, status: 'SENT' });
      expect(await next(subs.outreach)).toMatchObject({ id: draft.id, status: 'SENT' });
    });
  });

  describe('notificationAdded', () => {
    const ADDED = `subscription { notificationAdded { id kind recordId } }`;
    const SEND = `mutation($id: ID!, $v: Int!) { sendReferral(input: { id: $id, version: $v }) { id version } }`;
    const draft = async (partnerOrganisationId: string, byWho: string) =>
      gql(
        `mutation($i: CreateReferralInput!) { createReferral(input: $i) { id version } }`,
        {
          i: {
            subjectId: await createSubject(t.db, { serviceId: demo, name: 'Nat Notify' }),
            partnerOrganisationId,
            needs: ['FOOD'],
            reason: 'Asked where to find a food bank',
            urgency: 'ROUTINE',
            contactRoute: 'At Central Library on Fridays',
            consent: 'GIVEN',
            consentRecordedAt: new Date(Date.now() - 3_600_000).toISOString(),
            consentMethod: 'Verbally, in person',
          },
        },
        byWho,
      );

    it('reaches the user it is for only: the receiving organisation’s users, then the referring worker', async () => {
      const subs = Object.fromEntries(['pcso', 'shelter', 'outreach'].map((who) => [who, connect(who).subscribe(ADDED)]));
      await listening('NOTIFICATION_ADDED', 3);
      const toPolice = await draft(police, 'outreach');
      const sent = await gql(SEND, { id: toPolice.id, v: toPolice.version }, 'outreach');
      expect(await next(subs.pcso)).toMatchObject({ kind: 'REFERRAL_RECEIVED', recordId: toPolice.id });
      // The PCSO's answer tells the worker who sent it; the worker's first notification is that one.
      await gql(ACCEPT, { id: toPolice.id, v: sent.version }, 'pcso');
      expect(await next(subs.outreach)).toMatchObject({ kind: 'REFERRAL_STATUS_CHANGED', recordId: toPolice.id });
      // The shelter heard nothing of the police's referral: its first is its own.
      const toShelter = await draft(shelter, 'outreach');
      await gql(SEND, { id: toShelter.id, v: toShelter.version }, 'outreach');
      expect(await next(subs.shelter)).toMatchObject({ kind: 'REFERRAL_RECEIVED', recordId: toShelter.id });
    });
  });
});
