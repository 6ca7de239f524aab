import { EVENT_BUS, type EventBus, type LiveEvent } from '../libs/events/src/index.js';
import { NotificationKind, NotificationOutbox, NotificationScheduler } from '../libs/notifications/src/index.js';
import { createAgreement, createBan, createCase, createContactLog, createPartner, createSubject, createUser, demoServiceId } from './support/builders.js';
import { NOTIFY_ENV, notificationsOf, todayUtc, tomorrowUtc, waitFor } from './support/notifications.js';
import { startTestSmtp, type TestSmtp } from './support/smtp.js';
import { codeOf, signInDemoUsers, startTestApp, type TestApp } from './support/test-app.js';

/**
 * Notifications end to end over HTTP: each kind raised by its trigger (the referral and sharing
 * mutations, the daily reminders), delivered in the app and by email through a real SMTP server,
 * the live event published once committed, preferences respected, and every user's notifications
 * their own only.
 */

const SUBJECT_NAME = 'Sentinel Person Quinn';
const CREATE = `mutation($i: CreateReferralInput!) { createReferral(input: $i) { id version } }`;
const SEND = `mutation($id: ID!, $v: Int!) { sendReferral(input: { id: $id, version: $v }) { id version } }`;
const ACCEPT = `mutation($id: ID!, $v: Int!) { acceptReferral(input: { id: $id, version: $v }) { id version } }`;
const SHARE = `mutation($i: ShareCaseInput!) { shareCase(input: $i) { id } }`;
const LIST = `query($f: NotificationFilterInput, $first: Int, $after: String) {
  notifications(filter: $f, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id kind recordType recordId readAt createdAt } } } }`;
const COUNT = `{ unreadNotificationCount }`;
const MARK = `mutation($i: MarkNotificationsReadInput!) { markNotificationsRead(input: $i) }`;
const PREFS = `{ notificationPreferences { kind delivery version updatedAt } }`;
const SET_PREF = `mutation($i: SetNotificationPreferenceInput!) { setNotificationPreference(input: $i) { kind delivery version } }`;

