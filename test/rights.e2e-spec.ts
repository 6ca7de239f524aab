import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProgram } from '../apps/cli/program.js';
import { AbilityBuilder, createMongoAbility } from '@casl/ability';
import { applyAccessRules, type AppAbility, SqlConditions } from '../libs/access/src/index.js';
import { Subject } from '../libs/cases/src/index.js';
import { assertNotRestricted, SubjectRestrictedError } from '../libs/governance/src/index.js';
import { registerRestrictionConditions } from '../libs/governance/src/engines.js';
import { addDays, todayUtc } from '../libs/governance/src/retention/retention-dates.js';
import {
  createAuditEvent,
  createLibraryService,
  createPersonRecords,
  createRestriction,
  createUser,
  demoServiceId,
  type PersonRecords,
} from './support/builders.js';
import { codeOf, signInDemoUsers, startTestApp, type TestApp } from './support/test-app.js';

const EXPORT = `query($s: ID!) { subjectAccessExport(subjectId: $s) { subjectId generatedAt recordCount json html } }`;
const LOG = `mutation($i: LogRightsRequestInput!) { logRightsRequest(input: $i) { id status type receivedOn dueOn version subjectId dataProtection { lawfulBasis retainUntil } } }`;
const DECIDE = `mutation($i: DecideRightsRequestInput!) { decideRightsRequest(input: $i) { id status version decisionReason refusalGround keptRecordTypes decidedById decidedAt
  outcome { erased { entityType id } kept { entityType id reason } linksRemoved { table count } corrected { entityType id field } restrictionId } } }`;
const REQUESTS = `query($f: RightsRequestFilterInput) { rightsRequests(filter: $f) { totalCount edges { node { id type status } } } }`;
const RESTRICTION = `query($s: ID!) { subjectRestriction(subjectId: $s) { id subjectId reason liftedAt } }`;
const LIFT = `mutation($i: LiftRestrictionInput!) { liftSubjectRestriction(input: $i) { id liftedAt liftReason } }`;

