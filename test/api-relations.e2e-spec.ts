import { auditRows, createLibraryService, createPersonRecords, createUser, demoServiceId, type PersonRecords } from './support/builders.js';
import { captureStatements, codeOf, startTestApp, type TestApp } from './support/test-app.js';

/*
 * Relations as objects (API conventions): next to every `xxxId` a reader may follow sits the
 * record itself, read through the reader's own rules (audited like any read of it), and null,
 * never an error, when the reader may not read it. One batch of queries per field per request.
 */
describe('relations between records (e2e over HTTP)', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let demo: string;
  let central: string;
  let police: string;
  let pat: PersonRecords;
  let manager: string;
  let capture: ReturnType<typeof captureStatements>;

  beforeAll(async () => {
    t = await startTestApp();
    demo = await demoServiceId(t.db);
    for (const who of ['manager', 'staff', 'pcso', 'dpo']) tok[who] = await t.login(`${who}@demo.test`);
    [{ id: central }] = await t.db.query(`SELECT id FROM branch WHERE library_service_id = $1 AND name = 'Central Library'`, [demo]);
    [{ id: police }] = await t.db.query(`SELECT id FROM partner_organisation WHERE library_service_id = $1 AND type = 'POLICE_NEIGHBOURHOOD_TEAM'`, [demo]);
    [{ id: manager }] = await t.db.query(`SELECT id FROM app_user WHERE email = 'manager@demo.test'`);
    pat = await createPersonRecords(t.db, { serviceId: demo, userId: manager, partnerId: police, branchId: central, name: 'Pat Person' });
    const other = await createLibraryService(t.db, { name: 'Neighbouring County Libraries' });
    await createUser(t.db, { email: 'manager@other.test', role: 'MANAGER', serviceId: other });
    tok.otherManager = await t.login('manager@other.test');
    capture = captureStatements(t);
  });
  afterAll(() => t.close());

  it('a manager follows a ban to the person and an incident to its branch and people; each person read is audited', async () => {
    const r = await t.gql(
      `query($b: ID!, $i: ID!) {
      ban(id: $b) { subjectId subject { id name } branches { id } }
      incident(id: $i) { branchId branch { id name } people { subjectId subject { id name } } } }`,
      { b: pat.ban, i: pat.incident },
      tok.manager,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.ban).toEqual({ subjectId: pat.subject, subject: { id: pat.subject, name: 'Pat Person' }, branches: [] });
    expect(r.data.incident).toEqual({
      branchId: central,
      branch: { id: central, name: 'Central Library' },
      people: [{ subjectId: pat.subject, subject: { id: pat.subject, name: 'Pat Person' } }],
    });
    expect(await auditRows(t.db, { action: 'READ', entityType: 'Subject', entityId: pat.subject, actorId: manager })).not.toHaveLength(0);
  });

  it('frontline staff see the branch but not the person: the relation is null, with no error', async () => {
    const r = await t.gql(`query($i: ID!) { incident(id: $i) { branch { name } people { subjectId label subject { id } } } }`, { i: pat.incident }, tok.staff);
    expect(r.errors).toBeUndefined();
    expect(r.data.incident).toEqual({ branch: { name: 'Central Library' }, people: [{ subjectId: pat.subject, label: 'Pat Person', subject: null }] });
    const me = await t.gql(`{ me { branchIds branches { id name } partnerOrganisation { id } } }`, {}, tok.staff);
    expect(me.data.me).toEqual({ branchIds: [central], branches: [{ id: central, name: 'Central Library' }], partnerOrganisation: null });
  });

  it('a partner user follows their own organisation and the agreement of a share with them; branches are not theirs to read', async () => {
    const me = await t.gql(`{ me { partnerOrganisation { id name } branches { id } } }`, {}, tok.pcso);
    expect(me.data.me).toEqual({ partnerOrganisation: { id: police, name: 'Town Centre Neighbourhood Policing Team' }, branches: [] });
    const shared = await t.gql(
      `query($c: ID!) { sharedCase(id: $c, purpose: "Patrol briefing") { shares { agreementId agreement { id title status } } } }`,
      { c: pat.caseId },
      tok.pcso,
    );
    expect(shared.errors).toBeUndefined();
    const [share] = shared.data.sharedCase.shares;
    expect(share.agreement).toEqual({ id: share.agreementId, title: 'Agreement for Pat Person', status: 'ACTIVE' });
  });

  it('the library follows a share to its case, agreement and recipient; a merged record to the one it went into', async () => {
    const r = await t.gql(
      `query($s: ID!, $d: ID!) {
      caseShare(id: $s) { case { id title } agreement { title } partnerOrganisation { id } }
      subject(id: $d) { mergedIntoId mergedInto { id name } } }`,
      { s: pat.caseShare, d: pat.duplicate },
      tok.manager,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.caseShare).toEqual({
      case: { id: pat.caseId, title: 'Support plan' },
      agreement: { title: 'Agreement for Pat Person' },
      partnerOrganisation: { id: police },
    });
    expect(r.data.subject).toEqual({ mergedIntoId: pat.subject, mergedInto: { id: pat.subject, name: 'Pat Person' } });
  });

  it("a restricted person (Art 18) is null at the end of every relation but the DPO's", async () => {
    const robin = await createPersonRecords(t.db, { serviceId: demo, userId: manager, partnerId: police, branchId: central, name: 'Robin Restricted' });
    await t.db.query(`INSERT INTO subject_restriction (library_service_id, subject_id, reason, restricted_by_id) VALUES ($1, $2, 'Accuracy contested', $3)`, [
      demo,
      robin.subject,
      manager,
    ]);
    const INCIDENT = `query($i: ID!) { incident(id: $i) { people { subjectId subject { id } } } }`;
    const asManager = await t.gql(INCIDENT, { i: robin.incident }, tok.manager);
    expect(asManager.errors).toBeUndefined();
    expect(asManager.data.incident.people).toEqual([{ subjectId: robin.subject, subject: null }]);
    const asDpo = await t.gql(INCIDENT, { i: robin.incident }, tok.dpo);
    expect(asDpo.data.incident.people).toEqual([{ subjectId: robin.subject, subject: { id: robin.subject } }]);
  });

  it('another library service reaches nothing through a relation', async () => {
    expect(codeOf(await t.gql(`query($b: ID!) { ban(id: $b) { subject { id } } }`, { b: pat.ban }, tok.otherManager))).toBe('NOT_FOUND');
    const me = await t.gql(`{ me { branches { id } partnerOrganisation { id } } }`, {}, tok.otherManager);
    expect(me.data.me).toEqual({ branches: [], partnerOrganisation: null });
  });

  it('a relation costs one batch of queries per field, however many rows ask for it', async () => {
    for (let n = 0; n < 5; n++) {
      await t.db.query(
        `INSERT INTO incident (library_service_id, branch_id, occurred_at, category, description, recorded_by_id, lawful_basis, retain_until)
        VALUES ($1, $2, now() - interval '2 hours', 'OTHER', 'Noise', $3, 'PUBLIC_TASK', '2040-01-01')`,
        [demo, central, manager],
      );
    }
    let r: any;
    const statements = await capture(async () => {
      r = await t.gql(`{ incidents(first: 20) { edges { node { id branch { id } people { subject { id } } } } } }`, {}, tok.manager);
    });
    expect(r.errors).toBeUndefined();
    expect(r.data.incidents.edges.length).toBeGreaterThan(5);
    expect(r.data.incidents.edges.every((e: any) => e.node.branch.id === central)).toBe(true);
    const fromBranch = statements.filter((q) => /^SELECT[\s\S]*FROM "branch"/.test(q));
    expect(fromBranch).toHaveLength(1);
  });
});
