import { auditRows, createBranch, createLibraryService, createSubject, createUser, demoServiceId } from './support/builders.js';
import { codeOf, signInDemoUsers, startTestApp, type TestApp } from './support/test-app.js';

const FIELDS = `id branchId occurredAt reportedAt category severity description locationInBuilding byelawsBreached reportedToPolice crimeReferenceNumber
  recordedById version dataProtection { lawfulBasis criminalOffenceCondition retainUntil legalHold }`;
const RECORD = `mutation($i: RecordIncidentInput!) { recordIncident(input: $i) { ${FIELDS} } }`;
const UPDATE = `mutation($i: UpdateIncidentInput!) { updateIncident(input: $i) { ${FIELDS} staffInvolvedIds } }`;
const INCIDENT = `query($id: ID!) { incident(id: $id) { ${FIELDS} people { subjectId part label notes } staffInvolved { userId displayName }
  evidence { id kind reference } welfareChecks { staffUserId item answer notes } followUpActions { id description dueOn completedAt version }
  debriefHeldAt debriefHeldById debriefNotes } }`;
const LIST = `query($f: IncidentFilterInput, $first: Int, $after: String) { incidents(filter: $f, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id branchId category severity occurredAt } } } }`;
const ADD_SUBJECT = `mutation($i: AddIncidentSubjectInput!) { addIncidentSubject(input: $i) { id people { subjectId part label } } }`;
const REMOVE_SUBJECT = `mutation($i: ID!, $s: ID!, $p: IncidentSubjectPart!) { removeIncidentSubject(input: { incidentId: $i, subjectId: $s, part: $p }) { id people { subjectId part } } }`;
const ADD_EVIDENCE = `mutation($i: AddIncidentEvidenceInput!) { addIncidentEvidence(input: $i) { id evidence { id kind reference } } }`;
const REMOVE_EVIDENCE = `mutation($id: ID!) { removeIncidentEvidence(input: { id: $id }) { id evidence { id } } }`;
const DEBRIEF = `mutation($i: RecordIncidentDebriefInput!) { recordIncidentDebrief(input: $i) { id version debriefHeldAt debriefHeldById debriefNotes
  staffInvolvedIds welfareChecks { staffUserId item answer notes } } }`;
const ADD_FOLLOW_UP = `mutation($i: AddIncidentFollowUpActionInput!) { addIncidentFollowUpAction(input: $i) { id description ownerId dueOn version completedAt } }`;
const COMPLETE_FOLLOW_UP = `mutation($id: ID!, $v: Int!) { completeIncidentFollowUpAction(input: { id: $id, version: $v }) { id completedAt completedById version } }`;

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

