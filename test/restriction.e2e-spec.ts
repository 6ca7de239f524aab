import { createPersonRecords, createRestriction, demoServiceId, type PersonRecords } from './support/builders.js';
import { codeOf, startTestApp, type TestApp } from './support/test-app.js';

/**
 * Restriction of processing (UK GDPR Art 18) across the contexts: while a person is restricted,
 * their subject, special category, cases, bans, referrals and intelligence are readable by the DPO
 * only, in lists (and counts) as in single reads. Lifting the restriction brings them back.
 */
describe('restricted subjects (e2e)', () => {
  let t: TestApp;
  let r: PersonRecords;
  let serviceId: string;
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};

  const ONE = {
    subject: `query($id: ID!) { subject(id: $id) { id } }`,
    case: `query($id: ID!) { case(id: $id) { id } }`,
    ban: `query($id: ID!) { ban(id: $id) { id } }`,
    referral: `query($id: ID!) { referral(id: $id) { id } }`,
    intelligenceItem: `query($id: ID!) { intelligenceItem(id: $id) { id } }`,
  };
  const LISTS = `query($s: ID!) {
    subjects(first: 100) { totalCount edges { node { id } } }
    cases(first: 100, filter: { subjectId: $s }) { totalCount }
    bans(first: 100, filter: { subjectId: $s }) { totalCount }
    referrals(first: 100) { edges { node { id } } }
    intelligenceItems(first: 100) { edges { node { id } } } }`;

  beforeAll(async () => {
    t = await startTestApp();
    serviceId = await demoServiceId(t.db);
    for (const who of ['manager', 'outreach', 'dpo', 'pcso']) tok[who] = await t.login(`${who}@demo.test`);
    for (const who of ['manager', 'dpo']) ids[who] = (await t.db.query('SELECT id FROM app_user WHERE email = $1', [`${who}@demo.test`]))[0].id;
    const [branch] = await t.db.query('SELECT id FROM branch WHERE library_service_id = $1 ORDER BY name LIMIT 1', [serviceId]);
    const [police] = await t.db.query(`SELECT id FROM partner_organisation WHERE type = 'POLICE_NEIGHBOURHOOD_TEAM' AND library_service_id = $1`, [serviceId]);
    r = await createPersonRecords(t.db, { serviceId, userId: ids.manager, partnerId: police.id, branchId: branch.id, name: 'Robin Restricted' });
    await t.db.query(`UPDATE intelligence_item SET status = 'ACCEPTED', decided_at = now(), decided_by_id = $2 WHERE id = $1`, [r.intelligence, ids.manager]);
  });
  afterAll(() => t.close());

  const reads = async (who: string) => {
    const single = {
      subject: codeOf(await t.gql(ONE.subject, { id: r.subject }, tok[who])) ?? 'OK',
      case: codeOf(await t.gql(ONE.case, { id: r.caseId }, tok[who])) ?? 'OK',
      ban: codeOf(await t.gql(ONE.ban, { id: r.ban }, tok[who])) ?? 'OK',
      referral: codeOf(await t.gql(ONE.referral, { id: r.referral }, tok[who])) ?? 'OK',
      intelligenceItem: codeOf(await t.gql(ONE.intelligenceItem, { id: r.intelligence }, tok[who])) ?? 'OK',
    };
    const lists = await t.gql(LISTS, { s: r.subject }, tok[who]);
    expect(lists.errors).toBeUndefined();
    const d = lists.data;
    return {
      single,
      listed: {
        subject: d.subjects.edges.some((e: any) => e.node.id === r.subject),
        cases: d.cases.totalCount,
        bans: d.bans.totalCount,
        referral: d.referrals.edges.some((e: any) => e.node.id === r.referral),
        intelligence: d.intelligenceItems.edges.some((e: any) => e.node.id === r.intelligence),
      },
    };
  };
  const everything = {
    single: { subject: 'OK', case: 'OK', ban: 'OK', referral: 'OK', intelligenceItem: 'OK' },
    listed: { subject: true, cases: 1, bans: 1, referral: true, intelligence: true },
  };
  const nothing = {
    single: { subject: 'NOT_FOUND', case: 'NOT_FOUND', ban: 'NOT_FOUND', referral: 'NOT_FOUND', intelligenceItem: 'NOT_FOUND' },
    listed: { subject: false, cases: 0, bans: 0, referral: false, intelligence: false },
  };

  it('before the restriction, the manager and the DPO read every record of the person', async () => {
    expect(await reads('manager')).toEqual(everything);
    expect(await reads('dpo')).toEqual(everything);
  });

  it('while restricted, only the DPO reads them; managers, outreach workers and the partner see nothing', async () => {
    await createRestriction(t.db, { serviceId, subjectId: r.subject, restrictedById: ids.dpo });
    expect(await reads('manager')).toEqual(nothing);
    expect(await reads('outreach')).toEqual(nothing);
    expect(await reads('dpo')).toEqual(everything);
    // A duplicate merged into the person is one of their records (found by test/authorisation-random.e2e-spec.ts).
    for (const who of ['manager', 'outreach']) expect(codeOf(await t.gql(ONE.subject, { id: r.duplicate }, tok[who]))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(ONE.subject, { id: r.duplicate }, tok.dpo))).toBeUndefined();
    const incoming = await t.gql(`{ incomingReferrals(first: 100) { edges { node { id } } } }`, {}, tok.pcso);
    expect(incoming.data.incomingReferrals.edges.map((e: any) => e.node.id)).not.toContain(r.referral);
    expect(codeOf(await t.gql(ONE.referral, { id: r.referral }, tok.pcso))).toBe('NOT_FOUND');
  });

  it('a restricted person cannot be changed by a manager either', async () => {
    const res = await t.gql(
      `mutation($i: UpdateSubjectInput!) { updateSubject(input: $i) { id } }`,
      { i: { id: r.subject, version: 1, notes: 'x' } },
      tok.manager,
    );
    expect(codeOf(res)).toBe('NOT_FOUND');
  });

  it('lifting the restriction brings the records back at once', async () => {
    await t.db.query(`UPDATE subject_restriction SET lifted_at = now(), lifted_by_id = $2, lift_reason = 'Accuracy verified' WHERE subject_id = $1`, [
      r.subject,
      ids.dpo,
    ]);
    expect(await reads('manager')).toEqual(everything);
  });
});
