import { auditRows, createLibraryService, createPartner, createUser, demoServiceId, isoDaysFromNow, userId } from './support/builders.js';
import { codeOf, startTestApp, type TestApp } from './support/test-app.js';

const FIELDS = `id title status categories startsOn endsOn reviewOn version statusReason usesSection115 dpaPart3
  parties { partnerOrganisationId partyLibraryServiceId name } signatories { name onBehalfOf signedOn }`;
const CREATE = `mutation($i: CreateAgreementInput!) { createDataSharingAgreement(input: $i) { ${FIELDS} } }`;
const UPDATE = `mutation($i: UpdateAgreementInput!) { updateDataSharingAgreement(input: $i) { ${FIELDS} } }`;
const ACTIVATE = `mutation($id: ID!, $v: Int!) { activateDataSharingAgreement(input: { id: $id, version: $v }) { ${FIELDS} } }`;
const SUSPEND = `mutation($id: ID!, $v: Int!, $r: String!) { suspendDataSharingAgreement(input: { id: $id, version: $v, reason: $r }) { ${FIELDS} } }`;
const TERMINATE = `mutation($id: ID!, $v: Int!, $r: String!) { terminateDataSharingAgreement(input: { id: $id, version: $v, reason: $r }) { ${FIELDS} } }`;
const LIST = `query($f: AgreementFilterInput, $first: Int, $after: String) { dataSharingAgreements(filter: $f, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id title status } } } }`;
const ONE = `query($id: ID!) { dataSharingAgreement(id: $id) { ${FIELDS} } }`;
const DUE = `query($d: Int!) { agreementsDueForReview(withinDays: $d, first: 100) { totalCount edges { node { id title reviewOn status } } } }`;
const dueIds = (r: any) => r.data.agreementsDueForReview.edges.map((e: any) => e.node.id);

