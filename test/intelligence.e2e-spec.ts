import {
  auditRows,
  createAgreement,
  createBranch,
  createCase,
  createLibraryService,
  createPartner,
  createShare,
  createSubject,
  createUser,
  demoServiceId,
  userId,
} from './support/builders.js';
import { codeOf, startTestApp, type TestApp } from './support/test-app.js';

const ITEM = `id status body handlingCode handlingConditions handlingOrganisationIds sourceType sourceEvaluation intelligenceAssessment category reviewOn caseId subjectId
  submittedByOrganisationId version dataProtection { lawfulBasis specialCategoryCondition retainUntil }`;
const RECORD = `mutation($i: RecordIntelligenceInput!) { recordIntelligence(input: $i) { ${ITEM} } }`;
const SUBMIT = `mutation($i: SubmitIntelligenceInput!) { submitIntelligence(input: $i) { ${ITEM} } }`;
const ACCEPT = `mutation($id: ID!, $v: Int!) { acceptIntelligence(input: { id: $id, version: $v }) { ${ITEM} } }`;
const REJECT = `mutation($id: ID!, $v: Int!, $r: String!) { rejectIntelligence(input: { id: $id, version: $v, reason: $r }) { ${ITEM} } }`;
const ITEMS = `query($f: IntelligenceFilterInput) { intelligenceItems(filter: $f, first: 100) { totalCount edges { node { id body status } } } }`;
const SHARED = `query($id: ID!) { sharedCase(id: $id, purpose: "Intelligence check") { id categories intelligence { id body handlingCode sourceEvaluation intelligenceAssessment } } }`;
const PUBLISH = `mutation($i: PublishBranchWarningInput!) { publishBranchWarning(input: $i) { id text branchId version expiresOn } }`;
const WITHDRAW = `mutation($id: ID!, $v: Int!) { withdrawBranchWarning(input: { id: $id, version: $v }) { id withdrawnAt } }`;
const WARNINGS = `query($b: ID!) { branchWarnings(branchId: $b) { totalCount edges { node { id text } } } }`;
const warnings = (r: any) => r.data.branchWarnings.edges.map((e: any) => e.node);

