import { auditRows, createLibraryService, createPartner, createUser, demoServiceId } from './support/builders.js';
import { codeOf, startTestApp, type TestApp } from './support/test-app.js';

const ORGS = `query($f: PartnerOrganisationFilterInput, $first: Int, $after: String) {
  partnerOrganisations(filter: $f, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name type status notes version } } } }`;
const ORG = `query($id: ID!) { partnerOrganisation(id: $id) { id name notes version contacts { id name phone } } }`;
const CREATE_ORG = `mutation($i: CreatePartnerOrganisationInput!) { createPartnerOrganisation(input: $i) { id name version notes } }`;
const UPDATE_ORG = `mutation($i: UpdatePartnerOrganisationInput!) { updatePartnerOrganisation(input: $i) { id name version } }`;
const ARCHIVE_ORG = `mutation($id: ID!, $v: Int!) { archivePartnerOrganisation(input: { id: $id, version: $v }) { id status archivedAt version } }`;
const CONTACTS = `query($f: PartnerContactFilterInput) { partnerContacts(filter: $f) { totalCount edges { node { id name partnerOrganisationId version dataProtection { lawfulBasis retainUntil legalHold } } } } }`;
const CREATE_CONTACT = `mutation($i: CreatePartnerContactInput!) { createPartnerContact(input: $i) { id name version dataProtection { lawfulBasis retainUntil } } }`;
const UPDATE_CONTACT = `mutation($i: UpdatePartnerContactInput!) { updatePartnerContact(input: $i) { id name phone version } }`;
const LOGS = `query($f: ContactLogFilterInput) { contactLogs(filter: $f) { totalCount edges { node { id summary channel partnerOrganisation { name } followUpActions { id description dueOn isOverdue } } } } }`;
const CREATE_LOG = `mutation($i: CreateContactLogInput!) { createContactLog(input: $i) { id summary version followUpActions { id dueOn } } }`;
const OVERDUE = `{ overdueFollowUps(first: 100) { totalCount edges { node { id description dueOn isOverdue contactLog { id summary } } } } }`;
const overdueOf = (r: any) => r.data.overdueFollowUps.edges.map((e: any) => e.node);
const COMPLETE = `mutation($id: ID!, $v: Int!) { completeFollowUpAction(input: { id: $id, version: $v }) { id completedAt version } }`;

