import { buildProgram } from '../apps/cli/program.js';
import { addYears } from '../libs/common/src/index.js';
import { RetentionScheduler } from '../libs/governance/src/engines.js';
import { addDays, todayUtc } from '../libs/governance/src/retention/retention-dates.js';
import {
  createAuditEvent,
  createContactLog,
  createLibraryService,
  createPartner,
  createPartnerContact,
  createReferral,
  createSubject,
  createUser,
  demoServiceId,
} from './support/builders.js';
import { codeOf, startTestApp, type TestApp } from './support/test-app.js';

const UPDATE_POLICY = `mutation($i: UpdateRetentionPolicyInput!) { updateRetentionPolicy(input: $i) { recordType retainYears action isDefault version recomputedRecords governs } }`;
const POLICIES = `{ retentionPolicies { recordType retainYears action isDefault version governs canAnonymise } }`;
const REPORT = `{ retentionReport { today lines { recordType entityType overdue dueWithin30Days dueWithin90Days onHold onHoldPastDate anonymised policy { retainYears action } }
  lastRuns { triggeredBy dryRun status counts { recordType deleted anonymised extended onHold blocked due } } } }`;

/**
 * The retention sweep, end to end: the CLI (the same commander program as `node dist/apps/cli/main.js`)
 * and the in-app schedule over a seeded data set, the policies over HTTP, and the audit trail's
 * one narrow exemption from append-only.
 */
