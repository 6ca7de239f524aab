import {
  auditRows,
  createBan,
  createCaseNote,
  createIncident,
  createLibraryService,
  createReferral,
  createUser,
  demoServiceId,
  isoDaysFromNow,
} from './support/builders.js';
import { codeOf, signInDemoUsers, startTestApp, type TestApp } from './support/test-app.js';

const CASE_FIELDS = `id subjectId ownerId status riskLevel title summary openedAt closedAt closedById closureSummary version
  dataProtection { lawfulBasis retainUntil legalHold }`;
const CASES = `query($f: CaseFilterInput, $first: Int, $after: String) {
  cases(filter: $f, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id title status riskLevel ownerId subjectId } } } }`;
const CASE = `query($id: ID!) { case(id: $id) { ${CASE_FIELDS} subject { id name } notes { totalCount edges { node { id body authorId correctsNoteId isCorrected createdAt } } } } }`;
const NOTES_PAGE = `query($id: ID!, $first: Int, $after: String) { case(id: $id) { notes(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id isCorrected } } } } }`;
const TIMELINE = `query($id: ID!, $first: Int, $after: String) { case(id: $id) { id timeline(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { at kind id summary } } } } }`;
const nodes = (connection: any) => connection.edges.map((e: any) => e.node);
const CREATE = `mutation($i: CreateCaseInput!) { createCase(input: $i) { ${CASE_FIELDS} } }`;
const UPDATE = `mutation($i: UpdateCaseInput!) { updateCase(input: $i) { ${CASE_FIELDS} } }`;
const CLOSE = `mutation($id: ID!, $v: Int!, $s: String) { closeCase(input: { id: $id, version: $v, closureSummary: $s }) { ${CASE_FIELDS} } }`;
const REOPEN = `mutation($id: ID!, $v: Int!) { reopenCase(input: { id: $id, version: $v }) { ${CASE_FIELDS} } }`;
const ADD_NOTE = `mutation($c: ID!, $b: String!, $n: ID) { addCaseNote(input: { caseId: $c, body: $b, correctsNoteId: $n }) {
  id caseId authorId body correctsNoteId isCorrected version dataProtection { retainUntil } } }`;
const CREATE_SUBJECT = `mutation($i: CreateSubjectInput!) { createSubject(input: $i) { id version } }`;
const SUBJECT_CASES = `query($id: ID!) { subject(id: $id) { id cases { id title } } }`;

const inYears = (d: Date, years: number) => `${d.getUTCFullYear() + years}-${d.toISOString().slice(5, 10)}`;

