import { addYears } from '../libs/common/src/index.js';
import { createBranch, createLibraryService, createPartner, createSubject, createUser, demoServiceId, isoDaysFromNow } from './support/builders.js';
import { type GqlResult, startTestApp, type TestApp } from './support/test-app.js';

const DP = 'dataProtection { retainUntil }';
const UPDATE_POLICY = `mutation($i: UpdateRetentionPolicyInput!) { updateRetentionPolicy(input: $i) { recordType retainYears isDefault version } }`;
const CREATE_LOG = `mutation($i: CreateContactLogInput!) { createContactLog(input: $i) { id version ${DP} } }`;
const UPDATE_LOG = `mutation($i: UpdateContactLogInput!) { updateContactLog(input: $i) { id version ${DP} } }`;
const CREATE_CONTACT = `mutation($i: CreatePartnerContactInput!) { createPartnerContact(input: $i) { id version ${DP} } }`;
const ARCHIVE_CONTACT = `mutation($id: ID!, $v: Int!) { archivePartnerContact(input: { id: $id, version: $v }) { id archivedAt ${DP} } }`;
const RECORD_INCIDENT = `mutation($i: RecordIncidentInput!) { recordIncident(input: $i) { id version occurredAt ${DP} } }`;
const UPDATE_INCIDENT = `mutation($i: UpdateIncidentInput!) { updateIncident(input: $i) { id version ${DP} } }`;
const CREATE_REFERRAL = `mutation($i: CreateReferralInput!) { createReferral(input: $i) { id version status ${DP} } }`;
const SEND_REFERRAL = `mutation($id: ID!, $v: Int!) { sendReferral(input: { id: $id, version: $v }) { id version status ${DP} } }`;
const WITHDRAW_REFERRAL = `mutation($id: ID!, $v: Int!) { withdrawReferral(input: { id: $id, version: $v, reason: "No longer needed" }) { id version status ${DP} } }`;
const PROPOSE_BAN = `mutation($i: ProposeBanInput!) { proposeBan(input: $i) { id version ${DP} } }`;
const CREATE_CASE = `mutation($i: CreateCaseInput!) { createCase(input: $i) { id version ${DP} } }`;
const CREATE_SUBJECT = `mutation($i: CreateSubjectInput!) { createSubject(input: $i) { id version ${DP} } }`;

/**
 * A retention policy changed by an administrator applies to records created or changed
 * afterwards, not only to the ones recomputed at the change; another library service keeps the
 * defaults (RETENTION_YEARS).
 */
