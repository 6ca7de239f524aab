import { PersonalDataCatalog } from '../libs/governance/src/engines.js';
import { createAgreement, createContactLog, createLibraryService, createPartnerContact, createSubject, createUser, demoServiceId } from './support/builders.js';
import { codeOf, startTestApp, type TestApp } from './support/test-app.js';

const RECORD = `{ recordOfProcessing { controller recipientsNote recipients { name }
  activities { recordType entityType title purpose dataSubjectCategories dataCategories specialCategory criminalOffence records warnings
    lawfulBasesInUse { lawfulBasis records } specialCategoryConditionsInUse recipients { name }
    retention { recordType retainYears action isDefault startsFrom } retentionNote } } }`;
const UPDATE_POLICY = `mutation($i: UpdateRetentionPolicyInput!) { updateRetentionPolicy(input: $i) { recordType retainYears action isDefault version recomputedRecords } }`;

/** The record of processing activities: generated from each entity's declaration and the live data, never written by hand. */
describe('record of processing (e2e)', () => {
  let t: TestApp;
  let catalog: PersonalDataCatalog;
  const tok: Record<string, string> = {};
  let demo: string;
  const activity = (r: any, type: string) => r.data.recordOfProcessing.activities.find((a: any) => a.recordType === type);

  beforeAll(async () => {
    t = await startTestApp();
    catalog = new PersonalDataCatalog(t.db);
    demo = await demoServiceId(t.db);
    for (const who of ['admin', 'manager', 'staff', 'outreach', 'pcso', 'dpo']) tok[who] = await t.login(`${who}@demo.test`);
    const other = await createLibraryService(t.db, { name: 'Elsewhere Libraries' });
    await createUser(t.db, { email: 'dpo@elsewhere.test', role: 'DPO', serviceId: other });
    tok.otherDpo = await t.login('dpo@elsewhere.test');
  });
  afterAll(() => t.close());

  it('every entity holding personal data (embedded DataProtection or a lawful_basis column) declares it', () => {
    // Fails until each context declares @PersonalData on its entities: the record of processing would be incomplete.
    expect(catalog.undeclared()).toEqual([]);
  });

  it('every table with a lawful_basis column is a declared entity (or says it holds no personal data)', async () => {
    const tables: { table_name: string }[] = await t.db.query(
      `SELECT table_name FROM information_schema.columns WHERE column_name = 'lawful_basis' AND table_schema = current_schema() ORDER BY 1`,
    );
    const declared = new Set([...(await catalog.all()).map((e) => e.table), ...catalog.notPersonal().keys()]);
    expect(tables.map((r) => r.table_name).filter((name) => !declared.has(name))).toEqual([]);
  });

  it('declarations resolve against the schema: clocks are dates, every governed type has a default policy', async () => {
    const entries = await catalog.all();
    expect(entries.map((e) => e.recordType)).toEqual(
      expect.arrayContaining(['AUDIT_EVENT', 'CONTACT_LOG', 'PARTNER_CONTACT', 'RIGHTS_REQUEST', 'USER_ACCOUNT']),
    );
    for (const e of entries.filter((x) => x.clock)) expect(['date', 'timestamp with time zone', 'timestamp without time zone']).toContain(e.clockType);
    for (const e of entries.filter((x) => !x.retention)) expect(e.declaration.retentionNote).toBeTruthy();
  });

  it('the DPO gets the record, from declarations plus what the records say (lawful bases in use, counts, conditions)', async () => {
    const [{ id: police }] = await t.db.query(`SELECT id FROM partner_organisation WHERE type = 'POLICE_NEIGHBOURHOOD_TEAM' AND library_service_id = $1`, [
      demo,
    ]);
    const [{ id: manager }] = await t.db.query(`SELECT id FROM app_user WHERE email = 'manager@demo.test'`);
    await createContactLog(t.db, {
      serviceId: demo,
      partnerId: police,
      recordedById: manager,
      summary: 'Consented meeting',
      lawfulBasis: 'CONSENT',
      retainUntil: '2032-01-01',
    });
    await createPartnerContact(t.db, { serviceId: demo, partnerId: police, name: 'Pat Legit', lawfulBasis: 'LEGITIMATE_INTERESTS', retainUntil: '2030-01-01' });
    // Legitimate interests is open to partner contacts (LAWFUL_BASES), not to a public task such as a person's record.
    await createSubject(t.db, { serviceId: demo, name: 'Lee Legit', lawfulBasis: 'LEGITIMATE_INTERESTS', retainUntil: '2030-01-01' });
    const r = await t.gql(RECORD, {}, tok.dpo);
    expect(r.errors).toBeUndefined();
    expect(r.data.recordOfProcessing.controller).toBe('Demo Shire Libraries');
    const logs = activity(r, 'CONTACT_LOG');
    expect(logs).toMatchObject({ entityType: 'ContactLog', title: 'Contact log', records: 4, specialCategory: false, recipients: [] });
    expect(logs.purpose).toMatch(/partnerships/);
    expect(logs.lawfulBasesInUse).toEqual([
      { lawfulBasis: 'CONSENT', records: 1 },
      { lawfulBasis: 'PUBLIC_TASK', records: 3 },
    ]);
    expect(logs.retention).toEqual({ recordType: 'CONTACT_LOG', retainYears: 6, action: 'DELETE', isDefault: true, startsFrom: 'after the contact' });
    expect(activity(r, 'PARTNER_CONTACT').warnings).toEqual([]);
    expect(activity(r, 'PARTNER_CONTACT').lawfulBasesInUse).toEqual(expect.arrayContaining([{ lawfulBasis: 'LEGITIMATE_INTERESTS', records: 1 }]));
    expect(activity(r, 'SUBJECT').warnings).toEqual(['1 records rely on legitimate interests, which a public authority cannot use for its public tasks']);
    expect(activity(r, 'USER_ACCOUNT')).toMatchObject({
      lawfulBasesInUse: [
        { lawfulBasis: 'CONTRACT', records: null },
        { lawfulBasis: 'PUBLIC_TASK', records: null },
      ],
      retention: null,
      records: 6,
    });
    expect(activity(r, 'USER_ACCOUNT').retentionNote).toMatch(/deactivates/);
    expect(activity(r, 'AUDIT_EVENT')).toMatchObject({ lawfulBasesInUse: [{ lawfulBasis: 'LEGAL_OBLIGATION', records: null }], retention: { retainYears: 7 } });
    // One activity per declared entity: nothing declared is left out, nothing undeclared is made up.
    expect(r.data.recordOfProcessing.activities.map((a: any) => a.recordType).sort()).toEqual((await catalog.all()).map((e) => e.recordType).sort());
  });

  it('recipients are the partner organisations with an ACTIVE, current data sharing agreement', async () => {
    const before = await t.gql(RECORD, {}, tok.dpo);
    expect(before.data.recordOfProcessing.recipients).toEqual([]);
    const org = async (type: string) =>
      (await t.db.query(`SELECT id FROM partner_organisation WHERE type = $1 AND library_service_id = $2`, [type, demo]))[0].id;
    const [{ id: admin }] = await t.db.query(`SELECT id FROM app_user WHERE email = 'admin@demo.test'`);
    const agreement = (status: 'ACTIVE' | 'SUSPENDED', partner: string, endsOn: string | null) =>
      createAgreement(t.db, {
        serviceId: demo,
        createdById: admin,
        title: `${status} with ${partner}`,
        purpose: 'Reducing crime and disorder',
        categories: ['IDENTITY'],
        startsOn: '2025-01-01',
        endsOn,
        reviewOn: null,
        status,
        organisationIds: [partner],
        usesSection115: false,
        specialCategoryCondition: null,
        criminalOffenceCondition: null,
        signed: false,
      });
    await agreement('ACTIVE', await org('POLICE_NEIGHBOURHOOD_TEAM'), null);
    await agreement('SUSPENDED', await org('CHARITY'), null);
    await agreement('ACTIVE', await org('YOUTH_JUSTICE_SERVICE'), '2025-06-30'); // ended
    const r = await t.gql(RECORD, {}, tok.dpo);
    expect(r.data.recordOfProcessing.recipients).toEqual([{ name: 'Town Centre Neighbourhood Policing Team' }]);
    expect(activity(r, 'CONTACT_LOG').recipients).toEqual([]); // not shared with partners
    for (const shared of r.data.recordOfProcessing.activities.filter((a: any) => ['SUBJECT', 'CASE', 'REFERRAL'].includes(a.recordType))) {
      expect(shared.recipients).toEqual([{ name: 'Town Centre Neighbourhood Policing Team' }]);
    }
  });

  it('a policy an administrator changes shows in the record', async () => {
    const u = await t.gql(UPDATE_POLICY, { i: { recordType: 'CONTACT_LOG', retainYears: 8, action: 'DELETE', version: 0 } }, tok.admin);
    expect(u.errors).toBeUndefined();
    const r = await t.gql(RECORD, {}, tok.dpo);
    expect(activity(r, 'CONTACT_LOG').retention).toMatchObject({ retainYears: 8, isDefault: false });
  });

  it('is for the DPO only, and of their own service only', async () => {
    for (const who of ['admin', 'manager', 'staff', 'outreach', 'pcso']) expect(codeOf(await t.gql(RECORD, {}, tok[who]))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(RECORD))).toBe('UNAUTHENTICATED');
    const other = await t.gql(RECORD, {}, tok.otherDpo);
    expect(other.data.recordOfProcessing.controller).toBe('Elsewhere Libraries');
    expect(activity(other, 'CONTACT_LOG')).toMatchObject({ records: 0, lawfulBasesInUse: [], retention: { retainYears: 6, isDefault: true } });
    expect(other.data.recordOfProcessing.recipients).toEqual([]);
  });
});
