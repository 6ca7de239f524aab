import {
  addIncidentSubject,
  auditRows,
  createBan,
  createIncident,
  createLibraryService,
  createUser,
  demoServiceId,
  isoDaysFromNow,
} from './support/builders.js';
import { codeOf, signInDemoUsers, startTestApp, type TestApp } from './support/test-app.js';

const FIELDS = `id name description aliases dateOfBirth ageBand photoReference isChildSafeguarding isAdultAtRisk notes mergedIntoId version
  dataProtection { lawfulBasis retainUntil legalHold }`;
const SUBJECTS = `query($f: SubjectFilterInput, $first: Int, $after: String) {
  subjects(filter: $f, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name description mergedIntoId } } } }`;
const SUBJECT = `query($id: ID!) { subject(id: $id) { ${FIELDS} specialCategory { id category details dataProtection { specialCategoryCondition } } } }`;
const CREATE = `mutation($i: CreateSubjectInput!) { createSubject(input: $i) { ${FIELDS} specialCategory { id details } } }`;
const UPDATE = `mutation($i: UpdateSubjectInput!) { updateSubject(input: $i) { ${FIELDS} } }`;
const DUPLICATES = `query($name: String, $dob: Date, $aliases: [String!]) {
  possibleDuplicateSubjects(name: $name, dateOfBirth: $dob, aliases: $aliases) { id name aliases dateOfBirth } }`;
const MERGE = `mutation($i: MergeSubjectsInput!) { mergeSubjects(input: $i) {
  kept { id name aliases dateOfBirth isChildSafeguarding version } merged { id mergedIntoId version } movedLinks { link moved removedAsDuplicate } } }`;
const ADD_SPECIAL = `mutation($i: AddSubjectSpecialCategoryInput!) { addSubjectSpecialCategory(input: $i) {
  id subjectId category details version dataProtection { lawfulBasis specialCategoryCondition retainUntil } } }`;
const UPDATE_SPECIAL = `mutation($i: UpdateSubjectSpecialCategoryInput!) { updateSubjectSpecialCategory(input: $i) { id details version dataProtection { specialCategoryCondition } } }`;
const CREATE_CASE = `mutation($i: CreateCaseInput!) { createCase(input: $i) { id subjectId version } }`;

const CONDITION = 'Art 9(2)(g); DPA 2018 Sch 1 para 18: safeguarding of individuals at risk';