describe('retention (e2e)', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let demo: string;
  let other: string;
  let police: string;
  let otherPartner: string;
  let manager: string;
  let otherManager: string;
  const today = todayUtc();
  const yesterday = addDays(today, -1);
  const tomorrow = addDays(today, 1);

  const cli = async (...args: string[]) => {
    const out: string[] = [];
    await buildProgram(
      async (fn) => fn(t.running.db),
      (l) => out.push(l),
    ).parseAsync(['node', 'cli', ...args]);
    return out;
  };
  const q = (sql: string, params: unknown[] = []) => t.db.query(sql, params);
  /** A contact log whose clock agrees with its date (occurred exactly `years` before retain_until), unless told otherwise. */
  const contactLog = async (
    service: string,
    partner: string,
    by: string,
    retainUntil: string,
    opts: { hold?: boolean; occurredAt?: string; summary?: string } = {},
  ) => {
    const occurred = opts.occurredAt ?? `${Number(retainUntil.slice(0, 4)) - 6}${retainUntil.slice(4)}T12:00:00Z`;
    return createContactLog(t.db, {
      serviceId: service,
      partnerId: partner,
      recordedById: by,
      occurredAt: occurred,
      summary: opts.summary ?? 'Seeded',
      retainUntil,
      legalHold: opts.hold ?? false,
    });
  };
  const partnerContact = (service: string, partner: string, retainUntil: string, name = 'Seeded contact') =>
    createPartnerContact(t.db, {
      serviceId: service,
      partnerId: partner,
      name,
      phone: '07700 900123',
      email: 'seed@partner.example',
      retainUntil,
      updatedAt: `${Number(retainUntil.slice(0, 4)) - 2}${retainUntil.slice(4)}T12:00:00Z`,
    });
  const yearsAgo = (years: number) => {
    const d = new Date();
    d.setUTCFullYear(d.getUTCFullYear() - years);
    return d;
  };
  const exists = async (table: string, id: string) => (await q(`SELECT 1 FROM ${table} WHERE id = $1`, [id])).length === 1;
  const sweepEvents = (action: string, entityType: string) =>
    q(
      `SELECT entity_id, purpose, library_service_id, request_id FROM audit_event WHERE actor_role = 'RETENTION_SWEEP' AND action = $1 AND entity_type = $2 ORDER BY entity_id`,
      [action, entityType],
    );

  beforeAll(async () => {
    t = await startTestApp();
    demo = await demoServiceId(t.db);
    for (const who of ['admin', 'manager', 'dpo', 'pcso']) tok[who] = await t.login(`${who}@demo.test`);
    [{ id: police }] = await q(`SELECT id FROM partner_organisation WHERE type = 'POLICE_NEIGHBOURHOOD_TEAM' AND library_service_id = $1`, [demo]);
    [{ id: manager }] = await q(`SELECT id FROM app_user WHERE email = 'manager@demo.test'`);
    other = await createLibraryService(t.db, { name: 'Retention Other Libraries' });
    otherPartner = await createPartner(t.db, { serviceId: other, name: 'Other Foodbank' });
    otherManager = await createUser(t.db, { email: 'manager@retention-other.test', role: 'MANAGER', serviceId: other });
    await createUser(t.db, { email: 'admin@retention-other.test', role: 'ADMIN', serviceId: other });
    tok.otherAdmin = await t.login('admin@retention-other.test');
  });
  afterAll(() => t.close());

  describe('the sweep', () => {
    const ids: Record<string, string> = {};
    let referenced: string;
    let oldEvent: string;
    let recentEvent: string;
    let orphanEvent: string;

    beforeAll(async () => {
      ids.past = await contactLog(demo, police, manager, yesterday);
      ids.longPast = await contactLog(demo, police, manager, '2019-01-01');
      ids.onDate = await contactLog(demo, police, manager, today);
      ids.future = await contactLog(demo, police, manager, tomorrow);
      ids.held = await contactLog(demo, police, manager, yesterday, { hold: true });
      // Past its stored date, but its clock says the policy keeps it: the date moves on, the record stays.
      ids.stale = await contactLog(demo, police, manager, yesterday, { occurredAt: `${addDays(today, -400)}T09:00:00Z` });
      ids.otherService = await contactLog(other, otherPartner, otherManager, yesterday);
      ids.contactPast = await partnerContact(demo, police, yesterday);
      ids.contactFuture = await partnerContact(demo, police, tomorrow);
      // Still referred to by a referral: cannot be deleted, so it is anonymised (its declared fallback).
      referenced = await partnerContact(demo, police, yesterday, 'Referenced contact');
      const subject = await createSubject(t.db, { serviceId: demo, createdById: manager, name: 'Seeded Person' });
      await createReferral(t.db, {
        serviceId: demo,
        subjectId: subject,
        byId: manager,
        partnerId: police,
        partnerContactId: referenced,
        status: 'DRAFT',
        needs: ['FOOD'],
        reason: 'Needs food',
        urgency: 'ROUTINE',
      });
      oldEvent = await createAuditEvent(t.db, { occurredAt: yearsAgo(8), entityType: 'ContactLog', entityId: 'x', serviceId: demo });
      recentEvent = await createAuditEvent(t.db, { occurredAt: yearsAgo(6), entityType: 'ContactLog', entityId: 'y', serviceId: demo });
      orphanEvent = await createAuditEvent(t.db, { occurredAt: yearsAgo(8), action: 'LOGIN_FAILED', entityType: 'User' });
    });

    it('a dry run lists what it would do and changes nothing', async () => {
      const countAll = async () =>
        (await q(`SELECT (SELECT count(*) FROM contact_log) + (SELECT count(*) FROM partner_contact) + (SELECT count(*) FROM audit_event) AS n`))[0].n;
      const before = await countAll();
      const out = await cli('retention-sweep', '--dry-run', '--service', demo);
      expect(out[0]).toMatch(new RegExp(`^dry run of library service ${demo}`));
      expect(out.join('\n')).toContain('CONTACT_LOG [CONTACT_LOG 6y DELETE]: would delete 2, extend 1, on hold 1');
      expect(out.join('\n')).toContain('AUDIT_EVENT [AUDIT_EVENT 7y DELETE]: would delete 1');
      expect(out.join('\n')).toMatch(new RegExp(`CONTACT_LOG .*e\\.g\\. .*${ids.longPast}`));
      expect(await countAll()).toBe(before);
      expect(await q(`SELECT retain_until::text AS d FROM contact_log WHERE id = $1`, [ids.stale])).toEqual([{ d: yesterday }]);
      const [run] = await q(`SELECT dry_run, status, triggered_by FROM retention_run WHERE library_service_id = $1 ORDER BY started_at DESC LIMIT 1`, [demo]);
      expect(run).toEqual({ dry_run: true, status: 'COMPLETED', triggered_by: 'CLI' });
    });

    it('deletes or anonymises exactly the records past their date and not on hold, with one audit event each', async () => {
      const out = await cli('retention-sweep', '--service', demo);
      expect(out.join('\n')).toContain('CONTACT_LOG [CONTACT_LOG 6y DELETE]: deleted 2, anonymised 0, extended 1, on hold 1, blocked 0');
      expect(out.join('\n')).toContain('PARTNER_CONTACT [PARTNER_CONTACT 2y DELETE]: deleted 1, anonymised 1, extended 0, on hold 0, blocked 0');
      expect(out.join('\n')).toContain('AUDIT_EVENT [AUDIT_EVENT 7y DELETE]: deleted 1');
      // Before their date, on it, on hold, not yet due by the policy, or of another service: untouched.
      expect(await exists('contact_log', ids.past)).toBe(false);
      expect(await exists('contact_log', ids.longPast)).toBe(false);
      for (const kept of ['onDate', 'future', 'held', 'stale', 'otherService']) expect([kept, await exists('contact_log', ids[kept])]).toEqual([kept, true]);
      expect(await q(`SELECT retain_until::text AS d FROM contact_log WHERE id = $1`, [ids.stale])).toEqual([
        { d: addYears(new Date(`${addDays(today, -400)}T09:00:00Z`), 6) },
      ]);
      expect(await exists('partner_contact', ids.contactPast)).toBe(false);
      expect(await exists('partner_contact', ids.contactFuture)).toBe(true);
      expect(await q(`SELECT name, phone, email, version FROM partner_contact WHERE id = $1`, [referenced])).toEqual([
        { name: 'Former contact', phone: null, email: null, version: 2 },
      ]);
      expect(await q('SELECT id FROM audit_event WHERE id = ANY($1) ORDER BY id', [[oldEvent, recentEvent, orphanEvent]])).toEqual([
        { id: recentEvent },
        { id: orphanEvent },
      ]);

      const logEvents = await sweepEvents('DELETE', 'ContactLog');
      expect(logEvents.map((e: any) => e.entity_id)).toEqual([ids.past, ids.longPast].sort());
      expect(logEvents.every((e: any) => e.purpose === 'retention: deleted' && e.library_service_id === demo && /^retention-run:/.test(e.request_id))).toBe(
        true,
      );
      expect((await sweepEvents('DELETE', 'PartnerContact')).map((e: any) => e.entity_id)).toEqual([ids.contactPast]);
      expect(await sweepEvents('UPDATE', 'PartnerContact')).toEqual([expect.objectContaining({ entity_id: referenced, purpose: 'retention: anonymised' })]);
      expect((await sweepEvents('DELETE', 'AuditEvent')).map((e: any) => e.entity_id)).toEqual([oldEvent]);

      const [run] = await q(
        `SELECT status, dry_run, finished_at IS NOT NULL AS finished, counts FROM retention_run WHERE library_service_id = $1 AND NOT dry_run ORDER BY started_at DESC LIMIT 1`,
        [demo],
      );
      expect(run).toMatchObject({ status: 'COMPLETED', dry_run: false, finished: true });
      expect(run.counts.find((c: any) => c.recordType === 'CONTACT_LOG')).toMatchObject({
        deleted: 2,
        extended: 1,
        onHold: 1,
        blocked: 0,
        table: 'contact_log',
      });
    });

    it('a second sweep changes nothing more', async () => {
      const before = (await q(`SELECT count(*)::int AS n FROM audit_event WHERE actor_role = 'RETENTION_SWEEP'`))[0].n;
      const out = await cli('retention-sweep', '--service', demo);
      expect(out.join('\n')).toContain('CONTACT_LOG [CONTACT_LOG 6y DELETE]: deleted 0, anonymised 0, extended 0, on hold 1, blocked 0');
      expect(out.join('\n')).toContain('PARTNER_CONTACT [PARTNER_CONTACT 2y DELETE]: deleted 0, anonymised 0');
      expect((await q(`SELECT count(*)::int AS n FROM audit_event WHERE actor_role = 'RETENTION_SWEEP'`))[0].n).toBe(before);
    });

    it('without --service it sweeps every service, then the audit events of no service', async () => {
      const out = await cli('retention-sweep');
      expect(out.join('\n')).toContain(`sweep of library service ${other}`);
      expect(out.join('\n')).toContain('sweep of records of no library service');
      expect(await exists('contact_log', ids.otherService)).toBe(false);
      expect(await q('SELECT id FROM audit_event WHERE id = $1', [orphanEvent])).toEqual([]);
      expect(
        await q(`SELECT library_service_id FROM audit_event WHERE action = 'DELETE' AND entity_type = 'AuditEvent' AND entity_id = $1`, [orphanEvent]),
      ).toEqual([{ library_service_id: null }]);
    });

    it('refuses a bad --service or --batch-size', async () => {
      await expect(cli('retention-sweep', '--service', 'nope')).rejects.toThrow(/not a library service id/);
      await expect(cli('retention-sweep', '--service', '00000000-0000-0000-0000-000000000000')).rejects.toThrow(/does not exist/);
      await expect(cli('retention-sweep', '--batch-size', '0')).rejects.toThrow(/batch-size/);
    });
  });

  describe('two sweeps at once', () => {
    it('share the work: every due record processed exactly once, one audit event each', async () => {
      const service = await createLibraryService(t.db, { name: 'Concurrent Libraries' });
      const partner = await createPartner(t.db, { serviceId: service, name: 'Concurrent Partner' });
      const by = await createUser(t.db, { email: 'manager@concurrent.test', role: 'MANAGER', serviceId: service });
      // 1,200 due records in one statement (a builder call per row would be slow): enough for the two sweeps to overlap.
      await q(
        `INSERT INTO contact_log (library_service_id, partner_organisation_id, occurred_at, channel, summary, recorded_by_id, lawful_basis, retain_until)
        SELECT $1, $2, d::timestamptz - interval '6 years', 'EMAIL', 'Bulk ' || n, $3, 'PUBLIC_TASK', d
        FROM generate_series(1, 1200) AS n, LATERAL (SELECT (current_date - 1 - (n % 50))::date AS d) AS x`,
        [service, partner, by],
      );
      const [a, b] = await Promise.all([
        cli('retention-sweep', '--service', service, '--batch-size', '100'),
        cli('retention-sweep', '--service', service, '--batch-size', '100'),
      ]);
      const deleted = (out: string[]) => Number(/CONTACT_LOG \[[^\]]+\]: deleted (\d+)/.exec(out.join('\n'))![1]);
      expect(deleted(a) + deleted(b)).toBe(1200);
      expect(await q('SELECT count(*)::int AS n FROM contact_log WHERE library_service_id = $1', [service])).toEqual([{ n: 0 }]);
      const [events] = await q(
        `SELECT count(*)::int AS n, count(DISTINCT entity_id)::int AS d FROM audit_event
        WHERE actor_role = 'RETENTION_SWEEP' AND action = 'DELETE' AND entity_type = 'ContactLog' AND library_service_id = $1`,
        [service],
      );
      expect(events).toEqual({ n: 1200, d: 1200 });
      expect(deleted(await cli('retention-sweep', '--service', service))).toBe(0);
    });
  });

  describe('the audit trail', () => {
    it('still refuses an ordinary DELETE, any UPDATE and TRUNCATE; the sweep exemption covers only old events', async () => {
      const [{ id: old }] = await q(
        `INSERT INTO audit_event (occurred_at, action, entity_type, library_service_id) VALUES (now() - interval '9 years', 'READ', 'Test', $1) RETURNING id`,
        [demo],
      );
      const [{ id: young }] = await q(
        `INSERT INTO audit_event (occurred_at, action, entity_type, library_service_id) VALUES (now() - interval '5 years', 'READ', 'Test', $1) RETURNING id`,
        [demo],
      );
      await expect(q('DELETE FROM audit_event WHERE id = $1', [old])).rejects.toThrow(/append-only/);
      await expect(
        t.db.transaction(async (m) => {
          await m.query(`SET LOCAL safer.retention_sweep = on`);
          await m.query('DELETE FROM audit_event WHERE id = $1', [young]);
        }),
      ).rejects.toThrow(/append-only/);
      await expect(
        t.db.transaction(async (m) => {
          await m.query(`SET LOCAL safer.retention_sweep = on`);
          await m.query(`UPDATE audit_event SET purpose = 'rewritten' WHERE id = $1`, [old]);
        }),
      ).rejects.toThrow(/append-only/);
      await expect(
        t.db.transaction(async (m) => {
          await m.query(`SET LOCAL safer.retention_sweep = on`);
          await m.query('TRUNCATE audit_event');
        }),
      ).rejects.toThrow(/append-only/);
      // SET LOCAL ends with its transaction: a later ordinary DELETE is refused again.
      await t.db.transaction(async (m) => {
        await m.query(`SET LOCAL safer.retention_sweep = on`);
        await m.query('DELETE FROM audit_event WHERE id = $1', [old]);
      });
      await expect(q('DELETE FROM audit_event WHERE id = $1', [young])).rejects.toThrow(/append-only/);
      expect(await q('SELECT id FROM audit_event WHERE id = ANY($1)', [[old, young]])).toEqual([{ id: young }]);
    });
  });

  describe('policies', () => {
    it('administrators and the DPO see the defaults (docs/domain.md#retention-defaults) until one is changed', async () => {
      const r = await t.gql(POLICIES, {}, tok.otherAdmin);
      const byType = Object.fromEntries(r.data.retentionPolicies.map((p: any) => [p.recordType, p]));
      expect(byType).toMatchObject({
        INCIDENT: { retainYears: 6 },
        BAN: { retainYears: 2 },
        REFERRAL: { retainYears: 6 },
        INTELLIGENCE: { retainYears: 1 },
        CONTACT_LOG: { retainYears: 6, action: 'DELETE', isDefault: true, version: 0, governs: ['ContactLog'], canAnonymise: true },
        PARTNER_CONTACT: { retainYears: 2 },
        AUDIT_EVENT: { retainYears: 7, canAnonymise: false },
        CASE: { retainYears: 6 },
      });
      expect((await t.gql(POLICIES, {}, tok.dpo)).errors).toBeUndefined();
      expect(codeOf(await t.gql(POLICIES, {}, tok.manager))).toBe('FORBIDDEN');
    });

    it('changing one recomputes retain_until of the records it governs, in that service only', async () => {
      const occurred = '2024-02-29T23:30:00Z';
      const mine = await contactLog(demo, police, manager, '2030-03-01', { occurredAt: occurred });
      const theirs = await contactLog(other, otherPartner, otherManager, '2030-03-01', { occurredAt: occurred });
      const r = await t.gql(UPDATE_POLICY, { i: { recordType: 'CONTACT_LOG', retainYears: 9, action: 'DELETE', version: 0 } }, tok.admin);
      expect(r.errors).toBeUndefined();
      expect(r.data.updateRetentionPolicy).toMatchObject({ recordType: 'CONTACT_LOG', retainYears: 9, isDefault: false, version: 1 });
      expect(r.data.updateRetentionPolicy.recomputedRecords).toBeGreaterThanOrEqual(1);
      expect(await q('SELECT retain_until::text AS d FROM contact_log WHERE id = $1', [mine])).toEqual([{ d: addYears(new Date(occurred), 9) }]);
      expect(addYears(new Date(occurred), 9)).toBe('2033-03-01'); // 29 February rolls forward, as in code
      expect(await q('SELECT retain_until::text AS d FROM contact_log WHERE id = $1', [theirs])).toEqual([{ d: '2030-03-01' }]);
      // Every contact log of the service now agrees with the policy (held ones too: a hold stops the sweep, not the date).
      expect(
        await q(
          `SELECT count(*)::int AS n FROM contact_log WHERE library_service_id = $1
        AND retain_until <> (make_date(extract(year from (occurred_at AT TIME ZONE 'UTC'))::int + 9, extract(month from (occurred_at AT TIME ZONE 'UTC'))::int, 1)
          + (extract(day from (occurred_at AT TIME ZONE 'UTC'))::int - 1))`,
          [demo],
        ),
      ).toEqual([{ n: 0 }]);
      const [policy] = await q(`SELECT id FROM retention_policy WHERE library_service_id = $1 AND record_type = 'CONTACT_LOG'`, [demo]);
      expect(await q(`SELECT action FROM audit_event WHERE entity_type = 'RetentionPolicy' AND entity_id = $1`, [policy.id])).toEqual([{ action: 'CREATE' }]);
      // Back to six years: dates follow again.
      const back = await t.gql(UPDATE_POLICY, { i: { recordType: 'CONTACT_LOG', retainYears: 6, action: 'DELETE', version: 1 } }, tok.admin);
      expect(back.data.updateRetentionPolicy.version).toBe(2);
      expect(await q('SELECT retain_until::text AS d FROM contact_log WHERE id = $1', [mine])).toEqual([{ d: '2030-03-01' }]);
    });

    it('refuses stale versions, unknown types, impossible actions and bad periods, and anyone but an administrator', async () => {
      const change = (i: object, who = tok.admin) =>
        t.gql(UPDATE_POLICY, { i: { recordType: 'CONTACT_LOG', retainYears: 6, action: 'DELETE', version: 2, ...i } }, who);
      expect(codeOf(await change({ version: 1 }))).toBe('CONFLICT');
      expect(codeOf(await change({ recordType: 'NOT_A_TYPE' }))).toBe('BAD_USER_INPUT');
      // The audit trail's retention is the DPO's to change (test/audit-retention.e2e-spec.ts), and it is never anonymised.
      expect(codeOf(await change({ recordType: 'AUDIT_EVENT', action: 'ANONYMISE', version: 0 }, tok.dpo))).toBe('BAD_USER_INPUT');
      expect(codeOf(await change({ retainYears: 0 }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await change({ retainYears: 101 }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await change({ recordType: 'lower' }))).toBe('BAD_USER_INPUT');
      for (const who of ['dpo', 'manager', 'pcso']) expect(codeOf(await change({}, tok[who]))).toBe('FORBIDDEN');
    });

    it('ANONYMISE makes the sweep anonymise instead of delete', async () => {
      const r = await t.gql(UPDATE_POLICY, { i: { recordType: 'CONTACT_LOG', retainYears: 6, action: 'ANONYMISE', version: 0 } }, tok.otherAdmin);
      expect(r.errors).toBeUndefined();
      const id = await contactLog(other, otherPartner, otherManager, yesterday, { summary: 'Met Jo Bloggs about her son' });
      const out = await cli('retention-sweep', '--service', other);
      expect(out.join('\n')).toContain('CONTACT_LOG [CONTACT_LOG 6y ANONYMISE]: deleted 0, anonymised 1');
      expect(await q('SELECT summary, attendees FROM contact_log WHERE id = $1', [id])).toEqual([
        { summary: '[removed under the retention policy]', attendees: null },
      ]);
      expect((await sweepEvents('UPDATE', 'ContactLog')).map((e: any) => e.entity_id)).toContain(id);
      // Anonymised records hold no personal data any more: not swept again.
      expect((await cli('retention-sweep', '--service', other)).join('\n')).toContain('CONTACT_LOG [CONTACT_LOG 6y ANONYMISE]: deleted 0, anonymised 0');
    });
  });

  describe('report and schedule', () => {
    it('the report says what is due in 30 and 90 days, what is on hold, and what the last runs did', async () => {
      await contactLog(demo, police, manager, addDays(today, 10));
      await contactLog(demo, police, manager, addDays(today, 60));
      await contactLog(demo, police, manager, addDays(today, 20), { hold: true });
      const r = await t.gql(REPORT, {}, tok.dpo);
      expect(r.errors).toBeUndefined();
      const logs = r.data.retentionReport.lines.find((l: any) => l.recordType === 'CONTACT_LOG');
      const dueSoon = (
        await q(
          `SELECT count(*) FILTER (WHERE retain_until < $2::date + 30)::int AS d30, count(*)::int AS d90 FROM contact_log
        WHERE library_service_id = $1 AND NOT legal_hold AND retain_until >= $2::date AND retain_until < $2::date + 90`,
          [demo, today],
        )
      )[0];
      expect(logs).toMatchObject({
        entityType: 'ContactLog',
        overdue: 0,
        dueWithin30Days: dueSoon.d30,
        dueWithin90Days: dueSoon.d90,
        onHold: 2,
        onHoldPastDate: 1,
      });
      expect(dueSoon.d30).toBeGreaterThanOrEqual(2); // the one on its date today, and the one in 10 days
      expect(r.data.retentionReport.lines.find((l: any) => l.recordType === 'AUDIT_EVENT')).toMatchObject({ overdue: 0, onHold: 0 });
      expect(r.data.retentionReport.lastRuns[0]).toMatchObject({ triggeredBy: 'CLI', status: 'COMPLETED' });
      expect(r.data.retentionReport.lastRuns.some((run: any) => run.dryRun)).toBe(true);
      expect(codeOf(await t.gql(REPORT, {}, tok.manager))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(REPORT, {}, tok.pcso))).toBe('FORBIDDEN');
    });

    it('the in-app schedule runs the same sweep, recorded as SCHEDULE', async () => {
      const id = await contactLog(demo, police, manager, '2020-06-01');
      await t.running.app.get(RetentionScheduler).tick();
      expect(await exists('contact_log', id)).toBe(false);
      const [run] = await q(`SELECT triggered_by, status FROM retention_run WHERE library_service_id = $1 ORDER BY started_at DESC LIMIT 1`, [demo]);
      expect(run).toEqual({ triggered_by: 'SCHEDULE', status: 'COMPLETED' });
    });
  });
});
