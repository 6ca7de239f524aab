import { auditRows, createAgreement, createBranch, createLibraryService, createPartner, createUser, demoServiceId } from './support/builders.js';
import { codeOf, signInDemoUsers, startTestApp, type TestApp } from './support/test-app.js';

const FIELDS = `id branchId codeword locationInBuilding raisedById raisedAt stoodDownAt stoodDownById falseAlarm active version
  branch { id name } timeline { kind byId at } dataProtection { lawfulBasis retainUntil legalHold }`;
const RAISE = `mutation($i: RaiseAlarmInput!) { raiseAlarm(input: $i) { ${FIELDS} } }`;
const ACK = `mutation($id: ID!, $v: Int!) { acknowledgeAlarm(input: { id: $id, version: $v }) { ${FIELDS} } }`;
const STAND_DOWN = `mutation($i: StandDownAlarmInput!) { standDownAlarm(input: $i) { alarm { ${FIELDS} } draftIncident { branchId occurredAt endedAt locationInBuilding } } }`;
const ALARM = `query($id: ID!) { alarm(id: $id) { ${FIELDS} } }`;
const ALARMS = `query($f: AlarmFilterInput, $first: Int, $after: String) { alarms(filter: $f, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id branchId active } } } }`;

describe('alarms (e2e over HTTP)', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const user: Record<string, string> = {};
  let demo: string;
  let central: string;
  let northgate: string;
  let otherBranch: string;
  let agreement: string;

  const raise = async (who: string, input: Record<string, unknown>) => {
    const r = await t.gql(RAISE, { i: input }, tok[who]);
    expect(r.errors).toBeUndefined();
    return r.data.raiseAlarm;
  };

  beforeAll(async () => {
    t = await startTestApp();
    demo = await demoServiceId(t.db);
    const branches: { id: string; name: string }[] = await t.db.query('SELECT id, name FROM branch WHERE library_service_id = $1', [demo]);
    central = branches.find((b) => b.name === 'Central Library')!.id;
    northgate = branches.find((b) => b.name === 'Northgate Library')!.id;
    await signInDemoUsers(t, tok, user);
    // The PCSO's police team: an active agreement names it for Central only.
    const [{ partner_organisation_id: police }] = await t.db.query(`SELECT partner_organisation_id FROM app_user WHERE email = 'pcso@demo.test'`);
    agreement = await createAgreement(t.db, { serviceId: demo, createdById: user.manager, categories: ['INCIDENTS'], organisationIds: [police] });
    await t.db.query(`UPDATE data_sharing_agreement SET alert_branch_ids = $2 WHERE id = $1`, [agreement, [central]]);
    // Another organisation of the service, named by an active agreement for Northgate only.
    const charity = await createPartner(t.db, { serviceId: demo, name: 'Night Shelter' });
    const other = await createAgreement(t.db, { serviceId: demo, createdById: user.manager, categories: ['INCIDENTS'], organisationIds: [charity] });
    await t.db.query(`UPDATE data_sharing_agreement SET alert_branch_ids = $2 WHERE id = $1`, [other, [northgate]]);
    user.shelter = await createUser(t.db, { email: 'worker@shelter.test', role: 'PARTNER', serviceId: demo, partnerId: charity });
    tok.shelter = await t.login('worker@shelter.test');
    // A partner with no agreement at all.
    const lonely = await createPartner(t.db, { serviceId: demo, name: 'Food Bank' });
    user.foodBank = await createUser(t.db, { email: 'worker@foodbank.test', role: 'PARTNER', serviceId: demo, partnerId: lonely });
    tok.foodBank = await t.login('worker@foodbank.test');
    const otherService = await createLibraryService(t.db, { name: 'Neighbouring County Libraries' });
    otherBranch = await createBranch(t.db, { serviceId: otherService, name: 'Neighbouring Central' });
    user.otherStaff = await createUser(t.db, { email: 'staff@other.test', role: 'STAFF', serviceId: otherService, branchIds: [otherBranch] });
    tok.otherStaff = await t.login('staff@other.test');
    user.otherManager = await createUser(t.db, { email: 'manager@other.test', role: 'MANAGER', serviceId: otherService });
    tok.otherManager = await t.login('manager@other.test');
  });
  afterAll(() => t.close());

  describe('raising', () => {
    it('STAFF raises an alarm at their branch: active, timeline RAISED, audited CREATE, the incident basis and retention', async () => {
      const before = Date.now();
      const a = await raise('staff', { branchId: central, codeword: 'Code Blue', locationInBuilding: "children's library" });
      expect(a).toMatchObject({ branchId: central, codeword: 'Code Blue', locationInBuilding: "children's library", raisedById: user.staff, active: true });
      expect(a.branch).toEqual({ id: central, name: 'Central Library' });
      expect(a.stoodDownAt).toBeNull();
      expect(new Date(a.raisedAt).getTime()).toBeGreaterThanOrEqual(before - 5000);
      expect(a.timeline).toEqual([{ kind: 'RAISED', byId: user.staff, at: a.raisedAt }]);
      expect(a.dataProtection).toMatchObject({ lawfulBasis: 'PUBLIC_TASK', legalHold: false });
      expect(Number(a.dataProtection.retainUntil.slice(0, 4))).toBe(new Date().getUTCFullYear() + 6);
      const rows = await auditRows(t.db, { entityType: 'Alarm', entityId: a.id, action: 'CREATE' });
      expect(rows).toHaveLength(1);
      expect(rows[0].actor_id).toBe(user.staff);
    });

    it('only the branch is required; codeword and place are trimmed', async () => {
      const a = await raise('staff', { branchId: central });
      expect(a).toMatchObject({ codeword: null, locationInBuilding: null });
      const b = await raise('staff', { branchId: central, codeword: '  Mr Williams  ' });
      expect(b.codeword).toBe('Mr Williams');
    });

    it('refuses a codeword over 40 characters, a place over 200, blank text and a branch that is not an id (BAD_USER_INPUT)', async () => {
      for (const i of [
        { branchId: central, codeword: 'x'.repeat(41) },
        { branchId: central, locationInBuilding: 'x'.repeat(201) },
        { branchId: central, codeword: '   ' },
        { branchId: 'central' },
      ]) {
        const r = await t.gql(RAISE, { i }, tok.staff);
        expect(codeOf(r)).toBe('BAD_USER_INPUT');
      }
      expect(await t.db.query(`SELECT 1 FROM alarm WHERE length(coalesce(codeword, '')) > 40`)).toEqual([]);
    });

    it('a manager and an outreach worker raise anywhere in the service', async () => {
      await raise('manager', { branchId: northgate });
      await raise('outreach', { branchId: northgate });
    });

    it('refuses staff at another branch, partners, the DPO, admins and another service (FORBIDDEN), and a branch of another service (BAD_USER_INPUT)', async () => {
      for (const [who, branchId] of [
        ['staff', northgate],
        ['pcso', central],
        ['dpo', central],
        ['admin', central],
        ['otherStaff', central],
      ]) {
        const r = await t.gql(RAISE, { i: { branchId } }, tok[who]);
        expect([who, codeOf(r)]).toEqual([who, 'FORBIDDEN']);
      }
      // A manager may raise anywhere in their own service: a branch of another is not one of its branches (as for incidents).
      expect(codeOf(await t.gql(RAISE, { i: { branchId: central } }, tok.otherManager))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(RAISE, { i: { branchId: otherBranch } }, tok.manager))).toBe('BAD_USER_INPUT');
      expect(await t.db.query(`SELECT 1 FROM alarm WHERE branch_id = $1 OR library_service_id <> $2`, [otherBranch, demo])).toEqual([]);
    });
  });

  describe('who sees an alarm', () => {
    let alarm: { id: string; version: number };
    beforeAll(async () => {
      alarm = await raise('staff', { branchId: central, codeword: 'Code Red' });
    });

    it('a partner named by an active agreement for the branch reads it (audited READ)', async () => {
      const r = await t.gql(ALARM, { id: alarm.id }, tok.pcso);
      expect(r.errors).toBeUndefined();
      expect(r.data.alarm.codeword).toBe('Code Red');
      expect(await auditRows(t.db, { entityType: 'Alarm', entityId: alarm.id, action: 'READ', actorId: user.pcso })).toHaveLength(1);
    });

    it('a partner whose agreement names another branch, a partner with none, and another service do not (NOT_FOUND, empty lists)', async () => {
      for (const who of ['shelter', 'foodBank', 'otherStaff', 'otherManager']) {
        expect([who, codeOf(await t.gql(ALARM, { id: alarm.id }, tok[who]))]).toEqual([who, 'NOT_FOUND']);
        const list = await t.gql(ALARMS, { f: { branchIds: [central] } }, tok[who]);
        expect(list.data.alarms.totalCount).toBe(0);
      }
    });

    it('staff of another branch do not; the DPO does', async () => {
      await createUser(t.db, { email: 'north.staff@demo.test', role: 'STAFF', serviceId: demo, branchIds: [northgate] });
      tok.northStaff = await t.login('north.staff@demo.test');
      expect(codeOf(await t.gql(ALARM, { id: alarm.id }, tok.northStaff))).toBe('NOT_FOUND');
      expect((await t.gql(ALARM, { id: alarm.id }, tok.dpo)).errors).toBeUndefined();
    });

    it('an agreement suspended or past its end sends no more alarms to its partner', async () => {
      await t.db.query(`UPDATE data_sharing_agreement SET status = 'SUSPENDED' WHERE id = $1`, [agreement]);
      expect(codeOf(await t.gql(ALARM, { id: alarm.id }, tok.pcso))).toBe('NOT_FOUND');
      await t.db.query(`UPDATE data_sharing_agreement SET status = 'ACTIVE', ends_on = current_date - 1 WHERE id = $1`, [agreement]);
      expect(codeOf(await t.gql(ALARM, { id: alarm.id }, tok.pcso))).toBe('NOT_FOUND');
      await t.db.query(`UPDATE data_sharing_agreement SET ends_on = NULL WHERE id = $1`, [agreement]);
      expect((await t.gql(ALARM, { id: alarm.id }, tok.pcso)).errors).toBeUndefined();
    });

    it('lists filter by branches and by active, newest first, in pages', async () => {
      const all = await t.gql(ALARMS, { f: { branchIds: [central], active: true }, first: 2 }, tok.staff);
      expect(all.errors).toBeUndefined();
      expect(all.data.alarms.edges).toHaveLength(2);
      expect(all.data.alarms.pageInfo.hasNextPage).toBe(true);
      expect(all.data.alarms.edges[0].node.id).toBe(alarm.id);
      const next = await t.gql(ALARMS, { f: { branchIds: [central], active: true }, first: 2, after: all.data.alarms.pageInfo.endCursor }, tok.staff);
      expect(next.data.alarms.edges.map((e: any) => e.node.id)).not.toContain(alarm.id);
      expect(next.data.alarms.edges.every((e: any) => e.node.branchId === central && e.node.active)).toBe(true);
      const north = await t.gql(ALARMS, { f: { branchIds: [northgate] } }, tok.staff);
      expect(north.data.alarms.totalCount).toBe(0);
    });
  });

  describe('acknowledging and standing down', () => {
    let alarm: { id: string; version: number; raisedAt: string };
    beforeAll(async () => {
      alarm = await raise('staff', { branchId: central, codeword: 'Code Amber', locationInBuilding: 'by the public PCs' });
    });

    it('the PCSO and a manager acknowledge, once each; the timeline keeps both; each is audited UPDATE', async () => {
      const p = await t.gql(ACK, { id: alarm.id, v: alarm.version }, tok.pcso);
      expect(p.errors).toBeUndefined();
      const m = await t.gql(ACK, { id: alarm.id, v: alarm.version }, tok.manager);
      expect(m.errors).toBeUndefined();
      expect(m.data.acknowledgeAlarm.version).toBe(alarm.version);
      expect(m.data.acknowledgeAlarm.timeline.map((e: any) => [e.kind, e.byId])).toEqual([
        ['RAISED', user.staff],
        ['ACKNOWLEDGED', user.pcso],
        ['ACKNOWLEDGED', user.manager],
      ]);
      expect(codeOf(await t.gql(ACK, { id: alarm.id, v: alarm.version }, tok.pcso))).toBe('CONFLICT');
      const rows = await auditRows(t.db, { entityType: 'Alarm', entityId: alarm.id, action: 'UPDATE' });
      expect(rows.map((r: any) => r.actor_id)).toEqual([user.pcso, user.manager]);
    });

    it('refuses partners not named for the branch and other services (NOT_FOUND), the DPO (FORBIDDEN), a stale version (CONFLICT)', async () => {
      for (const who of ['shelter', 'foodBank', 'otherStaff'])
        expect([who, codeOf(await t.gql(ACK, { id: alarm.id, v: alarm.version }, tok[who]))]).toEqual([who, 'NOT_FOUND']);
      expect(codeOf(await t.gql(ACK, { id: alarm.id, v: alarm.version }, tok.dpo))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(ACK, { id: alarm.id, v: alarm.version + 1 }, tok.outreach))).toBe('CONFLICT');
    });

    it('partners and the DPO cannot stand it down; staff of the branch can, and get a draft incident for recordIncident', async () => {
      expect(codeOf(await t.gql(STAND_DOWN, { i: { id: alarm.id, version: alarm.version } }, tok.pcso))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(STAND_DOWN, { i: { id: alarm.id, version: alarm.version } }, tok.dpo))).toBe('FORBIDDEN');
      const r = await t.gql(STAND_DOWN, { i: { id: alarm.id, version: alarm.version } }, tok.staff);
      expect(r.errors).toBeUndefined();
      const { alarm: done, draftIncident } = r.data.standDownAlarm;
      expect(done).toMatchObject({ active: false, stoodDownById: user.staff, falseAlarm: false, version: alarm.version + 1 });
      expect(done.timeline.map((e: any) => e.kind)).toEqual(['RAISED', 'ACKNOWLEDGED', 'ACKNOWLEDGED', 'STOOD_DOWN']);
      expect(draftIncident).toEqual({ branchId: central, occurredAt: alarm.raisedAt, endedAt: done.stoodDownAt, locationInBuilding: 'by the public PCs' });
      expect(await t.db.query(`SELECT 1 FROM incident WHERE occurred_at = $1`, [alarm.raisedAt])).toEqual([]);
      // The client completes the draft and records it.
      const { endedAt: _ended, ...draft } = draftIncident;
      const incident = await t.gql(
        `mutation($i: RecordIncidentInput!) { recordIncident(input: $i) { id branchId occurredAt locationInBuilding } }`,
        {
          i: { ...draft, category: 'VERBAL_ABUSE', description: 'Shouting at the public PCs; police attended' },
        },
        tok.staff,
      );
      expect(incident.errors).toBeUndefined();
      expect(incident.data.recordIncident).toMatchObject({ branchId: central, occurredAt: alarm.raisedAt });
      const rows = await auditRows(t.db, { entityType: 'Alarm', entityId: alarm.id, action: 'UPDATE', actorId: user.staff });
      expect(rows).toHaveLength(1);
    });

    it('a stood-down alarm is neither acknowledged nor stood down again (CONFLICT); a false alarm offers no draft', async () => {
      const after = (await t.gql(ALARM, { id: alarm.id }, tok.staff)).data.alarm;
      expect(codeOf(await t.gql(ACK, { id: alarm.id, v: after.version }, tok.outreach))).toBe('CONFLICT');
      expect(codeOf(await t.gql(STAND_DOWN, { i: { id: alarm.id, version: after.version } }, tok.manager))).toBe('CONFLICT');
      const f = await raise('staff', { branchId: central });
      const r = await t.gql(STAND_DOWN, { i: { id: f.id, version: f.version, falseAlarm: true } }, tok.staff);
      expect(r.data.standDownAlarm).toMatchObject({ alarm: { falseAlarm: true, active: false }, draftIncident: null });
    });
  });

  describe('agreements name the branches for alarms', () => {
    const CREATE = `mutation($i: CreateAgreementInput!) { createDataSharingAgreement(input: $i) { id alertBranchIds alertBranches { id name } } }`;
    const base = { title: 'Alarms for the police', purpose: 'Calling police to branches', lawfulBasis: 'PUBLIC_TASK', categories: ['INCIDENTS'] };

    it('a manager names branches of the service on a draft agreement', async () => {
      const r = await t.gql(CREATE, { i: { ...base, alertBranchIds: [central, northgate] } }, tok.manager);
      expect(r.errors).toBeUndefined();
      expect(r.data.createDataSharingAgreement.alertBranchIds.sort()).toEqual([central, northgate].sort());
      expect(r.data.createDataSharingAgreement.alertBranches.map((b: any) => b.name).sort()).toEqual(['Central Library', 'Northgate Library']);
    });

    it('refuses a branch of another service (BAD_USER_INPUT or NOT_FOUND, nothing created)', async () => {
      const r = await t.gql(CREATE, { i: { ...base, title: 'Wrong branch', alertBranchIds: [otherBranch] } }, tok.manager);
      expect(['BAD_USER_INPUT', 'NOT_FOUND']).toContain(codeOf(r));
      expect(await t.db.query(`SELECT 1 FROM data_sharing_agreement WHERE title = 'Wrong branch'`)).toEqual([]);
    });
  });
});