describe('subjects (e2e over HTTP)', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let demo: string;
  let other: string;

  const create = async (input: Record<string, unknown>, who = 'manager') => {
    const r = await t.gql(CREATE, { i: input }, tok[who]);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data.createSubject;
  };

  beforeAll(async () => {
    t = await startTestApp();
    demo = await demoServiceId(t.db);
    await signInDemoUsers(t, tok, ids);
    other = await createLibraryService(t.db, { name: 'Neighbouring County Libraries' });
    await createUser(t.db, { email: 'manager@other.test', role: 'MANAGER', serviceId: other });
    tok.otherManager = await t.login('manager@other.test');
  });
  afterAll(() => t.close());

  describe('recording and reading people', () => {
    it('STAFF records an unknown person by description, but may not list or read people', async () => {
      const r = await t.gql(CREATE, { i: { description: 'male, 30s, red jacket', ageBand: 'AGE_25_34' } }, tok.staff);
      expect(r.errors).toBeUndefined();
      const s = r.data.createSubject;
      expect(s).toMatchObject({ name: null, description: 'male, 30s, red jacket', ageBand: 'AGE_25_34', version: 1, mergedIntoId: null });
      expect(s.dataProtection.lawfulBasis).toBe('PUBLIC_TASK');
      expect(s.specialCategory).toBeNull();
      const [row] = await t.db.query('SELECT library_service_id, created_by_id FROM subject WHERE id = $1', [s.id]);
      expect(row).toEqual({ library_service_id: demo, created_by_id: ids.staff });
      const list = await t.gql(SUBJECTS, {}, tok.staff);
      expect(list.errors).toBeUndefined();
      expect(list.data.subjects.totalCount).toBe(0);
      expect(codeOf(await t.gql(SUBJECT, { id: s.id }, tok.staff))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(UPDATE, { i: { id: s.id, version: 1, notes: 'x' } }, tok.staff))).toBe('NOT_FOUND');
      expect(await auditRows(t.db, { action: 'CREATE', entityType: 'Subject', entityId: s.id })).toHaveLength(1);
    });

    it('a name or a description is required; date of birth and age band are exclusive and plausible', async () => {
      const none = await t.gql(CREATE, { i: { aliases: ['Ghost'] } }, tok.manager);
      expect(codeOf(none)).toBe('BAD_USER_INPUT');
      expect(none.errors![0].message).toMatch(/name, or a description/);
      expect(codeOf(await t.gql(CREATE, { i: { name: '   ' } }, tok.manager))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(CREATE, { i: { name: 'Both Given', dateOfBirth: '1990-01-01', ageBand: 'AGE_25_34' } }, tok.manager))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(CREATE, { i: { name: 'Future Born', dateOfBirth: '2999-01-01' } }, tok.manager))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(CREATE, { i: { name: 'Bad Date', dateOfBirth: '1990-02-30' } }, tok.manager))).toBe('BAD_USER_INPUT');
      const badBand = await t.gql(CREATE, { i: { name: 'Bad Band', ageBand: 'ANCIENT' } }, tok.manager);
      expect(codeOf(badBand)).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(CREATE, { i: { name: 'x'.repeat(201) } }, tok.manager))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(SUBJECT, { id: 'not-a-uuid' }, tok.manager))).toBe('BAD_USER_INPUT');
      const n = await t.db.query(`SELECT count(*)::int AS n FROM subject WHERE name IN ('Both Given', 'Future Born', 'Bad Date', 'Bad Band')`);
      expect(n[0].n).toBe(0);
    });

    it('MANAGER and OUTREACH_WORKER create, read and update; updates carry the version (stale = CONFLICT)', async () => {
      const s = await create(
        { name: '  Alex   Example ', aliases: ['Lex', ' lex ', 'AJ'], dateOfBirth: '2009-05-01', isChildSafeguarding: true, notes: 'Comes in after school' },
        'outreach',
      );
      expect(s.name).toBe('Alex Example');
      expect(s.aliases).toEqual(['Lex', 'AJ']);
      expect(s.dataProtection.retainUntil).toBe(`${new Date().getUTCFullYear() + 6}-${new Date().toISOString().slice(5, 10)}`);
      ids.alex = s.id;
      const read = await t.gql(SUBJECT, { id: s.id }, tok.manager);
      expect(read.errors).toBeUndefined();
      expect(read.data.subject).toMatchObject({ name: 'Alex Example', isChildSafeguarding: true, specialCategory: [] });
      const upd = await t.gql(UPDATE, { i: { id: s.id, version: 1, isAdultAtRisk: false, photoReference: 'CCTV still 2025-001', ageBand: null } }, tok.manager);
      expect(upd.errors).toBeUndefined();
      expect(upd.data.updateSubject).toMatchObject({ version: 2, photoReference: 'CCTV still 2025-001', dateOfBirth: '2009-05-01' });
      const stale = await t.gql(UPDATE, { i: { id: s.id, version: 1, notes: 'lost update' } }, tok.outreach);
      expect(codeOf(stale)).toBe('CONFLICT');
      const [row] = await t.db.query('SELECT notes, version FROM subject WHERE id = $1', [s.id]);
      expect(row).toEqual({ notes: 'Comes in after school', version: 2 });
      // Giving a date of birth clears an age band; a band while a date of birth is recorded is refused.
      const band = await t.gql(UPDATE, { i: { id: s.id, version: 2, ageBand: 'AGE_14_17' } }, tok.manager);
      expect(codeOf(band)).toBe('BAD_USER_INPUT');
      const cleared = await t.gql(UPDATE, { i: { id: s.id, version: 2, name: null } }, tok.manager);
      expect(codeOf(cleared)).toBe('BAD_USER_INPUT'); // no name and no description left
      expect(await auditRows(t.db, { action: 'UPDATE', entityType: 'Subject', entityId: s.id })).toHaveLength(1);
    });

    it('DPO reads but changes nothing; ADMIN and PARTNER see and do nothing', async () => {
      const dpo = await t.gql(SUBJECT, { id: ids.alex }, tok.dpo);
      expect(dpo.errors).toBeUndefined();
      expect(dpo.data.subject.name).toBe('Alex Example');
      expect((await t.gql(SUBJECTS, {}, tok.dpo)).data.subjects.totalCount).toBeGreaterThanOrEqual(2);
      expect(codeOf(await t.gql(UPDATE, { i: { id: ids.alex, version: 2, notes: 'dpo' } }, tok.dpo))).toBe('FORBIDDEN');
      for (const who of ['dpo', 'admin', 'pcso']) {
        expect(codeOf(await t.gql(CREATE, { i: { name: `Made by ${who}` } }, tok[who]))).toBe('FORBIDDEN');
      }
      for (const who of ['admin', 'pcso']) {
        const list = await t.gql(SUBJECTS, {}, tok[who]);
        expect(list.errors).toBeUndefined();
        expect(list.data.subjects.totalCount).toBe(0);
        expect(codeOf(await t.gql(SUBJECT, { id: ids.alex }, tok[who]))).toBe('NOT_FOUND');
        expect(codeOf(await t.gql(UPDATE, { i: { id: ids.alex, version: 2, notes: who } }, tok[who]))).toBe('NOT_FOUND');
      }
    });

    it('another library service sees none of ours, in lists, reads or writes', async () => {
      const mine = await create({ name: 'Other Service Person' }, 'otherManager');
      const list = await t.gql(SUBJECTS, { first: 100 }, tok.otherManager);
      expect(list.data.subjects.edges.map((e: any) => e.node.id)).toEqual([mine.id]);
      expect(codeOf(await t.gql(SUBJECT, { id: ids.alex }, tok.otherManager))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(UPDATE, { i: { id: ids.alex, version: 2, notes: 'x' } }, tok.otherManager))).toBe('NOT_FOUND');
      expect((await t.gql(SUBJECTS, { first: 100 }, tok.manager)).data.subjects.edges.map((e: any) => e.node.id)).not.toContain(mine.id);
      expect(codeOf(await t.gql(SUBJECT, { id: mine.id }, tok.manager))).toBe('NOT_FOUND');
    });

    it('filters by search (name, alias, description; wildcards literal) and flags, with cursor pages', async () => {
      await create({ name: 'Sam Searchable', aliases: ['Searchy'] });
      await create({ description: 'tall woman, green searchable coat', isAdultAtRisk: true });
      const byName = await t.gql(SUBJECTS, { f: { search: 'searchab' } }, tok.manager);
      expect(byName.data.subjects.totalCount).toBe(2);
      expect((await t.gql(SUBJECTS, { f: { search: 'SEARCHY' } }, tok.manager)).data.subjects.totalCount).toBe(1);
      expect((await t.gql(SUBJECTS, { f: { search: '%' } }, tok.manager)).data.subjects.totalCount).toBe(0);
      const child = await t.gql(SUBJECTS, { f: { isChildSafeguarding: true } }, tok.manager);
      expect(child.data.subjects.edges.map((e: any) => e.node.id)).toEqual([ids.alex]);
      expect((await t.gql(SUBJECTS, { f: { isAdultAtRisk: true } }, tok.manager)).data.subjects.totalCount).toBe(1);
      const all = await t.gql(SUBJECTS, { first: 100 }, tok.manager);
      const p1 = await t.gql(SUBJECTS, { first: 2 }, tok.manager);
      const p2 = await t.gql(SUBJECTS, { first: 2, after: p1.data.subjects.pageInfo.endCursor }, tok.manager);
      expect(p1.data.subjects.totalCount).toBe(all.data.subjects.totalCount);
      expect([...p1.data.subjects.edges, ...p2.data.subjects.edges].map((e: any) => e.node.id)).toEqual(
        all.data.subjects.edges.slice(0, 4).map((e: any) => e.node.id),
      );
    });

    it('reads are audited, one READ row per subject returned, with the stated purpose', async () => {
      const before = (await auditRows(t.db, { action: 'READ', entityType: 'Subject', actorId: ids.outreach })).length;
      const r = await t.gql(SUBJECTS, { first: 3 }, tok.outreach, { 'x-purpose': 'Outreach session planning' });
      const after = await auditRows(t.db, { action: 'READ', entityType: 'Subject', actorId: ids.outreach });
      expect(after.length - before).toBe(r.data.subjects.edges.length);
      expect(after.at(-1).purpose).toBe('Outreach session planning');
      await t.gql(SUBJECT, { id: ids.alex }, tok.outreach);
      expect((await auditRows(t.db, { action: 'READ', entityType: 'Subject', entityId: ids.alex, actorId: ids.outreach })).length).toBeGreaterThanOrEqual(1);
    });
  });

  describe('special category details', () => {
    it('are refused without an Article 9(2) condition (BAD_USER_INPUT), and stored with one', async () => {
      const base = { subjectId: ids.alex, category: 'MENTAL_HEALTH', details: 'Anxiety; prefers a quiet space' };
      const noDp = await t.gql(ADD_SPECIAL, { i: base }, tok.outreach);
      expect(codeOf(noDp)).toBe('BAD_USER_INPUT');
      expect(noDp.errors![0].message).toMatch(/specialCategoryCondition is required/);
      const noCondition = await t.gql(ADD_SPECIAL, { i: { ...base, dataProtection: { lawfulBasis: 'PUBLIC_TASK' } } }, tok.outreach);
      expect(codeOf(noCondition)).toBe('BAD_USER_INPUT');
      const blank = await t.gql(ADD_SPECIAL, { i: { ...base, dataProtection: { specialCategoryCondition: '   ' } } }, tok.outreach);
      expect(codeOf(blank)).toBe('BAD_USER_INPUT');
      expect((await t.db.query('SELECT count(*)::int AS n FROM subject_special_category'))[0].n).toBe(0);

      const ok = await t.gql(ADD_SPECIAL, { i: { ...base, dataProtection: { specialCategoryCondition: CONDITION } } }, tok.outreach);
      expect(ok.errors).toBeUndefined();
      const sc = ok.data.addSubjectSpecialCategory;
      expect(sc.dataProtection).toMatchObject({ lawfulBasis: 'PUBLIC_TASK', specialCategoryCondition: CONDITION });
      ids.special = sc.id;
      expect(await auditRows(t.db, { action: 'CREATE', entityType: 'SubjectSpecialCategory', entityId: sc.id })).toHaveLength(1);
      // The database refuses it too, whatever the caller.
      await expect(
        t.db.query(
          `INSERT INTO subject_special_category (library_service_id, subject_id, category, details, recorded_by_id, lawful_basis, retain_until)
         VALUES ($1, $2, 'HEALTH', 'x', $3, 'PUBLIC_TASK', '2040-01-01')`,
          [demo, ids.alex, ids.manager],
        ),
      ).rejects.toThrow(/special_category_condition/);
    });

    it('the condition can be changed but not removed; STAFF and DPO may not write special category details', async () => {
      const removed = await t.gql(UPDATE_SPECIAL, { i: { id: ids.special, version: 1, dataProtection: { specialCategoryCondition: null } } }, tok.manager);
      expect(codeOf(removed)).toBe('BAD_USER_INPUT');
      const upd = await t.gql(UPDATE_SPECIAL, { i: { id: ids.special, version: 1, details: 'Anxiety; quiet space; knows the duty manager' } }, tok.manager);
      expect(upd.errors).toBeUndefined();
      expect(upd.data.updateSubjectSpecialCategory).toMatchObject({ version: 2, dataProtection: { specialCategoryCondition: CONDITION } });
      const input = { subjectId: ids.alex, category: 'HEALTH', details: 'x', dataProtection: { specialCategoryCondition: CONDITION } };
      expect(codeOf(await t.gql(ADD_SPECIAL, { i: input }, tok.staff))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(ADD_SPECIAL, { i: input }, tok.dpo))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(ADD_SPECIAL, { i: input }, tok.otherManager))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(UPDATE_SPECIAL, { i: { id: ids.special, version: 2, details: 'y' } }, tok.dpo))).toBe('FORBIDDEN');
    });

    it('are visible to MANAGER, OUTREACH_WORKER and DPO (audited), and null with no error for STAFF and PARTNER', async () => {
      for (const who of ['manager', 'outreach', 'dpo']) {
        const r = await t.gql(SUBJECT, { id: ids.alex }, tok[who]);
        expect(r.errors).toBeUndefined();
        expect(r.data.subject.specialCategory).toEqual([
          {
            id: ids.special,
            category: 'MENTAL_HEALTH',
            details: 'Anxiety; quiet space; knows the duty manager',
            dataProtection: { specialCategoryCondition: CONDITION },
          },
        ]);
        expect(
          (await auditRows(t.db, { action: 'READ', entityType: 'SubjectSpecialCategory', entityId: ids.special, actorId: ids[who] })).length,
        ).toBeGreaterThanOrEqual(1);
      }
      // STAFF only ever sees a subject as the answer to recording one: the field is null there, with no error.
      const staff = await t.gql(CREATE, { i: { description: 'older man, walking stick', confirmNotDuplicate: true } }, tok.staff);
      expect(staff.errors).toBeUndefined();
      expect(staff.data.createSubject.specialCategory).toBeNull();
      // PARTNER sees no subject at all yet (sharing comes with case shares): no path to the details either.
      const pcso = await t.gql(SUBJECT, { id: ids.alex }, tok.pcso);
      expect(codeOf(pcso)).toBe('NOT_FOUND');
      expect(JSON.stringify(pcso)).not.toMatch(/Anxiety/);
      // Nothing was read (their refused attempts are audited as REFUSED: test/audit-refusals.e2e-spec.ts).
      for (const who of ['staff', 'pcso']) {
        expect(await auditRows(t.db, { action: 'READ', entityType: 'SubjectSpecialCategory', actorId: ids[who] })).toHaveLength(0);
      }
    });
  });

  describe('possible duplicates and merging', () => {
    it('refuses a likely duplicate (same name, case and spaces ignored, same date of birth) with CONFLICT and the candidate ids', async () => {
      const first = await create({ name: 'John Smith', dateOfBirth: '1990-01-01' });
      ids.john = first.id;
      const dup = await t.gql(CREATE, { i: { name: ' john   SMITH ', dateOfBirth: '1990-01-01' } }, tok.outreach);
      expect(codeOf(dup)).toBe('CONFLICT');
      expect(dup.errors![0].extensions).toMatchObject({ reason: 'POSSIBLE_DUPLICATE', candidateIds: [first.id] });
      expect(dup.errors![0].message).toMatch(/confirmNotDuplicate/);
      // Unknown date of birth on either side: still a candidate. A different known date: someone else.
      expect(codeOf(await t.gql(CREATE, { i: { name: 'John Smith' } }, tok.manager))).toBe('CONFLICT');
      const different = await t.gql(CREATE, { i: { name: 'John Smith', dateOfBirth: '1975-06-30' } }, tok.manager);
      expect(different.errors).toBeUndefined();
      ids.otherJohn = different.data.createSubject.id;
      const confirmed = await t.gql(
        CREATE,
        { i: { name: 'John Smith', dateOfBirth: '1990-01-01', aliases: ['Smithy'], confirmNotDuplicate: true } },
        tok.manager,
      );
      expect(confirmed.errors).toBeUndefined();
      ids.johnAgain = confirmed.data.createSubject.id;
    });

    it('matches aliases both ways, and possibleDuplicateSubjects lists the candidates (audited)', async () => {
      const byAlias = await t.gql(CREATE, { i: { name: 'smithy' } }, tok.manager);
      expect(codeOf(byAlias)).toBe('CONFLICT');
      expect(byAlias.errors![0].extensions!.candidateIds).toEqual([ids.johnAgain]);
      const aliasIsName = await t.gql(CREATE, { i: { description: 'goes by Alex Example', aliases: ['ALEX EXAMPLE'] } }, tok.manager);
      expect(aliasIsName.errors![0].extensions!.candidateIds).toEqual([ids.alex]);
      const r = await t.gql(DUPLICATES, { name: 'John Smith', dob: '1990-01-01' }, tok.outreach);
      expect(r.errors).toBeUndefined();
      expect(r.data.possibleDuplicateSubjects.map((s: any) => s.id).sort()).toEqual([ids.john, ids.johnAgain].sort());
      expect((await auditRows(t.db, { action: 'READ', entityType: 'Subject', entityId: ids.johnAgain, actorId: ids.outreach })).length).toBeGreaterThanOrEqual(
        1,
      );
      expect((await t.gql(DUPLICATES, { aliases: ['lex'] }, tok.manager)).data.possibleDuplicateSubjects.map((s: any) => s.id)).toEqual([ids.alex]);
      expect(codeOf(await t.gql(DUPLICATES, {}, tok.manager))).toBe('BAD_USER_INPUT');
      // Roles that may not read people learn nothing: no candidates for STAFF or another service.
      expect((await t.gql(DUPLICATES, { name: 'John Smith' }, tok.staff)).data.possibleDuplicateSubjects).toEqual([]);
      expect((await t.gql(DUPLICATES, { name: 'John Smith' }, tok.otherManager)).data.possibleDuplicateSubjects).toEqual([]);
      const staff = await t.gql(CREATE, { i: { name: 'John Smith', dateOfBirth: '1990-01-01' } }, tok.staff);
      expect(staff.errors).toBeUndefined();
      ids.staffJohn = staff.data.createSubject.id;
    });

    it('only a MANAGER merges; bad pairs, stale versions and other services are refused', async () => {
      const input = { keep: { id: ids.john, version: 1 }, merge: { id: ids.johnAgain, version: 1 } };
      expect(codeOf(await t.gql(MERGE, { i: input }, tok.outreach))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(MERGE, { i: input }, tok.dpo))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(MERGE, { i: input }, tok.staff))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(MERGE, { i: input }, tok.otherManager))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(MERGE, { i: { ...input, merge: { id: ids.john, version: 1 } } }, tok.manager))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(MERGE, { i: { ...input, merge: { id: ids.johnAgain, version: 7 } } }, tok.manager))).toBe('CONFLICT');
      const rows = await t.db.query('SELECT merged_into_id FROM subject WHERE id = ANY($1)', [[ids.john, ids.johnAgain]]);
      expect(rows.every((r: any) => r.merged_into_id === null)).toBe(true);
    });

    it('moves every link (cases, special category, incidents, bans) to the kept record, removing colliding duplicates; audited', async () => {
      // Links to the record being merged away, made through the API and, for tables of other slices, in SQL.
      const c = await t.gql(CREATE_CASE, { i: { subjectId: ids.johnAgain, title: 'Repeated disorder' } }, tok.manager);
      expect(c.errors).toBeUndefined();
      const sc = await t.gql(
        ADD_SPECIAL,
        { i: { subjectId: ids.johnAgain, category: 'HEALTH', details: 'Diabetic', dataProtection: { specialCategoryCondition: CONDITION } } },
        tok.manager,
      );
      expect(sc.errors).toBeUndefined();
      await t.db.query(`UPDATE subject SET is_child_safeguarding = true WHERE id = $1`, [ids.johnAgain]);
      const [branch] = await t.db.query(`SELECT id FROM branch WHERE library_service_id = $1 AND name = 'Central Library'`, [demo]);
      const incident = (description: string) =>
        createIncident(t.db, {
          serviceId: demo,
          branchId: branch.id,
          recordedById: ids.manager,
          occurredAt: new Date(Date.now() - 2 * 86_400_000),
          reportedAt: new Date(),
          severity: 'LOW',
          description,
          actionsTaken: null,
          debriefNotes: null,
        });
      const shared = await incident('Both records involved');
      const onlyMerged = await incident('Only the merged record involved');
      const link = (incidentId: string, subjectId: string, part: string) =>
        addIncidentSubject(t.db, { serviceId: demo, incidentId, subjectId, part, addedById: ids.manager });
      await link(shared, ids.john, 'PERPETRATOR');
      await link(shared, ids.johnAgain, 'PERPETRATOR'); // collides after the merge: removed
      await link(shared, ids.johnAgain, 'WITNESS'); // a different part: moved
      await link(onlyMerged, ids.johnAgain, 'PERPETRATOR');
      const banId = await createBan(t.db, {
        serviceId: demo,
        subjectId: ids.johnAgain,
        byId: ids.manager,
        status: 'PROPOSED',
        reason: 'Repeated verbal abuse',
        startsOn: isoDaysFromNow(0),
        endsOn: null,
        reviewOn: null,
        conditions: null,
        notes: null,
      });
      const [ban] = await t.db.query('SELECT id, version FROM ban WHERE id = $1', [banId]);

      const [v] = await t.db.query('SELECT (SELECT version FROM subject WHERE id = $1) AS keep, (SELECT version FROM subject WHERE id = $2) AS merge', [
        ids.john,
        ids.johnAgain,
      ]);
      const r = await t.gql(MERGE, { i: { keep: { id: ids.john, version: v.keep }, merge: { id: ids.johnAgain, version: v.merge } } }, tok.manager);
      expect(r.errors).toBeUndefined();
      const res = r.data.mergeSubjects;
      expect(res.kept).toMatchObject({ id: ids.john, name: 'John Smith', aliases: ['Smithy'], isChildSafeguarding: true, version: v.keep + 1 });
      expect(res.merged).toMatchObject({ id: ids.johnAgain, mergedIntoId: ids.john, version: v.merge + 1 });
      const moved = Object.fromEntries(res.movedLinks.map((l: any) => [l.link, l]));
      expect(moved['case_file.subject_id']).toMatchObject({ moved: 1, removedAsDuplicate: 0 });
      expect(moved['subject_special_category.subject_id']).toMatchObject({ moved: 1 });
      expect(moved['incident_subject.subject_id']).toMatchObject({ moved: 2, removedAsDuplicate: 1 });
      expect(moved['ban.subject_id']).toMatchObject({ moved: 1 });

      const links = await t.db.query(`SELECT incident_id, part FROM incident_subject WHERE subject_id = $1 ORDER BY incident_id, part`, [ids.john]);
      expect(links).toEqual(
        expect.arrayContaining([
          { incident_id: shared, part: 'PERPETRATOR' },
          { incident_id: shared, part: 'WITNESS' },
          { incident_id: onlyMerged, part: 'PERPETRATOR' },
        ]),
      );
      expect(links).toHaveLength(3);
      expect((await t.db.query(`SELECT count(*)::int AS n FROM incident_subject WHERE subject_id = $1`, [ids.johnAgain]))[0].n).toBe(0);
      const [banAfter] = await t.db.query('SELECT subject_id, version FROM ban WHERE id = $1', [ban.id]);
      expect(banAfter).toEqual({ subject_id: ids.john, version: ban.version + 1 });
      expect((await t.db.query('SELECT subject_id FROM case_file WHERE id = $1', [c.data.createCase.id]))[0].subject_id).toBe(ids.john);
      expect((await t.db.query('SELECT subject_id FROM subject_special_category WHERE id = $1', [sc.data.addSubjectSpecialCategory.id]))[0].subject_id).toBe(
        ids.john,
      );

      const subjectUpdates = await auditRows(t.db, { action: 'UPDATE', entityType: 'Subject', actorId: ids.manager });
      expect(subjectUpdates.map((a: any) => a.entity_id)).toEqual(expect.arrayContaining([ids.john, ids.johnAgain]));
      expect(await auditRows(t.db, { action: 'UPDATE', entityType: 'Case', entityId: c.data.createCase.id })).toHaveLength(1);
      expect(await auditRows(t.db, { action: 'UPDATE', entityType: 'Ban', entityId: ban.id })).toHaveLength(1);
      expect((await auditRows(t.db, { action: 'DELETE', actorId: ids.manager })).length).toBeGreaterThanOrEqual(1);
    });

    it('a merged record is no longer listed, points to the kept one, and can be neither changed nor merged again', async () => {
      const list = await t.gql(SUBJECTS, { first: 100 }, tok.manager);
      const listed = list.data.subjects.edges.map((e: any) => e.node.id);
      expect(listed).toContain(ids.john);
      expect(listed).not.toContain(ids.johnAgain);
      const withMerged = await t.gql(SUBJECTS, { first: 100, f: { includeMerged: true } }, tok.manager);
      expect(withMerged.data.subjects.edges.map((e: any) => e.node.id)).toContain(ids.johnAgain);
      const merged = await t.gql(SUBJECT, { id: ids.johnAgain }, tok.manager);
      expect(merged.data.subject.mergedIntoId).toBe(ids.john);
      expect(merged.data.subject.specialCategory).toEqual([]);
      const kept = await t.gql(SUBJECT, { id: ids.john }, tok.manager);
      expect(kept.data.subject.specialCategory.map((s: any) => s.details)).toEqual(['Diabetic']);
      const upd = await t.gql(UPDATE, { i: { id: ids.johnAgain, version: merged.data.subject.version, notes: 'x' } }, tok.manager);
      expect(codeOf(upd)).toBe('CONFLICT');
      const again = await t.gql(
        MERGE,
        { i: { keep: { id: ids.staffJohn, version: 1 }, merge: { id: ids.johnAgain, version: merged.data.subject.version } } },
        tok.manager,
      );
      expect(codeOf(again)).toBe('CONFLICT');
      // Merged records are not offered as duplicates any more.
      expect(
        (await t.gql(DUPLICATES, { name: 'John Smith', dob: '1990-01-01' }, tok.manager)).data.possibleDuplicateSubjects.map((s: any) => s.id),
      ).not.toContain(ids.johnAgain);
      expect(codeOf(await t.gql(CREATE_CASE, { i: { subjectId: ids.johnAgain, title: 'On a merged record' } }, tok.manager))).toBe('BAD_USER_INPUT');
    });

    it('merging into a record that had absorbed another keeps the chain pointing at the survivor', async () => {
      const [v] = await t.db.query('SELECT (SELECT version FROM subject WHERE id = $1) AS keep, (SELECT version FROM subject WHERE id = $2) AS merge', [
        ids.staffJohn,
        ids.john,
      ]);
      const r = await t.gql(MERGE, { i: { keep: { id: ids.staffJohn, version: v.keep }, merge: { id: ids.john, version: v.merge } } }, tok.manager);
      expect(r.errors).toBeUndefined();
      const rows = await t.db.query('SELECT id, merged_into_id FROM subject WHERE id = ANY($1)', [[ids.john, ids.johnAgain]]);
      expect(rows.every((row: any) => row.merged_into_id === ids.staffJohn)).toBe(true);
      expect((await t.db.query('SELECT count(*)::int AS n FROM incident_subject WHERE subject_id = $1', [ids.staffJohn]))[0].n).toBe(3);
    });
  });
});
