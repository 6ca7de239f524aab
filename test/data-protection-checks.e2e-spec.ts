import { DataProtectionChecks1765720000000 } from '../migrations/1765720000000-DataProtectionChecks.js';
import { PersonalDataCatalog } from '../libs/governance/src/engines.js';
import { DEFAULT_CRIMINAL_OFFENCE_CONDITION, LAWFUL_BASES } from '../libs/governance/src/index.js';
import { auditRows, createBan, createBranch, createLibraryService, createSubject, createUser, demoServiceId, isoDaysFromNow } from './support/builders.js';
import { codeOf, type GqlResult, signInDemoUsers, startTestApp, type TestApp } from './support/test-app.js';

const DP = 'dataProtection { lawfulBasis criminalOffenceCondition retainUntil legalHold }';
const INCIDENT_FIELDS = `id version historic occurredAt recordedById ${DP}`;
const RECORD_INCIDENT = `mutation($i: RecordIncidentInput!) { recordIncident(input: $i) { ${INCIDENT_FIELDS} } }`;
const UPDATE_INCIDENT = `mutation($i: UpdateIncidentInput!) { updateIncident(input: $i) { ${INCIDENT_FIELDS} } }`;
const BAN_FIELDS = `id version status effectiveStatus isInForce historic startsOn endsOn proposedById confirmedById ${DP}
  transitions { fromStatus toStatus byId note }`;
const PROPOSE = `mutation($i: ProposeBanInput!) { proposeBan(input: $i) { ${BAN_FIELDS} } }`;
const UPDATE_BAN = `mutation($i: UpdateBanInput!) { updateBan(input: $i) { ${BAN_FIELDS} } }`;
const HISTORIC_BAN = `mutation($i: RecordHistoricBanInput!) { recordHistoricBan(input: $i) { ${BAN_FIELDS} } }`;
const BAN = `query($id: ID!) { ban(id: $id) { ${BAN_FIELDS} } }`;
const DESK = `query($b: ID!) { activeBans(branchId: $b) { edges { node { id } } } }`;
const CREATE_CASE = `mutation($i: CreateCaseInput!) { createCase(input: $i) { id version ${DP} } }`;
const UPDATE_CASE = `mutation($i: UpdateCaseInput!) { updateCase(input: $i) { id version ${DP} } }`;
const CREATE_LOG = `mutation($i: CreateContactLogInput!) { createContactLog(input: $i) { id version ${DP} } }`;
const UPDATE_LOG = `mutation($i: UpdateContactLogInput!) { updateContactLog(input: $i) { id version ${DP} } }`;
const POLICIES = `{ dataProtectionPolicies { recordType criminalOffenceCondition isDefault version } }`;
const UPDATE_POLICY = `mutation($i: UpdateDataProtectionPolicyInput!) { updateDataProtectionPolicy(input: $i) { recordType criminalOffenceCondition isDefault version } }`;
const RECORD = `{ recordOfProcessing { activities { recordType warnings criminalOffenceConditionsInUse lawfulBasesInUse { lawfulBasis records } } } }`;

/** What a public task's record allows: every Article 6(1) basis but legitimate interests. */
const PUBLIC_TASK_BASES = ['CONSENT', 'CONTRACT', 'LEGAL_OBLIGATION', 'VITAL_INTERESTS', 'PUBLIC_TASK'];
const LI = { lawfulBasis: 'LEGITIMATE_INTERESTS' };

/** `date` (YYYY-MM-DD) plus whole years, as the retention rules count them: 29 February rolls on to 1 March. */
function plusYears(date: string, years: number): string {
  const [y, m, d] = date.split('-');
  return m === '02' && d === '29' ? `${Number(y) + years}-03-01` : `${Number(y) + years}-${m}-${d}`;
}

