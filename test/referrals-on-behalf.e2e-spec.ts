import { addYears } from '../libs/common/src/index.js';
import {
  auditRows,
  createAgreement,
  createCase,
  createLibraryService,
  createShare,
  createSubject,
  createUser,
  demoServiceId,
  userId,
} from './support/builders.js';
import { codeOf, type GqlResult, startTestApp, type TestApp } from './support/test-app.js';

/*
 * Issue 12: most partner organisations have no login, so a referral sent to them was never
 * accepted and turned overdue. The library records the partner's answer (a move, a message, an
 * update on the person's shared case) on its behalf: who answered there, how and when.
 */

const ON_BEHALF = 'recordedOnBehalf { answeredBy channel answeredAt recordedById }';
const FIELDS = `id status version partnerOrganisationId sentAt acceptedAt declinedAt startedAt closedAt outcome outcomeNotes declineReason declineDetails
  isOverdue dataProtection { retainUntil }`;
const HISTORY = `transitions { fromStatus toStatus actorId actorRole at ${ON_BEHALF} }
  updates(first: 100) { totalCount edges { node { id body authorId authorRole ${ON_BEHALF} } } }`;
const CREATE = `mutation($i: CreateReferralInput!) { createReferral(input: $i) { ${FIELDS} } }`;
const SEND = `mutation($i: VersionedIdInput!) { sendReferral(input: $i) { ${FIELDS} } }`;
const ACCEPT = `mutation($i: VersionedIdInput!) { acceptReferral(input: $i) { ${FIELDS} } }`;
const ACCEPT_OB = `mutation($i: ReferralOnBehalfInput!) { acceptReferralOnBehalf(input: $i) { ${FIELDS} } }`;
const START_OB = `mutation($i: ReferralOnBehalfInput!) { startReferralOnBehalf(input: $i) { ${FIELDS} } }`;
const DECLINE_OB = `mutation($i: DeclineReferralOnBehalfInput!) { declineReferralOnBehalf(input: $i) { ${FIELDS} } }`;
const CLOSE_OB = `mutation($i: CloseReferralOnBehalfInput!) { closeReferralOnBehalf(input: $i) { ${FIELDS} } }`;
const MESSAGE_OB = `mutation($i: AddReferralUpdateOnBehalfInput!) { addReferralUpdateOnBehalf(input: $i) { id referralId body authorId authorRole ${ON_BEHALF} } }`;
const CASE_UPDATE_OB = `mutation($i: AddCaseUpdateOnBehalfInput!) { addCaseUpdateOnBehalf(input: $i) {
  id caseId kind body partnerOrganisationId authorId authorRole authorLibraryServiceId ${ON_BEHALF} } }`;
const ONE = `query($id: ID!) { referral(id: $id) { ${FIELDS} ${HISTORY} } }`;
const INCOMING = `query { incomingReferrals(first: 100) { totalCount edges { node { id status } } } }`;
const OVERDUE = `query { overdueReferrals(first: 100) { edges { node { id } } } }`;
const CASE_UPDATES = `query($c: ID!) { caseUpdates(caseId: $c, first: 100) { totalCount edges { node { id body partnerOrganisationId ${ON_BEHALF} } } } }`;
const SHARED = `query($id: ID!) { sharedCase(id: $id, purpose: "Following up the referral") { id updates(first: 100) { totalCount edges { node { id body kind ${ON_BEHALF} } } } } }`;
const STATS = `query($from: DateTime!, $to: DateTime!) { referralStatistics(from: $from, to: $to, groupBy: PARTNER) {
  groups { key sent accepted declined awaitingAnswer closed acceptanceRate medianHoursToAccept }
  total { sent accepted declined awaitingAnswer closed acceptanceRate medianHoursToAccept } } }`;

type Ref = { id: string; version: number; status: string; [k: string]: any };

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