describe('data sharing agreements (e2e over HTTP)', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let demo: string;
  let police: string;
  let foodbank: string;
  let neighbour: string;
  let otherServicePartner: string;
  const today = isoDaysFromNow(0);

  const draft = (over: Record<string, unknown> = {}) => ({
    title: 'Town centre ASB information sharing',
    purpose: 'Reducing antisocial behaviour in and around the town centre libraries',
    lawfulBasis: 'PUBLIC_TASK',
    usesSection115: true,
    categories: ['IDENTITY', 'INCIDENTS', 'BANS'],
    startsOn: isoDaysFromNow(-1),
    reviewOn: isoDaysFromNow(180),
    retentionAgreed: 'Deleted 12 months after the case closes',
    securityMeasures: 'Secure email; named users only',
    partnerOrganisationIds: [police],
    signatories: [{ name: 'Morgan Manager', onBehalfOf: 'Demo Shire Libraries', signedOn: isoDaysFromNow(-2) }],
    ...over,
  });
  const create = async (over: Record<string, unknown> = {}) => {
    const r = await t.gql(CREATE, { i: draft(over) }, tok.manager);
    expect(r.errors).toBeUndefined();
    return r.data.createDataSharingAgreement;
  };
  const activate = async (a: { id: string; version: number }) => {
    const r = await t.gql(ACTIVATE, { id: a.id, v: a.version }, tok.manager);
    expect(r.errors).toBeUndefined();
    return r.data.activateDataSharingAgreement;
  };

  beforeAll(async () => {
    t = await startTestApp();
    demo = await demoServiceId(t.db);
    for (const who of ['admin', 'manager', 'outreach', 'staff', 'pcso', 'dpo']) tok[who] = await t.login(`${who}@demo.test`);
    [{ id: police }] = await t.db.query(`SELECT id FROM partner_organisation WHERE type = 'POLICE_NEIGHBOURHOOD_TEAM' AND library_service_id = $1`, [demo]);
    [{ id: foodbank }] = await t.db.query(`SELECT id FROM partner_organisation WHERE name = 'Hope Foodbank'`);
    await createUser(t.db, { email: 'foodbank@demo.test', role: 'PARTNER', serviceId: demo, partnerId: foodbank });
    tok.foodbank = await t.login('foodbank@demo.test');
    neighbour = await createLibraryService(t.db, { name: 'Neighbouring County Libraries' });
    otherServicePartner = await createPartner(t.db, { serviceId: neighbour, name: 'Neighbouring Police', type: 'POLICE_NEIGHBOURHOOD_TEAM' });
    await createUser(t.db, { email: 'manager@neighbour.test', role: 'MANAGER', serviceId: neighbour });
    tok.neighbour = await t.login('manager@neighbour.test');
    const third = await createLibraryService(t.db, { name: 'Far Away Libraries' });
    await createUser(t.db, { email: 'manager@faraway.test', role: 'MANAGER', serviceId: third });
    tok.faraway = await t.login('manager@faraway.test');
  });
  afterAll(() => t.close());

  it('a manager drafts an agreement with parties and signatories; it starts as DRAFT and is audited', async () => {
    const a = await create({ libraryServiceIds: [neighbour], partnerOrganisationIds: [police, foodbank] });
    expect(a.status).toBe('DRAFT');
    expect(a.parties.map((p: any) => p.name).sort()).toEqual(['Hope Foodbank', 'Neighbouring County Libraries', 'Town Centre Neighbourhood Policing Team']);
    expect(a.signatories).toEqual([{ name: 'Morgan Manager', onBehalfOf: 'Demo Shire Libraries', signedOn: isoDaysFromNow(-2) }]);
    expect(await auditRows(t.db, { action: 'CREATE', entityType: 'DataSharingAgreement', entityId: a.id })).toHaveLength(1);
    // A draft is the library's business: parties do not see it yet.
    for (const who of ['pcso', 'neighbour']) expect(codeOf(await t.gql(ONE, { id: a.id }, tok[who]))).toBe('NOT_FOUND');
  });

  it('activation needs signatories, a start date and a party, and says which are missing', async () => {
    const a = await create({ signatories: [], partnerOrganisationIds: [], startsOn: null, reviewOn: null });
    const r = await t.gql(ACTIVATE, { id: a.id, v: a.version }, tok.manager);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].message).toMatch(/start date.*party.*signatory.*review date/);
    const fixed = await t.gql(
      UPDATE,
      {
        i: {
          id: a.id,
          version: a.version,
          startsOn: today,
          reviewOn: isoDaysFromNow(90),
          partnerOrganisationIds: [police],
          signatories: [{ name: 'Insp. Jones', jobTitle: 'Inspector', onBehalfOf: 'Town Centre NPT', signedOn: today }],
        },
      },
      tok.manager,
    );
    expect(fixed.errors).toBeUndefined();
    const active = await activate(fixed.data.updateDataSharingAgreement);
    expect(active.status).toBe('ACTIVE');
  });

  it('the review date defaults to one year after the start when the start is set by an update too, so the dated draft can be activated', async () => {
    const yearAfter = (d: string) =>
      new Date(Date.UTC(Number(d.slice(0, 4)) + 1, Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)))).toISOString().slice(0, 10);
    expect((await create({ startsOn: today, reviewOn: undefined })).reviewOn).toBe(yearAfter(today));
    const a = await create({ startsOn: null, reviewOn: null });
    expect(a.reviewOn).toBeNull();
    const dated = await t.gql(UPDATE, { i: { id: a.id, version: a.version, startsOn: isoDaysFromNow(-3) } }, tok.manager);
    expect(dated.errors).toBeUndefined();
    expect(dated.data.updateDataSharingAgreement.reviewOn).toBe(yearAfter(isoDaysFromNow(-3)));
    // Moving the start moves the review date it gave; a review date the manager chose stays where it is.
    const moved = (await t.gql(UPDATE, { i: { id: a.id, version: a.version + 1, startsOn: today } }, tok.manager)).data.updateDataSharingAgreement;
    expect(moved.reviewOn).toBe(yearAfter(today));
    const chosen = (await t.gql(UPDATE, { i: { id: a.id, version: moved.version, reviewOn: isoDaysFromNow(100) } }, tok.manager)).data
      .updateDataSharingAgreement;
    const kept = (await t.gql(UPDATE, { i: { id: a.id, version: chosen.version, startsOn: isoDaysFromNow(-1) } }, tok.manager)).data.updateDataSharingAgreement;
    expect(kept.reviewOn).toBe(isoDaysFromNow(100));
    // Cleared with a start in place, it falls back to the default, as on create.
    const cleared = (await t.gql(UPDATE, { i: { id: a.id, version: kept.version, reviewOn: null } }, tok.manager)).data.updateDataSharingAgreement;
    expect(cleared.reviewOn).toBe(yearAfter(isoDaysFromNow(-1)));
    expect(await activate(cleared)).toMatchObject({ status: 'ACTIVE', reviewOn: yearAfter(isoDaysFromNow(-1)) });
  });

  it('an ACTIVE agreement is visible to the partner organisations and library services it names, and to nobody else outside the service', async () => {
    const a = await activate(await create({ title: 'Visible to parties', partnerOrganisationIds: [police], libraryServiceIds: [neighbour] }));
    for (const who of ['manager', 'outreach', 'dpo', 'pcso', 'neighbour']) {
      const r = await t.gql(ONE, { id: a.id }, tok[who]);
      expect(r.errors).toBeUndefined();
      expect(r.data.dataSharingAgreement.title).toBe('Visible to parties');
    }
    for (const who of ['foodbank', 'faraway', 'staff', 'admin']) expect(codeOf(await t.gql(ONE, { id: a.id }, tok[who]))).toBe('NOT_FOUND');
    const pcsoList = await t.gql(LIST, { first: 100 }, tok.pcso);
    expect(pcsoList.data.dataSharingAgreements.edges.map((e: any) => e.node.id)).toContain(a.id);
    expect(pcsoList.data.dataSharingAgreements.edges.every((e: any) => e.node.status !== 'DRAFT')).toBe(true);
    const foodbankList = await t.gql(LIST, { first: 100 }, tok.foodbank);
    expect(foodbankList.data.dataSharingAgreements.edges.map((e: any) => e.node.id)).not.toContain(a.id);
    expect((await t.gql(LIST, {}, tok.staff)).data.dataSharingAgreements.totalCount).toBe(0);
    expect((await t.gql(LIST, {}, tok.faraway)).data.dataSharingAgreements.totalCount).toBe(0);
  });

  it('only managers draft, change and move agreements', async () => {
    for (const who of ['admin', 'outreach', 'staff', 'pcso', 'dpo']) {
      expect(codeOf(await t.gql(CREATE, { i: draft({ title: `By ${who}` }) }, tok[who]))).toBe('FORBIDDEN');
    }
    const a = await create();
    for (const who of ['outreach', 'dpo']) {
      expect(codeOf(await t.gql(ACTIVATE, { id: a.id, v: a.version }, tok[who]))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(UPDATE, { i: { id: a.id, version: a.version, title: 'X' } }, tok[who]))).toBe('FORBIDDEN');
    }
    expect(codeOf(await t.gql(ACTIVATE, { id: a.id, v: a.version }, tok.neighbour))).toBe('NOT_FOUND');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM data_sharing_agreement WHERE title LIKE 'By %'`))[0].n).toBe(0);
  });

  it('suspend, activate again, terminate; a terminated agreement is final', async () => {
    let a = await activate(await create());
    const s = await t.gql(SUSPEND, { id: a.id, v: a.version, r: 'Partner breached the security terms' }, tok.manager);
    expect(s.data.suspendDataSharingAgreement).toMatchObject({ status: 'SUSPENDED', statusReason: 'Partner breached the security terms' });
    a = await activate(s.data.suspendDataSharingAgreement);
    expect(a.status).toBe('ACTIVE');
    const term = await t.gql(TERMINATE, { id: a.id, v: a.version, r: 'Partnership ended' }, tok.manager);
    expect(term.data.terminateDataSharingAgreement.status).toBe('TERMINATED');
    const again = await t.gql(ACTIVATE, { id: a.id, v: term.data.terminateDataSharingAgreement.version }, tok.manager);
    expect(codeOf(again)).toBe('CONFLICT');
    expect(again.errors![0].message).toMatch(/TERMINATED is final/);
    const draftOne = await create();
    expect(codeOf(await t.gql(SUSPEND, { id: draftOne.id, v: draftOne.version, r: 'x' }, tok.manager))).toBe('CONFLICT');
  });

  it('terms are frozen once active: categories and parties are CONFLICT, review and end dates may change; stale versions are CONFLICT', async () => {
    const a = await activate(await create());
    const cats = await t.gql(UPDATE, { i: { id: a.id, version: a.version, categories: ['IDENTITY', 'SPECIAL_CATEGORY'] } }, tok.manager);
    expect(codeOf(cats)).toBe('CONFLICT');
    expect(cats.errors![0].message).toMatch(/categories/);
    expect(codeOf(await t.gql(UPDATE, { i: { id: a.id, version: a.version, partnerOrganisationIds: [foodbank] } }, tok.manager))).toBe('CONFLICT');
    const reviewed = await t.gql(UPDATE, { i: { id: a.id, version: a.version, reviewOn: isoDaysFromNow(300), endsOn: isoDaysFromNow(400) } }, tok.manager);
    expect(reviewed.errors).toBeUndefined();
    expect(reviewed.data.updateDataSharingAgreement).toMatchObject({ reviewOn: isoDaysFromNow(300), endsOn: isoDaysFromNow(400), version: a.version + 1 });
    expect(codeOf(await t.gql(UPDATE, { i: { id: a.id, version: a.version, reviewOn: isoDaysFromNow(10) } }, tok.manager))).toBe('CONFLICT');
    expect(codeOf(await t.gql(SUSPEND, { id: a.id, v: a.version, r: 'stale' }, tok.manager))).toBe('CONFLICT');
  });

  it('EXPIRED follows from the end date at read time, with no job', async () => {
    const a = await activate(await create({ title: 'Expiring agreement' }));
    await t.db.query(`UPDATE data_sharing_agreement SET starts_on = current_date - 30, ends_on = current_date - 1 WHERE id = $1`, [a.id]);
    const r = await t.gql(ONE, { id: a.id }, tok.manager);
    expect(r.data.dataSharingAgreement.status).toBe('EXPIRED');
    const expired = await t.gql(LIST, { f: { statuses: ['EXPIRED'] }, first: 100 }, tok.manager);
    expect(expired.data.dataSharingAgreements.edges.map((e: any) => e.node.id)).toContain(a.id);
    const active = await t.gql(LIST, { f: { statuses: ['ACTIVE'] }, first: 100 }, tok.manager);
    expect(active.data.dataSharingAgreements.edges.map((e: any) => e.node.id)).not.toContain(a.id);
    expect(codeOf(await t.gql(SUSPEND, { id: a.id, v: r.data.dataSharingAgreement.version, r: 'x' }, tok.manager))).toBe('CONFLICT');
  });

  it('agreementsDueForReview lists running agreements whose review falls within the window, soonest first', async () => {
    const soon = await activate(await create({ title: 'Review soon', reviewOn: isoDaysFromNow(5) }));
    const later = await activate(await create({ title: 'Review later', reviewOn: isoDaysFromNow(20) }));
    const overdue = await activate(await create({ title: 'Review overdue', reviewOn: isoDaysFromNow(2) }));
    await t.db.query(`UPDATE data_sharing_agreement SET review_on = current_date - 3 WHERE id = $1`, [overdue.id]);
    const far = await activate(await create({ title: 'Review far off', reviewOn: isoDaysFromNow(200) }));
    const draftOne = await create({ title: 'Draft due', reviewOn: isoDaysFromNow(3) });
    const r = await t.gql(DUE, { d: 10 }, tok.manager);
    expect(r.errors).toBeUndefined();
    const ids = dueIds(r);
    expect(ids.indexOf(overdue.id)).toBeLessThan(ids.indexOf(soon.id));
    expect(ids).not.toContain(later.id);
    expect(ids).not.toContain(far.id);
    expect(ids).not.toContain(draftOne.id);
    expect(dueIds(await t.gql(DUE, { d: 30 }, tok.manager))).toContain(later.id);
    expect(codeOf(await t.gql(DUE, { d: -1 }, tok.manager))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(DUE, { d: 1000 }, tok.manager))).toBe('BAD_USER_INPUT');
    expect((await t.gql(DUE, { d: 30 }, tok.staff)).data.agreementsDueForReview).toMatchObject({ totalCount: 0, edges: [] });
  });

  it('the law: special category needs its condition; DPA 2018 Part 3 needs a police party', async () => {
    const special = await create({ categories: ['IDENTITY', 'SPECIAL_CATEGORY'] });
    const r = await t.gql(ACTIVATE, { id: special.id, v: special.version }, tok.manager);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].message).toMatch(/specialCategoryCondition/);
    const part3 = await create({ dpaPart3: true, partnerOrganisationIds: [foodbank] });
    expect((await t.gql(ACTIVATE, { id: part3.id, v: part3.version }, tok.manager)).errors![0].message).toMatch(/police partner/);
    const police3 = await create({ dpaPart3: true, categories: ['IDENTITY', 'CRIMINAL_OFFENCE'] });
    expect((await activate(police3)).status).toBe('ACTIVE');
  });

  it('validation: bad input is BAD_USER_INPUT naming the problem, and nothing is written', async () => {
    const before = (await t.db.query(`SELECT count(*)::int AS n FROM data_sharing_agreement`))[0].n;
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ partnerOrganisationIds: [otherServicePartner] }, /not active partner organisations of your library service/],
      [{ libraryServiceIds: [demo] }, /own library service/],
      [{ startsOn: isoDaysFromNow(10), endsOn: isoDaysFromNow(5) }, /endsOn/],
      [{ signatories: [{ name: 'X', onBehalfOf: 'Y', signedOn: isoDaysFromNow(3) }] }, /future/],
      [{ startsOn: '2026-02-30' }, /i\.startsOn.*must be a day of the calendar/],
      [{ title: '' }, /title/],
      [{ categories: ['IDENTITY', 'IDENTITY'] }, /categories/],
    ];
    for (const [over, message] of cases) {
      const r = await t.gql(CREATE, { i: draft(over) }, tok.manager);
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].message).toMatch(message);
    }
    const badEnum = await t.gql(CREATE, { i: draft({ categories: ['EVERYTHING'] }) }, tok.manager);
    expect(codeOf(badEnum)).toBe('BAD_USER_INPUT');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM data_sharing_agreement`))[0].n).toBe(before);
  });

  it('transitions are audited as updates by the manager', async () => {
    const a = await activate(await create());
    const managerId = await userId(t.db, 'manager@demo.test');
    const rows = await auditRows(t.db, { action: 'UPDATE', entityType: 'DataSharingAgreement', entityId: a.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: managerId, library_service_id: demo });
  });
});