function expectLawfulBasisRefused(r: GqlResult<any>, recordType: string): void {
  expect(codeOf(r)).toBe('BAD_USER_INPUT');
  const e = r.errors![0]!;
  expect(e.message).toBe(
    `lawful basis LEGITIMATE_INTERESTS is not allowed for ${recordType} records: a public authority cannot rely on legitimate interests for its public tasks ` +
      `(UK GDPR Article 6(1)); use one of ${PUBLIC_TASK_BASES.join(', ')}`,
  );
  expect(e.extensions).toMatchObject({ field: 'dataProtection.lawfulBasis', allowed: PUBLIC_TASK_BASES });
  expect(r.data).toBeNull();
}

describe('data protection checked when records are written (e2e)', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const user: Record<string, string> = {};
  let demo: string;
  let central: string;
  let other: string;
  let otherBranch: string;
  let person: string;
  let otherPerson: string;
  let partner: string;
  const today = () => isoDaysFromNow(0);

  const ok = async <T = any>(query: string, variables: Record<string, unknown>, who: string): Promise<T> => {
    const r = await t.gql(query, variables, tok[who]);
    expect(r.errors).toBeUndefined();
    return Object.values(r.data as object)[0] as T;
  };
  const incidentInput = (extra: Record<string, unknown> = {}) => ({
    occurredAt: new Date(Date.now() - 3600_000).toISOString(),
    branchId: central,
    category: 'VERBAL_ABUSE',
    description: 'Shouted at the desk',
    ...extra,
  });
  const banInput = (extra: Record<string, unknown> = {}) => ({ subjectId: person, scope: 'ALL_BRANCHES', reason: 'Threatened staff', ...extra });
  const historicBanInput = (extra: Record<string, unknown> = {}) => ({
    subjectId: person,
    scope: 'ALL_BRANCHES',
    reason: 'Assaulted a member of staff (paper file 2024/17)',
    startsOn: isoDaysFromNow(-300),
    endsOn: isoDaysFromNow(-120),
    notes: 'Decided by the former branch manager; letter in the paper file',
    ...extra,
  });

  beforeAll(async () => {
    t = await startTestApp();
    demo = await demoServiceId(t.db);
    await signInDemoUsers(t, tok, user);
    [{ id: central }] = await t.db.query(`SELECT id FROM branch WHERE library_service_id = $1 AND name = 'Central Library'`, [demo]);
    [{ id: partner }] = await t.db.query('SELECT id FROM partner_organisation WHERE library_service_id = $1 ORDER BY name LIMIT 1', [demo]);
    person = await createSubject(t.db, { serviceId: demo, name: 'Hal Historic', retainUntil: '2040-01-01' });
    other = await createLibraryService(t.db, { name: 'Elsewhere Libraries' });
    otherBranch = await createBranch(t.db, { serviceId: other, name: 'Elsewhere Central' });
    user.otherManager = await createUser(t.db, { email: 'manager@elsewhere.test', role: 'MANAGER', serviceId: other });
    tok.otherManager = await t.login('manager@elsewhere.test');
    user.otherAdmin = await createUser(t.db, { email: 'admin@elsewhere.test', role: 'ADMIN', serviceId: other });
    tok.otherAdmin = await t.login('admin@elsewhere.test');
    otherPerson = await createSubject(t.db, { serviceId: other, name: 'Elsie Elsewhere', retainUntil: '2040-01-01' });
  });
  afterAll(() => t.close());

  describe('a lawful basis its record type allows', () => {
    it('every declared record type with a lawful basis column has its allowed bases defined', async () => {
      const entries = await new PersonalDataCatalog(t.db).all();
      const missing = entries.filter((e) => e.hasLawfulBasis && !(e.recordType in LAWFUL_BASES)).map((e) => e.recordType);
      expect(missing).toEqual([]);
    });

    it('incidents: LEGITIMATE_INTERESTS refused on record and update, naming the bases allowed; the others accepted', async () => {
      expectLawfulBasisRefused(await t.gql(RECORD_INCIDENT, { i: incidentInput({ dataProtection: LI }) }, tok.staff), 'INCIDENT');
      const incident = await ok(RECORD_INCIDENT, { i: incidentInput({ dataProtection: { lawfulBasis: 'VITAL_INTERESTS' } }) }, 'staff');
      expect(incident.dataProtection.lawfulBasis).toBe('VITAL_INTERESTS');
      expectLawfulBasisRefused(
        await t.gql(UPDATE_INCIDENT, { i: { id: incident.id, version: incident.version, dataProtection: LI } }, tok.manager),
        'INCIDENT',
      );
      const [{ lawful_basis }] = await t.db.query('SELECT lawful_basis FROM incident WHERE id = $1', [incident.id]);
      expect(lawful_basis).toBe('VITAL_INTERESTS');
      const updated = await ok(
        UPDATE_INCIDENT,
        { i: { id: incident.id, version: incident.version, dataProtection: { lawfulBasis: 'PUBLIC_TASK' } } },
        'manager',
      );
      expect(updated).toMatchObject({ version: incident.version + 1, dataProtection: { lawfulBasis: 'PUBLIC_TASK' } });
    });

    it('bans: LEGITIMATE_INTERESTS refused on propose, update and historic record', async () => {
      expectLawfulBasisRefused(await t.gql(PROPOSE, { i: banInput({ dataProtection: LI }) }, tok.staff), 'BAN');
      expectLawfulBasisRefused(await t.gql(HISTORIC_BAN, { i: historicBanInput({ dataProtection: LI }) }, tok.manager), 'BAN');
      const ban = await ok(PROPOSE, { i: banInput({ dataProtection: { lawfulBasis: 'LEGAL_OBLIGATION' } }) }, 'manager');
      expect(ban.dataProtection.lawfulBasis).toBe('LEGAL_OBLIGATION');
      expectLawfulBasisRefused(await t.gql(UPDATE_BAN, { i: { id: ban.id, version: ban.version, dataProtection: LI } }, tok.manager), 'BAN');
      const updated = await ok(UPDATE_BAN, { i: { id: ban.id, version: ban.version, dataProtection: { lawfulBasis: 'PUBLIC_TASK' } } }, 'manager');
      expect(updated.dataProtection.lawfulBasis).toBe('PUBLIC_TASK');
    });

    it('cases: LEGITIMATE_INTERESTS refused on create and update', async () => {
      expectLawfulBasisRefused(await t.gql(CREATE_CASE, { i: { subjectId: person, title: 'Hal', dataProtection: LI } }, tok.outreach), 'CASE');
      const c = await ok(CREATE_CASE, { i: { subjectId: person, title: 'Hal', dataProtection: { lawfulBasis: 'CONSENT' } } }, 'outreach');
      expect(c.dataProtection.lawfulBasis).toBe('CONSENT');
      expectLawfulBasisRefused(await t.gql(UPDATE_CASE, { i: { id: c.id, version: c.version, dataProtection: LI } }, tok.manager), 'CASE');
      const updated = await ok(UPDATE_CASE, { i: { id: c.id, version: c.version, dataProtection: { lawfulBasis: 'PUBLIC_TASK' } } }, 'manager');
      expect(updated.dataProtection.lawfulBasis).toBe('PUBLIC_TASK');
    });

    it('contact logs with partner organisations (not a public task about a member of the public) accept legitimate interests', async () => {
      const log = await ok(
        CREATE_LOG,
        {
          i: {
            partnerOrganisationId: partner,
            occurredAt: new Date(Date.now() - 60_000).toISOString(),
            channel: 'MEETING',
            summary: 'Met',
            dataProtection: LI,
          },
        },
        'manager',
      );
      expect(log.dataProtection.lawfulBasis).toBe('LEGITIMATE_INTERESTS');
      const updated = await ok(UPDATE_LOG, { i: { id: log.id, version: log.version, dataProtection: { lawfulBasis: 'PUBLIC_TASK' } } }, 'manager');
      expect(updated.dataProtection.lawfulBasis).toBe('PUBLIC_TASK');
      expect((await ok(UPDATE_LOG, { i: { id: log.id, version: updated.version, dataProtection: LI } }, 'manager')).dataProtection.lawfulBasis).toBe(
        'LEGITIMATE_INTERESTS',
      );
    });
  });

  describe("a ban's criminal offence condition", () => {
    it("a proposal records the service's condition for bans; only a manager states another", async () => {
      const ban = await ok(PROPOSE, { i: banInput() }, 'staff');
      expect(ban.dataProtection.criminalOffenceCondition).toBe(DEFAULT_CRIMINAL_OFFENCE_CONDITION);
      const refused = await t.gql(PROPOSE, { i: banInput({ dataProtection: { criminalOffenceCondition: 'Schedule 1 paragraph 18' } }) }, tok.staff);
      expect(codeOf(refused)).toBe('FORBIDDEN');
      expect(refused.errors![0]!.message).toMatch(/Only a manager may state a ban's criminal offence condition/);
      const byManager = await ok(
        PROPOSE,
        { i: banInput({ dataProtection: { criminalOffenceCondition: 'Schedule 1 paragraph 18 (safeguarding)' } }) },
        'manager',
      );
      expect(byManager.dataProtection.criminalOffenceCondition).toBe('Schedule 1 paragraph 18 (safeguarding)');
    });

    it("the service's data protection policy: the default until an administrator chooses another (audited, versioned); the DPO reads it", async () => {
      expect(await ok(POLICIES, {}, 'dpo')).toEqual([
        { recordType: 'BAN', criminalOffenceCondition: DEFAULT_CRIMINAL_OFFENCE_CONDITION, isDefault: true, version: 0 },
      ]);
      for (const who of ['dpo', 'manager', 'staff']) {
        const r = await t.gql(UPDATE_POLICY, { i: { recordType: 'BAN', criminalOffenceCondition: 'Mine', version: 0 } }, tok[who]);
        expect([who, codeOf(r)]).toEqual([who, 'FORBIDDEN']);
      }
      for (const who of ['manager', 'staff', 'pcso']) expect(codeOf(await t.gql(POLICIES, {}, tok[who]))).toBe('FORBIDDEN');
      const unknown = await t.gql(UPDATE_POLICY, { i: { recordType: 'INCIDENT', criminalOffenceCondition: 'Mine', version: 0 } }, tok.otherAdmin);
      expect(codeOf(unknown)).toBe('BAD_USER_INPUT');
      expect(unknown.errors![0]!.message).toBe('recordType INCIDENT has no criminal offence condition policy; use one of BAN');
      const blank = await t.gql(UPDATE_POLICY, { i: { recordType: 'BAN', criminalOffenceCondition: '  ', version: 0 } }, tok.otherAdmin);
      expect(codeOf(blank)).toBe('BAD_USER_INPUT');
      const saved = await ok(UPDATE_POLICY, { i: { recordType: 'BAN', criminalOffenceCondition: 'Elsewhere APD, condition 4', version: 0 } }, 'otherAdmin');
      expect(saved).toEqual({ recordType: 'BAN', criminalOffenceCondition: 'Elsewhere APD, condition 4', isDefault: false, version: 1 });
      const stale = await t.gql(UPDATE_POLICY, { i: { recordType: 'BAN', criminalOffenceCondition: 'Later', version: 0 } }, tok.otherAdmin);
      expect(codeOf(stale)).toBe('CONFLICT');
      expect(await auditRows(t.db, { action: 'CREATE', entityType: 'DataProtectionPolicy', actorId: user.otherAdmin })).toHaveLength(1);
      // One service's choice is not another's.
      expect((await ok<any[]>(POLICIES, {}, 'admin'))[0]).toMatchObject({ isDefault: true, criminalOffenceCondition: DEFAULT_CRIMINAL_OFFENCE_CONDITION });
    });

    it("the service's own condition, where it has one, is the default; another service's is not", async () => {
      const theirs = await ok(PROPOSE, { i: { subjectId: otherPerson, scope: 'ALL_BRANCHES', reason: 'Theft' } }, 'otherManager');
      expect(theirs.dataProtection.criminalOffenceCondition).toBe('Elsewhere APD, condition 4');
      const ours = await ok(PROPOSE, { i: banInput() }, 'outreach');
      expect(ours.dataProtection.criminalOffenceCondition).toBe(DEFAULT_CRIMINAL_OFFENCE_CONDITION);
    });

    it('a manager changes it on the ban (audited); it cannot be removed', async () => {
      const ban = await ok(PROPOSE, { i: banInput() }, 'staff');
      const changed = await ok(
        UPDATE_BAN,
        { i: { id: ban.id, version: ban.version, dataProtection: { criminalOffenceCondition: 'Schedule 1 paragraph 18 (safeguarding of children)' } } },
        'manager',
      );
      expect(changed.dataProtection.criminalOffenceCondition).toBe('Schedule 1 paragraph 18 (safeguarding of children)');
      expect(await auditRows(t.db, { action: 'UPDATE', entityType: 'Ban', entityId: ban.id, actorId: user.manager })).toHaveLength(1);
      for (const gone of [null, '   ']) {
        const r = await t.gql(UPDATE_BAN, { i: { id: ban.id, version: changed.version, dataProtection: { criminalOffenceCondition: gone } } }, tok.manager);
        expect(codeOf(r)).toBe('BAD_USER_INPUT');
        expect(r.errors![0]!.message).toMatch(/criminal offence data: its criminalOffenceCondition .* can be changed but not removed/);
      }
      const elsewhere = await t.gql(
        UPDATE_BAN,
        { i: { id: ban.id, version: changed.version, dataProtection: { criminalOffenceCondition: 'x' } } },
        tok.otherManager,
      );
      expect(codeOf(elsewhere)).toBe('NOT_FOUND');
      const [{ criminal_offence_condition }] = await t.db.query('SELECT criminal_offence_condition FROM ban WHERE id = $1', [ban.id]);
      expect(criminal_offence_condition).toBe('Schedule 1 paragraph 18 (safeguarding of children)');
    });

    it('the record of processing flags only bans without a condition', async () => {
      const before = await ok<any>(RECORD, {}, 'dpo');
      const bans = before.activities.find((a: any) => a.recordType === 'BAN');
      expect(bans.warnings.filter((w: string) => /criminal offence/.test(w))).toEqual([]);
      expect(bans.criminalOffenceConditionsInUse).toEqual(
        expect.arrayContaining([DEFAULT_CRIMINAL_OFFENCE_CONDITION, 'Schedule 1 paragraph 18 (safeguarding of children)']),
      );
      // One written before bans carried their condition (straight into the database, as the old code did).
      const old = await createBan(t.db, { serviceId: demo, subjectId: person, byId: user.manager, criminal: false });
      const after = await ok<any>(RECORD, {}, 'dpo');
      expect(after.activities.find((a: any) => a.recordType === 'BAN').warnings).toEqual([
        '1 records hold criminal offence data without an Article 10 condition',
      ]);
      // Its next change gives it the service's condition.
      const [{ version }] = await t.db.query('SELECT version FROM ban WHERE id = $1', [old]);
      const fixed = await ok(UPDATE_BAN, { i: { id: old, version, notes: 'checked' } }, 'manager');
      expect(fixed.dataProtection.criminalOffenceCondition).toBe(DEFAULT_CRIMINAL_OFFENCE_CONDITION);
      const last = await ok<any>(RECORD, {}, 'dpo');
      expect(last.activities.find((a: any) => a.recordType === 'BAN').warnings).toEqual([]);
    });
  });

  it('the migration gives bans recorded before it the default condition', async () => {
    const migration = new DataProtectionChecks1765720000000();
    const qr = t.db.createQueryRunner();
    await qr.startTransaction();
    let filled: { id: string; criminal_offence_condition: string | null; historic: boolean }[];
    try {
      await migration.down(qr);
      const [{ id }] = await qr.query(
        `INSERT INTO ban (library_service_id, subject_id, status, scope, reason, proposed_by_id, starts_on, lawful_basis, retain_until)
         VALUES ($1, $2, 'PROPOSED', 'ALL_BRANCHES', 'Before conditions', $3, current_date, 'PUBLIC_TASK', '2040-01-01') RETURNING id`,
        [demo, person, user.staff],
      );
      await migration.up(qr);
      filled = await qr.query('SELECT id, criminal_offence_condition, historic FROM ban WHERE id = $1', [id]);
      await qr.rollbackTransaction();
    } catch (e) {
      await qr.rollbackTransaction();
      throw e;
    } finally {
      await qr.release();
    }
    expect(filled).toEqual([{ id: filled[0]!.id, criminal_offence_condition: DEFAULT_CRIMINAL_OFFENCE_CONDITION, historic: false }]);
  });

  describe('historic records from paper', () => {
    it('a manager records an ended ban in its final state, kept from its real end', async () => {
      const input = historicBanInput();
      const ban = await ok(HISTORIC_BAN, { i: input }, 'manager');
      expect(ban).toMatchObject({
        historic: true,
        status: 'ACTIVE',
        effectiveStatus: 'EXPIRED',
        isInForce: false,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        proposedById: user.manager,
        confirmedById: user.manager,
        dataProtection: { lawfulBasis: 'PUBLIC_TASK', criminalOffenceCondition: DEFAULT_CRIMINAL_OFFENCE_CONDITION, legalHold: false },
      });
      expect(ban.dataProtection.retainUntil).toBe(plusYears(input.endsOn, 2));
      const note = 'Historic ban, recorded from paper records after it ended';
      expect(ban.transitions).toEqual([
        { fromStatus: null, toStatus: 'PROPOSED', byId: user.manager, note },
        { fromStatus: 'PROPOSED', toStatus: 'ACTIVE', byId: user.manager, note },
      ]);
      expect(await auditRows(t.db, { action: 'CREATE', entityType: 'Ban', entityId: ban.id, actorId: user.manager })).toHaveLength(1);
      expect((await ok(BAN, { id: ban.id }, 'dpo')).historic).toBe(true);
      const desk = await ok<any>(DESK, { b: central }, 'staff');
      expect(desk.edges.map((e: any) => e.node.id)).not.toContain(ban.id);
      // Proposed bans are not historic.
      expect((await ok(PROPOSE, { i: banInput() }, 'staff')).historic).toBe(false);
    });

    it("today's rules still hold for anything that is not a historic ban", async () => {
      const r = await t.gql(PROPOSE, { i: banInput({ startsOn: isoDaysFromNow(-300), endsOn: isoDaysFromNow(-120) }) }, tok.manager);
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0]!.message).toMatch(/has already passed: a ban must end today or later .*recordHistoricBan/);
    });

    it('a historic ban has ended, with dates in order, and is worth keeping', async () => {
      const notEnded = await t.gql(HISTORIC_BAN, { i: historicBanInput({ endsOn: today() }) }, tok.manager);
      expect(codeOf(notEnded)).toBe('BAD_USER_INPUT');
      expect(notEnded.errors![0]!.message).toMatch(/has not passed: a historic ban is one that has already ended/);
      const backwards = await t.gql(HISTORIC_BAN, { i: historicBanInput({ startsOn: isoDaysFromNow(-100), endsOn: isoDaysFromNow(-200) }) }, tok.manager);
      expect(codeOf(backwards)).toBe('BAD_USER_INPUT');
      expect(backwards.errors![0]!.message).toMatch(/endsOn .* is before startsOn/);
      const longAgo = { startsOn: isoDaysFromNow(-5 * 366), endsOn: isoDaysFromNow(-4 * 366) };
      const swept = await t.gql(HISTORIC_BAN, { i: historicBanInput(longAgo) }, tok.manager);
      expect(codeOf(swept)).toBe('BAD_USER_INPUT');
      expect(swept.errors![0]!.message).toBe(
        `Its keep-until date (${plusYears(longAgo.endsOn, 2)}, 2 years after the ban ended) has already passed: the retention sweep would delete it at once. ` +
          'Record it only if it must be kept, on legal hold (dataProtection.legalHold)',
      );
      const held = await ok(HISTORIC_BAN, { i: historicBanInput({ ...longAgo, dataProtection: { legalHold: true } }) }, 'manager');
      expect(held.dataProtection).toMatchObject({ legalHold: true, retainUntil: plusYears(longAgo.endsOn, 2) });
    });

    it('only a manager of the service records a historic ban', async () => {
      for (const who of ['staff', 'outreach', 'dpo', 'admin', 'pcso']) {
        const r = await t.gql(HISTORIC_BAN, { i: historicBanInput() }, tok[who]);
        expect([who, codeOf(r)]).toEqual([who, 'FORBIDDEN']);
      }
      const elsewhere = await t.gql(HISTORIC_BAN, { i: historicBanInput() }, tok.otherManager);
      expect(codeOf(elsewhere)).toBe('BAD_USER_INPUT');
      expect(elsewhere.errors![0]!.message).toMatch(/is not a person recorded in your library service/);
      const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM ban WHERE historic AND library_service_id = $1', [other]);
      expect(n).toBe(0);
    });

    it('a manager records an incident of years ago as historic, kept from when it happened', async () => {
      const day = isoDaysFromNow(-4 * 365);
      const occurredAt = `${day}T14:30:00.000Z`;
      const incident = await ok(
        RECORD_INCIDENT,
        { i: incidentInput({ occurredAt, historic: true, description: 'From the 2022 incident book: shouting at staff' }) },
        'manager',
      );
      expect(incident).toMatchObject({ historic: true, occurredAt, recordedById: user.manager, dataProtection: { retainUntil: plusYears(day, 6) } });
      expect(await auditRows(t.db, { action: 'CREATE', entityType: 'Incident', entityId: incident.id, actorId: user.manager })).toHaveLength(1);
      const read = await t.gql(`query($id: ID!) { incident(id: $id) { historic } }`, { id: incident.id }, tok.staff);
      expect(read.data.incident).toEqual({ historic: true });
      expect((await ok(RECORD_INCIDENT, { i: incidentInput() }, 'staff')).historic).toBe(false);
    });

    it('a historic incident past its keep-until date is refused unless on legal hold; only managers mark incidents historic', async () => {
      const day = isoDaysFromNow(-7 * 366);
      const swept = await t.gql(RECORD_INCIDENT, { i: incidentInput({ occurredAt: `${day}T10:00:00Z`, historic: true }) }, tok.manager);
      expect(codeOf(swept)).toBe('BAD_USER_INPUT');
      expect(swept.errors![0]!.message).toMatch(new RegExp(`^Its keep-until date \\(${plusYears(day, 6)}, 6 years after occurredAt\\) has already passed`));
      const held = await ok(
        RECORD_INCIDENT,
        { i: incidentInput({ occurredAt: `${day}T10:00:00Z`, historic: true, dataProtection: { legalHold: true } }) },
        'manager',
      );
      expect(held.dataProtection).toMatchObject({ legalHold: true, retainUntil: plusYears(day, 6) });
      for (const who of ['staff', 'outreach']) {
        const r = await t.gql(RECORD_INCIDENT, { i: incidentInput({ occurredAt: `${isoDaysFromNow(-400)}T10:00:00Z`, historic: true }) }, tok[who]);
        expect(codeOf(r)).toBe('FORBIDDEN');
        expect(r.errors![0]!.message).toBe('Only a manager may record a historic incident (one entered after the fact from paper records)');
      }
      const elsewhere = await t.gql(RECORD_INCIDENT, { i: incidentInput({ historic: true }) }, tok.otherManager);
      expect(codeOf(elsewhere)).toBe('BAD_USER_INPUT');
      const theirs = await ok(RECORD_INCIDENT, { i: incidentInput({ branchId: otherBranch, historic: true }) }, 'otherManager');
      expect(theirs.historic).toBe(true);
    });
  });
});