describe('notifications (e2e over HTTP)', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  const tok: Record<string, string> = {};
  const uid: Record<string, string> = {};
  let demo: string;
  let police: string;
  let subject: string;
  const events: LiveEvent[] = [];

  const ok = <T = any>(r: { data: T; errors?: unknown }) => {
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data;
  };
  const sendReferral = async (): Promise<{ id: string; version: number }> => {
    const input = {
      subjectId: subject,
      partnerOrganisationId: police,
      needs: ['HOUSING'],
      reason: 'Needs somewhere to stay',
      urgency: 'SOON',
      contactRoute: 'At Central Library most mornings',
      consent: 'GIVEN',
      consentRecordedAt: '2026-01-05T10:00:00.000Z',
      consentMethod: 'Verbally, in person',
    };
    const draft = ok(await t.gql(CREATE, { i: input }, tok.outreach)).createReferral;
    return ok(await t.gql(SEND, { id: draft.id, v: draft.version }, tok.outreach)).sendReferral;
  };
  const mailsTo = (to: string, id: string) => smtp.received.filter((m) => m.to.includes(to) && m.text.includes(id));

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestApp(NOTIFY_ENV(smtp.url));
    await signInDemoUsers(t, tok, uid);
    demo = await demoServiceId(t.db);
    [{ id: police }] = await t.db.query(`SELECT id FROM partner_organisation WHERE type = 'POLICE_NEIGHBOURHOOD_TEAM' AND library_service_id = $1`, [demo]);
    await t.db.query(`UPDATE partner_organisation SET email = 'duty@police.example' WHERE id = $1`, [police]);
    subject = await createSubject(t.db, { serviceId: demo, name: SUBJECT_NAME, createdById: uid.outreach, retainUntil: '2032-01-01' });
    t.running.app.get<symbol, EventBus>(EVENT_BUS).subscribe(['NOTIFICATION_ADDED'], (e) => events.push(e));
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('REFERRAL_RECEIVED: a sent referral notifies the partner users in the app, by email, and the organisation’s duty inbox, identifiers only', async () => {
    const sent = await sendReferral();
    const [n] = (await notificationsOf(t, uid.pcso)).filter((x) => x.record_id === sent.id);
    expect(n).toMatchObject({ kind: 'REFERRAL_RECEIVED', record_type: 'Referral', read_at: null });
    const page = ok(await t.gql(LIST, { f: { unread: true } }, tok.pcso)).notifications;
    expect(page.edges.map((e: any) => e.node)).toContainEqual(
      expect.objectContaining({ id: n.id, kind: 'REFERRAL_RECEIVED', recordType: 'Referral', recordId: sent.id }),
    );
    expect(ok(await t.gql(COUNT, {}, tok.pcso)).unreadNotificationCount).toBeGreaterThanOrEqual(1);

    const toPcso = await waitFor('the email to the partner user', async () => mailsTo('pcso@demo.test', sent.id)[0]);
    const toInbox = await waitFor('the email to the duty inbox', async () => mailsTo('duty@police.example', sent.id)[0]);
    expect(toPcso.subject).toBe('Safer Libraries: A referral is waiting for your organisation');
    expect(toPcso.text).toContain(`https://safer.example/#/Referral/${sent.id}`);
    expect(toInbox.text).toContain('A referral is waiting for your organisation in Safer Libraries.');
    for (const mail of [toPcso, toInbox]) {
      expect(mail.text).not.toContain(SUBJECT_NAME);
      expect(mail.text).not.toContain('Needs somewhere to stay');
      expect(mail.text).not.toMatch(/Priya|Patel|@demo\.test|duty@/);
    }
    // Published once committed, identifiers only.
    const live = await waitFor('the live event', async () => events.find((e) => e.id === n.id));
    expect(live).toEqual({ kind: 'NOTIFICATION_ADDED', libraryServiceId: demo, id: n.id, userId: uid.pcso, at: expect.any(String) });
    // The referring worker is not told of their own move.
    expect((await notificationsOf(t, uid.outreach)).filter((x) => x.record_id === sent.id)).toEqual([]);
  });

  it('REFERRAL_STATUS_CHANGED: the partner’s answer notifies the referring worker, and nobody else', async () => {
    const sent = await sendReferral();
    ok(await t.gql(ACCEPT, { id: sent.id, v: sent.version }, tok.pcso));
    expect((await notificationsOf(t, uid.outreach)).filter((x) => x.record_id === sent.id).map((x) => x.kind)).toEqual(['REFERRAL_STATUS_CHANGED']);
    expect((await notificationsOf(t, uid.pcso)).filter((x) => x.record_id === sent.id).map((x) => x.kind)).toEqual(['REFERRAL_RECEIVED']);
    const mail = await waitFor('the email to the referring worker', async () => mailsTo('outreach@demo.test', sent.id)[0]);
    expect(mail.subject).toBe('Safer Libraries: A referral you made has moved on');
  });

  it('CASE_SHARED: sharing a case notifies the users of the organisation shared with', async () => {
    const caseId = await createCase(t.db, { serviceId: demo, subjectId: subject, ownerId: uid.manager, title: 'Joint working' });
    const agreementId = await createAgreement(t.db, { serviceId: demo, createdById: uid.manager, categories: ['IDENTITY'], organisationIds: [police] });
    ok(await t.gql(SHARE, { i: { caseId, agreementId, partnerOrganisationId: police, categories: ['IDENTITY'], reason: 'Joint working' } }, tok.manager));
    const shared = (await notificationsOf(t, uid.pcso)).filter((x) => x.kind === 'CASE_SHARED');
    expect(shared.map((x) => [x.record_type, x.record_id])).toEqual([['SharedCase', caseId]]);
    expect((await notificationsOf(t, uid.manager)).filter((x) => x.kind === 'CASE_SHARED')).toEqual([]);
  });

  it('an event is queued in the transaction of its change: a rollback leaves no notification, no message and no live event', async () => {
    const outbox = t.running.app.get(NotificationOutbox);
    const before = events.length;
    const recordId = '00000000-0000-4000-8000-00000000aaaa';
    await expect(
      t.db.transaction(async (m) => {
        await outbox.queue(m, { kind: NotificationKind.FOLLOW_UP_DUE, recordId, to: { userIds: [uid.staff] } });
        throw new Error('the change fails after queueing');
      }),
    ).rejects.toThrow('the change fails');
    expect(await t.db.query('SELECT id FROM notification WHERE record_id = $1', [recordId])).toEqual([]);
    expect(await t.db.query(`SELECT id FROM notification_job WHERE payload->>'recordId' = $1`, [recordId])).toEqual([]);
    // Outside a transaction it is refused: there would be no change to commit with.
    await expect(outbox.queue(t.db.manager, { kind: NotificationKind.FOLLOW_UP_DUE, recordId, to: { userIds: [uid.staff] } })).rejects.toThrow(
      /inside the transaction/,
    );
    // The same event committed: one notification, one email, one live event.
    await t.db.transaction((m) => outbox.queue(m, { kind: NotificationKind.FOLLOW_UP_DUE, recordId, to: { userIds: [uid.staff] } }));
    const [n] = await t.db.query('SELECT id FROM notification WHERE record_id = $1', [recordId]);
    await waitFor('the live event of the committed one', async () => events.slice(before).find((e) => e.id === n.id));
    expect(events.slice(before).filter((e) => e.userId === uid.staff)).toHaveLength(1);
    await waitFor('its email', async () => mailsTo('staff@demo.test', recordId)[0]);
  });

  it('only users who can sign in are told: not a deactivated user, nor the users of an organisation no longer active', async () => {
    const outbox = t.running.app.get(NotificationOutbox);
    const inactiveOrg = await createPartner(t.db, { serviceId: demo, name: 'Closed Partner', status: 'INACTIVE' });
    const ofInactive = await createUser(t.db, { email: 'closed@partner.test', role: 'PARTNER', serviceId: demo, partnerId: inactiveOrg });
    const deactivated = await createUser(t.db, { email: 'left@demo.test', role: 'STAFF', serviceId: demo });
    await t.db.query('UPDATE app_user SET is_active = false WHERE id = $1', [deactivated]);
    const recordId = '00000000-0000-4000-8000-00000000bbbb';
    await t.db.transaction(async (m) => {
      await outbox.queue(m, { kind: NotificationKind.CASE_SHARED, recordId, to: { partnerOrganisationId: inactiveOrg } });
      await outbox.queue(m, { kind: NotificationKind.FOLLOW_UP_DUE, recordId, to: { userIds: [deactivated, ofInactive, uid.staff] } });
    });
    const told = await t.db.query('SELECT user_id FROM notification WHERE record_id = $1', [recordId]);
    expect(told).toEqual([{ user_id: uid.staff }]);
  });

  describe('preferences', () => {
    it('lists every kind, IMMEDIATE until chosen, and keeps each user’s choice to themselves', async () => {
      const prefs = ok(await t.gql(PREFS, {}, tok.staff)).notificationPreferences;
      expect(prefs.map((p: any) => p.kind).sort()).toEqual(Object.values(NotificationKind).sort());
      expect(prefs.every((p: any) => p.delivery === 'IMMEDIATE' && p.version === 0 && p.updatedAt === null)).toBe(true);
      const set = ok(await t.gql(SET_PREF, { i: { kind: 'FOLLOW_UP_DUE', delivery: 'OFF' } }, tok.staff)).setNotificationPreference;
      expect(set).toEqual({ kind: 'FOLLOW_UP_DUE', delivery: 'OFF', version: 1 });
      expect(ok(await t.gql(PREFS, {}, tok.outreach)).notificationPreferences.find((p: any) => p.kind === 'FOLLOW_UP_DUE').delivery).toBe('IMMEDIATE');
      expect(codeOf(await t.gql(SET_PREF, { i: { kind: 'FOLLOW_UP_DUE', delivery: 'SOMETIMES' } }, tok.staff))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(SET_PREF, { i: { kind: 'FOLLOW_UP_DUE', delivery: 'OFF' } }))).toBe('UNAUTHENTICATED');
    });

    it('OFF: nothing in the app and no email', async () => {
      ok(await t.gql(SET_PREF, { i: { kind: 'CASE_SHARED', delivery: 'OFF' } }, tok.pcso));
      const caseId = await createCase(t.db, { serviceId: demo, subjectId: subject, ownerId: uid.manager, title: 'Second share' });
      const agreementId = await createAgreement(t.db, { serviceId: demo, createdById: uid.manager, categories: ['IDENTITY'], organisationIds: [police] });
      ok(await t.gql(SHARE, { i: { caseId, agreementId, partnerOrganisationId: police, categories: ['IDENTITY'], reason: 'Joint working' } }, tok.manager));
      expect((await notificationsOf(t, uid.pcso)).filter((x) => x.record_id === caseId)).toEqual([]);
      expect(await t.db.query(`SELECT id FROM notification_job WHERE payload->>'recordId' = $1`, [caseId])).toEqual([]);
      ok(await t.gql(SET_PREF, { i: { kind: 'CASE_SHARED', delivery: 'IMMEDIATE' } }, tok.pcso));
    });

    it('DAILY_DIGEST: in the app at once, no email of its own; the day’s digest counts it, once, in one email', async () => {
      ok(await t.gql(SET_PREF, { i: { kind: 'REFERRAL_RECEIVED', delivery: 'DAILY_DIGEST' } }, tok.pcso));
      const a = await sendReferral();
      const b = await sendReferral();
      expect((await notificationsOf(t, uid.pcso)).filter((x) => [a.id, b.id].includes(x.record_id))).toHaveLength(2);
      // The duty inbox is the organisation's, not a user's: it still hears at once.
      await waitFor('the duty inbox emails', async () => mailsTo('duty@police.example', a.id).length && mailsTo('duty@police.example', b.id).length);
      expect([...mailsTo('pcso@demo.test', a.id), ...mailsTo('pcso@demo.test', b.id)]).toEqual([]);

      const scheduler = t.running.app.get(NotificationScheduler);
      const since = smtp.received.length;
      await scheduler.digest(todayUtc());
      const digest = await smtp.next('pcso@demo.test', since);
      expect(digest.subject).toBe('Safer Libraries: your daily summary');
      expect(digest.text).toContain('2 new: A referral is waiting for your organisation');
      expect(digest.text).toContain('https://safer.example/#/notifications');
      expect(digest.text).not.toContain(SUBJECT_NAME);
      // Run again (another replica, a retried day): nothing more is counted or sent.
      await scheduler.digest(todayUtc());
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM notification_job WHERE kind = 'DAILY_DIGEST' AND recipient = $1`, [`user:${uid.pcso}`]);
      expect(n).toBe(1);
      ok(await t.gql(SET_PREF, { i: { kind: 'REFERRAL_RECEIVED', delivery: 'IMMEDIATE' } }, tok.pcso));
    });
  });

  describe('own only', () => {
    it('a user lists, counts and marks only their own notifications; another user’s id is not found and stays unread', async () => {
      const theirs = (await notificationsOf(t, uid.pcso)).find((x) => !x.read_at)!;
      const listed = ok(await t.gql(LIST, { first: 100 }, tok.outreach)).notifications;
      expect(listed.edges.map((e: any) => e.node.id)).not.toContain(theirs.id);
      expect(listed.totalCount).toBe((await notificationsOf(t, uid.outreach)).length);
      for (const who of ['outreach', 'manager', 'admin', 'dpo']) {
        const r = await t.gql(MARK, { i: { ids: [theirs.id] } }, tok[who]);
        expect([who, codeOf(r)]).toEqual([who, 'NOT_FOUND']);
      }
      expect((await notificationsOf(t, uid.pcso)).find((x) => x.id === theirs.id)!.read_at).toBeNull();
      // Neither is a mix of one's own and another's marked.
      const mine = (await notificationsOf(t, uid.outreach)).find((x) => !x.read_at)!;
      expect(codeOf(await t.gql(MARK, { i: { ids: [mine.id, theirs.id] } }, tok.outreach))).toBe('NOT_FOUND');
      expect((await notificationsOf(t, uid.outreach)).find((x) => x.id === mine.id)!.read_at).toBeNull();
      expect(codeOf(await t.gql(MARK, { i: {} }, tok.outreach))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(LIST, {}))).toBe('UNAUTHENTICATED');
    });

    it('marks by id and all, with the unread filter and the count following', async () => {
      const unread = (await notificationsOf(t, uid.pcso)).filter((x) => !x.read_at);
      expect(unread.length).toBeGreaterThanOrEqual(3);
      expect(ok(await t.gql(COUNT, {}, tok.pcso)).unreadNotificationCount).toBe(unread.length);
      expect(ok(await t.gql(MARK, { i: { ids: [unread[0].id] } }, tok.pcso)).markNotificationsRead).toBe(1);
      expect(ok(await t.gql(MARK, { i: { ids: [unread[0].id] } }, tok.pcso)).markNotificationsRead).toBe(0);
      const read = ok(await t.gql(LIST, { f: { unread: false } }, tok.pcso)).notifications.edges.map((e: any) => e.node);
      expect(read.map((n: any) => n.id)).toEqual([unread[0].id]);
      expect(read[0].readAt).not.toBeNull();
      // Pages are bounded and walk in order.
      const first = ok(await t.gql(LIST, { first: 1 }, tok.pcso)).notifications;
      expect(first.edges).toHaveLength(1);
      expect(first.pageInfo.hasNextPage).toBe(true);
      const next = ok(await t.gql(LIST, { first: 1, after: first.pageInfo.endCursor }, tok.pcso)).notifications;
      expect(next.edges[0].node.id).not.toBe(first.edges[0].node.id);
      expect(ok(await t.gql(MARK, { i: { all: true } }, tok.pcso)).markNotificationsRead).toBe(unread.length - 1);
      expect(ok(await t.gql(COUNT, {}, tok.pcso)).unreadNotificationCount).toBe(0);
      expect(ok(await t.gql(LIST, { f: { unread: true } }, tok.pcso)).notifications.totalCount).toBe(0);
    });
  });

  describe('due dates: the daily reminders', () => {
    it('FOLLOW_UP_DUE, BAN_REVIEW_DUE, AGREEMENT_REVIEW_DUE and RIGHTS_REQUEST_DEADLINE reach the owner, the managers and the DPO, once', async () => {
      const tomorrow = tomorrowUtc();
      const log = await createContactLog(t.db, { serviceId: demo, partnerId: police, recordedById: uid.manager });
      const [{ id: followUp }] = await t.db.query(
        `INSERT INTO follow_up_action (library_service_id, contact_log_id, description, owner_id, due_on) VALUES ($1, $2, 'Call back about the rota', $3, $4) RETURNING id`,
        [demo, log, uid.outreach, tomorrow],
      );
      const [{ id: notYet }] = await t.db.query(
        `INSERT INTO follow_up_action (library_service_id, contact_log_id, description, owner_id, due_on) VALUES ($1, $2, 'Later', $3, $4::date + 1) RETURNING id`,
        [demo, log, uid.outreach, tomorrow],
      );
      const ban = await createBan(t.db, { serviceId: demo, subjectId: subject, byId: uid.manager, status: 'ACTIVE', reviewOn: tomorrow } as never);
      const agreement = await createAgreement(t.db, {
        serviceId: demo,
        createdById: uid.manager,
        categories: ['IDENTITY'],
        organisationIds: [police],
        reviewOn: tomorrow,
      });
      const [{ id: rights }] = await t.db.query(
        `INSERT INTO rights_request (library_service_id, subject_id, type, received_on, due_on, details, logged_by_id, lawful_basis, retain_until)
         VALUES ($1, $2, 'ACCESS', current_date - 20, $3, 'Asked for a copy', $4, 'LEGAL_OBLIGATION', '2040-01-01') RETURNING id`,
        [demo, subject, tomorrow, uid.dpo],
      );
      const secondManager = await createUser(t.db, { email: 'manager2@demo.test', role: 'MANAGER', serviceId: demo });

      const scheduler = t.running.app.get(NotificationScheduler);
      await scheduler.reminders(todayUtc());
      await scheduler.reminders(todayUtc()); // again: nothing twice
      const of = async (user: string, kind: string) => (await notificationsOf(t, user)).filter((x) => x.kind === kind).map((x) => x.record_id);
      expect(await of(uid.outreach, 'FOLLOW_UP_DUE')).toEqual([followUp]);
      expect(await of(uid.outreach, 'FOLLOW_UP_DUE')).not.toContain(notYet);
      for (const manager of [uid.manager, secondManager]) {
        expect(await of(manager, 'BAN_REVIEW_DUE')).toEqual([ban]);
        expect(await of(manager, 'AGREEMENT_REVIEW_DUE')).toEqual([agreement]);
      }
      expect(await of(uid.dpo, 'RIGHTS_REQUEST_DEADLINE')).toEqual([rights]);
      expect(await of(uid.staff, 'BAN_REVIEW_DUE')).toEqual([]);
      expect(await of(uid.manager, 'RIGHTS_REQUEST_DEADLINE')).toEqual([]);
      const mail = await waitFor('the DPO’s reminder', async () => mailsTo('dpo@demo.test', rights)[0]);
      expect(mail.subject).toBe('Safer Libraries: A rights request is due tomorrow');
      expect(mail.text).not.toContain('Asked for a copy');
      expect(mailsTo('dpo@demo.test', rights)).toHaveLength(1);
    });
  });
});