describe('intelligence and branch warnings (e2e over HTTP)', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let demo: string;
  let neighbour: string;
  let police: string;
  let foodbank: string;
  let central: string;
  let northgate: string;
  let caseA: string;
  let subjectA: string;
  let caseUnshared: string;

  const grading = (over: Record<string, unknown> = {}) => ({
    body: 'Seen passing a knife to another youth at the rear entrance',
    sourceEvaluation: 1,
    intelligenceAssessment: 'A',
    handlingCode: 'P',
    category: 'WEAPONS',
    ...over,
  });
  const record = async (over: Record<string, unknown>, who = 'manager') =>
    t.gql(RECORD, { i: { caseId: caseA, sourceType: 'STAFF_OBSERVATION', ...grading(over) } }, tok[who]);

  beforeAll(async () => {
    t = await startTestApp();
    demo = await demoServiceId(t.db);
    for (const who of ['admin', 'manager', 'outreach', 'staff', 'pcso', 'dpo']) tok[who] = await t.login(`${who}@demo.test`);
    const manager = await userId(t.db, 'manager@demo.test');
    [{ id: police }] = await t.db.query(`SELECT id FROM partner_organisation WHERE type = 'POLICE_NEIGHBOURHOOD_TEAM' AND library_service_id = $1`, [demo]);
    [{ id: foodbank }] = await t.db.query(`SELECT id FROM partner_organisation WHERE name = 'Hope Foodbank'`);
    [{ id: central }] = await t.db.query(`SELECT id FROM branch WHERE name = 'Central Library'`);
    [{ id: northgate }] = await t.db.query(`SELECT id FROM branch WHERE name = 'Northgate Library'`);
    await createUser(t.db, { email: 'foodbank@demo.test', role: 'PARTNER', serviceId: demo, partnerId: foodbank });
    neighbour = await createLibraryService(t.db, { name: 'Neighbouring County Libraries' });
    await createUser(t.db, { email: 'manager@neighbour.test', role: 'MANAGER', serviceId: neighbour });
    for (const [k, email] of [
      ['foodbank', 'foodbank@demo.test'],
      ['neighbour', 'manager@neighbour.test'],
    ])
      tok[k] = await t.login(email);
    subjectA = await createSubject(t.db, { serviceId: demo, createdById: manager, name: 'Jay Example' });
    caseA = await createCase(t.db, { serviceId: demo, subjectId: subjectA, ownerId: manager, title: 'Jay: weapons concern' });
    const other = await createSubject(t.db, { serviceId: demo, createdById: manager, name: 'Other Person' });
    caseUnshared = await createCase(t.db, { serviceId: demo, subjectId: other, ownerId: manager, title: 'Not shared' });
    const agreement = await createAgreement(t.db, {
      serviceId: demo,
      createdById: manager,
      categories: ['IDENTITY', 'INTELLIGENCE', 'SPECIAL_CATEGORY'],
      organisationIds: [police, foodbank],
      serviceIds: [neighbour],
    });
    for (const recipient of [{ organisationId: police }, { organisationId: foodbank }, { recipientServiceId: neighbour }])
      await createShare(t.db, {
        serviceId: demo,
        caseId: caseA,
        agreementId: agreement,
        byId: manager,
        categories: ['IDENTITY', 'INTELLIGENCE'],
        ...recipient,
      });
  });
  afterAll(() => t.close());

  describe('recording and grading', () => {
    it('a manager records graded intelligence on a case: ACCEPTED, linked to the case subject, reviewed in 12 months', async () => {
      const r = await record({});
      expect(r.errors).toBeUndefined();
      const item = r.data.recordIntelligence;
      expect(item).toMatchObject({
        status: 'ACCEPTED',
        caseId: caseA,
        subjectId: subjectA,
        sourceEvaluation: 1,
        intelligenceAssessment: 'A',
        handlingCode: 'P',
      });
      const [{ expected }] = await t.db.query(`SELECT to_char((now() AT TIME ZONE 'Europe/London')::date + interval '1 year', 'YYYY-MM-DD') AS expected`);
      expect(item.reviewOn).toBe(expected);
      // Retained 12 months after recording (the INTELLIGENCE retention default).
      expect(item.dataProtection.retainUntil.slice(0, 4)).toBe(expected.slice(0, 4));
      expect(await auditRows(t.db, { action: 'CREATE', entityType: 'IntelligenceItem', entityId: item.id })).toHaveLength(1);
      // A review date beyond the year it is kept, or in the past, is refused: the sweep would remove it unreviewed.
      const [{ late, past }] = await t.db.query(
        `SELECT to_char((now() AT TIME ZONE 'Europe/London')::date + interval '13 months', 'YYYY-MM-DD') AS late, to_char((now() AT TIME ZONE 'Europe/London')::date - 1, 'YYYY-MM-DD') AS past`,
      );
      for (const reviewOn of [late, past]) {
        const refused = await record({ reviewOn });
        expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reviewOn' });
      }
      const byOutreach = await record({ body: 'Group gathers after school', category: 'ANTISOCIAL_BEHAVIOUR' }, 'outreach');
      expect(byOutreach.data.recordIntelligence.status).toBe('ACCEPTED');
    });

    it('handling code C needs conditions naming organisations of the service; grading is validated', async () => {
      expect((await record({ handlingCode: 'C' })).errors![0].message).toMatch(/handlingConditions.*handlingOrganisationIds/);
      expect((await record({ handlingCode: 'P', handlingOrganisationIds: [police] })).errors![0].message).toMatch(/handling code P names no organisations/);
      const otherOrg = await createPartner(t.db, { serviceId: neighbour, name: 'Far Org', type: 'OTHER' });
      expect((await record({ handlingCode: 'C', handlingConditions: 'x', handlingOrganisationIds: [otherOrg] })).errors![0].message).toMatch(
        /partner organisations of the case/,
      );
      for (const bad of [{ sourceEvaluation: 4 }, { sourceEvaluation: 0 }, { intelligenceAssessment: 'F' }, { category: 'GOSSIP' }, { body: '' }]) {
        expect(codeOf(await record(bad))).toBe('BAD_USER_INPUT');
      }
      const noTarget = await t.gql(RECORD, { i: { sourceType: 'CCTV', ...grading() } }, tok.manager);
      expect(noTarget.errors![0].message).toMatch(/who or where/);
      const place = await t.gql(
        RECORD,
        { i: { sourceType: 'CCTV', branchId: central, placeDescription: 'Rear entrance', ...grading({ category: 'PUBLIC_ORDER' }) } },
        tok.manager,
      );
      expect(place.data.recordIntelligence).toMatchObject({ subjectId: null, caseId: null, status: 'ACCEPTED' });
    });

    it('staff, partners and admins cannot record; staff see no intelligence at all', async () => {
      for (const who of ['staff', 'pcso', 'admin', 'dpo']) expect(codeOf(await record({}, who))).toBe('FORBIDDEN');
      expect((await t.gql(ITEMS, {}, tok.staff)).data.intelligenceItems.totalCount).toBe(0);
      expect((await t.gql(ITEMS, {}, tok.admin)).data.intelligenceItems.totalCount).toBe(0);
      expect((await t.gql(ITEMS, {}, tok.dpo)).data.intelligenceItems.totalCount).toBeGreaterThan(0);
      expect((await t.gql(ITEMS, {}, tok.neighbour)).data.intelligenceItems.totalCount).toBe(0);
    });
  });

  describe('handling codes on shared cases', () => {
    it('P reaches every recipient with INTELLIGENCE; C only the organisations and services it names', async () => {
      const p = (await record({ body: 'P: open to partners' })).data.recordIntelligence;
      const cPolice = (
        await record({
          body: 'C: police only',
          handlingCode: 'C',
          handlingConditions: 'Police use only; not to be shared further',
          handlingOrganisationIds: [police],
        })
      ).data.recordIntelligence;
      const cNeighbour = (
        await record({
          body: 'C: neighbour service only',
          handlingCode: 'C',
          handlingConditions: 'Neighbouring libraries',
          handlingLibraryServiceIds: [neighbour],
        })
      ).data.recordIntelligence;
      const special = (await record({ body: 'P but special category', dataProtection: { specialCategoryCondition: 'Sch 1 para 18' } })).data.recordIntelligence;
      const seen = async (who: string) => {
        const r = await t.gql(SHARED, { id: caseA }, tok[who]);
        expect(r.errors).toBeUndefined();
        return new Set(r.data.sharedCase.intelligence.map((i: any) => i.id));
      };
      const police_ = await seen('pcso');
      expect(police_.has(p.id) && police_.has(cPolice.id)).toBe(true);
      expect(police_.has(cNeighbour.id) || police_.has(special.id)).toBe(false);
      const food = await seen('foodbank');
      expect(food.has(p.id)).toBe(true);
      expect(food.has(cPolice.id) || food.has(cNeighbour.id) || food.has(special.id)).toBe(false);
      const nb = await seen('neighbour');
      expect(nb.has(p.id) && nb.has(cNeighbour.id)).toBe(true);
      expect(nb.has(cPolice.id)).toBe(false);
    });
  });

  describe('partners submit, managers accept', () => {
    it('a partner submits intelligence to a shared case; it reaches the record only once a manager accepts it', async () => {
      const r = await t.gql(
        SUBMIT,
        { i: { caseId: caseA, ...grading({ body: 'Partner: seen with a blade near the station', sourceEvaluation: 2, intelligenceAssessment: 'C' }) } },
        tok.pcso,
      );
      expect(r.errors).toBeUndefined();
      const item = r.data.submitIntelligence;
      expect(item).toMatchObject({ status: 'SUBMITTED', sourceType: 'PARTNER', submittedByOrganisationId: police, subjectId: subjectA, caseId: caseA });
      const before = await t.gql(SHARED, { id: caseA }, tok.foodbank);
      expect(before.data.sharedCase.intelligence.map((i: any) => i.id)).not.toContain(item.id);
      // The submitter reads its own submission; another partner does not.
      expect((await t.gql(ITEMS, {}, tok.pcso)).data.intelligenceItems.edges.map((e: any) => e.node.id)).toEqual([item.id]);
      expect((await t.gql(ITEMS, {}, tok.foodbank)).data.intelligenceItems.totalCount).toBe(0);
      expect(codeOf(await t.gql(ACCEPT, { id: item.id, v: item.version }, tok.pcso))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(ACCEPT, { id: item.id, v: item.version }, tok.outreach))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(ACCEPT, { id: item.id, v: item.version + 1 }, tok.manager))).toBe('CONFLICT');
      const accepted = await t.gql(ACCEPT, { id: item.id, v: item.version }, tok.manager);
      expect(accepted.data.acceptIntelligence.status).toBe('ACCEPTED');
      const after = await t.gql(SHARED, { id: caseA }, tok.foodbank);
      expect(after.data.sharedCase.intelligence.map((i: any) => i.id)).toContain(item.id);
      expect(codeOf(await t.gql(ACCEPT, { id: item.id, v: accepted.data.acceptIntelligence.version }, tok.manager))).toBe('CONFLICT');
    });

    it('a rejected submission never reaches partners; submitting to a case not shared is NOT_FOUND', async () => {
      const r = await t.gql(SUBMIT, { i: { caseId: caseA, ...grading({ body: 'Rumour', intelligenceAssessment: 'E' }) } }, tok.foodbank);
      const rejected = await t.gql(REJECT, { id: r.data.submitIntelligence.id, v: r.data.submitIntelligence.version, r: 'Malicious' }, tok.manager);
      expect(rejected.data.rejectIntelligence.status).toBe('REJECTED');
      expect((await t.gql(SHARED, { id: caseA }, tok.pcso)).data.sharedCase.intelligence.map((i: any) => i.body)).not.toContain('Rumour');
      expect(codeOf(await t.gql(SUBMIT, { i: { caseId: caseUnshared, ...grading() } }, tok.pcso))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(SUBMIT, { i: { caseId: caseA, ...grading() } }, tok.staff))).toBe('FORBIDDEN');
      // A receiving library service submits too.
      const n = await t.gql(SUBMIT, { i: { caseId: caseA, ...grading({ body: 'Seen in our branches too' }) } }, tok.neighbour);
      expect(n.data.submitIntelligence).toMatchObject({ status: 'SUBMITTED', submittedByOrganisationId: null });
    });
  });

  describe('branch warnings', () => {
    let warningId: string;
    let warningVersion: number;

    it('a manager publishes a short warning; staff see those of their own branches only, audited', async () => {
      const r = await t.gql(PUBLISH, { i: { branchId: central, text: 'Man, 40s, grey hoodie: do not approach alone; call the duty manager' } }, tok.manager);
      expect(r.errors).toBeUndefined();
      warningId = r.data.publishBranchWarning.id;
      warningVersion = r.data.publishBranchWarning.version;
      await t.gql(PUBLISH, { i: { branchId: northgate, text: 'Northgate only warning' } }, tok.manager);
      const staffCentral = await t.gql(WARNINGS, { b: central }, tok.staff, { 'x-purpose': 'Start of shift' });
      expect(warnings(staffCentral).map((w: any) => w.text)).toEqual(['Man, 40s, grey hoodie: do not approach alone; call the duty manager']);
      // Another branch's warnings are refused, not answered empty (an empty list would read as "no warnings here").
      const notYours = await t.gql(WARNINGS, { b: northgate }, tok.staff);
      expect([codeOf(notYours), notYours.data.branchWarnings]).toEqual(['FORBIDDEN', null]);
      expect(warnings(await t.gql(WARNINGS, { b: northgate }, tok.manager))).toHaveLength(1);
      for (const who of ['pcso', 'admin']) expect(codeOf(await t.gql(WARNINGS, { b: central }, tok[who]))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(WARNINGS, { b: central }, tok.neighbour))).toBe('BAD_USER_INPUT');
      const staffId = await userId(t.db, 'staff@demo.test');
      const reads = await auditRows(t.db, { action: 'READ', entityType: 'BranchWarning', actorId: staffId });
      expect(reads.map((x: any) => [x.entity_id, x.purpose])).toEqual([[warningId, 'Start of shift']]);
    });

    it('no special category data: long texts and links to special category intelligence are refused', async () => {
      expect(codeOf(await t.gql(PUBLISH, { i: { branchId: central, text: 'x'.repeat(281) } }, tok.manager))).toBe('BAD_USER_INPUT');
      const special = (await record({ body: 'Health detail', dataProtection: { specialCategoryCondition: 'Sch 1 para 18' } })).data.recordIntelligence;
      const linked = await t.gql(PUBLISH, { i: { branchId: central, text: 'See intelligence', intelligenceItemId: special.id } }, tok.manager);
      expect(codeOf(linked)).toBe('BAD_USER_INPUT');
      expect(linked.errors![0].message).toMatch(/special category/);
      const farBranch = await createBranch(t.db, { serviceId: neighbour, name: 'Far Branch' });
      expect(codeOf(await t.gql(PUBLISH, { i: { branchId: farBranch, text: 'x' } }, tok.manager))).toBe('BAD_USER_INPUT');
      for (const who of ['staff', 'outreach', 'pcso'])
        expect(codeOf(await t.gql(PUBLISH, { i: { branchId: central, text: 'x' } }, tok[who]))).toBe('FORBIDDEN');
    });

    it('withdrawn and expired warnings disappear at once', async () => {
      const expiring = await t.gql(PUBLISH, { i: { branchId: central, text: 'Expiring warning' } }, tok.manager);
      await t.db.query(`UPDATE branch_warning SET expires_on = current_date - 1 WHERE id = $1`, [expiring.data.publishBranchWarning.id]);
      expect(warnings(await t.gql(WARNINGS, { b: central }, tok.staff)).map((w: any) => w.text)).not.toContain('Expiring warning');
      const w = await t.gql(WITHDRAW, { id: warningId, v: warningVersion }, tok.manager);
      expect(w.data.withdrawBranchWarning.withdrawnAt).not.toBeNull();
      expect(warnings(await t.gql(WARNINGS, { b: central }, tok.staff))).toEqual([]);
      expect(codeOf(await t.gql(WITHDRAW, { id: warningId, v: warningVersion }, tok.manager))).toBe('CONFLICT');
    });
  });
});
