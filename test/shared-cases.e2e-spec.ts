import {
  auditRows,
  createAgreement,
  createBan,
  createCase,
  createIncident,
  createIntelligence,
  createLibraryService,
  createPartner,
  createReferral,
  createRestriction,
  createSpecialCategory,
  createSubject,
  createUser,
  demoServiceId,
  userId,
} from './support/builders.js';
import { codeOf, startTestApp, type TestApp } from './support/test-app.js';

const SECTIONS = `id title status libraryServiceName categories
  subject { id name description aliases dateOfBirth photoReference }
  contact { contactRoutes }
  incidents { id description crimeReferenceNumber subjectParts branchName }
  bans { id status scope branchNames }
  referrals { id status needs partnerOrganisationName }
  intelligence { id body handlingCode }
  specialCategory { isChildSafeguarding isAdultAtRisk details { id category details } }
  shares { id categories agreementTitle }
  updates(first: 100) { totalCount edges { node { id body kind } } }`;
const LIST = `query($f: SharedCaseFilterInput, $first: Int, $after: String, $p: String) {
  sharedCases(filter: $f, first: $first, after: $after, purpose: $p) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${SECTIONS} } } } }`;
const ONE = `query($id: ID!, $p: String) { sharedCase(id: $id, purpose: $p) { ${SECTIONS} } }`;
const SHARE = `mutation($i: ShareCaseInput!) { shareCase(input: $i) { id categories version isLive recipientName partnerOrganisationId recipientLibraryServiceId } }`;
const REVOKE = `mutation($id: ID!, $v: Int!, $r: String!) { revokeCaseShare(input: { id: $id, version: $v, reason: $r }) { id revokedAt isLive version } }`;
const SHARES = `query($f: CaseShareFilterInput) { caseShares(filter: $f, first: 100) { totalCount edges { node { id caseId isLive recipientName } } } }`;
const ADD_UPDATE = `mutation($i: AddCaseUpdateInput!) { addCaseUpdate(input: $i) { id caseId kind body partnerOrganisationId authorRole } }`;
const CASE_UPDATES = `query($c: ID!) { caseUpdates(caseId: $c, first: 100) { totalCount edges { node { id body partnerOrganisationId } } } }`;
const bodies = (connection: any) => connection.edges.map((e: any) => e.node.body);
const ACTIVATE = `mutation($id: ID!, $v: Int!) { activateDataSharingAgreement(input: { id: $id, version: $v }) { status version } }`;
const SUSPEND = `mutation($id: ID!, $v: Int!) { suspendDataSharingAgreement(input: { id: $id, version: $v, reason: "Review of conduct" }) { status version } }`;
const PURPOSE = { 'x-purpose': 'Neighbourhood patrol briefing' };