describe('cases (e2e over HTTP)', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let demo: string;
  let branchId: string;

  const subject = async (input: Record<string, unknown>, who = 'manager') => {
    const r = await t.gql(CREATE_SUBJECT, { i: { confirmNotDuplicate: true, ...input } }, tok[who]);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data.createSubject.id as string;
  };
  const version = async (id: string) => (await t.db.query('SELECT version FROM case_file WHERE id = $1', [id]))[0].version as number;

  beforeAll(async () => {
    t = await startTestApp();
    demo = await demoServiceId(t.db);
    await signInDemoUsers(t, tok, ids);
    [{ id: branchId }] = await t.db.query(`SELECT id FROM branch WHERE library_service_id = $1 AND name = 'Central Library'`, [demo]);
    const other = await createLibraryService(t.db, { name: 'Neighbouring County Libraries' });
    ids.otherManager = await createUser(t.db, { email: 'manager@other.test', role: 'MANAGER', serviceId: other });
    tok.otherManager = await t.login('manager@other.test');
    ids.jo = await subject({ name: 'Jo Example', dateOfBirth: '2008-03-04', isChildSafeguarding: true });
    ids.kim = await subject({ name: 'Kim Example' });
    ids.otherSubject = await subject({ name: 'Elsewhere Person' }, 'otherManager');
  });
  afterAll(() => t.close());

  describe('creating, reading and changing cases', () => {
    it('a MANAGER opens a case on a subject: OPEN, owner defaults to them, retention 6 years on, audited', async () => {
      const r = await t.gql(
        CREATE,
        { i: { subjectId: ids.jo, title: 'Jo: after-school disorder', summary: 'Group gathers at the rear entrance', riskLevel: 'MEDIUM' } },
        tok.manager,
      );
      expect(r.errors).toBeUndefined();
      const c = r.data.createCase;
      expect(c).toMatchObject({ subjectId: ids.jo, ownerId: ids.manager, status: 'OPEN', riskLevel: 'MEDIUM', closedAt: null, version: 1 });
      expect(c.dataProtection).toMatchObject({ lawfulBasis: 'PUBLIC_TASK', retainUntil: inYears(new Date(), 6), legalHold: false });
      ids.joCase = c.id;
      expect(await auditRows(t.db, { action: 'CREATE', entityType: 'Case', entityId: c.id })).toHaveLength(1);
      // A person is kept at least as long as a case about them.
      const [s] = await t.db.query('SELECT retain_until::text AS r FROM subject WHERE id = $1', [ids.jo]);
      expect(s.r >= c.dataProtection.retainUntil).toBe(true);
    });

    it('an OUTREACH_WORKER opens one too, naming an owner; owners must be active managers or outreach workers of the service', async () => {
      const r = await t.gql(CREATE, { i: { subjectId: ids.kim, title: 'Kim: housing support', ownerId: ids.outreach, status: 'MONITORING' } }, tok.outreach);
      expect(r.errors).toBeUndefined();
      expect(r.data.createCase).toMatchObject({ ownerId: ids.outreach, status: 'MONITORING', riskLevel: 'LOW' });
      ids.kimCase = r.data.createCase.id;
      expect(codeOf(await t.gql(CREATE, { i: { subjectId: ids.kim, title: 'x', ownerId: ids.staff } }, tok.manager))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(CREATE, { i: { subjectId: ids.kim, title: 'x', ownerId: ids.otherManager } }, tok.manager))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(CREATE, { i: { subjectId: ids.kim, title: '   ' } }, tok.manager))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(CREATE, { i: { subjectId: ids.kim, title: 'x', status: 'CLOSED' } }, tok.manager))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(CREATE, { i: { subjectId: 'nope', title: 'x' } }, tok.manager))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(CREATE, { i: { subjectId: ids.otherSubject, title: 'x' } }, tok.manager))).toBe('NOT_FOUND');
      expect((await t.db.query(`SELECT count(*)::int AS n FROM case_file WHERE title = 'x'`))[0].n).toBe(0);
    });

    it('STAFF, ADMIN, PARTNER and the DPO may not open cases; STAFF, ADMIN and PARTNER see none', async () => {
      for (const who of ['staff', 'admin', 'pcso', 'dpo']) {
        expect(codeOf(await t.gql(CREATE, { i: { subjectId: ids.kim, title: `By ${who}` } }, tok[who]))).toBe('FORBIDDEN');
      }
      for (const who of ['staff', 'admin', 'pcso', 'otherManager']) {
        const list = await t.gql(CASES, {}, tok[who]);
        expect(list.errors).toBeUndefined();
        expect(list.data.cases.totalCount).toBe(0);
        expect(codeOf(await t.gql(CASE, { id: ids.joCase }, tok[who]))).toBe('NOT_FOUND');
        expect(codeOf(await t.gql(UPDATE, { i: { id: ids.joCase, version: 1, title: who } }, tok[who]))).toBe('NOT_FOUND');
      }
    });

    it('lists with filters (status, owner, subject, risk level) and pages; DPO reads; reads audited', async () => {
      const all = await t.gql(CASES, {}, tok.dpo);
      expect(all.errors).toBeUndefined();
      expect(all.data.cases.totalCount).toBe(2);
      expect(all.data.cases.edges.map((e: any) => e.node.id)).toEqual([ids.kimCase, ids.joCase]); // most recently opened first
      const reads = await auditRows(t.db, { action: 'READ', entityType: 'Case', actorId: ids.dpo });
      expect(reads.map((a: any) => a.entity_id).sort()).toEqual([ids.joCase, ids.kimCase].sort());
      const q = async (f: object) => (await t.gql(CASES, { f }, tok.manager)).data.cases.edges.map((e: any) => e.node.id);
      expect(await q({ statuses: ['MONITORING'] })).toEqual([ids.kimCase]);
      expect(await q({ statuses: ['OPEN', 'MONITORING'] })).toEqual([ids.kimCase, ids.joCase]);
      expect(await q({ statuses: [] })).toEqual([]);
      expect(await q({ ownerId: ids.manager })).toEqual([ids.joCase]);
      expect(await q({ subjectId: ids.jo })).toEqual([ids.joCase]);
      expect(await q({ riskLevels: ['MEDIUM'] })).toEqual([ids.joCase]);
      expect(await q({ riskLevels: ['HIGH'] })).toEqual([]);
      const p1 = await t.gql(CASES, { first: 1 }, tok.manager);
      const p2 = await t.gql(CASES, { first: 1, after: p1.data.cases.pageInfo.endCursor }, tok.manager);
      expect([p1, p2].map((p) => p.data.cases.edges[0].node.id)).toEqual([ids.kimCase, ids.joCase]);
      expect(p2.data.cases.pageInfo.hasNextPage).toBe(false);
      const sc = await t.gql(SUBJECT_CASES, { id: ids.jo }, tok.outreach);
      expect(sc.data.subject.cases.map((c: any) => c.id)).toEqual([ids.joCase]);
    });

    it('updates carry the version: stale is CONFLICT; status moves OPEN ⇄ MONITORING only; DPO may not update', async () => {
      const r = await t.gql(UPDATE, { i: { id: ids.joCase, version: 1, riskLevel: 'HIGH', status: 'MONITORING', summary: null } }, tok.outreach);
      expect(r.errors).toBeUndefined();
      expect(r.data.updateCase).toMatchObject({ riskLevel: 'HIGH', status: 'MONITORING', summary: null, version: 2 });
      expect(codeOf(await t.gql(UPDATE, { i: { id: ids.joCase, version: 1, title: 'Lost update' } }, tok.manager))).toBe('CONFLICT');
      expect(codeOf(await t.gql(UPDATE, { i: { id: ids.joCase, version: 2, status: 'CLOSED' } }, tok.manager))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(UPDATE, { i: { id: ids.joCase, version: 2, title: null } }, tok.manager))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(UPDATE, { i: { id: ids.joCase, version: 2, ownerId: ids.staff } }, tok.manager))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(UPDATE, { i: { id: ids.joCase, version: 2, title: 'DPO edit' } }, tok.dpo))).toBe('FORBIDDEN');
      const back = await t.gql(UPDATE, { i: { id: ids.joCase, version: 2, status: 'OPEN', ownerId: ids.outreach } }, tok.manager);
      expect(back.data.updateCase).toMatchObject({ status: 'OPEN', ownerId: ids.outreach, title: 'Jo: after-school disorder', version: 3 });
      expect(await auditRows(t.db, { action: 'UPDATE', entityType: 'Case', entityId: ids.joCase })).toHaveLength(2);
    });
  });

  describe('case notes', () => {
    it('OUTREACH_WORKER and MANAGER add notes; a correction is a new note linked to the one it corrects', async () => {
      const n1 = await t.gql(ADD_NOTE, { c: ids.joCase, b: 'Spoke with Jo at the library; mum to be contacted on Tuesday.' }, tok.outreach);
      expect(n1.errors).toBeUndefined();
      expect(n1.data.addCaseNote).toMatchObject({ caseId: ids.joCase, authorId: ids.outreach, correctsNoteId: null, isCorrected: false, version: 1 });
      ids.note1 = n1.data.addCaseNote.id;
      const fix = await t.gql(ADD_NOTE, { c: ids.joCase, b: 'Correction: the call is on Wednesday, not Tuesday.', n: ids.note1 }, tok.manager);
      expect(fix.errors).toBeUndefined();
      expect(fix.data.addCaseNote).toMatchObject({ correctsNoteId: ids.note1, authorId: ids.manager });
      ids.note2 = fix.data.addCaseNote.id;
      const r = await t.gql(CASE, { id: ids.joCase }, tok.dpo);
      expect(r.errors).toBeUndefined();
      expect(r.data.case.subject).toEqual({ id: ids.jo, name: 'Jo Example' });
      expect(nodes(r.data.case.notes).map((n: any) => [n.id, n.isCorrected, n.correctsNoteId])).toEqual([
        [ids.note1, true, null],
        [ids.note2, false, ids.note1],
      ]);
      expect(r.data.case.notes.totalCount).toBe(2);
      // The original text is kept as it was written.
      expect(nodes(r.data.case.notes)[0].body).toBe('Spoke with Jo at the library; mum to be contacted on Tuesday.');
      expect((await auditRows(t.db, { action: 'READ', entityType: 'CaseNote', actorId: ids.dpo })).map((a: any) => a.entity_id).sort()).toEqual(
        [ids.note1, ids.note2].sort(),
      );
      expect(await auditRows(t.db, { action: 'CREATE', entityType: 'CaseNote', entityId: ids.note2 })).toHaveLength(1);
    });

    it('notes come a page at a time, oldest first; a note corrected on a later page says so; only the notes returned are audited', async () => {
      const page1 = await t.gql(NOTES_PAGE, { id: ids.joCase, first: 1 }, tok.manager);
      expect(page1.errors).toBeUndefined();
      const notes1 = page1.data.case.notes;
      expect(notes1).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true }, edges: [{ node: { id: ids.note1, isCorrected: true } }] });
      const notes2 = (await t.gql(NOTES_PAGE, { id: ids.joCase, first: 1, after: notes1.pageInfo.endCursor }, tok.manager)).data.case.notes;
      expect(notes2).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: false }, edges: [{ node: { id: ids.note2, isCorrected: false } }] });
      expect(await auditRows(t.db, { action: 'READ', entityType: 'CaseNote', entityId: ids.note2, actorId: ids.manager })).toHaveLength(1);
      // Several cases in one request: each its own page and count.
      const many = await t.gql(`{ cases(first: 100) { edges { node { id notes(first: 1) { totalCount edges { node { caseId } } } } } } }`, {}, tok.manager);
      expect(many.errors).toBeUndefined();
      for (const { node } of many.data.cases.edges) {
        expect(node.notes.edges.every((e: any) => e.node.caseId === node.id)).toBe(true);
        expect(node.notes.totalCount).toBe(node.id === ids.joCase ? 2 : 0);
      }
    });

    it('notes cannot be edited: there is no such mutation, and the database refuses an edit', async () => {
      const schema = await t.gql(`{ __type(name: "Mutation") { fields { name } } }`, {}, tok.manager);
      const noteMutations = schema.data.__type.fields.map((f: any) => f.name).filter((n: string) => /note/i.test(n));
      expect(noteMutations).toEqual(['addCaseNote']);
      const edit = await t.gql(`mutation { updateCaseNote(id: "${ids.note1}", body: "rewritten") { id } }`, {}, tok.manager);
      expect(codeOf(edit)).toBe('GRAPHQL_VALIDATION_FAILED');
      await expect(t.db.query(`UPDATE case_note SET body = 'rewritten' WHERE id = $1`, [ids.note1])).rejects.toThrow(/append-only/);
      const [row] = await t.db.query('SELECT body FROM case_note WHERE id = $1', [ids.note1]);
      expect(row.body).toMatch(/Tuesday/);
    });

    it("refuses corrections of another case's notes, empty notes, and notes by STAFF, ADMIN, PARTNER, DPO or another service", async () => {
      expect(codeOf(await t.gql(ADD_NOTE, { c: ids.kimCase, b: 'Wrong case', n: ids.note1 }, tok.manager))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(ADD_NOTE, { c: ids.kimCase, b: '   ' }, tok.manager))).toBe('BAD_USER_INPUT');
      for (const who of ['staff', 'admin', 'pcso', 'dpo']) {
        expect(codeOf(await t.gql(ADD_NOTE, { c: ids.joCase, b: `By ${who}` }, tok[who]))).toBe('FORBIDDEN');
      }
      expect(codeOf(await t.gql(ADD_NOTE, { c: ids.joCase, b: 'Other service' }, tok.otherManager))).toBe('NOT_FOUND');
      expect((await t.db.query(`SELECT count(*)::int AS n FROM case_note WHERE case_id = $1`, [ids.kimCase]))[0].n).toBe(0);
    });
  });

  describe('timeline', () => {
    it("merges notes, the subject's incidents, bans and referrals, newest first, each once; audited", async () => {
      const ago = (hours: number) => new Date(Date.now() - hours * 3_600_000);
      const incident = (subjectIds: [string, string][], hoursAgo: number, category: string, severity: string | null) =>
        createIncident(t.db, {
          serviceId: demo,
          branchId,
          recordedById: ids.staff,
          people: subjectIds.map(([subjectId, part]) => ({ subjectId, part })),
          occurredAt: ago(hoursAgo),
          reportedAt: new Date(),
          category,
          severity,
          description: `${category} at the rear entrance`,
          actionsTaken: null,
          debriefNotes: null,
        });
      const oldest = await incident([[ids.jo, 'PERPETRATOR']], 72, 'ANTISOCIAL_BEHAVIOUR', 'LOW');
      const recent = await incident(
        [
          [ids.jo, 'PERPETRATOR'],
          [ids.jo, 'WITNESS'],
        ],
        24,
        'VERBAL_ABUSE',
        null,
      ); // two parts: listed once
      const notJo = await incident([[ids.kim, 'VICTIM']], 12, 'THEFT', 'MEDIUM');
      const proposed = { status: 'PROPOSED', startsOn: isoDaysFromNow(0), endsOn: null, reviewOn: null, conditions: null, notes: null };
      const ban = {
        id: await createBan(t.db, { ...proposed, serviceId: demo, subjectId: ids.jo, byId: ids.manager, reason: 'Verbal abuse of staff', createdAt: ago(48) }),
      };
      const kimBan = { id: await createBan(t.db, { ...proposed, serviceId: demo, subjectId: ids.kim, byId: ids.manager, reason: 'x' }) };
      const [partner] = await t.db.query(`SELECT id FROM partner_organisation WHERE name = 'Hope Foodbank'`);
      const referral = {
        id: await createReferral(t.db, {
          serviceId: demo,
          subjectId: ids.jo,
          byId: ids.outreach,
          partnerId: partner.id,
          status: 'DRAFT',
          needs: ['FOOD'],
          reason: 'No food at home',
          createdAt: ago(60),
        }),
      };
      // A note written up later about something 36 hours ago (inserted with its time: the API stamps now).
      const backdated = {
        id: await createCaseNote(t.db, { serviceId: demo, caseId: ids.joCase, authorId: ids.outreach, body: 'Met Jo and a youth worker', createdAt: ago(36) }),
      };

      const r = await t.gql(TIMELINE, { id: ids.joCase, first: 100 }, tok.outreach);
      expect(r.errors).toBeUndefined();
      const tl = nodes(r.data.case.timeline);
      expect(r.data.case.timeline.totalCount).toBe(7);
      expect(tl.map((e: any) => [e.kind, e.id])).toEqual([
        ['NOTE', ids.note2],
        ['NOTE', ids.note1],
        ['INCIDENT', recent],
        ['NOTE', backdated.id],
        ['BAN', ban.id],
        ['REFERRAL', referral.id],
        ['INCIDENT', oldest],
      ]);
      expect(tl.find((e: any) => e.id === referral.id).summary).toBe('Referral (DRAFT, SOON) to Hope Foodbank: No food at home');
      const times = tl.map((e: any) => new Date(e.at).getTime());
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      expect(tl.map((e: any) => e.id)).not.toContain(notJo);
      expect(tl.map((e: any) => e.id)).not.toContain(kimBan.id);
      expect(tl.find((e: any) => e.id === recent).summary).toBe('VERBAL_ABUSE: VERBAL_ABUSE at the rear entrance');
      expect(tl.find((e: any) => e.id === oldest).summary).toBe('ANTISOCIAL_BEHAVIOUR (LOW): ANTISOCIAL_BEHAVIOUR at the rear entrance');
      expect(tl.find((e: any) => e.id === ban.id).summary).toMatch(/^Ban PROPOSED from \d{4}-\d{2}-\d{2}: Verbal abuse of staff$/);
      expect(tl.find((e: any) => e.id === ids.note2).summary).toMatch(/^Correction: /);
      expect(await auditRows(t.db, { action: 'READ', entityType: 'Incident', entityId: recent, actorId: ids.outreach })).toHaveLength(1);
      expect(await auditRows(t.db, { action: 'READ', entityType: 'Ban', entityId: ban.id, actorId: ids.outreach })).toHaveLength(1);
      const page1 = (await t.gql(TIMELINE, { id: ids.joCase, first: 2 }, tok.outreach)).data.case.timeline;
      expect(nodes(page1).map((e: any) => e.id)).toEqual([ids.note2, ids.note1]);
      expect(page1).toMatchObject({ totalCount: 7, pageInfo: { hasNextPage: true } });
      // The pages follow each other: no entry skipped or repeated, the last page says it is the last.
      const page2 = (await t.gql(TIMELINE, { id: ids.joCase, first: 3, after: page1.pageInfo.endCursor }, tok.outreach)).data.case.timeline;
      const page3 = (await t.gql(TIMELINE, { id: ids.joCase, first: 3, after: page2.pageInfo.endCursor }, tok.outreach)).data.case.timeline;
      expect([...nodes(page1), ...nodes(page2), ...nodes(page3)].map((e: any) => e.id)).toEqual(tl.map((e: any) => e.id));
      expect(page3.pageInfo.hasNextPage).toBe(false);
      expect(codeOf(await t.gql(TIMELINE, { id: ids.joCase, after: 'not-a-cursor' }, tok.outreach))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(TIMELINE, { id: ids.joCase, first: 0 }, tok.outreach))).toBe('BAD_USER_INPUT');
      // Each page audits the entries it returns: the incident on page 2 is read a second time.
      expect(await auditRows(t.db, { action: 'READ', entityType: 'Incident', entityId: recent, actorId: ids.outreach })).toHaveLength(2);
    });
  });

  describe('closing and reopening', () => {
    it('closes with a summary: retention runs 6 years from closure for the case, its notes and at least its subject', async () => {
      const v = await version(ids.joCase);
      expect(codeOf(await t.gql(CLOSE, { id: ids.joCase, v: v + 1 }, tok.manager))).toBe('CONFLICT');
      expect(codeOf(await t.gql(CLOSE, { id: ids.joCase, v }, tok.dpo))).toBe('FORBIDDEN');
      const r = await t.gql(CLOSE, { id: ids.joCase, v, s: 'Engaged with youth service; no incidents for a month' }, tok.manager);
      expect(r.errors).toBeUndefined();
      const c = r.data.closeCase;
      expect(c).toMatchObject({
        status: 'CLOSED',
        closedById: ids.manager,
        closureSummary: 'Engaged with youth service; no incidents for a month',
        version: v + 1,
      });
      expect(c.dataProtection.retainUntil).toBe(inYears(new Date(c.closedAt), 6));
      const notes = await t.db.query('SELECT DISTINCT retain_until::text AS r FROM case_note WHERE case_id = $1', [ids.joCase]);
      expect(notes).toEqual([{ r: c.dataProtection.retainUntil }]);
      const [s] = await t.db.query('SELECT retain_until::text AS r FROM subject WHERE id = $1', [ids.jo]);
      expect(s.r >= c.dataProtection.retainUntil).toBe(true);
      expect(codeOf(await t.gql(CLOSE, { id: ids.joCase, v: v + 1 }, tok.manager))).toBe('CONFLICT');
    });

    it('a closed case takes no changes and no new notes (corrections only) until reopened', async () => {
      const v = await version(ids.joCase);
      expect(codeOf(await t.gql(UPDATE, { i: { id: ids.joCase, version: v, riskLevel: 'LOW' } }, tok.manager))).toBe('CONFLICT');
      expect(codeOf(await t.gql(ADD_NOTE, { c: ids.joCase, b: 'After closure' }, tok.outreach))).toBe('CONFLICT');
      const correction = await t.gql(ADD_NOTE, { c: ids.joCase, b: 'Correction: it was Thursday.', n: ids.note2 }, tok.outreach);
      expect(correction.errors).toBeUndefined();
      expect(codeOf(await t.gql(REOPEN, { id: ids.kimCase, v: await version(ids.kimCase) }, tok.manager))).toBe('CONFLICT');
      const r = await t.gql(REOPEN, { id: ids.joCase, v }, tok.outreach);
      expect(r.errors).toBeUndefined();
      expect(r.data.reopenCase).toMatchObject({ status: 'OPEN', closedAt: null, closedById: null, version: v + 1 });
      const note = await t.gql(ADD_NOTE, { c: ids.joCase, b: 'Reopened: new incident reported' }, tok.outreach);
      expect(note.errors).toBeUndefined();
      expect(await auditRows(t.db, { action: 'UPDATE', entityType: 'Case', entityId: ids.joCase })).toHaveLength(4);
    });
  });
});