describe('incidents (e2e over HTTP)', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const user: Record<string, string> = {};
  let demo: string;
  let central: string;
  let northgate: string;
  let riverside: string;
  let otherService: string;
  let otherBranch: string;
  let subjectA: string;
  let subjectB: string;
  let otherServiceSubject: string;

  const essentials = (branchId: string, extra: Record<string, unknown> = {}) => ({
    occurredAt: ago(30),
    branchId,
    category: 'VERBAL_ABUSE',
    description: 'Shouted at staff at the counter after being asked to lower his voice',
    ...extra,
  });
  const record = async (who: string, branchId: string, extra: Record<string, unknown> = {}) => {
    const r = await t.gql(RECORD, { i: essentials(branchId, extra) }, tok[who]);
    expect(r.errors).toBeUndefined();
    return r.data.recordIncident;
  };
  const subject = (serviceId: string, name: string | null, description: string | null) =>
    createSubject(t.db, {
      serviceId,
      name,
      description,
      aliases: [],
      dateOfBirth: null,
      photoReference: null,
      notes: null,
      retainUntil: '2032-01-01',
    });

  beforeAll(async () => {
    t = await startTestApp();
    demo = await demoServiceId(t.db);
    const branches: { id: string; name: string }[] = await t.db.query('SELECT id, name FROM branch WHERE library_service_id = $1', [demo]);
    central = branches.find((b) => b.name === 'Central Library')!.id;
    northgate = branches.find((b) => b.name === 'Northgate Library')!.id;
    riverside = branches.find((b) => b.name === 'Riverside Library')!.id;
    await signInDemoUsers(t, tok, user);
    user.northgateStaff = await createUser(t.db, { email: 'northgate.staff@demo.test', role: 'STAFF', serviceId: demo, branchIds: [northgate] });
    tok.northgateStaff = await t.login('northgate.staff@demo.test');
    user.noBranchStaff = await createUser(t.db, { email: 'relief.staff@demo.test', role: 'STAFF', serviceId: demo });
    tok.noBranchStaff = await t.login('relief.staff@demo.test');
    otherService = await createLibraryService(t.db, { name: 'Neighbouring County Libraries' });
    otherBranch = await createBranch(t.db, { serviceId: otherService, name: 'Neighbouring Central' });
    user.otherManager = await createUser(t.db, { email: 'manager@other.test', role: 'MANAGER', serviceId: otherService });
    tok.otherManager = await t.login('manager@other.test');
    user.otherStaff = await createUser(t.db, { email: 'staff@other.test', role: 'STAFF', serviceId: otherService, branchIds: [otherBranch] });
    tok.otherStaff = await t.login('staff@other.test');
    subjectA = await subject(demo, 'Jon Smith', null);
    subjectB = await subject(demo, null, 'Male, 30s, red jacket, carries a skateboard');
    otherServiceSubject = await subject(otherService, 'Someone Elsewhere', null);
  });
  afterAll(() => t.close());

  describe('recording', () => {
    it('STAFF records an incident at their branch with only the essentials', async () => {
      const before = Date.now();
      const r = await t.gql(RECORD, { i: essentials(central) }, tok.staff);
      expect(r.errors).toBeUndefined();
      const inc = r.data.recordIncident;
      expect(inc).toMatchObject({
        branchId: central,
        category: 'VERBAL_ABUSE',
        severity: null,
        locationInBuilding: null,
        byelawsBreached: [],
        reportedToPolice: false,
        crimeReferenceNumber: null,
        recordedById: user.staff,
        version: 1,
        dataProtection: { lawfulBasis: 'PUBLIC_TASK', criminalOffenceCondition: null, legalHold: false },
      });
      const occurred = new Date(inc.occurredAt);
      expect(inc.dataProtection.retainUntil).toBe(`${occurred.getUTCFullYear() + 6}-${inc.occurredAt.slice(5, 10)}`);
      expect(new Date(inc.reportedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(await auditRows(t.db, { action: 'CREATE', entityType: 'Incident', entityId: inc.id, actorId: user.staff })).toHaveLength(1);
    });

    it('records the rest at once when the user has it: people, staff, evidence, police, byelaws', async () => {
      const r = await t.gql(
        RECORD,
        {
          i: essentials(central, {
            category: 'VIOLENCE',
            severity: 'HIGH',
            locationInBuilding: 'Ground floor, by the public PCs',
            byelawsBreached: ['VIOLENT_DISORDERLY_OR_INDECENT_BEHAVIOUR', 'CAUSING_INJURY'],
            actionsTaken: 'Asked him to leave; called 999',
            crimeReferenceNumber: 'CR/0451/26',
            staffInvolvedIds: [user.staff, user.manager],
            people: [
              { subjectId: subjectA, part: 'PERPETRATOR', notes: 'Pushed a member of staff' },
              { subjectId: subjectB, part: 'WITNESS' },
            ],
            evidence: [
              { kind: 'CCTV', reference: 'Camera 3, 14:05-14:20, saved to the evidence drive' },
              { kind: 'BODYCAM', reference: 'Unit 2 clip 0034' },
            ],
          }),
        },
        tok.staff,
      );
      expect(r.errors).toBeUndefined();
      const inc = r.data.recordIncident;
      // A crime reference means the police were told, and makes this criminal offence data.
      expect(inc.reportedToPolice).toBe(true);
      expect(inc.dataProtection.criminalOffenceCondition).toMatch(/Schedule 1 Part 3/);
      const read = await t.gql(INCIDENT, { id: inc.id }, tok.manager);
      expect(read.errors).toBeUndefined();
      expect(read.data.incident.people).toEqual(
        expect.arrayContaining([
          { subjectId: subjectA, part: 'PERPETRATOR', label: 'Jon Smith', notes: 'Pushed a member of staff' },
          { subjectId: subjectB, part: 'WITNESS', label: 'Male, 30s, red jacket, carries a skateboard', notes: null },
        ]),
      );
      expect(read.data.incident.staffInvolved.map((s: any) => s.userId).sort()).toEqual([user.staff, user.manager].sort());
      expect(read.data.incident.evidence.map((e: any) => e.kind)).toEqual(['CCTV', 'BODYCAM']);
      expect(read.data.incident.byelawsBreached).toEqual(['VIOLENT_DISORDERLY_OR_INDECENT_BEHAVIOUR', 'CAUSING_INJURY']);
    });

    it('STAFF may not record at a branch that is not theirs; a STAFF user with no branch records nowhere', async () => {
      const r = await t.gql(RECORD, { i: essentials(northgate, { description: 'Not my branch' }) }, tok.staff);
      expect(codeOf(r)).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(RECORD, { i: essentials(central, { description: 'Not my branch' }) }, tok.noBranchStaff))).toBe('FORBIDDEN');
      expect((await t.db.query(`SELECT count(*)::int AS n FROM incident WHERE description = 'Not my branch'`))[0].n).toBe(0);
    });

    it('MANAGER and OUTREACH_WORKER record at any branch of their service; ADMIN, PARTNER and DPO may not record', async () => {
      await record('manager', northgate, { category: 'THEFT' });
      await record('outreach', riverside, { category: 'DRUGS_OR_ALCOHOL' });
      for (const who of ['admin', 'pcso', 'dpo']) expect(codeOf(await t.gql(RECORD, { i: essentials(central) }, tok[who]))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(RECORD, { i: essentials(otherBranch) }, tok.manager))).toBe('BAD_USER_INPUT');
    });

    it('validation: future times, a report before the incident, empty text, bad enums and ids are BAD_USER_INPUT', async () => {
      const future = new Date(Date.now() + 3600_000).toISOString();
      const cases = [
        essentials(central, { occurredAt: future }),
        essentials(central, { reportedAt: ago(60) }),
        essentials(central, { description: '   ' }),
        essentials(central, { reportedToPolice: false, crimeReferenceNumber: 'CR/1' }),
        essentials(central, {
          people: [
            { subjectId: subjectA, part: 'WITNESS' },
            { subjectId: subjectA, part: 'WITNESS' },
          ],
        }),
        essentials(central, { people: [{ subjectId: otherServiceSubject, part: 'VICTIM' }] }),
        essentials(central, { staffInvolvedIds: [user.otherManager] }),
        essentials('not-a-uuid'),
      ];
      for (const i of cases) {
        const r = await t.gql(RECORD, { i }, tok.staff);
        expect({ i, code: codeOf(r) }).toEqual({ i, code: 'BAD_USER_INPUT' });
        expect(JSON.stringify(r.errors)).not.toMatch(/SELECT|INSERT|stacktrace/);
      }
      const badEnum = await t.gql(RECORD, { i: essentials(central, { category: 'SHOPLIFTING' }) }, tok.staff);
      expect(badEnum.status).toBe(400);
      expect(codeOf(badEnum)).toBe('BAD_USER_INPUT');
      const messages = (await t.gql(RECORD, { i: essentials(central, { reportedAt: ago(60) }) }, tok.staff)).errors![0].message;
      expect(messages).toMatch(/reportedAt must be on or after occurredAt/);
    });

    it('STAFF, who may not read people, may not name a record merged into another: the answer names the record kept', async () => {
      const merged = await subject(demo, 'Jon Smyth', null);
      await t.db.query('UPDATE subject SET merged_into_id = $2, merged_at = now() WHERE id = $1', [merged, subjectA]);
      const r = await t.gql(RECORD, { i: essentials(central, { people: [{ subjectId: merged, part: 'WITNESS' }] }) }, tok.staff);
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].message).toBe(`subject ${merged} was merged into ${subjectA}: use that one`);
      expect(r.errors![0].extensions).toMatchObject({ subjectIds: [merged] });
    });

    it('the database itself refuses a crime reference without a criminal offence condition', async () => {
      await expect(
        t.db.query(
          `INSERT INTO incident (library_service_id, branch_id, occurred_at, category, description, reported_to_police, crime_reference_number, recorded_by_id, lawful_basis, retain_until)
         VALUES ($1, $2, now(), 'THEFT', 'x', true, 'CR/9', $3, 'PUBLIC_TASK', '2032-01-01')`,
          [demo, central, user.manager],
        ),
      ).rejects.toThrow(/incident_crime_reference_has_condition/);
    });
  });

  describe('who sees what', () => {
    let centralIncident: string;
    let northgateIncident: string;

    beforeAll(async () => {
      centralIncident = (await record('staff', central, { category: 'HARASSMENT', description: 'Followed a young person around the library' })).id;
      northgateIncident = (await record('northgateStaff', northgate, { category: 'DAMAGE', description: 'Kicked the self-service kiosk' })).id;
    });

    const ids = (r: any) => r.data.incidents.edges.map((e: any) => e.node.id);
    const branchesOf = (r: any) => [...new Set(r.data.incidents.edges.map((e: any) => e.node.branchId))];

    it("STAFF at branch A see only branch A's incidents, in lists, counts and single reads", async () => {
      const mine = await t.gql(LIST, { first: 100 }, tok.staff);
      expect(mine.errors).toBeUndefined();
      expect(branchesOf(mine)).toEqual([central]);
      expect(ids(mine)).toContain(centralIncident);
      expect(ids(mine)).not.toContain(northgateIncident);
      const centralCount = (await t.db.query('SELECT count(*)::int AS n FROM incident WHERE branch_id = $1', [central]))[0].n;
      expect(mine.data.incidents.totalCount).toBe(centralCount);
      expect(codeOf(await t.gql(INCIDENT, { id: northgateIncident }, tok.staff))).toBe('NOT_FOUND');
      // Asking for the other branch by filter does not widen the rules.
      const asked = await t.gql(LIST, { f: { branchIds: [northgate] } }, tok.staff);
      expect(asked.data.incidents.totalCount).toBe(0);

      const theirs = await t.gql(LIST, { first: 100 }, tok.northgateStaff);
      expect(branchesOf(theirs)).toEqual([northgate]);
      expect(ids(theirs)).not.toContain(centralIncident);
      expect(codeOf(await t.gql(INCIDENT, { id: centralIncident }, tok.northgateStaff))).toBe('NOT_FOUND');
      expect((await t.gql(LIST, {}, tok.noBranchStaff)).data.incidents.totalCount).toBe(0);
    });

    it('STAFF may not change an incident at another branch, nor move one of theirs there', async () => {
      expect(codeOf(await t.gql(UPDATE, { i: { id: northgateIncident, version: 1, severity: 'LOW' } }, tok.staff))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(UPDATE, { i: { id: centralIncident, version: 1, branchId: northgate } }, tok.staff))).toBe('FORBIDDEN');
      expect((await t.db.query('SELECT branch_id FROM incident WHERE id = $1', [centralIncident]))[0].branch_id).toBe(central);
    });

    it('MANAGER, OUTREACH_WORKER and DPO see every branch of their service', async () => {
      const total = (await t.db.query('SELECT count(*)::int AS n FROM incident WHERE library_service_id = $1', [demo]))[0].n;
      for (const who of ['manager', 'outreach', 'dpo']) {
        const r = await t.gql(LIST, { first: 100 }, tok[who]);
        expect(r.data.incidents.totalCount).toBe(total);
        expect(ids(r)).toEqual(expect.arrayContaining([centralIncident, northgateIncident]));
      }
    });

    it('another library service sees nothing: lists, single reads and writes', async () => {
      const mine = await record('otherStaff', otherBranch, { description: 'Their own incident' });
      for (const who of ['otherManager', 'otherStaff']) {
        const r = await t.gql(LIST, { first: 100 }, tok[who]);
        expect(ids(r)).toEqual([mine.id]);
        expect(r.data.incidents.totalCount).toBe(1);
        expect(codeOf(await t.gql(INCIDENT, { id: centralIncident }, tok[who]))).toBe('NOT_FOUND');
      }
      expect(codeOf(await t.gql(UPDATE, { i: { id: centralIncident, version: 1, severity: 'LOW' } }, tok.otherManager))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(ADD_EVIDENCE, { i: { incidentId: centralIncident, kind: 'PHOTO', reference: 'x' } }, tok.otherManager))).toBe('NOT_FOUND');
      expect(ids(await t.gql(LIST, { first: 100 }, tok.manager))).not.toContain(mine.id);
    });

    it('PARTNER and ADMIN see no incidents at all', async () => {
      for (const who of ['pcso', 'admin']) {
        const r = await t.gql(LIST, {}, tok[who]);
        expect(r.errors).toBeUndefined();
        expect(r.data.incidents.totalCount).toBe(0);
        expect(codeOf(await t.gql(INCIDENT, { id: centralIncident }, tok[who]))).toBe('NOT_FOUND');
      }
    });

    it('every incident read is audited, one row per incident returned, with the purpose given', async () => {
      const r = await t.gql(LIST, { first: 3 }, tok.staff, { 'x-purpose': 'Checking last week at Central' });
      const returned = ids(r);
      const rows = await auditRows(t.db, { action: 'READ', entityType: 'Incident', actorId: user.staff });
      const last = rows.slice(-returned.length);
      expect(last.map((row: any) => row.entity_id).sort()).toEqual([...returned].sort());
      expect(last.every((row: any) => row.purpose === 'Checking last week at Central' && row.library_service_id === demo)).toBe(true);
      const dpoReads = () => auditRows(t.db, { action: 'READ', entityType: 'Incident', entityId: centralIncident, actorId: user.dpo });
      const before = (await dpoReads()).length;
      await t.gql(INCIDENT, { id: centralIncident }, tok.dpo);
      expect(await dpoReads()).toHaveLength(before + 1);
      // A read that is refused writes no READ row for the record.
      await t.gql(INCIDENT, { id: centralIncident }, tok.northgateStaff);
      expect(await auditRows(t.db, { action: 'READ', entityType: 'Incident', entityId: centralIncident, actorId: user.northgateStaff })).toHaveLength(0);
    });
  });

  describe('adding the rest after', () => {
    let inc: any;
    beforeAll(async () => {
      inc = await record('staff', central, { category: 'ANTISOCIAL_BEHAVIOUR', description: 'Group of teenagers throwing books' });
    });

    it('STAFF add severity, location, byelaws and police details with the version they read; a stale version is a CONFLICT', async () => {
      const r = await t.gql(
        UPDATE,
        {
          i: {
            id: inc.id,
            version: 1,
            severity: 'MEDIUM',
            locationInBuilding: 'Teen area',
            byelawsBreached: ['CAUSING_ANNOYANCE_OR_NUISANCE'],
            reportedToPolice: true,
            crimeReferenceNumber: 'CR/7788/26',
            staffInvolvedIds: [user.staff],
          },
        },
        tok.staff,
      );
      expect(r.errors).toBeUndefined();
      expect(r.data.updateIncident).toMatchObject({ severity: 'MEDIUM', version: 2, crimeReferenceNumber: 'CR/7788/26', staffInvolvedIds: [user.staff] });
      expect(r.data.updateIncident.dataProtection.criminalOffenceCondition).toMatch(/Schedule 1 Part 3/);
      const stale = await t.gql(UPDATE, { i: { id: inc.id, version: 1, severity: 'LOW' } }, tok.manager);
      expect(codeOf(stale)).toBe('CONFLICT');
      expect((await t.db.query('SELECT severity, version FROM incident WHERE id = $1', [inc.id]))[0]).toEqual({ severity: 'MEDIUM', version: 2 });
      // A change to the staff list alone still makes a new version.
      const staffOnly = await t.gql(UPDATE, { i: { id: inc.id, version: 2, staffInvolvedIds: [user.staff, user.northgateStaff] } }, tok.manager);
      expect(staffOnly.data.updateIncident.version).toBe(3);
      inc.version = 3;
      expect(await auditRows(t.db, { action: 'UPDATE', entityType: 'Incident', entityId: inc.id })).toHaveLength(2);
    });

    it('refuses a crime reference without the police, clearing the criminal offence condition, and an empty update', async () => {
      expect(codeOf(await t.gql(UPDATE, { i: { id: inc.id, version: inc.version, reportedToPolice: false } }, tok.manager))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(UPDATE, { i: { id: inc.id, version: inc.version, dataProtection: { criminalOffenceCondition: null } } }, tok.manager))).toBe(
        'BAD_USER_INPUT',
      );
      expect(codeOf(await t.gql(UPDATE, { i: { id: inc.id, version: inc.version } }, tok.manager))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(UPDATE, { i: { id: inc.id, version: inc.version, description: null } }, tok.manager))).toBe('BAD_USER_INPUT');
    });

    it('STAFF may not place a legal hold or change the lawful basis (managers do); a manager may', async () => {
      expect(codeOf(await t.gql(UPDATE, { i: { id: inc.id, version: inc.version, dataProtection: { legalHold: true } } }, tok.staff))).toBe('FORBIDDEN');
      const r = await t.gql(UPDATE, { i: { id: inc.id, version: inc.version, dataProtection: { legalHold: true } } }, tok.manager);
      expect(r.data.updateIncident.dataProtection.legalHold).toBe(true);
      inc.version = r.data.updateIncident.version;
    });

    it('people involved are added and removed; the same person in the same part twice is a CONFLICT', async () => {
      const added = await t.gql(ADD_SUBJECT, { i: { incidentId: inc.id, subjectId: subjectB, part: 'PERPETRATOR' } }, tok.staff);
      expect(added.errors).toBeUndefined();
      expect(added.data.addIncidentSubject.people).toEqual([
        { subjectId: subjectB, part: 'PERPETRATOR', label: 'Male, 30s, red jacket, carries a skateboard' },
      ]);
      await t.gql(ADD_SUBJECT, { i: { incidentId: inc.id, subjectId: subjectB, part: 'VICTIM' } }, tok.staff);
      expect(codeOf(await t.gql(ADD_SUBJECT, { i: { incidentId: inc.id, subjectId: subjectB, part: 'PERPETRATOR' } }, tok.staff))).toBe('CONFLICT');
      expect(codeOf(await t.gql(ADD_SUBJECT, { i: { incidentId: inc.id, subjectId: otherServiceSubject, part: 'VICTIM' } }, tok.staff))).toBe('BAD_USER_INPUT');
      const removed = await t.gql(REMOVE_SUBJECT, { i: inc.id, s: subjectB, p: 'VICTIM' }, tok.staff);
      expect(removed.data.removeIncidentSubject.people).toEqual([{ subjectId: subjectB, part: 'PERPETRATOR' }]);
      expect(codeOf(await t.gql(REMOVE_SUBJECT, { i: inc.id, s: subjectB, p: 'VICTIM' }, tok.staff))).toBe('NOT_FOUND');
    });

    it('evidence references are added and removed', async () => {
      const added = await t.gql(ADD_EVIDENCE, { i: { incidentId: inc.id, kind: 'PHOTO', reference: 'Photo of the damaged shelf, IMG_0042' } }, tok.staff);
      expect(added.errors).toBeUndefined();
      const [evidence] = added.data.addIncidentEvidence.evidence;
      expect(evidence).toMatchObject({ kind: 'PHOTO', reference: 'Photo of the damaged shelf, IMG_0042' });
      expect(codeOf(await t.gql(REMOVE_EVIDENCE, { id: evidence.id }, tok.northgateStaff))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(ADD_EVIDENCE, { i: { incidentId: inc.id, kind: 'VHS', reference: 'x' } }, tok.staff))).toBe('BAD_USER_INPUT');
      const removed = await t.gql(REMOVE_EVIDENCE, { id: evidence.id }, tok.staff);
      expect(removed.data.removeIncidentEvidence.evidence).toEqual([]);
    });

    it('the debrief and welfare checklist: recorded by a manager, hidden from STAFF and outreach, read by the DPO', async () => {
      expect(codeOf(await t.gql(DEBRIEF, { i: { incidentId: inc.id, version: inc.version, heldAt: ago(5) } }, tok.staff))).toBe('FORBIDDEN');
      const tooEarly = await t.gql(DEBRIEF, { i: { incidentId: inc.id, version: inc.version, heldAt: ago(600) } }, tok.manager);
      expect(codeOf(tooEarly)).toBe('BAD_USER_INPUT');
      const r = await t.gql(
        DEBRIEF,
        {
          i: {
            incidentId: inc.id,
            version: inc.version,
            heldAt: ago(5),
            notes: 'Teen area needs a second member of staff after school',
            welfareChecks: [
              { staffUserId: user.staff, item: 'PHYSICALLY_HURT', answer: false },
              { staffUserId: user.staff, item: 'OFFERED_EMPLOYEE_ASSISTANCE_PROGRAMME', answer: true, notes: 'Leaflet given' },
              { staffUserId: user.outreach, item: 'RISK_ASSESSMENT_TO_REVISE', answer: true },
            ],
          },
        },
        tok.manager,
      );
      expect(r.errors).toBeUndefined();
      expect(r.data.recordIncidentDebrief).toMatchObject({ version: inc.version + 1, debriefHeldById: user.manager });
      expect(r.data.recordIncidentDebrief.welfareChecks).toHaveLength(3);
      // Someone whose welfare was checked was involved.
      expect(r.data.recordIncidentDebrief.staffInvolvedIds).toContain(user.outreach);
      inc.version += 1;
      const again = await t.gql(
        DEBRIEF,
        {
          i: {
            incidentId: inc.id,
            version: inc.version,
            heldAt: ago(4),
            welfareChecks: [{ staffUserId: user.staff, item: 'PHYSICALLY_HURT', answer: true, notes: 'Bruised arm' }],
          },
        },
        tok.manager,
      );
      expect(again.data.recordIncidentDebrief.welfareChecks).toHaveLength(3);
      expect(again.data.recordIncidentDebrief.welfareChecks.find((w: any) => w.item === 'PHYSICALLY_HURT')).toMatchObject({
        answer: true,
        notes: 'Bruised arm',
      });
      inc.version += 1;
      expect(codeOf(await t.gql(DEBRIEF, { i: { incidentId: inc.id, version: 1, heldAt: ago(4) } }, tok.manager))).toBe('CONFLICT');

      for (const who of ['staff', 'outreach']) {
        const read = await t.gql(INCIDENT, { id: inc.id }, tok[who]);
        expect(read.errors).toBeUndefined();
        expect(read.data.incident.welfareChecks).toBeNull();
        expect(read.data.incident.debriefNotes).toBe('Teen area needs a second member of staff after school');
      }
      expect((await t.gql(INCIDENT, { id: inc.id }, tok.dpo)).data.incident.welfareChecks).toHaveLength(3);
    });

    it('follow-up actions: added with an owner in the service, completed once', async () => {
      const dueOn = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
      expect(codeOf(await t.gql(ADD_FOLLOW_UP, { i: { incidentId: inc.id, description: 'x', ownerId: user.otherManager, dueOn } }, tok.manager))).toBe(
        'BAD_USER_INPUT',
      );
      expect(codeOf(await t.gql(ADD_FOLLOW_UP, { i: { incidentId: inc.id, description: 'x', ownerId: user.manager, dueOn: '2026-02-30' } }, tok.manager))).toBe(
        'BAD_USER_INPUT',
      );
      const r = await t.gql(
        ADD_FOLLOW_UP,
        { i: { incidentId: inc.id, description: 'Revise the teen area risk assessment', ownerId: user.manager, dueOn } },
        tok.staff,
      );
      expect(r.errors).toBeUndefined();
      const action = r.data.addIncidentFollowUpAction;
      expect(codeOf(await t.gql(COMPLETE_FOLLOW_UP, { id: action.id, v: action.version }, tok.northgateStaff))).toBe('NOT_FOUND');
      const done = await t.gql(COMPLETE_FOLLOW_UP, { id: action.id, v: action.version }, tok.manager);
      expect(done.data.completeIncidentFollowUpAction.completedById).toBe(user.manager);
      expect(codeOf(await t.gql(COMPLETE_FOLLOW_UP, { id: action.id, v: done.data.completeIncidentFollowUpAction.version }, tok.manager))).toBe('CONFLICT');
      const read = await t.gql(INCIDENT, { id: inc.id }, tok.staff);
      expect(read.data.incident.followUpActions).toEqual([expect.objectContaining({ id: action.id, description: 'Revise the teen area risk assessment' })]);
    });

    it('DPO reads but changes nothing', async () => {
      expect(codeOf(await t.gql(UPDATE, { i: { id: inc.id, version: inc.version, severity: 'LOW' } }, tok.dpo))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(ADD_EVIDENCE, { i: { incidentId: inc.id, kind: 'PHOTO', reference: 'x' } }, tok.dpo))).toBe('FORBIDDEN');
    });
  });

  describe('filters and pagination', () => {
    let filterBranch: string;
    let a: any;
    let b: any;
    let c: any;
    beforeAll(async () => {
      filterBranch = await createBranch(t.db, { serviceId: demo, name: 'Filter Test Library' });
      a = await record('manager', filterBranch, {
        occurredAt: ago(3 * 24 * 60),
        category: 'THEFT',
        severity: 'LOW',
        people: [
          { subjectId: subjectA, part: 'PERPETRATOR' },
          { subjectId: subjectA, part: 'WITNESS' },
        ],
      });
      b = await record('manager', filterBranch, { occurredAt: ago(2 * 24 * 60), category: 'DAMAGE', severity: 'HIGH', reportedToPolice: true });
      c = await record('manager', filterBranch, {
        occurredAt: ago(24 * 60),
        category: 'THEFT',
        severity: 'CRITICAL',
        people: [{ subjectId: subjectB, part: 'VICTIM' }],
      });
    });
    const list = async (f: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
      const r = await t.gql(LIST, { f: { branchIds: [filterBranch], ...f }, ...extra }, tok.manager);
      expect(r.errors).toBeUndefined();
      return r.data.incidents;
    };
    const idsOf = (conn: any) => conn.edges.map((e: any) => e.node.id);

    it('lists most recent first and filters by category, severity, dates, police and person', async () => {
      expect(idsOf(await list({}))).toEqual([c.id, b.id, a.id]);
      expect(idsOf(await list({ categories: ['THEFT'] }))).toEqual([c.id, a.id]);
      expect(idsOf(await list({ severities: ['HIGH', 'CRITICAL'] }))).toEqual([c.id, b.id]);
      expect(idsOf(await list({ from: ago(2.5 * 24 * 60), to: ago(1.5 * 24 * 60) }))).toEqual([b.id]);
      expect(idsOf(await list({ reportedToPolice: true }))).toEqual([b.id]);
      expect(idsOf(await list({ reportedToPolice: false }))).toEqual([c.id, a.id]);
      // Involved in two parts, listed once (EXISTS, not a join), with an exact count.
      const bySubject = await list({ subjectId: subjectA });
      expect(idsOf(bySubject)).toEqual([a.id]);
      expect(bySubject.totalCount).toBe(1);
    });

    it('pages with a cursor and an exact totalCount', async () => {
      const page1 = await list({}, { first: 2 });
      expect(page1.totalCount).toBe(3);
      expect(page1.pageInfo.hasNextPage).toBe(true);
      const page2 = await list({}, { first: 2, after: page1.pageInfo.endCursor });
      expect([...idsOf(page1), ...idsOf(page2)]).toEqual([c.id, b.id, a.id]);
      expect(page2.pageInfo.hasNextPage).toBe(false);
      const bad = await t.gql(LIST, { after: 'nonsense' }, tok.manager);
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    });
  });
});