describe('shared cases: partners see exactly what is shared with them (e2e over HTTP)', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let demo: string;
  let neighbour: string;
  let police: string;
  let foodbank: string;
  let central: string;
  let northgate: string;
  let manager: string;
  let caseA: string;
  let caseB: string;
  let caseC: string;
  let subjectA: string;
  let everything: string; // agreement: police, foodbank, neighbour; every category
  let incidentsOnly: string; // agreement: police; IDENTITY + INCIDENTS
  const rec: Record<string, string> = {};

  const list = async (who: string, vars: Record<string, unknown> = {}, headers: Record<string, string> = PURPOSE) => {
    const r = await t.gql(LIST, { first: 100, ...vars }, tok[who], headers);
    expect(r.errors).toBeUndefined();
    return r.data.sharedCases;
  };
  const one = async (who: string, id: string) => t.gql(ONE, { id }, tok[who], PURPOSE);
  const share = async (i: Record<string, unknown>, who = 'manager') => t.gql(SHARE, { i: { reason: 'Repeat incidents at Central', ...i } }, tok[who]);
  const shareOk = async (i: Record<string, unknown>) => {
    const r = await share(i);
    expect(r.errors).toBeUndefined();
    return r.data.shareCase;
  };

  beforeAll(async () => {
    t = await startTestApp();
    demo = await demoServiceId(t.db);
    for (const who of ['admin', 'manager', 'outreach', 'staff', 'pcso', 'dpo']) tok[who] = await t.login(`${who}@demo.test`);
    manager = await userId(t.db, 'manager@demo.test');
    [{ id: police }] = await t.db.query(`SELECT id FROM partner_organisation WHERE type = 'POLICE_NEIGHBOURHOOD_TEAM' AND library_service_id = $1`, [demo]);
    [{ id: foodbank }] = await t.db.query(`SELECT id FROM partner_organisation WHERE name = 'Hope Foodbank'`);
    [{ id: central }] = await t.db.query(`SELECT id FROM branch WHERE name = 'Central Library'`);
    [{ id: northgate }] = await t.db.query(`SELECT id FROM branch WHERE name = 'Northgate Library'`);
    await createUser(t.db, { email: 'foodbank@demo.test', role: 'PARTNER', serviceId: demo, partnerId: foodbank });
    await createUser(t.db, { email: 'pcso2@demo.test', role: 'PARTNER', serviceId: demo, partnerId: police });
    neighbour = await createLibraryService(t.db, { name: 'Neighbouring County Libraries' });
    const neighbourPolice = await createPartner(t.db, { serviceId: neighbour, name: 'Neighbouring Police', type: 'POLICE_NEIGHBOURHOOD_TEAM' });
    await createUser(t.db, { email: 'manager@neighbour.test', role: 'MANAGER', serviceId: neighbour });
    await createUser(t.db, { email: 'outreach@neighbour.test', role: 'OUTREACH_WORKER', serviceId: neighbour });
    await createUser(t.db, { email: 'pcso@neighbour.test', role: 'PARTNER', serviceId: neighbour, partnerId: neighbourPolice });
    const faraway = await createLibraryService(t.db, { name: 'Far Away Libraries' });
    await createUser(t.db, { email: 'manager@faraway.test', role: 'MANAGER', serviceId: faraway });
    for (const [k, email] of [
      ['foodbank', 'foodbank@demo.test'],
      ['pcso2', 'pcso2@demo.test'],
      ['neighbour', 'manager@neighbour.test'],
      ['neighbourOutreach', 'outreach@neighbour.test'],
      ['neighbourPcso', 'pcso@neighbour.test'],
      ['faraway', 'manager@faraway.test'],
    ])
      tok[k] = await t.login(email);

    // Case A: a subject with a bit of everything.
    subjectA = await createSubject(t.db, { serviceId: demo, createdById: manager, name: 'Alex Example', adultAtRisk: true });
    caseA = await createCase(t.db, { serviceId: demo, subjectId: subjectA, ownerId: manager, title: 'Alex: repeat abuse at Central' });
    rec.incPlain = await createIncident(t.db, {
      serviceId: demo,
      branchId: central,
      recordedById: manager,
      subjectId: subjectA,
      description: 'Plain incident',
    });
    rec.incCriminal = await createIncident(t.db, {
      serviceId: demo,
      branchId: central,
      recordedById: manager,
      subjectId: subjectA,
      criminal: true,
      description: 'Assault reported to police',
    });
    rec.incSpecial = await createIncident(t.db, {
      serviceId: demo,
      branchId: northgate,
      recordedById: manager,
      subjectId: subjectA,
      special: true,
      description: 'Mental health crisis',
    });
    rec.banActive = await createBan(t.db, { serviceId: demo, subjectId: subjectA, byId: manager, branchIds: [central] });
    rec.banProposed = await createBan(t.db, { serviceId: demo, subjectId: subjectA, byId: manager, status: 'PROPOSED' });
    rec.refSent = await createReferral(t.db, {
      serviceId: demo,
      subjectId: subjectA,
      byId: manager,
      partnerId: foodbank,
      contactRoute: 'At Central on Tuesdays',
    });
    rec.refDraft = await createReferral(t.db, {
      serviceId: demo,
      subjectId: subjectA,
      byId: manager,
      partnerId: foodbank,
      status: 'DRAFT',
      contactRoute: 'Draft route',
    });
    rec.refSpecial = await createReferral(t.db, {
      serviceId: demo,
      subjectId: subjectA,
      byId: manager,
      partnerId: foodbank,
      special: true,
      contactRoute: 'Via the crisis café',
    });
    rec.special = await createSpecialCategory(t.db, { serviceId: demo, subjectId: subjectA, byId: manager });
    rec.intelP = await createIntelligence(t.db, { serviceId: demo, caseId: caseA, subjectId: subjectA, authorId: manager, body: 'P item' });
    rec.intelCPolice = await createIntelligence(t.db, {
      serviceId: demo,
      caseId: caseA,
      subjectId: subjectA,
      authorId: manager,
      handlingCode: 'C',
      organisationIds: [police],
      body: 'C for police',
    });
    rec.intelCFoodbank = await createIntelligence(t.db, {
      serviceId: demo,
      caseId: caseA,
      subjectId: subjectA,
      authorId: manager,
      handlingCode: 'C',
      organisationIds: [foodbank],
      body: 'C for foodbank',
    });
    rec.intelCNeighbour = await createIntelligence(t.db, {
      serviceId: demo,
      caseId: caseA,
      subjectId: subjectA,
      authorId: manager,
      handlingCode: 'C',
      serviceIds: [neighbour],
      body: 'C for neighbour',
    });
    rec.intelSubmitted = await createIntelligence(t.db, {
      serviceId: demo,
      caseId: caseA,
      subjectId: subjectA,
      authorId: manager,
      status: 'SUBMITTED',
      body: 'Submitted item',
    });
    rec.intelSpecial = await createIntelligence(t.db, {
      serviceId: demo,
      caseId: caseA,
      subjectId: subjectA,
      authorId: manager,
      special: true,
      body: 'Special item',
    });
    const subjectB = await createSubject(t.db, { serviceId: demo, createdById: manager, description: 'female, 20s, green coat' });
    caseB = await createCase(t.db, {
      serviceId: demo,
      subjectId: subjectB,
      ownerId: manager,
      title: 'Green coat: shoplifting',
      openedAt: new Date(Date.now() - 86_400_000),
    });
    const subjectC = await createSubject(t.db, { serviceId: demo, createdById: manager, name: 'Never Shared' });
    caseC = await createCase(t.db, { serviceId: demo, subjectId: subjectC, ownerId: manager, title: 'Not shared with anyone' });
    everything = await createAgreement(t.db, {
      serviceId: demo,
      createdById: manager,
      title: 'Everything agreement',
      categories: ['IDENTITY', 'CONTACT', 'INCIDENTS', 'BANS', 'REFERRALS', 'INTELLIGENCE', 'SPECIAL_CATEGORY', 'CRIMINAL_OFFENCE'],
      organisationIds: [police, foodbank],
      serviceIds: [neighbour],
    });
    incidentsOnly = await createAgreement(t.db, {
      serviceId: demo,
      createdById: manager,
      title: 'Incidents agreement',
      categories: ['IDENTITY', 'INCIDENTS'],
      organisationIds: [police],
    });
  });
  afterAll(() => t.close());

  describe('sharing', () => {
    it('a manager shares a case for INCIDENTS: IDENTITY comes with it, and the share is audited as SHARE', async () => {
      const s = await shareOk({ caseId: caseA, agreementId: incidentsOnly, partnerOrganisationId: police, categories: ['INCIDENTS'] });
      rec.shareIncidents = s.id;
      expect(s).toMatchObject({ categories: ['IDENTITY', 'INCIDENTS'], isLive: true, recipientName: 'Town Centre Neighbourhood Policing Team' });
      expect(await auditRows(t.db, { action: 'SHARE', entityType: 'CaseShare', entityId: s.id })).toHaveLength(1);
      expect(await auditRows(t.db, { action: 'SHARE', entityType: 'Case', entityId: caseA })).toHaveLength(1);
    });

    it('a share beyond the agreement is refused, naming what the agreement does not cover', async () => {
      const r = await share({
        caseId: caseA,
        agreementId: incidentsOnly,
        partnerOrganisationId: police,
        categories: ['INCIDENTS', 'BANS', 'SPECIAL_CATEGORY'],
      });
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].message).toMatch(/does not cover BANS, SPECIAL_CATEGORY/);
      expect(r.errors![0].extensions!.missingCategories).toEqual(['BANS', 'SPECIAL_CATEGORY']);
    });

    it('refuses recipients the agreement does not name, agreements not in force, and bad recipients', async () => {
      const notParty = await share({ caseId: caseA, agreementId: incidentsOnly, partnerOrganisationId: foodbank, categories: ['INCIDENTS'] });
      expect(notParty.errors![0].message).toMatch(/does not name partner organisation/);
      const drafted = await createAgreement(t.db, {
        serviceId: demo,
        createdById: manager,
        categories: ['IDENTITY'],
        organisationIds: [police],
        status: 'DRAFT',
      });
      const suspended = await createAgreement(t.db, {
        serviceId: demo,
        createdById: manager,
        categories: ['IDENTITY'],
        organisationIds: [police],
        status: 'SUSPENDED',
      });
      const future = await createAgreement(t.db, {
        serviceId: demo,
        createdById: manager,
        categories: ['IDENTITY'],
        organisationIds: [police],
        startsOn: '2099-01-01',
      });
      for (const [agreementId, why] of [
        [drafted, /DRAFT/],
        [suspended, /SUSPENDED/],
        [future, /starts on 2099-01-01/],
      ] as const) {
        const r = await share({ caseId: caseA, agreementId, partnerOrganisationId: police, categories: ['IDENTITY'] });
        expect(codeOf(r)).toBe('BAD_USER_INPUT');
        expect(r.errors![0].message).toMatch(why);
      }
      const both = await share({
        caseId: caseA,
        agreementId: everything,
        partnerOrganisationId: police,
        recipientLibraryServiceId: neighbour,
        categories: ['IDENTITY'],
      });
      expect(both.errors![0].message).toMatch(/exactly one recipient/);
      const past = await share({
        caseId: caseA,
        agreementId: everything,
        partnerOrganisationId: police,
        categories: ['IDENTITY'],
        until: '2020-01-01T00:00:00Z',
      });
      expect(codeOf(past)).toBe('BAD_USER_INPUT');
      const neighbourAgreement = await createAgreement(t.db, {
        serviceId: neighbour,
        createdById: await userId(t.db, 'manager@neighbour.test'),
        categories: ['IDENTITY'],
        serviceIds: [demo],
      });
      const foreign = await share({ caseId: caseA, agreementId: neighbourAgreement, recipientLibraryServiceId: neighbour, categories: ['IDENTITY'] });
      expect(foreign.errors![0].message).toMatch(/not an agreement of your library service/);
    });

    it('only managers share: others are FORBIDDEN, another service is NOT_FOUND', async () => {
      for (const who of ['outreach', 'staff', 'pcso', 'dpo', 'admin']) {
        expect(codeOf(await share({ caseId: caseB, agreementId: everything, partnerOrganisationId: police, categories: ['IDENTITY'] }, who))).toBe('FORBIDDEN');
      }
      expect(codeOf(await share({ caseId: caseB, agreementId: everything, partnerOrganisationId: police, categories: ['IDENTITY'] }, 'neighbour'))).toBe(
        'NOT_FOUND',
      );
      expect((await t.db.query(`SELECT count(*)::int AS n FROM case_share WHERE case_id = $1`, [caseB]))[0].n).toBe(0);
    });
  });

  describe('what a partner sees', () => {
    it('the police see exactly case A, with identity and the plain incidents only', async () => {
      const page = await list('pcso');
      expect(page.totalCount).toBe(1);
      const c = page.edges[0].node;
      expect(c).toMatchObject({
        id: caseA,
        title: 'Alex: repeat abuse at Central',
        categories: ['IDENTITY', 'INCIDENTS'],
        libraryServiceName: 'Demo Shire Libraries',
      });
      expect(c.subject).toMatchObject({ id: subjectA, name: 'Alex Example', aliases: ['Al'], dateOfBirth: '1990-04-01', photoReference: 'photo-ref-1' });
      // Criminal offence and special category incidents need their own categories.
      expect(c.incidents.map((i: any) => i.id)).toEqual([rec.incPlain]);
      expect(c.incidents[0]).toMatchObject({ subjectParts: ['PERPETRATOR'], branchName: 'Central Library', crimeReferenceNumber: null });
      for (const section of ['contact', 'bans', 'referrals', 'intelligence', 'specialCategory']) expect(c[section]).toBeNull();
      expect(c.shares).toEqual([{ id: rec.shareIncidents, categories: ['IDENTITY', 'INCIDENTS'], agreementTitle: 'Incidents agreement' }]);
      // The same through a single read; another user of the same organisation sees the same.
      const single = await one('pcso2', caseA);
      expect(single.errors).toBeUndefined();
      expect(single.data.sharedCase).toEqual(c);
    });

    it('other organisations, other services and other roles see nothing; unshared cases are NOT_FOUND', async () => {
      for (const who of ['foodbank', 'neighbour', 'neighbourOutreach', 'neighbourPcso', 'faraway']) {
        expect((await list(who)).totalCount).toBe(0);
        expect(codeOf(await one(who, caseA))).toBe('NOT_FOUND');
      }
      for (const who of ['staff', 'dpo', 'admin', 'manager', 'outreach']) expect((await list(who)).totalCount).toBe(0);
      expect(codeOf(await one('pcso', caseC))).toBe('NOT_FOUND');
      expect(codeOf(await one('pcso', caseB))).toBe('NOT_FOUND');
    });

    it('a purpose is required (argument or X-Purpose header), and written with every record read', async () => {
      const none = await t.gql(LIST, {}, tok.pcso);
      expect(codeOf(none)).toBe('BAD_USER_INPUT');
      expect(none.errors![0].message).toMatch(/purpose/);
      expect(codeOf(await t.gql(ONE, { id: caseA }, tok.pcso))).toBe('BAD_USER_INPUT');
      const pcsoId = await userId(t.db, 'pcso@demo.test');
      const before = (await auditRows(t.db, { actorId: pcsoId, action: 'READ' })).length;
      const r = await t.gql(LIST, { p: 'Checking before a patrol' }, tok.pcso, { 'x-purpose': 'header loses' });
      expect(r.errors).toBeUndefined();
      const rows = (await auditRows(t.db, { actorId: pcsoId, action: 'READ' })).slice(before);
      expect(rows.map((x: any) => `${x.entity_type}:${x.entity_id}`).sort()).toEqual(
        [`Case:${caseA}`, `Subject:${subjectA}`, `Incident:${rec.incPlain}`].sort(),
      );
      expect(new Set(rows.map((x: any) => x.purpose))).toEqual(new Set(['Checking before a patrol']));
      expect(new Set(rows.map((x: any) => x.library_service_id))).toEqual(new Set([demo]));
    });

    it('several live shares unite their categories; bans are confirmed ones only; intelligence follows handling codes', async () => {
      rec.shareMore = (
        await shareOk({ caseId: caseA, agreementId: everything, partnerOrganisationId: police, categories: ['BANS', 'INTELLIGENCE', 'REFERRALS', 'CONTACT'] })
      ).id;
      const c = (await one('pcso', caseA)).data.sharedCase;
      expect(c.categories).toEqual(['IDENTITY', 'CONTACT', 'INCIDENTS', 'BANS', 'REFERRALS', 'INTELLIGENCE']);
      expect(c.bans).toEqual([{ id: rec.banActive, status: 'ACTIVE', scope: 'LISTED_BRANCHES', branchNames: ['Central Library'] }]);
      expect(c.referrals.map((r: any) => r.id)).toEqual([rec.refSent]);
      expect(c.contact).toEqual({ contactRoutes: ['At Central on Tuesdays'] });
      expect(c.intelligence.map((i: any) => i.body).sort()).toEqual(['C for police', 'P item']);
      expect(c.specialCategory).toBeNull();
      expect(c.shares).toHaveLength(2);
      // The foodbank, shared for INTELLIGENCE only, sees P and the C naming it.
      rec.shareFoodbank = (await shareOk({ caseId: caseA, agreementId: everything, partnerOrganisationId: foodbank, categories: ['INTELLIGENCE'] })).id;
      const f = (await one('foodbank', caseA)).data.sharedCase;
      expect(f.categories).toEqual(['IDENTITY', 'INTELLIGENCE']);
      expect(f.intelligence.map((i: any) => i.body).sort()).toEqual(['C for foodbank', 'P item']);
      expect(f.incidents).toBeNull();
    });

    it('SPECIAL_CATEGORY and CRIMINAL_OFFENCE open the records that hold such data', async () => {
      rec.shareSpecial = (
        await shareOk({ caseId: caseA, agreementId: everything, partnerOrganisationId: police, categories: ['SPECIAL_CATEGORY', 'CRIMINAL_OFFENCE'] })
      ).id;
      const c = (await one('pcso', caseA)).data.sharedCase;
      expect(c.incidents.map((i: any) => i.id).sort()).toEqual([rec.incPlain, rec.incCriminal, rec.incSpecial].sort());
      expect(c.incidents.find((i: any) => i.id === rec.incCriminal).crimeReferenceNumber).toBe('CRN-123');
      expect(c.referrals.map((r: any) => r.id).sort()).toEqual([rec.refSent, rec.refSpecial].sort());
      expect(c.contact.contactRoutes.sort()).toEqual(['At Central on Tuesdays', 'Via the crisis café']);
      expect(c.intelligence.map((i: any) => i.body).sort()).toEqual(['C for police', 'P item', 'Special item']);
      expect(c.specialCategory).toEqual({
        isChildSafeguarding: false,
        isAdultAtRisk: true,
        details: [{ id: rec.special, category: 'MENTAL_HEALTH', details: 'Anxiety; prefers a quiet approach' }],
      });
    });

    it('a read of every section writes one READ audit row per record returned, each as a read of the record itself', async () => {
      const pcsoId = await userId(t.db, 'pcso@demo.test');
      const [{ since }] = await t.db.query(`SELECT coalesce(max(id), 0) AS since FROM audit_event`);
      const r = await one('pcso', caseA);
      expect(r.errors).toBeUndefined();
      const c = r.data.sharedCase;
      const rows: { entity_type: string; entity_id: string }[] = await t.db.query(
        `SELECT entity_type, entity_id FROM audit_event WHERE id > $1 AND actor_id = $2 AND action = 'READ'`,
        [since, pcsoId],
      );
      const ids = (type: string, xs: { id: string }[]) => xs.map((x) => `${type}:${x.id}`);
      expect(rows.map((x) => `${x.entity_type}:${x.entity_id}`).sort()).toEqual(
        [
          `Case:${caseA}`,
          `Subject:${subjectA}`,
          `Subject:${subjectA}`, // the identity section, and the safeguarding flags of the special category section
          ...ids('Incident', c.incidents),
          ...ids('Ban', c.bans),
          ...ids('IntelligenceItem', c.intelligence),
          ...ids('Referral', c.referrals),
          `Referral:${rec.refSent}`,
          `Referral:${rec.refSpecial}`, // the referrals, and the contact routes of two of them
          ...ids('SubjectSpecialCategory', c.specialCategory.details),
        ].sort(),
      );
      expect(c.incidents).toHaveLength(3);
    });

    it('filters by category and case status, and pages with an exact totalCount', async () => {
      await shareOk({ caseId: caseB, agreementId: everything, partnerOrganisationId: police, categories: ['BANS'] });
      const all = await list('pcso');
      expect(all.totalCount).toBe(2);
      expect(all.edges.map((e: any) => e.node.id)).toEqual([caseA, caseB]);
      expect((await list('pcso', { f: { categories: ['SPECIAL_CATEGORY'] } })).edges.map((e: any) => e.node.id)).toEqual([caseA]);
      expect((await list('pcso', { f: { categories: ['BANS'] } })).totalCount).toBe(2);
      expect((await list('pcso', { f: { statuses: ['CLOSED'] } })).totalCount).toBe(0);
      const p1 = await list('pcso', { first: 1 });
      expect(p1).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
      const p2 = await list('pcso', { first: 1, after: p1.pageInfo.endCursor });
      expect(p2.edges.map((e: any) => e.node.id)).toEqual([caseB]);
      expect(p2.pageInfo.hasNextPage).toBe(false);
      const b = (await one('pcso', caseB)).data.sharedCase;
      expect(b.subject).toMatchObject({ name: null, description: 'female, 20s, green coat' });
      expect(b.bans).toEqual([]);
      expect(b.incidents).toBeNull();
    });
  });

  describe('stopping a share takes effect at once', () => {
    it('revocation', async () => {
      const [{ version }] = await t.db.query(`SELECT version FROM case_share WHERE id = $1`, [rec.shareSpecial]);
      const r = await t.gql(REVOKE, { id: rec.shareSpecial, v: version, r: 'Shared in error' }, tok.manager);
      expect(r.data.revokeCaseShare).toMatchObject({ isLive: false });
      expect(await auditRows(t.db, { action: 'UPDATE', entityType: 'CaseShare', entityId: rec.shareSpecial })).toHaveLength(1);
      const c = (await one('pcso', caseA)).data.sharedCase;
      expect(c.categories).toEqual(['IDENTITY', 'CONTACT', 'INCIDENTS', 'BANS', 'REFERRALS', 'INTELLIGENCE']);
      expect(c.specialCategory).toBeNull();
      expect(c.incidents.map((i: any) => i.id)).toEqual([rec.incPlain]);
      expect(codeOf(await t.gql(REVOKE, { id: rec.shareSpecial, v: version + 1, r: 'again' }, tok.manager))).toBe('CONFLICT');
      expect(codeOf(await t.gql(REVOKE, { id: rec.shareMore, v: 1, r: 'x' }, tok.pcso))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(REVOKE, { id: rec.shareMore, v: 1, r: 'x' }, tok.outreach))).toBe('FORBIDDEN');
    });

    it('expiry: a share whose until has passed stops working with no job', async () => {
      await t.db.query(`UPDATE case_share SET starts_at = now() - interval '2 days', until = now() - interval '1 second' WHERE id = $1`, [rec.shareMore]);
      const c = (await one('pcso', caseA)).data.sharedCase;
      expect(c.categories).toEqual(['IDENTITY', 'INCIDENTS']);
      expect(c.bans).toBeNull();
      const shares = await t.gql(SHARES, { f: { caseId: caseA } }, tok.manager);
      expect(shares.data.caseShares.edges.find((e: any) => e.node.id === rec.shareMore).node.isLive).toBe(false);
      const live = await t.gql(SHARES, { f: { caseId: caseA, isLive: true } }, tok.manager);
      expect(live.data.caseShares.edges.map((e: any) => e.node.id).sort()).toEqual([rec.shareIncidents, rec.shareFoodbank].sort());
    });

    it('agreement suspension stops every share under it; activating it again brings them back', async () => {
      const [{ version }] = await t.db.query(`SELECT version FROM data_sharing_agreement WHERE id = $1`, [incidentsOnly]);
      const s = await t.gql(SUSPEND, { id: incidentsOnly, v: version }, tok.manager);
      expect(s.data.suspendDataSharingAgreement.status).toBe('SUSPENDED');
      // Case A: only the (expired, revoked) shares under the other agreement were left: gone. Case B still shared.
      expect((await list('pcso')).edges.map((e: any) => e.node.id)).toEqual([caseB]);
      expect(codeOf(await one('pcso', caseA))).toBe('NOT_FOUND');
      const a = await t.gql(ACTIVATE, { id: incidentsOnly, v: s.data.suspendDataSharingAgreement.version }, tok.manager);
      expect(a.data.activateDataSharingAgreement.status).toBe('ACTIVE');
      expect((await list('pcso')).totalCount).toBe(2);
    });

    it('agreement expiry by its end date stops its shares', async () => {
      await t.db.query(`UPDATE data_sharing_agreement SET ends_on = current_date - 1 WHERE id = $1`, [incidentsOnly]);
      expect(codeOf(await one('pcso', caseA))).toBe('NOT_FOUND');
      await t.db.query(`UPDATE data_sharing_agreement SET ends_on = NULL WHERE id = $1`, [incidentsOnly]);
      expect((await one('pcso', caseA)).data.sharedCase.categories).toEqual(['IDENTITY', 'INCIDENTS']);
    });
  });

  describe('cross-service sharing', () => {
    it("a neighbouring service's managers and outreach workers read a case shared with their service, through the same projection", async () => {
      const s = await shareOk({ caseId: caseA, agreementId: everything, recipientLibraryServiceId: neighbour, categories: ['BANS', 'INTELLIGENCE'] });
      expect(s).toMatchObject({ recipientLibraryServiceId: neighbour, partnerOrganisationId: null, recipientName: 'Neighbouring County Libraries' });
      for (const who of ['neighbour', 'neighbourOutreach']) {
        const page = await list(who);
        expect(page.totalCount).toBe(1);
        const c = page.edges[0].node;
        expect(c).toMatchObject({ id: caseA, libraryServiceName: 'Demo Shire Libraries', categories: ['IDENTITY', 'BANS', 'INTELLIGENCE'] });
        expect(c.intelligence.map((i: any) => i.body).sort()).toEqual(['C for neighbour', 'P item']);
        expect(c.incidents).toBeNull();
      }
      // Tenant isolation elsewhere: the neighbour's partner, another service, and the neighbour's internal lists see nothing.
      for (const who of ['neighbourPcso', 'faraway']) expect((await list(who)).totalCount).toBe(0);
      expect((await t.gql(SHARES, {}, tok.neighbour)).data.caseShares.totalCount).toBe(0);
      // The police are unaffected by the neighbour's share: still their own categories only.
      expect((await one('pcso', caseA)).data.sharedCase.categories).toEqual(['IDENTITY', 'INCIDENTS']);
    });
  });

  describe('case updates from partners', () => {
    it('a partner adds updates to a case shared with it; the library reads them; other recipients do not', async () => {
      const r = await t.gql(ADD_UPDATE, { i: { caseId: caseA, kind: 'ACTION_TAKEN', body: 'Spoke to Alex on patrol; advised about the ban' } }, tok.pcso);
      expect(r.errors).toBeUndefined();
      expect(r.data.addCaseUpdate).toMatchObject({ partnerOrganisationId: police, authorRole: 'PARTNER', kind: 'ACTION_TAKEN' });
      const n = await t.gql(ADD_UPDATE, { i: { caseId: caseA, kind: 'INFORMATION', body: 'Known to our outreach team too' } }, tok.neighbour);
      expect(n.errors).toBeUndefined();
      expect(codeOf(await t.gql(ADD_UPDATE, { i: { caseId: caseC, kind: 'INFORMATION', body: 'x' } }, tok.pcso))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(ADD_UPDATE, { i: { caseId: caseA, kind: 'INFORMATION', body: 'x' } }, tok.faraway))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(ADD_UPDATE, { i: { caseId: caseA, kind: 'INFORMATION', body: 'x' } }, tok.staff))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(ADD_UPDATE, { i: { caseId: caseA, kind: 'INFORMATION', body: '' } }, tok.pcso))).toBe('BAD_USER_INPUT');
      expect(bodies((await one('pcso', caseA)).data.sharedCase.updates)).toEqual(['Spoke to Alex on patrol; advised about the ban']);
      expect(bodies((await one('neighbour', caseA)).data.sharedCase.updates)).toEqual(['Known to our outreach team too']);
      expect((await one('foodbank', caseA)).data.sharedCase.updates).toMatchObject({ totalCount: 0, edges: [] });
      const lib = await t.gql(CASE_UPDATES, { c: caseA }, tok.manager);
      expect(bodies(lib.data.caseUpdates)).toEqual(['Spoke to Alex on patrol; advised about the ban', 'Known to our outreach team too']);
      expect(lib.data.caseUpdates.totalCount).toBe(2);
      expect((await t.gql(CASE_UPDATES, { c: caseA }, tok.staff)).data.caseUpdates).toMatchObject({ totalCount: 0, edges: [] });
    });
  });

  it('a restricted subject (Article 18) cannot be shared, and their live shares stop showing until the restriction is lifted', async () => {
    const restriction = await createRestriction(t.db, { serviceId: demo, subjectId: subjectA, restrictedById: manager });
    expect(codeOf(await one('pcso', caseA))).toBe('NOT_FOUND');
    expect((await list('pcso')).edges.map((e: any) => e.node.id)).not.toContain(caseA);
    const refused = await share({ caseId: caseA, agreementId: everything, partnerOrganisationId: foodbank, categories: ['BANS'] });
    // A restricted person's case is readable by the DPO only, so to the manager it is not there at all.
    expect(codeOf(refused)).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(ADD_UPDATE, { i: { caseId: caseA, kind: 'INFORMATION', body: 'x' } }, tok.pcso))).toBe('NOT_FOUND');
    await t.db.query(`UPDATE subject_restriction SET lifted_at = now(), lifted_by_id = $2, lift_reason = 'Resolved' WHERE id = $1`, [restriction, manager]);
    expect((await one('pcso', caseA)).data.sharedCase.id).toBe(caseA);
  });

  it('the internal note, summary and debrief never reach a partner', async () => {
    const r = await t.gql(ONE, { id: caseA }, tok.pcso, PURPOSE);
    expect(JSON.stringify(r)).not.toMatch(/never shared|internal/);
  });
});