describe('answers recorded on a partner’s behalf (e2e over HTTP)', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const uid: Record<string, string> = {};
  let demo: string;
  let housing: string; // no login: the library answers for it
  let police: string; // the PCSO's organisation
  let subject: string;
  let otherSubject: string;
  let caseId: string;

  const ok = <T>(r: GqlResult<T>): T => {
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data;
  };
  const first = (r: GqlResult<any>): Ref => Object.values(ok(r) as Record<string, Ref>)[0]!;
  const answer = (extra: Record<string, unknown> = {}) => ({
    partnerOrganisationId: housing,
    answeredBy: 'Duty officer',
    channel: 'PHONE',
    answeredAt: hoursAgo(1),
    ...extra,
  });
  const sent = async (extra: Record<string, unknown> = {}, who = 'outreach'): Promise<Ref> => {
    const draft = first(
      await t.gql(
        CREATE,
        {
          i: {
            subjectId: subject,
            partnerOrganisationId: housing,
            needs: ['HOUSING'],
            reason: 'Sleeping in the car park; asked for help with housing',
            urgency: 'SOON',
            contactRoute: 'At Central Library most mornings',
            consent: 'GIVEN',
            consentRecordedAt: hoursAgo(48),
            consentMethod: 'Verbally, in person',
            ...extra,
          },
        },
        tok[who],
      ),
    );
    const s = first(await t.gql(SEND, { i: { id: draft.id, version: draft.version } }, tok[who]));
    // Sent a day ago, so answers given since are in the past.
    await t.db.query(`UPDATE referral SET sent_at = date_trunc('milliseconds', now() - interval '1 day') WHERE id = $1`, [s.id]);
    return { ...s, sentAt: (await t.db.query(`SELECT sent_at FROM referral WHERE id = $1`, [s.id]))[0].sent_at.toISOString() };
  };
  const onBehalf = (op: string, r: Ref, who: string, extra: Record<string, unknown> = {}, ans: Record<string, unknown> = {}) =>
    t.gql(op, { i: { id: r.id, version: r.version, onBehalf: answer(ans), ...extra } }, tok[who]);
  const row = async (id: string) => (await t.db.query(`SELECT status, version FROM referral WHERE id = $1`, [id]))[0];

  beforeAll(async () => {
    t = await startTestApp();
    demo = await demoServiceId(t.db);
    [{ id: housing }] = await t.db.query(`SELECT id FROM partner_organisation WHERE name = 'Demo Shire Housing Options' AND library_service_id = $1`, [demo]);
    [{ id: police }] = await t.db.query(`SELECT id FROM partner_organisation WHERE type = 'POLICE_NEIGHBOURHOOD_TEAM' AND library_service_id = $1`, [demo]);
    const [{ n: housingUsers }] = await t.db.query(`SELECT count(*)::int AS n FROM app_user WHERE partner_organisation_id = $1`, [housing]);
    expect(housingUsers).toBe(0);
    await createUser(t.db, { email: 'outreach2@demo.test', role: 'OUTREACH_WORKER', serviceId: demo });
    const other = await createLibraryService(t.db, { name: 'Neighbouring County Libraries' });
    await createUser(t.db, { email: 'manager@other.test', role: 'MANAGER', serviceId: other });
    for (const who of ['manager', 'outreach', 'outreach2', 'staff', 'pcso', 'dpo']) {
      tok[who] = await t.login(`${who}@demo.test`);
      uid[who] = await userId(t.db, `${who}@demo.test`);
    }
    tok.otherManager = await t.login('manager@other.test');
    subject = await createSubject(t.db, { serviceId: demo, createdById: uid.outreach, name: 'Jo Example', retainUntil: '2032-01-01' });
    otherSubject = await createSubject(t.db, { serviceId: demo, createdById: uid.outreach, name: 'Sam Other', retainUntil: '2032-01-01' });
    // Jo's case, shared now with the housing team under an active agreement.
    caseId = await createCase(t.db, { serviceId: demo, subjectId: subject, ownerId: uid.outreach!, title: 'Jo: support plan' });
    const agreement = await createAgreement(t.db, {
      serviceId: demo,
      createdById: uid.manager!,
      categories: ['IDENTITY', 'REFERRALS'],
      organisationIds: [housing],
    });
    await createShare(t.db, {
      serviceId: demo,
      caseId,
      agreementId: agreement,
      byId: uid.manager!,
      categories: ['IDENTITY', 'REFERRALS'],
      organisationId: housing,
    });
  });
  afterAll(() => t.close());

  describe('the closed loop with a partner that has no login', () => {
    let closed: Ref;
    let declined: Ref;

    it('accepted by phone on its behalf, started and closed with an outcome: the steps take the partner’s times, the history says who recorded them', async () => {
      const s = await sent({ urgency: 'URGENT' });
      // Not answered within a working day: overdue until the library records the answer.
      expect(ok(await t.gql(OVERDUE, {}, tok.outreach)).overdueReferrals.edges.map((e: any) => e.node.id)).toContain(s.id);

      const acceptedAt = hoursAgo(20);
      const a = first(await onBehalf(ACCEPT_OB, s, 'outreach', {}, { answeredBy: 'Duty officer', channel: 'PHONE', answeredAt: acceptedAt }));
      expect(a).toMatchObject({ status: 'ACCEPTED', version: s.version + 1, acceptedAt, isOverdue: false });
      expect(ok(await t.gql(OVERDUE, {}, tok.outreach)).overdueReferrals.edges.map((e: any) => e.node.id)).not.toContain(s.id);

      // A manager of the service may record for any referral of it.
      const startedAt = hoursAgo(5);
      const p = first(await onBehalf(START_OB, a, 'manager', {}, { answeredBy: 'Sam Green, housing officer', channel: 'MEETING', answeredAt: startedAt }));
      expect(p).toMatchObject({ status: 'IN_PROGRESS', startedAt });

      const closedAt = hoursAgo(1);
      closed = first(
        await onBehalf(
          CLOSE_OB,
          p,
          'outreach',
          { outcome: 'NEEDS_MET', notes: 'Offered supported accommodation' },
          { channel: 'LETTER', answeredAt: closedAt },
        ),
      );
      expect(closed).toMatchObject({
        status: 'CLOSED',
        outcome: 'NEEDS_MET',
        outcomeNotes: 'Offered supported accommodation',
        closedAt,
        version: s.version + 3,
      });
      // The retention clock starts when the partner closed it.
      expect(closed.dataProtection.retainUntil).toBe(addYears(new Date(closedAt), 6));

      const seen = ok(await t.gql(ONE, { id: s.id }, tok.outreach)).referral;
      expect(seen.transitions.map((x: any) => [x.fromStatus, x.toStatus, x.actorRole, x.recordedOnBehalf?.channel ?? null])).toEqual([
        [null, 'DRAFT', 'OUTREACH_WORKER', null],
        ['DRAFT', 'SENT', 'OUTREACH_WORKER', null],
        ['SENT', 'ACCEPTED', 'OUTREACH_WORKER', 'PHONE'],
        ['ACCEPTED', 'IN_PROGRESS', 'MANAGER', 'MEETING'],
        ['IN_PROGRESS', 'CLOSED', 'OUTREACH_WORKER', 'LETTER'],
      ]);
      expect(seen.transitions[2].recordedOnBehalf).toEqual({
        answeredBy: 'Duty officer',
        channel: 'PHONE',
        answeredAt: acceptedAt,
        recordedById: uid.outreach,
      });
      expect(seen.transitions[3].recordedOnBehalf).toEqual({
        answeredBy: 'Sam Green, housing officer',
        channel: 'MEETING',
        answeredAt: startedAt,
        recordedById: uid.manager,
      });
      expect(seen.transitions[2].actorId).toBe(uid.outreach);
      // The history row is stamped when it was recorded; the answer keeps the partner's time.
      expect(new Date(seen.transitions[2].at).getTime()).toBeGreaterThan(Date.now() - 120_000);

      // Audited as changes of the referral, by the library users who recorded them.
      const updates = await auditRows(t.db, { action: 'UPDATE', entityType: 'Referral', entityId: s.id });
      expect(updates.map((u: any) => u.actor_id)).toEqual([uid.outreach, uid.outreach, uid.manager, uid.outreach]);
    });

    it('declined with a reason on its behalf (OTHER needs details, as for a partner user)', async () => {
      const s = await sent();
      const noDetails = await onBehalf(DECLINE_OB, s, 'outreach', { reason: 'OTHER' }, { channel: 'EMAIL' });
      expect(codeOf(noDetails)).toBe('BAD_USER_INPUT');
      expect(noDetails.errors![0]!.message).toMatch(/declineDetails is required/);
      const declinedAt = hoursAgo(3);
      declined = first(
        await onBehalf(
          DECLINE_OB,
          s,
          'outreach',
          { reason: 'OTHER', details: 'Already housed by another council' },
          { channel: 'EMAIL', answeredAt: declinedAt },
        ),
      );
      expect(declined).toMatchObject({ status: 'DECLINED', declineReason: 'OTHER', declineDetails: 'Already housed by another council', declinedAt });
      const seen = ok(await t.gql(ONE, { id: s.id }, tok.outreach)).referral;
      expect(seen.transitions.at(-1)).toMatchObject({
        toStatus: 'DECLINED',
        recordedOnBehalf: { answeredBy: 'Duty officer', channel: 'EMAIL', answeredAt: declinedAt, recordedById: uid.outreach },
      });
    });

    it('a message and an update on the shared case, on its behalf: in the history, audited, and shown as the organisation’s', async () => {
      const answeredAt = hoursAgo(2);
      const message = ok(
        await t.gql(
          MESSAGE_OB,
          { i: { referralId: closed.id, body: 'Jo moved in on Monday', onBehalf: answer({ answeredBy: 'Sam Green', channel: 'PHONE', answeredAt }) } },
          tok.outreach,
        ),
      ).addReferralUpdateOnBehalf;
      expect(message).toMatchObject({
        referralId: closed.id,
        authorId: uid.outreach,
        authorRole: 'OUTREACH_WORKER',
        recordedOnBehalf: { answeredBy: 'Sam Green', channel: 'PHONE', answeredAt, recordedById: uid.outreach },
      });
      const history = ok(await t.gql(ONE, { id: closed.id }, tok.manager)).referral;
      expect(history.updates.edges.map((e: any) => [e.node.body, e.node.recordedOnBehalf?.answeredBy])).toEqual([['Jo moved in on Monday', 'Sam Green']]);
      expect((await auditRows(t.db, { action: 'CREATE', entityType: 'ReferralUpdate', entityId: message.id })).map((a: any) => a.actor_id)).toEqual([
        uid.outreach,
      ]);

      const update = ok(
        await t.gql(
          CASE_UPDATE_OB,
          {
            i: {
              caseId,
              referralId: closed.id,
              kind: 'ACTION_TAKEN',
              body: 'Tenancy signed; support worker assigned',
              onBehalf: answer({ channel: 'EMAIL', answeredAt }),
            },
          },
          tok.outreach,
        ),
      ).addCaseUpdateOnBehalf;
      expect(update).toMatchObject({
        caseId,
        kind: 'ACTION_TAKEN',
        partnerOrganisationId: housing,
        authorId: uid.outreach,
        authorRole: 'OUTREACH_WORKER',
        authorLibraryServiceId: demo,
        recordedOnBehalf: { answeredBy: 'Duty officer', channel: 'EMAIL', answeredAt, recordedById: uid.outreach },
      });
      const onCase = ok(await t.gql(CASE_UPDATES, { c: caseId }, tok.manager)).caseUpdates;
      expect(onCase.edges.map((e: any) => [e.node.body, e.node.partnerOrganisationId, e.node.recordedOnBehalf.channel])).toEqual([
        ['Tenancy signed; support worker assigned', housing, 'EMAIL'],
      ]);
      expect((await auditRows(t.db, { action: 'CREATE', entityType: 'CaseUpdate', entityId: update.id })).map((a: any) => a.actor_id)).toEqual([uid.outreach]);
    });

    it('a partner user added later reads it all like their own: the referrals, the history, the messages, the case update', async () => {
      await createUser(t.db, { email: 'officer@housing.test', role: 'PARTNER', serviceId: demo, partnerId: housing });
      tok.housing = await t.login('officer@housing.test');
      const inbox = ok(await t.gql(INCOMING, {}, tok.housing)).incomingReferrals;
      expect(inbox.edges.map((e: any) => e.node.id)).toEqual(expect.arrayContaining([closed.id, declined.id]));
      const seen = ok(await t.gql(ONE, { id: closed.id }, tok.housing, { 'x-purpose': 'Our caseload' })).referral;
      expect(seen).toMatchObject({ status: 'CLOSED', outcome: 'NEEDS_MET' });
      expect(seen.transitions.filter((x: any) => x.recordedOnBehalf).map((x: any) => [x.toStatus, x.recordedOnBehalf.answeredBy])).toEqual([
        ['ACCEPTED', 'Duty officer'],
        ['IN_PROGRESS', 'Sam Green, housing officer'],
        ['CLOSED', 'Duty officer'],
      ]);
      expect(seen.updates.edges.map((e: any) => [e.node.body, e.node.recordedOnBehalf.answeredBy])).toEqual([['Jo moved in on Monday', 'Sam Green']]);
      // The shared case shows the organisation's own updates: the one recorded on its behalf among them.
      const shared = ok(await t.gql(SHARED, { id: caseId }, tok.housing)).sharedCase;
      expect(shared.updates.edges.map((e: any) => [e.node.body, e.node.recordedOnBehalf.channel])).toEqual([
        ['Tenancy signed; support worker assigned', 'EMAIL'],
      ]);
      // Another partner sees none of it.
      expect(codeOf(await t.gql(ONE, { id: closed.id }, tok.pcso))).toBe('NOT_FOUND');
    });
  });

  describe('statistics', () => {
    const FROM = '2025-06-01T00:00:00Z';
    const TO = '2025-07-01T00:00:00Z';

    it('count an answer recorded on behalf exactly like a partner’s own, timed from when the partner answered', async () => {
      const backdate = (id: string, at: string) => t.db.query(`UPDATE referral SET sent_at = $2 WHERE id = $1`, [id, at]);
      // Housing (no login): accepted 2 hours after sending, recorded the next week; another declined.
      const a = await sent();
      await backdate(a.id, '2025-06-02T09:00:00Z');
      first(await onBehalf(ACCEPT_OB, a, 'outreach', {}, { answeredAt: '2025-06-02T11:00:00Z' }));
      const d = await sent();
      await backdate(d.id, '2025-06-03T09:00:00Z');
      first(await onBehalf(DECLINE_OB, d, 'manager', { reason: 'NO_CAPACITY' }, { answeredAt: '2025-06-03T10:00:00Z' }));
      // The police answer in the app, 4 hours after sending.
      const p = await sent({ partnerOrganisationId: police });
      await backdate(p.id, '2025-06-04T09:00:00Z');
      first(await t.gql(ACCEPT, { i: { id: p.id, version: p.version } }, tok.pcso));
      await t.db.query(`UPDATE referral SET accepted_at = '2025-06-04T13:00:00Z' WHERE id = $1`, [p.id]);

      const stats = ok(await t.gql(STATS, { from: FROM, to: TO }, tok.manager)).referralStatistics;
      expect(stats.total).toEqual({ sent: 3, accepted: 2, declined: 1, awaitingAnswer: 0, closed: 0, acceptanceRate: 2 / 3, medianHoursToAccept: 3 });
      expect(stats.groups).toEqual(
        expect.arrayContaining([
          { key: housing, sent: 2, accepted: 1, declined: 1, awaitingAnswer: 0, closed: 0, acceptanceRate: 0.5, medianHoursToAccept: 2 },
          { key: police, sent: 1, accepted: 1, declined: 0, awaitingAnswer: 0, closed: 0, acceptanceRate: 1, medianHoursToAccept: 4 },
        ]),
      );
      // The partner's own users count the same.
      const theirs = ok(await t.gql(STATS, { from: FROM, to: TO }, tok.housing)).referralStatistics;
      expect(theirs.total).toMatchObject({ sent: 2, accepted: 1, declined: 1, medianHoursToAccept: 2 });
    });
  });

  describe('who may record on a partner’s behalf', () => {
    let s: Ref;
    let toPolice: Ref;

    beforeAll(async () => {
      s = await sent();
      toPolice = await sent({ partnerOrganisationId: police });
    });

    const denied = async (who: string, r: Ref, ans: Record<string, unknown> = {}) => ({
      accept: codeOf(await onBehalf(ACCEPT_OB, r, who, {}, ans)),
      decline: codeOf(await onBehalf(DECLINE_OB, r, who, { reason: 'NO_CAPACITY' }, ans)),
      message: codeOf(await t.gql(MESSAGE_OB, { i: { referralId: r.id, body: 'Called back', onBehalf: answer(ans) } }, tok[who])),
      caseUpdate: codeOf(
        await t.gql(CASE_UPDATE_OB, { i: { caseId, referralId: r.id, kind: 'INFORMATION', body: 'Seen at the office', onBehalf: answer(ans) } }, tok[who]),
      ),
    });
    const all = (code: string) => ({ accept: code, decline: code, message: code, caseUpdate: code });

    it('not partner users, who answer as themselves: not for their own organisation’s referrals, nor another’s', async () => {
      expect(await denied('pcso', toPolice, { partnerOrganisationId: police })).toEqual(all('FORBIDDEN'));
      expect(await denied('pcso', s)).toEqual(all('FORBIDDEN'));
      expect(await denied('housing', s)).toEqual(all('FORBIDDEN'));
    });

    it('not staff, not the DPO, not another outreach worker of the service; a manager of another service does not find the referral', async () => {
      for (const who of ['staff', 'dpo', 'outreach2']) expect({ who, codes: await denied(who, s) }).toEqual({ who, codes: all('FORBIDDEN') });
      expect(await denied('otherManager', s)).toEqual(all('NOT_FOUND'));
    });

    it('only for the organisation the referral was sent to, and a case shared with it now', async () => {
      // The answer said to be the police's, on a referral sent to the housing team (and the other way round).
      expect(await denied('outreach', s, { partnerOrganisationId: police })).toEqual(all('FORBIDDEN'));
      expect(await denied('outreach', toPolice)).toEqual(all('FORBIDDEN'));
      // The police's answer on their referral: accepted as a move, but Jo's case is not shared with the police.
      const caseUpdate = await t.gql(
        CASE_UPDATE_OB,
        { i: { caseId, referralId: toPolice.id, kind: 'INFORMATION', body: 'Seen at the station', onBehalf: answer({ partnerOrganisationId: police }) } },
        tok.outreach,
      );
      expect(codeOf(caseUpdate)).toBe('FORBIDDEN');
      expect(caseUpdate.errors![0]!.message).toMatch(/not shared with the organisation/);
    });

    it('a refused record changes nothing', async () => {
      expect(await row(s.id)).toEqual({ status: 'SENT', version: s.version });
      expect(await row(toPolice.id)).toEqual({ status: 'SENT', version: toPolice.version });
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM referral_update WHERE referral_id = ANY($1)`, [[s.id, toPolice.id]]);
      expect(n).toBe(0);
      const [{ c }] = await t.db.query(`SELECT count(*)::int AS c FROM case_update WHERE body LIKE 'Seen at the%'`);
      expect(c).toBe(0);
    });
  });

  describe('bad input', () => {
    it('an answer in the future, before the referral was sent, or before its current step; a bad channel; no one named', async () => {
      const s = await sent();
      const future = await onBehalf(ACCEPT_OB, s, 'outreach', {}, { answeredAt: new Date(Date.now() + 86_400_000).toISOString() });
      expect(codeOf(future)).toBe('BAD_USER_INPUT');
      expect(future.errors![0]!.message).toMatch(/answeredAt must not be in the future/);

      const beforeSending = await onBehalf(ACCEPT_OB, s, 'outreach', {}, { answeredAt: new Date(new Date(s.sentAt).getTime() - 60_000).toISOString() });
      expect(codeOf(beforeSending)).toBe('BAD_USER_INPUT');
      expect(beforeSending.errors![0]!.message).toMatch(/must not be before the referral was sent/);
      const message = await t.gql(MESSAGE_OB, { i: { referralId: s.id, body: 'Called', onBehalf: answer({ answeredAt: hoursAgo(48) }) } }, tok.outreach);
      expect(codeOf(message)).toBe('BAD_USER_INPUT');

      // Exactly when it was sent is fine; then a start before the acceptance is refused.
      const a = first(await onBehalf(ACCEPT_OB, s, 'outreach', {}, { answeredAt: s.sentAt }));
      const early = await onBehalf(START_OB, a, 'outreach', {}, { answeredAt: new Date(new Date(s.sentAt).getTime() - 1000).toISOString() });
      expect(codeOf(early)).toBe('BAD_USER_INPUT');
      expect(early.errors![0]!.message).toMatch(/must not be before the referral was accepted/);

      for (const ans of [
        { channel: 'FAX' },
        { channel: null },
        { answeredBy: '   ' },
        { answeredBy: 'x'.repeat(201) },
        { answeredAt: 'yesterday' },
        { partnerOrganisationId: 'housing' },
      ]) {
        const r = await onBehalf(START_OB, a, 'outreach', {}, ans);
        expect({ ans, code: codeOf(r) }).toEqual({ ans, code: 'BAD_USER_INPUT' });
      }
      const noAnswer = await t.gql(START_OB, { i: { id: a.id, version: a.version } }, tok.outreach);
      expect(codeOf(noAnswer)).toBe('BAD_USER_INPUT');
      expect(await row(a.id)).toEqual({ status: 'ACCEPTED', version: a.version });
    });

    it('a move the flow does not allow is a CONFLICT naming from and to; a stale version a CONFLICT; neither changes anything', async () => {
      const s = await sent();
      const notYet = await onBehalf(START_OB, s, 'outreach');
      expect(codeOf(notYet)).toBe('CONFLICT');
      expect(notYet.errors![0]!.extensions).toMatchObject({ from: 'SENT', to: 'IN_PROGRESS' });
      expect(codeOf(await onBehalf(CLOSE_OB, s, 'outreach', { outcome: 'NOT_MET' }))).toBe('CONFLICT');
      const a = first(await onBehalf(ACCEPT_OB, s, 'outreach'));
      const again = await onBehalf(ACCEPT_OB, a, 'outreach');
      expect(codeOf(again)).toBe('CONFLICT');
      expect(again.errors![0]!.extensions).toMatchObject({ from: 'ACCEPTED', to: 'ACCEPTED' });
      expect(codeOf(await onBehalf(DECLINE_OB, a, 'manager', { reason: 'NO_CAPACITY' }))).toBe('CONFLICT');

      const stale = await onBehalf(START_OB, s, 'outreach');
      expect(codeOf(stale)).toBe('CONFLICT');
      expect(stale.errors![0]!.extensions).toMatchObject({ expectedVersion: s.version, currentVersion: a.version });
      expect(await row(s.id)).toEqual({ status: 'ACCEPTED', version: a.version });
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM referral_transition WHERE referral_id = $1`, [s.id]);
      expect(n).toBe(3);
    });

    it('a message or case update needs a sent referral about the case’s person', async () => {
      const draft = first(
        await t.gql(
          CREATE,
          { i: { subjectId: subject, partnerOrganisationId: housing, needs: ['HOUSING'], reason: 'Not sent yet', urgency: 'ROUTINE', consent: 'NOT_ASKED' } },
          tok.outreach,
        ),
      );
      const onDraft = await t.gql(MESSAGE_OB, { i: { referralId: draft.id, body: 'Hello', onBehalf: answer() } }, tok.outreach);
      expect(codeOf(onDraft)).toBe('BAD_USER_INPUT');
      expect(onDraft.errors![0]!.message).toMatch(/DRAFT/);
      const caseOnDraft = await t.gql(
        CASE_UPDATE_OB,
        { i: { caseId, referralId: draft.id, kind: 'INFORMATION', body: 'Hello', onBehalf: answer() } },
        tok.outreach,
      );
      expect(codeOf(caseOnDraft)).toBe('BAD_USER_INPUT');

      const aboutSam = await sent({ subjectId: otherSubject });
      const wrongPerson = await t.gql(
        CASE_UPDATE_OB,
        { i: { caseId, referralId: aboutSam.id, kind: 'INFORMATION', body: 'Hello', onBehalf: answer() } },
        tok.outreach,
      );
      expect(codeOf(wrongPerson)).toBe('BAD_USER_INPUT');
      expect(wrongPerson.errors![0]!.message).toMatch(/another person/);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM case_update WHERE body = 'Hello'`);
      expect(n).toBe(0);
    });
  });
});