describe('retention policy applies to new records (e2e)', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let demo: string;
  let police: string;
  let central: string;
  let demoSubject: string;
  let other: string;
  let otherPartner: string;
  let otherBranch: string;
  let otherSubject: string;

  const ok = <T>(r: GqlResult<T>): T => {
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data;
  };
  const inYears = (years: number, from: Date = new Date()) => addYears(from, years);
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
  const setPolicy = async (recordType: string, retainYears: number) => {
    const r = ok(await t.gql(UPDATE_POLICY, { i: { recordType, retainYears, action: 'DELETE', version: 0 } }, tok.admin)).updateRetentionPolicy;
    expect(r).toMatchObject({ recordType, retainYears, isDefault: false, version: 1 });
  };
  const contactLog = async (who: string, partnerOrganisationId: string, occurredAt: string) =>
    ok(await t.gql(CREATE_LOG, { i: { partnerOrganisationId, occurredAt, channel: 'MEETING', summary: 'Monthly liaison meeting' } }, tok[who]))
      .createContactLog;
  const incident = async (who: string, branchId: string, occurredAt: string) =>
    ok(await t.gql(RECORD_INCIDENT, { i: { branchId, occurredAt, category: 'VERBAL_ABUSE', description: 'Shouted at staff at the counter' } }, tok[who]))
      .recordIncident;
  const referral = async (who: string, subjectId: string, partnerOrganisationId: string) =>
    ok(
      await t.gql(
        CREATE_REFERRAL,
        {
          i: {
            subjectId,
            partnerOrganisationId,
            needs: ['HOUSING'],
            reason: 'Sleeping rough near the library; asked for help',
            urgency: 'SOON',
            contactRoute: 'At the library most mornings',
            consent: 'GIVEN',
            consentRecordedAt: '2026-01-05T10:00:00.000Z',
            consentMethod: 'Verbally, in person',
          },
        },
        tok[who],
      ),
    ).createReferral;

  beforeAll(async () => {
    t = await startTestApp();
    demo = await demoServiceId(t.db);
    for (const who of ['admin', 'manager']) tok[who] = await t.login(`${who}@demo.test`);
    [{ id: police }] = await t.db.query(`SELECT id FROM partner_organisation WHERE type = 'POLICE_NEIGHBOURHOOD_TEAM' AND library_service_id = $1`, [demo]);
    [{ id: central }] = await t.db.query(`SELECT id FROM branch WHERE name = 'Central Library' AND library_service_id = $1`, [demo]);
    const [{ id: manager }] = await t.db.query(`SELECT id FROM app_user WHERE email = 'manager@demo.test'`);
    demoSubject = await createSubject(t.db, { serviceId: demo, createdById: manager, name: 'Jamie Policy' });

    other = await createLibraryService(t.db, { name: 'Policy Other Libraries' });
    otherPartner = await createPartner(t.db, { serviceId: other, name: 'Other Foodbank' });
    otherBranch = await createBranch(t.db, { serviceId: other, name: 'Other Central' });
    const otherManager = await createUser(t.db, { email: 'manager@policy-other.test', role: 'MANAGER', serviceId: other });
    otherSubject = await createSubject(t.db, { serviceId: other, createdById: otherManager, name: 'Alex Other' });
    tok.otherManager = await t.login('manager@policy-other.test');
  });
  afterAll(() => t.close());

  it('before any change, new records follow the defaults', async () => {
    const occurredAt = daysAgo(3);
    expect((await contactLog('manager', police, occurredAt)).dataProtection.retainUntil).toBe(inYears(6, new Date(occurredAt)));
    expect((await incident('manager', central, occurredAt)).dataProtection.retainUntil).toBe(inYears(6, new Date(occurredAt)));
    expect((await referral('manager', demoSubject, police)).dataProtection.retainUntil).toBe(inYears(6));
  });

  describe('after an administrator shortens or lengthens the policies', () => {
    beforeAll(async () => {
      await setPolicy('CONTACT_LOG', 3);
      await setPolicy('INCIDENT', 4);
      await setPolicy('REFERRAL', 2);
      await setPolicy('PARTNER_CONTACT', 5);
      await setPolicy('BAN', 7);
      await setPolicy('CASE', 3);
      await setPolicy('SUBJECT', 8);
    });

    it('a new contact log is kept 3 years after the contact, and still after an update', async () => {
      const occurredAt = daysAgo(2);
      const log = await contactLog('manager', police, occurredAt);
      expect(log.dataProtection.retainUntil).toBe(inYears(3, new Date(occurredAt)));
      const moved = daysAgo(10);
      const updated = ok(await t.gql(UPDATE_LOG, { i: { id: log.id, version: log.version, occurredAt: moved } }, tok.manager)).updateContactLog;
      expect(updated.dataProtection.retainUntil).toBe(inYears(3, new Date(moved)));
    });

    it('a new incident is kept 4 years after it happened, and still after an update', async () => {
      const occurredAt = daysAgo(1);
      const inc = await incident('manager', central, occurredAt);
      expect(inc.dataProtection.retainUntil).toBe(inYears(4, new Date(occurredAt)));
      const updated = ok(
        await t.gql(UPDATE_INCIDENT, { i: { id: inc.id, version: inc.version, description: 'Shouted and swore at staff' } }, tok.manager),
      ).updateIncident;
      expect(updated.dataProtection.retainUntil).toBe(inYears(4, new Date(occurredAt)));
    });

    it('a new referral is kept 2 years: provisionally from creation, then from when it ends', async () => {
      const draft = await referral('manager', demoSubject, police);
      expect(draft.dataProtection.retainUntil).toBe(inYears(2));
      const sent = ok(await t.gql(SEND_REFERRAL, { id: draft.id, v: draft.version }, tok.manager)).sendReferral;
      const withdrawn = ok(await t.gql(WITHDRAW_REFERRAL, { id: sent.id, v: sent.version }, tok.manager)).withdrawReferral;
      expect(withdrawn.status).toBe('WITHDRAWN');
      expect(withdrawn.dataProtection.retainUntil).toBe(inYears(2));
    });

    it('partner contacts, bans, cases and subjects follow their policies too', async () => {
      const contact = ok(
        await t.gql(CREATE_CONTACT, { i: { partnerOrganisationId: police, name: 'PC Policy', email: 'pc.policy@police.example' } }, tok.manager),
      ).createPartnerContact;
      expect(contact.dataProtection.retainUntil).toBe(inYears(5));
      const archived = ok(await t.gql(ARCHIVE_CONTACT, { id: contact.id, v: contact.version }, tok.manager)).archivePartnerContact;
      expect(archived.dataProtection.retainUntil).toBe(inYears(5, new Date(archived.archivedAt)));

      const endsOn = isoDaysFromNow(30);
      const ban = ok(
        await t.gql(PROPOSE_BAN, { i: { subjectId: demoSubject, scope: 'ALL_BRANCHES', reason: 'Threatened staff', endsOn } }, tok.manager),
      ).proposeBan;
      expect(ban.dataProtection.retainUntil).toBe(inYears(7, new Date(`${endsOn}T00:00:00Z`)));

      const kase = ok(await t.gql(CREATE_CASE, { i: { subjectId: demoSubject, title: 'Rough sleeping support' } }, tok.manager)).createCase;
      expect(kase.dataProtection.retainUntil).toBe(inYears(3));
      const person = ok(await t.gql(CREATE_SUBJECT, { i: { name: 'Robin Policytest' } }, tok.manager)).createSubject;
      expect(person.dataProtection.retainUntil).toBe(inYears(8));
    });

    it("another library service's new records still follow the defaults", async () => {
      const occurredAt = daysAgo(2);
      expect((await contactLog('otherManager', otherPartner, occurredAt)).dataProtection.retainUntil).toBe(inYears(6, new Date(occurredAt)));
      expect((await incident('otherManager', otherBranch, occurredAt)).dataProtection.retainUntil).toBe(inYears(6, new Date(occurredAt)));
      const draft = await referral('otherManager', otherSubject, otherPartner);
      expect(draft.dataProtection.retainUntil).toBe(inYears(6));
      const sent = ok(await t.gql(SEND_REFERRAL, { id: draft.id, v: draft.version }, tok.otherManager)).sendReferral;
      const withdrawn = ok(await t.gql(WITHDRAW_REFERRAL, { id: sent.id, v: sent.version }, tok.otherManager)).withdrawReferral;
      expect(withdrawn.dataProtection.retainUntil).toBe(inYears(6));
      const contact = ok(
        await t.gql(CREATE_CONTACT, { i: { partnerOrganisationId: otherPartner, name: 'Other Contact', email: 'other@foodbank.example' } }, tok.otherManager),
      ).createPartnerContact;
      expect(contact.dataProtection.retainUntil).toBe(inYears(2));
      const kase = ok(await t.gql(CREATE_CASE, { i: { subjectId: otherSubject, title: 'Other support' } }, tok.otherManager)).createCase;
      expect(kase.dataProtection.retainUntil).toBe(inYears(6));
    });
  });
});