/** Data subjects' rights over HTTP and the CLI: subject access (with the schema crawl), erasure, rectification, restriction. */
describe("data subjects' rights (e2e)", () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const users: Record<string, string> = {};
  let demo: string;
  let police: string;
  let branch: string;
  let stranger: PersonRecords;
  const q = (sql: string, params: unknown[] = []) => t.db.query(sql, params);
  const person = (name: string) => createPersonRecords(t.db, { serviceId: demo, userId: users.manager, partnerId: police, branchId: branch, name });
  const exists = async (table: string, id: string) => (await q(`SELECT 1 FROM ${table} WHERE id = $1`, [id])).length === 1;
  const log = async (subjectId: string, type: string, details = 'Asked in writing at Central Library') => {
    const r = await t.gql(LOG, { i: { subjectId, type, receivedOn: todayUtc(), details } }, tok.dpo);
    expect(r.errors).toBeUndefined();
    return r.data.logRightsRequest;
  };
  const decide = (request: { id: string; version: number }, i: object) => t.gql(DECIDE, { i: { id: request.id, version: request.version, ...i } }, tok.dpo);

  beforeAll(async () => {
    t = await startTestApp();
    demo = await demoServiceId(t.db);
    await signInDemoUsers(t, tok, users);
    [{ id: police }] = await q(`SELECT id FROM partner_organisation WHERE type = 'POLICE_NEIGHBOURHOOD_TEAM' AND library_service_id = $1`, [demo]);
    [{ id: branch }] = await q(`SELECT id FROM branch WHERE library_service_id = $1 LIMIT 1`, [demo]);
    const other = await createLibraryService(t.db, { name: 'Rights Other Libraries' });
    await createUser(t.db, { email: 'dpo@rights-other.test', role: 'DPO', serviceId: other });
    tok.otherDpo = await t.login('dpo@rights-other.test');
    stranger = await person('Sam Stranger');
  });
  afterAll(() => t.close());

  describe('subject access', () => {
    let p: PersonRecords;
    let doc: any;
    let sar: any;

    beforeAll(async () => {
      p = await person('Alex <Example>');
      await createRestriction(t.db, { serviceId: demo, subjectId: p.subject, restrictedById: users.dpo });
      await createAuditEvent(t.db, {
        actorId: users.pcso,
        actorRole: 'PARTNER',
        entityType: 'Referral',
        entityId: p.referral,
        serviceId: demo,
        purpose: 'Following up',
      });
      const r = await t.gql(EXPORT, { s: p.subject }, tok.dpo);
      expect(r.errors).toBeUndefined();
      sar = r.data.subjectAccessExport;
      doc = JSON.parse(sar.json);
    });

    it('includes every row of every table whose column references the subject, and the rows under those (schema crawl)', async () => {
      const fks: { table: string; column: string }[] = await q(`
        SELECT cl.relname AS "table", a.attname AS "column" FROM pg_constraint c
        JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
        WHERE c.contype = 'f' AND c.confrelid = 'subject'::regclass AND n.nspname = current_schema() ORDER BY 1, 2`);
      expect(fks.length).toBeGreaterThanOrEqual(7);
      const section = (table: string) => doc.records.find((s: any) => s.table === table);
      const uncovered: string[] = [];
      for (const fk of fks) {
        const rows: { row: any }[] = await q(`SELECT to_jsonb(t) AS row FROM "${fk.table}" t WHERE "${fk.column}" = $1`, [p.subject]);
        if (!rows.length) uncovered.push(`${fk.table}.${fk.column}`);
        for (const { row } of rows) {
          const included = section(fk.table)?.rows ?? [];
          expect([fk.table, included.some((r: any) => JSON.stringify(r) === JSON.stringify(row))]).toEqual([fk.table, true]);
        }
        // One level further: rows referring to those (a case's notes and shares, a referral's updates), unless they name a subject themselves.
        if (!rows.length || !('id' in rows[0].row)) continue;
        const children: { table: string; column: string }[] = await q(
          `
          SELECT cl.relname AS "table", a.attname AS "column" FROM pg_constraint c
          JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
          WHERE c.contype = 'f' AND cardinality(c.conkey) = 1 AND c.confrelid = $1::regclass AND cl.relname <> $2
            AND NOT EXISTS (SELECT 1 FROM pg_constraint s WHERE s.conrelid = c.conrelid AND s.contype = 'f' AND s.confrelid = 'subject'::regclass)
            AND EXISTS (SELECT 1 FROM pg_attribute i WHERE i.attrelid = c.conrelid AND i.attname = 'id')`,
          [fk.table, fk.table],
        );
        for (const child of children) {
          const childRows: { id: string }[] = await q(`SELECT id::text AS id FROM "${child.table}" WHERE "${child.column}" = ANY($1)`, [
            rows.map((r) => r.row.id),
          ]);
          for (const { id } of childRows) expect([child.table, (section(child.table)?.rows ?? []).some((r: any) => r.id === id)]).toEqual([child.table, true]);
        }
      }
      // The fixture gives the person a row in every such table: a new table referring to subjects needs a row here too.
      expect(uncovered).toEqual([]);
      for (const id of [p.caseNote, p.referralUpdate, p.incident, p.caseShare].filter(Boolean)) expect(sar.json).toContain(id);
    });

    it("contains nobody else's records, says who received them and who saw them, and reads as a document", async () => {
      // Not even through shared links: the same staff member recorded the stranger's incident and added both people.
      for (const id of [stranger.subject, stranger.referral, stranger.caseId, stranger.ban, stranger.incident]) expect(sar.json).not.toContain(id);
      expect(doc.records.map((s: any) => s.table)).not.toContain('app_user');
      expect(sar.json).not.toMatch(/password/i);
      expect(doc.subject).toMatchObject({ id: p.subject, name: 'Alex <Example>', date_of_birth: '1990-05-01' });
      expect(doc.controller).toBe('Demo Shire Libraries');
      expect(doc.recipients).toEqual([expect.objectContaining({ name: 'Town Centre Neighbourhood Policing Team' })]);
      expect(doc.recipients[0].records.map((r: any) => r.entityType)).toEqual(expect.arrayContaining(['Referral', 'ReferralUpdate']));
      expect(doc.accessLog).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            action: 'READ',
            entityType: 'Referral',
            entityId: p.referral,
            actorRole: 'PARTNER',
            actorOrganisation: 'Town Centre Neighbourhood Policing Team',
            purpose: 'Following up',
          }),
        ]),
      );
      expect(JSON.stringify(doc.accessLog)).not.toContain('PCSO Priya'); // roles and organisations, not staff names
      expect(sar.recordCount).toBe(1 + doc.records.reduce((n: number, s: any) => n + s.rows.length, 0));
      expect(sar.html).toMatch(/^<!doctype html>/);
      expect(sar.html).toContain('Alex &lt;Example&gt;');
      expect(sar.html).not.toContain('Alex <Example>');
      expect(sar.html).toContain('Who has seen your records, and why');
    });

    it('is audited as EXPORT, one event per record', async () => {
      const events = await q(`SELECT entity_type, entity_id FROM audit_event WHERE action = 'EXPORT' AND actor_id = $1`, [users.dpo]);
      const got = events.map((e: any) => `${e.entity_type}:${e.entity_id}`);
      for (const ref of [
        `Subject:${p.subject}`,
        `Subject:${p.duplicate}`,
        `Referral:${p.referral}`,
        `CaseNote:${p.caseNote}`,
        `Incident:${p.incident}`,
        `Ban:${p.ban}`,
      ])
        expect(got).toContain(ref);
      expect(got.filter((g: string) => g === `Referral:${p.referral}`)).toHaveLength(1);
    });

    it('is for the DPO only; another service or no such person is NOT_FOUND', async () => {
      for (const who of ['admin', 'manager', 'outreach', 'staff', 'pcso']) expect(codeOf(await t.gql(EXPORT, { s: p.subject }, tok[who]))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(EXPORT, { s: p.subject }, tok.otherDpo))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(EXPORT, { s: '00000000-0000-4000-8000-000000000000' }, tok.dpo))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(EXPORT, { s: 'nope' }, tok.dpo))).toBe('BAD_USER_INPUT');
    });

    it('the CLI writes the same export, as HTML or JSON, audited as the CLI', async () => {
      const out: string[] = [];
      const run = (...args: string[]) =>
        buildProgram(
          async (fn) => fn(t.running.db),
          (l) => out.push(l),
        ).parseAsync(['node', 'cli', ...args]);
      const file = join(mkdtempSync(join(tmpdir(), 'sar-')), 'alex.html');
      await run('subject-access-export', '--subject', p.subject, '--format', 'html', '--out', file);
      expect(out.at(-1)).toBe(`subject access export of ${p.subject}: ${sar.recordCount} records written to ${file}`);
      expect(readFileSync(file, 'utf8')).toContain('Alex &lt;Example&gt;');
      await run('subject-access-export', '--subject', p.subject);
      expect(JSON.parse(out.at(-1)!).subjectId).toBe(p.subject);
      expect(await q(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'EXPORT' AND actor_role = 'CLI' AND entity_id = $1`, [p.subject])).toEqual([
        { n: 2 },
      ]);
      await expect(run('subject-access-export', '--subject', '00000000-0000-4000-8000-000000000000')).rejects.toThrow(/not found/);
    });
  });

  describe('requests', () => {
    it('are logged by the DPO with the one-month deadline, and listed for the DPO only', async () => {
      const p = await person('Logged Person');
      const r = await log(p.subject, 'ACCESS');
      expect(r).toMatchObject({ status: 'RECEIVED', type: 'ACCESS', version: 1, dataProtection: { lawfulBasis: 'LEGAL_OBLIGATION' } });
      expect(r.dueOn > r.receivedOn).toBe(true);
      expect(await q(`SELECT actor_id FROM audit_event WHERE action = 'CREATE' AND entity_type = 'RightsRequest' AND entity_id = $1`, [r.id])).toEqual([
        { actor_id: users.dpo },
      ]);
      const listed = await t.gql(REQUESTS, { f: { subjectId: p.subject } }, tok.dpo);
      expect(listed.data.rightsRequests.edges.map((e: any) => e.node.id)).toEqual([r.id]);
      expect((await t.gql(REQUESTS, {}, tok.manager)).data.rightsRequests.totalCount).toBe(0);
      expect((await t.gql(REQUESTS, {}, tok.otherDpo)).data.rightsRequests.totalCount).toBe(0);
      const input = { subjectId: p.subject, type: 'ERASURE', receivedOn: todayUtc(), details: 'x' };
      expect(codeOf(await t.gql(LOG, { i: input }, tok.manager))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(LOG, { i: input }, tok.otherDpo))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(LOG, { i: { ...input, receivedOn: addDays(todayUtc(), 2) } }, tok.dpo))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(LOG, { i: { ...input, receivedOn: '2026-02-30' } }, tok.dpo))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(LOG, { i: { ...input, details: '  ' } }, tok.dpo))).toBe('BAD_USER_INPUT');
      const granted = await decide(r, { decision: 'GRANTED' });
      expect(granted.data.decideRightsRequest).toMatchObject({ status: 'GRANTED', decidedById: users.dpo, version: 2 });
      expect(codeOf(await decide({ ...r, version: 2 }, { decision: 'REFUSED', reason: 'x', refusalGround: 'OTHER_EXEMPTION' }))).toBe('CONFLICT');
    });
  });

  describe('erasure', () => {
    it('a full grant is refused while a record is on legal hold, and changes nothing', async () => {
      const p = await person('Held Person');
      await q('UPDATE ban SET legal_hold = true WHERE id = $1', [p.ban]);
      const r = await log(p.subject, 'ERASURE');
      const d = await decide(r, { decision: 'GRANTED' });
      expect(codeOf(d)).toBe('BAD_USER_INPUT');
      expect(d.errors![0].message).toContain(`Ban ${p.ban}`);
      expect(d.errors![0].message).toContain('legal hold');
      expect(await exists('referral', p.referral)).toBe(true);
      expect(await q('SELECT status FROM rights_request WHERE id = $1', [r.id])).toEqual([{ status: 'RECEIVED' }]);
      // Refused, naming the legal hold.
      const refused = await decide(r, { decision: 'REFUSED', refusalGround: 'LEGAL_HOLD', reason: 'The ban is held for a pending claim' });
      expect(refused.data.decideRightsRequest).toMatchObject({
        status: 'REFUSED',
        refusalGround: 'LEGAL_HOLD',
        decisionReason: 'The ban is held for a pending claim',
      });
      expect(await exists('subject', p.subject)).toBe(true);
    });

    it('granted in full: everything about the person goes in one transaction, each deletion audited; shared records keep only others', async () => {
      const p = await person('Erase Me');
      const r = await log(p.subject, 'ERASURE', 'Please delete everything you hold about me');
      const d = await decide(r, { decision: 'GRANTED' });
      expect(d.errors).toBeUndefined();
      const outcome = d.data.decideRightsRequest.outcome;
      const erased = outcome.erased.map((e: any) => `${e.entityType}:${e.id}`);
      for (const ref of [
        `Subject:${p.subject}`,
        `Subject:${p.duplicate}`,
        `SubjectSpecialCategory:${p.specialCategory}`,
        `Case:${p.caseId}`,
        `CaseNote:${p.caseNote}`,
        `Referral:${p.referral}`,
        `ReferralUpdate:${p.referralUpdate}`,
        `Ban:${p.ban}`,
      ])
        expect(erased).toContain(ref);
      if (p.caseShare) expect(erased).toContain(`CaseShare:${p.caseShare}`);
      expect(outcome.kept).toEqual([
        { entityType: 'Incident', id: p.incident, reason: 'a record about several people: only the link to this person is removed' },
      ]);
      expect(outcome.linksRemoved).toEqual([{ table: 'incident_subject', count: 1 }]);
      for (const [table, id] of [
        ['subject', p.subject],
        ['case_file', p.caseId],
        ['case_note', p.caseNote],
        ['referral', p.referral],
        ['ban', p.ban],
      ])
        expect([table, await exists(table, id)]).toEqual([table, false]);
      expect(await exists('incident', p.incident)).toBe(true);
      expect(await q('SELECT count(*)::int AS n FROM incident_subject WHERE subject_id = $1', [p.subject])).toEqual([{ n: 0 }]);
      const deletions = await q(`SELECT entity_type, entity_id FROM audit_event WHERE action = 'DELETE' AND purpose = $1`, [`erasure: rights request ${r.id}`]);
      expect(deletions.map((e: any) => `${e.entity_type}:${e.entity_id}`).sort()).toEqual([...erased].sort());
      // The request outlives the person: it is the record of what was done.
      expect(await q('SELECT status, subject_id FROM rights_request WHERE id = $1', [r.id])).toEqual([{ status: 'GRANTED', subject_id: p.subject }]);
      expect(codeOf(await t.gql(EXPORT, { s: p.subject }, tok.dpo))).toBe('NOT_FOUND');
      expect(await exists('subject', stranger.subject)).toBe(true);
    });

    it('granted in part: record types under a retention duty and held records are kept and named, the rest goes', async () => {
      const p = await person('Partly Erased');
      await q('UPDATE referral SET legal_hold = true WHERE id = $1', [p.referral]);
      const r = await log(p.subject, 'ERASURE');
      expect(codeOf(await decide(r, { decision: 'PARTLY_GRANTED', keepRecordTypes: ['BAN'] }))).toBe('BAD_USER_INPUT'); // no reason
      expect(codeOf(await decide(r, { decision: 'PARTLY_GRANTED', reason: 'x', keepRecordTypes: ['NOT_A_TYPE'] }))).toBe('BAD_USER_INPUT');
      const d = await decide(r, { decision: 'PARTLY_GRANTED', reason: 'Bans are kept two years after they end', keepRecordTypes: ['BAN'] });
      expect(d.errors).toBeUndefined();
      const { outcome, keptRecordTypes, status } = d.data.decideRightsRequest;
      expect({ status, keptRecordTypes }).toEqual({ status: 'PARTLY_GRANTED', keptRecordTypes: ['BAN'] });
      const kept = Object.fromEntries(outcome.kept.map((k: any) => [`${k.entityType}:${k.id}`, k.reason]));
      expect(kept).toMatchObject({
        [`Ban:${p.ban}`]: 'retention duty: BAN',
        [`Referral:${p.referral}`]: 'legal hold',
        [`Subject:${p.subject}`]: 'other kept records refer to it',
      });
      expect(await exists('ban', p.ban)).toBe(true);
      expect(await exists('referral', p.referral)).toBe(true);
      expect(await exists('subject', p.subject)).toBe(true);
      expect(await exists('case_file', p.caseId)).toBe(false);
      expect(await exists('subject_special_category', p.specialCategory)).toBe(false);
    });

    it('refused, naming the retention duty; incomplete decisions and stale versions are refused', async () => {
      const p = await person('Refused Person');
      const r = await log(p.subject, 'ERASURE');
      expect(codeOf(await decide(r, { decision: 'REFUSED', reason: 'x' }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await decide(r, { decision: 'REFUSED', reason: 'x', refusalGround: 'RETENTION_DUTY' }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await decide({ ...r, version: 9 }, { decision: 'GRANTED' }))).toBe('CONFLICT');
      expect(codeOf(await t.gql(DECIDE, { i: { id: r.id, version: 1, decision: 'GRANTED' } }, tok.manager))).toBe('NOT_FOUND');
      const d = await decide(r, {
        decision: 'REFUSED',
        refusalGround: 'RETENTION_DUTY',
        keepRecordTypes: ['INCIDENT', 'BAN'],
        reason: 'Incidents are kept six years for claims',
      });
      expect(d.data.decideRightsRequest).toMatchObject({ status: 'REFUSED', refusalGround: 'RETENTION_DUTY', keptRecordTypes: ['INCIDENT', 'BAN'] });
      expect(await exists('subject', p.subject)).toBe(true);
      expect(await exists('referral', p.referral)).toBe(true);
    });
  });

  describe('rectification', () => {
    it('corrects declared fields of the person’s records, recording who, when and why', async () => {
      const p = await person('Rectify Me');
      const r = await log(p.subject, 'RECTIFICATION', 'My date of birth is wrong');
      const d = await decide(r, {
        decision: 'GRANTED',
        corrections: [
          { entityType: 'Subject', id: p.subject, field: 'dateOfBirth', value: '1991-06-02', reason: 'Birth certificate seen' },
          { entityType: 'Referral', id: p.referral, field: 'reason', value: 'Needs housing advice', reason: 'Wrong reason recorded' },
        ],
      });
      expect(d.errors).toBeUndefined();
      expect(d.data.decideRightsRequest.outcome.corrected).toEqual([
        { entityType: 'Subject', id: p.subject, field: 'dateOfBirth' },
        { entityType: 'Referral', id: p.referral, field: 'reason' },
      ]);
      expect(await q('SELECT date_of_birth::text AS d, version FROM subject WHERE id = $1', [p.subject])).toEqual([{ d: '1991-06-02', version: 2 }]);
      expect(await q('SELECT reason FROM referral WHERE id = $1', [p.referral])).toEqual([{ reason: 'Needs housing advice' }]);
      expect(
        await q('SELECT entity_type, field, reason, corrected_by_id FROM rectification WHERE rights_request_id = $1 ORDER BY entity_type', [r.id]),
      ).toEqual([
        { entity_type: 'Referral', field: 'reason', reason: 'Wrong reason recorded', corrected_by_id: users.dpo },
        { entity_type: 'Subject', field: 'dateOfBirth', reason: 'Birth certificate seen', corrected_by_id: users.dpo },
      ]);
      const [audit] = await q(`SELECT purpose FROM audit_event WHERE action = 'UPDATE' AND entity_type = 'Subject' AND entity_id = $1`, [p.subject]);
      expect(audit.purpose).toBe(`rectification: rights request ${r.id}: Birth certificate seen`);
    });

    it("refuses other people's records, fields that cannot be corrected and invalid values, changing nothing", async () => {
      const p = await person('Careful Rectify');
      const r = await log(p.subject, 'RECTIFICATION');
      const good = { entityType: 'Subject', id: p.subject, field: 'notes', value: 'Corrected', reason: 'asked' };
      const attempt = (bad: object) => decide(r, { decision: 'GRANTED', corrections: [good, { reason: 'x', value: 'x', ...bad }] });
      for (const [bad, message] of [
        [{ entityType: 'Referral', id: stranger.referral, field: 'reason' }, /not one of this person's records/],
        [{ entityType: 'Subject', id: p.subject, field: 'createdById' }, /cannot be corrected here/],
        [{ entityType: 'CaseNote', id: p.caseNote, field: 'body' }, /cannot be corrected here/],
        [{ entityType: 'Subject', id: p.subject, field: 'dateOfBirth', value: 'last spring' }, /dateOfBirth of Subject must be written YYYY-MM-DD/],
        // PostgreSQL would store 1890 and 3000: a correction is held to the API's date rules, and answered in its words.
        [{ entityType: 'Subject', id: p.subject, field: 'dateOfBirth', value: '1890-01-01' }, /dateOfBirth of Subject must be in a year from 1900/],
        [{ entityType: 'Subject', id: p.subject, field: 'dateOfBirth', value: '3000-01-01' }, /must be in a year from 1900 to \d{4}, not 3000/],
        [{ entityType: 'Subject', id: p.subject, field: 'dateOfBirth', value: '0000-01-01' }, /must be in a year from 1900/],
        [{ entityType: 'Subject', id: p.subject, field: 'dateOfBirth', value: '1990-02-30' }, /must be a day of the calendar, which 1990-02-30 is not/],
        [{ entityType: 'Referral', id: p.referral, field: 'reason', value: 'x\u0000y' }, /must not contain a NUL character/],
        [{ entityType: 'Nothing', id: p.subject, field: 'x' }, /not a record type/],
      ] as const) {
        const res = await attempt(bad);
        expect([codeOf(res), res.errors?.[0].message]).toEqual(['BAD_USER_INPUT', expect.stringMatching(message)]);
      }
      expect(await q('SELECT notes FROM subject WHERE id = $1', [p.subject])).toEqual([{ notes: 'Often at Central' }]);
      expect(codeOf(await decide(r, { decision: 'GRANTED' }))).toBe('BAD_USER_INPUT'); // no corrections
      expect(await q('SELECT status FROM rights_request WHERE id = $1', [r.id])).toEqual([{ status: 'RECEIVED' }]);
    });
  });

  describe('restriction', () => {
    let p: PersonRecords;

    it('granted: the person is restricted; only the DPO still reads their records', async () => {
      p = await person('Restrict Me');
      const r = await log(p.subject, 'RESTRICTION', 'I dispute the accuracy of the incident report');
      expect(codeOf(await decide(r, { decision: 'PARTLY_GRANTED', reason: 'x' }))).toBe('BAD_USER_INPUT');
      const d = await decide(r, { decision: 'GRANTED' });
      expect(d.data.decideRightsRequest.outcome.restrictionId).toBeTruthy();
      const active = await t.gql(RESTRICTION, { s: p.subject }, tok.dpo);
      expect(active.data.subjectRestriction).toMatchObject({ subjectId: p.subject, reason: 'I dispute the accuracy of the incident report', liftedAt: null });
      expect(codeOf(await t.gql(RESTRICTION, { s: p.subject }, tok.manager))).toBe('FORBIDDEN');
      expect((await t.gql(EXPORT, { s: p.subject }, tok.dpo)).errors).toBeUndefined();
      const again = await log(p.subject, 'RESTRICTION');
      expect(codeOf(await decide(again, { decision: 'GRANTED' }))).toBe('CONFLICT');
    });

    it('the restriction hides the person from everyone but the DPO, in SQL', async () => {
      // As the restriction rule of the ability writes it: `cannot read … { subjectRestricted: true }`, in SQL.
      const b = new AbilityBuilder<AppAbility>(createMongoAbility);
      b.can('read', 'Subject', { libraryServiceId: demo } as never);
      b.cannot('read', 'Subject', { subjectRestricted: true } as never);
      const conditions = new SqlConditions();
      registerRestrictionConditions(conditions);
      const qb = t.db
        .getRepository(Subject)
        .createQueryBuilder('subject')
        .where('subject.id IN (:...ids)', { ids: [p.subject, stranger.subject] });
      expect(applyAccessRules(qb, b.build(), 'read', 'Subject', conditions)).toBe(true);
      expect((await qb.getMany()).map((s) => s.id)).toEqual([stranger.subject]);
    });

    it('blocks a share: the check sharing calls, and the database backstop for share tables', async () => {
      await expect(t.db.transaction((m) => assertNotRestricted(m, [p.subject]))).rejects.toThrow(SubjectRestrictedError);
      await expect(t.db.transaction((m) => assertNotRestricted(m, [stranger.subject]))).resolves.toBeUndefined();
      await t.db.transaction(async (m) => {
        await m.query(`CREATE TEMPORARY TABLE share_attempt (id serial, case_id uuid)`);
        await m.query(
          `CREATE TRIGGER share_attempt_restricted BEFORE INSERT ON share_attempt FOR EACH ROW EXECUTE FUNCTION refuse_restricted_subject('case_id', 'case_file')`,
        );
        await m.query('INSERT INTO share_attempt (case_id) VALUES ($1)', [stranger.caseId]);
        await m.query('SAVEPOINT s');
        await expect(m.query('INSERT INTO share_attempt (case_id) VALUES ($1)', [p.caseId])).rejects.toThrow(/restricted subject cannot be shared/);
        await m.query('ROLLBACK TO SAVEPOINT s');
        await m.query('DROP TABLE share_attempt');
      });
    });

    it('lifted by the DPO with a reason: sharing is possible again', async () => {
      expect(codeOf(await t.gql(LIFT, { i: { subjectId: p.subject, reason: 'x' } }, tok.manager))).toBe('FORBIDDEN');
      const lifted = await t.gql(LIFT, { i: { subjectId: p.subject, reason: 'Accuracy verified with the person' } }, tok.dpo);
      expect(lifted.data.liftSubjectRestriction).toMatchObject({ liftReason: 'Accuracy verified with the person' });
      expect(lifted.data.liftSubjectRestriction.liftedAt).toBeTruthy();
      expect((await t.gql(RESTRICTION, { s: p.subject }, tok.dpo)).data.subjectRestriction).toBeNull();
      await expect(t.db.transaction((m) => assertNotRestricted(m, [p.subject]))).resolves.toBeUndefined();
      expect(codeOf(await t.gql(LIFT, { i: { subjectId: p.subject, reason: 'again' } }, tok.dpo))).toBe('NOT_FOUND');
    });
  });
});