describe('partners slice (e2e over HTTP)', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let demo: string;
  let policeId: string;
  let otherServicePartner: string;

  beforeAll(async () => {
    t = await startTestApp();
    demo = await demoServiceId(t.db);
    for (const who of ['admin', 'manager', 'outreach', 'staff', 'pcso', 'dpo']) tok[who] = await t.login(`${who}@demo.test`);
    [{ id: policeId }] = await t.db.query(`SELECT id FROM partner_organisation WHERE type = 'POLICE_NEIGHBOURHOOD_TEAM' AND library_service_id = $1`, [demo]);
    const other = await createLibraryService(t.db, { name: 'Neighbouring County Libraries' });
    otherServicePartner = await createPartner(t.db, { serviceId: other, name: 'Neighbouring Foodbank' });
    await createUser(t.db, { email: 'manager@other.test', role: 'MANAGER', serviceId: other });
    tok.otherManager = await t.login('manager@other.test');
  });
  afterAll(() => t.close());

  describe('partner organisations', () => {
    it("a manager lists their service's partners with totalCount and cursor pagination", async () => {
      const all = await t.gql(ORGS, { first: 100 }, tok.manager);
      expect(all.errors).toBeUndefined();
      const total = all.data.partnerOrganisations.totalCount;
      expect(total).toBeGreaterThanOrEqual(12);
      expect(all.data.partnerOrganisations.edges.map((e: any) => e.node.id)).not.toContain(otherServicePartner);
      const page1 = await t.gql(ORGS, { first: 5 }, tok.manager);
      expect(page1.data.partnerOrganisations.edges).toHaveLength(5);
      expect(page1.data.partnerOrganisations.pageInfo.hasNextPage).toBe(true);
      expect(page1.data.partnerOrganisations.totalCount).toBe(total);
      const page2 = await t.gql(ORGS, { first: 5, after: page1.data.partnerOrganisations.pageInfo.endCursor }, tok.manager);
      const ids1 = page1.data.partnerOrganisations.edges.map((e: any) => e.node.id);
      const ids2 = page2.data.partnerOrganisations.edges.map((e: any) => e.node.id);
      expect(ids2.filter((id: string) => ids1.includes(id))).toEqual([]);
      expect([...ids1, ...ids2]).toEqual(all.data.partnerOrganisations.edges.slice(0, 10).map((e: any) => e.node.id));
    });

    it('filters by type, status and search', async () => {
      const police = await t.gql(ORGS, { f: { types: ['POLICE_NEIGHBOURHOOD_TEAM'] } }, tok.manager);
      expect(police.data.partnerOrganisations.totalCount).toBe(1);
      const search = await t.gql(ORGS, { f: { search: 'foodbank' } }, tok.manager);
      expect(search.data.partnerOrganisations.edges.map((e: any) => e.node.name)).toEqual(['Hope Foodbank']);
      const wildcard = await t.gql(ORGS, { f: { search: '%' } }, tok.manager);
      expect(wildcard.data.partnerOrganisations.totalCount).toBe(0);
    });

    it('a user of another library service sees none of them, in lists or single reads', async () => {
      const list = await t.gql(ORGS, { first: 100 }, tok.otherManager);
      expect(list.data.partnerOrganisations.totalCount).toBe(1);
      expect(list.data.partnerOrganisations.edges[0].node.id).toBe(otherServicePartner);
      expect(codeOf(await t.gql(ORG, { id: policeId }, tok.otherManager))).toBe('NOT_FOUND');
    });

    it('a PARTNER sees only its own organisation; another organisation is NOT_FOUND', async () => {
      const list = await t.gql(ORGS, {}, tok.pcso);
      expect(list.data.partnerOrganisations.totalCount).toBe(1);
      expect(list.data.partnerOrganisations.edges[0].node.id).toBe(policeId);
      const [{ id: foodbank }] = await t.db.query(`SELECT id FROM partner_organisation WHERE name = 'Hope Foodbank'`);
      expect(codeOf(await t.gql(ORG, { id: foodbank }, tok.pcso))).toBe('NOT_FOUND');
    });

    it('notes are for managers and the DPO: null for staff, outreach and partners, with no error', async () => {
      const created = await t.gql(
        CREATE_ORG,
        { i: { name: 'Safe Haven Trust', type: 'CHARITY', relationship: 'COLLABORATIVE_RELATIONSHIP', notes: 'Internal: slow to reply' } },
        tok.manager,
      );
      expect(created.errors).toBeUndefined();
      const id = created.data.createPartnerOrganisation.id;
      expect((await t.gql(ORG, { id }, tok.dpo)).data.partnerOrganisation.notes).toBe('Internal: slow to reply');
      for (const who of ['staff', 'outreach']) {
        const r = await t.gql(ORG, { id }, tok[who]);
        expect(r.errors).toBeUndefined();
        expect(r.data.partnerOrganisation.name).toBe('Safe Haven Trust');
        expect(r.data.partnerOrganisation.notes).toBeNull();
      }
      expect((await t.gql(ORG, { id: policeId }, tok.pcso)).data.partnerOrganisation.notes).toBeNull();
    });

    it('only managers and admins create, update and archive: others are FORBIDDEN', async () => {
      for (const who of ['outreach', 'staff', 'pcso', 'dpo']) {
        const r = await t.gql(CREATE_ORG, { i: { name: `Made by ${who}`, type: 'OTHER', relationship: 'COLLABORATIVE_RELATIONSHIP' } }, tok[who]);
        expect(codeOf(r)).toBe('FORBIDDEN');
      }
      for (const who of ['outreach', 'staff', 'dpo']) {
        expect(codeOf(await t.gql(UPDATE_ORG, { i: { id: policeId, version: 1, name: 'Renamed' } }, tok[who]))).toBe('FORBIDDEN');
      }
      expect(codeOf(await t.gql(UPDATE_ORG, { i: { id: policeId, version: 1, name: 'Renamed' } }, tok.pcso))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(UPDATE_ORG, { i: { id: policeId, version: 1, name: 'Renamed' } }, tok.otherManager))).toBe('NOT_FOUND');
      const count = await t.db.query(`SELECT count(*)::int AS n FROM partner_organisation WHERE name LIKE 'Made by %' OR name = 'Renamed'`);
      expect(count[0].n).toBe(0);
    });

    it('optimistic locking: a stale version gets CONFLICT and changes nothing', async () => {
      const c = await t.gql(CREATE_ORG, { i: { name: 'Lock Test Charity', type: 'CHARITY', relationship: 'COLLABORATIVE_RELATIONSHIP' } }, tok.manager);
      const { id, version } = c.data.createPartnerOrganisation;
      const first = await t.gql(UPDATE_ORG, { i: { id, version, name: 'Lock Test Charity (renamed)' } }, tok.manager);
      expect(first.data.updatePartnerOrganisation.version).toBe(version + 1);
      const stale = await t.gql(UPDATE_ORG, { i: { id, version, name: 'Lost update' } }, tok.admin);
      expect(codeOf(stale)).toBe('CONFLICT');
      const [row] = await t.db.query('SELECT name, version FROM partner_organisation WHERE id = $1', [id]);
      expect(row).toEqual({ name: 'Lock Test Charity (renamed)', version: version + 1 });
      const archived = await t.gql(ARCHIVE_ORG, { id, v: version + 1 }, tok.manager);
      expect(archived.data.archivePartnerOrganisation.status).toBe('ARCHIVED');
    });

    it('a duplicate name in the same service is a CONFLICT', async () => {
      const r = await t.gql(CREATE_ORG, { i: { name: 'hope foodbank', type: 'CHARITY', relationship: 'COLLABORATIVE_RELATIONSHIP' } }, tok.manager);
      expect(codeOf(r)).toBe('CONFLICT');
    });

    it('validation: bad enum values, emails, phone numbers and lengths are BAD_USER_INPUT with no SQL or stack', async () => {
      const badEmail = await t.gql(
        CREATE_ORG,
        { i: { name: 'X Org', type: 'CHARITY', relationship: 'COLLABORATIVE_RELATIONSHIP', email: 'nope' } },
        tok.manager,
      );
      expect(codeOf(badEmail)).toBe('BAD_USER_INPUT');
      expect(badEmail.errors![0].message).toMatch(/email/);
      const badPhone = await t.gql(
        CREATE_ORG,
        { i: { name: 'X Org', type: 'CHARITY', relationship: 'COLLABORATIVE_RELATIONSHIP', phone: 'call me maybe' } },
        tok.manager,
      );
      expect(codeOf(badPhone)).toBe('BAD_USER_INPUT');
      const tooLong = await t.gql(CREATE_ORG, { i: { name: 'x'.repeat(1000), type: 'CHARITY', relationship: 'COLLABORATIVE_RELATIONSHIP' } }, tok.manager);
      expect(codeOf(tooLong)).toBe('BAD_USER_INPUT');
      const badEnum = await t.gql(CREATE_ORG, { i: { name: 'X Org', type: 'PIRATES', relationship: 'COLLABORATIVE_RELATIONSHIP' } }, tok.manager);
      expect(badEnum.status).toBe(400);
      expect(codeOf(badEnum)).toBe('BAD_USER_INPUT');
      const badId = await t.gql(ORG, { id: 'not-a-uuid' }, tok.manager);
      expect(codeOf(badId)).toBe('BAD_USER_INPUT');
      for (const r of [badEmail, badPhone, tooLong, badEnum, badId]) {
        expect(JSON.stringify(r.errors)).not.toMatch(/SELECT|INSERT|stacktrace|at .*\.ts:/);
      }
      expect((await t.db.query(`SELECT count(*)::int AS n FROM partner_organisation WHERE name = 'X Org'`))[0].n).toBe(0);
    });
  });

  describe('partner contacts', () => {
    it('staff and outreach read contacts (the useful-numbers list), and each read is audited', async () => {
      const staffId = (await t.db.query(`SELECT id FROM app_user WHERE email = 'staff@demo.test'`))[0].id;
      const r = await t.gql(CONTACTS, {}, tok.staff, { 'x-purpose': 'Finding the PCSO number' });
      expect(r.errors).toBeUndefined();
      expect(r.data.partnerContacts.totalCount).toBeGreaterThanOrEqual(12);
      const reads = await auditRows(t.db, { action: 'READ', entityType: 'PartnerContact', actorId: staffId });
      expect(reads.length).toBe(r.data.partnerContacts.edges.length);
      expect(reads[0].purpose).toBe('Finding the PCSO number');
      expect(reads[0].request_id).toBeTruthy();
    });

    it('a PARTNER reads and updates its own contacts only', async () => {
      const own = await t.gql(CONTACTS, {}, tok.pcso);
      expect(own.data.partnerContacts.edges.every((e: any) => e.node.partnerOrganisationId === policeId)).toBe(true);
      expect(own.data.partnerContacts.totalCount).toBe(own.data.partnerContacts.edges.length);
      const mine = own.data.partnerContacts.edges[0].node;
      const upd = await t.gql(UPDATE_CONTACT, { i: { id: mine.id, version: mine.version, phone: '07700 900123' } }, tok.pcso);
      expect(upd.errors).toBeUndefined();
      expect(upd.data.updatePartnerContact.phone).toBe('07700 900123');
      const hold = await t.gql(
        UPDATE_CONTACT,
        { i: { id: mine.id, version: upd.data.updatePartnerContact.version, dataProtection: { legalHold: true } } },
        tok.pcso,
      );
      expect(codeOf(hold)).toBe('FORBIDDEN');
      expect(hold.errors![0].message).toMatch(/dataProtection/);
      expect((await t.db.query('SELECT legal_hold FROM partner_contact WHERE id = $1', [mine.id]))[0].legal_hold).toBe(false);
      const [{ id: other }] = await t.db.query(
        `SELECT c.id FROM partner_contact c JOIN partner_organisation o ON o.id = c.partner_organisation_id WHERE o.name = 'Hope Foodbank'`,
      );
      expect(codeOf(await t.gql(UPDATE_CONTACT, { i: { id: other, version: 1, phone: '07700 900999' } }, tok.pcso))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(CREATE_CONTACT, { i: { partnerOrganisationId: policeId, name: 'New PCSO' } }, tok.pcso))).toBe('FORBIDDEN');
    });

    it('a manager adds a contact with its data-protection columns, audited in the same transaction', async () => {
      const r = await t.gql(
        CREATE_CONTACT,
        { i: { partnerOrganisationId: policeId, name: 'PC Jo Bloggs', jobTitle: 'Beat manager', email: 'jo.bloggs@police.example', phone: '01234 567891' } },
        tok.manager,
      );
      expect(r.errors).toBeUndefined();
      const c = r.data.createPartnerContact;
      expect(c.dataProtection.lawfulBasis).toBe('PUBLIC_TASK');
      expect(c.dataProtection.retainUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(await auditRows(t.db, { action: 'CREATE', entityType: 'PartnerContact', entityId: c.id })).toHaveLength(1);
      expect(codeOf(await t.gql(CREATE_CONTACT, { i: { partnerOrganisationId: otherServicePartner, name: 'Sneaky' } }, tok.manager))).toBe('NOT_FOUND');
    });

    it('nested contacts under an organisation respect the same rules', async () => {
      const r = await t.gql(ORG, { id: policeId }, tok.pcso);
      expect(r.data.partnerOrganisation.contacts.length).toBeGreaterThan(0);
    });
  });

  describe('contact logs and follow-ups', () => {
    it('managers and the DPO read contact logs; outreach, staff and partners see none', async () => {
      const m = await t.gql(LOGS, {}, tok.manager);
      expect(m.errors).toBeUndefined();
      expect(m.data.contactLogs.totalCount).toBeGreaterThanOrEqual(3);
      expect(m.data.contactLogs.edges[0].node.partnerOrganisation.name).toBeTruthy();
      expect((await t.gql(LOGS, {}, tok.dpo)).data.contactLogs.totalCount).toBe(m.data.contactLogs.totalCount);
      for (const who of ['outreach', 'staff', 'pcso', 'otherManager']) {
        const r = await t.gql(LOGS, {}, tok[who]);
        expect(r.errors).toBeUndefined();
        expect(r.data.contactLogs.totalCount).toBe(0);
      }
      const id = m.data.contactLogs.edges[0].node.id;
      for (const who of ['outreach', 'staff', 'pcso', 'otherManager']) {
        expect(codeOf(await t.gql(`query($id: ID!) { contactLog(id: $id) { id } }`, { id }, tok[who]))).toBe('NOT_FOUND');
      }
    });

    it('filters contact logs by partner and date range', async () => {
      const r = await t.gql(LOGS, { f: { partnerOrganisationId: policeId } }, tok.manager);
      expect(r.data.contactLogs.edges.every((e: any) => e.node.partnerOrganisation.name.includes('Policing'))).toBe(true);
      const none = await t.gql(LOGS, { f: { from: '2001-01-01T00:00:00Z', to: '2001-12-31T00:00:00Z' } }, tok.manager);
      expect(none.data.contactLogs.totalCount).toBe(0);
    });

    it('records a contact with follow-ups; a future date is refused; overdue follow-ups are listed and completed once', async () => {
      const managerId = (await t.db.query(`SELECT id FROM app_user WHERE email = 'manager@demo.test'`))[0].id;
      const future = await t.gql(
        CREATE_LOG,
        { i: { partnerOrganisationId: policeId, occurredAt: new Date(Date.now() + 86_400_000 * 3).toISOString(), channel: 'MEETING', summary: 'Not yet' } },
        tok.manager,
      );
      expect(codeOf(future)).toBe('BAD_USER_INPUT');
      const r = await t.gql(
        CREATE_LOG,
        {
          i: {
            partnerOrganisationId: policeId,
            occurredAt: new Date(Date.now() - 86_400_000 * 10).toISOString(),
            channel: 'PATROL_VISIT',
            summary: "PCSOs walked through the children's library after school",
            followUpActions: [{ description: 'Share the rota', ownerId: managerId, dueOn: '2020-01-01' }],
          },
        },
        tok.manager,
      );
      expect(r.errors).toBeUndefined();
      const overdue = await t.gql(OVERDUE, {}, tok.manager);
      const item = overdueOf(overdue).find((f: any) => f.description === 'Share the rota');
      expect(item.isOverdue).toBe(true);
      // It says what it follows up: the contact log, as an object.
      expect(item.contactLog).toEqual({ id: r.data.createContactLog.id, summary: "PCSOs walked through the children's library after school" });
      expect(overdueOf(await t.gql(OVERDUE, {}, tok.otherManager))).toEqual([]);
      expect(codeOf(await t.gql(OVERDUE, {}, tok.staff)) ?? 'none').not.toBe('INTERNAL_SERVER_ERROR');
      const [{ version }] = await t.db.query('SELECT version FROM follow_up_action WHERE id = $1', [item.id]);
      const done = await t.gql(COMPLETE, { id: item.id, v: version }, tok.manager);
      expect(done.data.completeFollowUpAction.completedAt).toBeTruthy();
      const again = await t.gql(COMPLETE, { id: item.id, v: done.data.completeFollowUpAction.version }, tok.manager);
      expect(codeOf(again)).toBe('CONFLICT');
      expect(overdueOf(await t.gql(OVERDUE, {}, tok.manager)).find((f: any) => f.id === item.id)).toBeUndefined();
    });

    it('reads of contact logs are audited', async () => {
      const dpoId = (await t.db.query(`SELECT id FROM app_user WHERE email = 'dpo@demo.test'`))[0].id;
      const r = await t.gql(LOGS, {}, tok.dpo);
      const reads = await auditRows(t.db, { action: 'READ', entityType: 'ContactLog', actorId: dpoId });
      expect(reads.length).toBeGreaterThanOrEqual(r.data.contactLogs.edges.length);
    });
  });
});
