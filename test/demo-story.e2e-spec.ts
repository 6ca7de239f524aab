import { createLogger } from '../apps/api/logger.js';
import { seedDemo } from '../apps/api/seed/demo-seed.js';
import { buildProgram } from '../apps/cli/program.js';
import { ConfigError, loadConfig } from '../libs/common/src/index.js';
import { demoServiceId } from './support/builders.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * The full demo (SEED_DEMO=full, what `npm start` seeds on a fresh embedded database): every
 * role finds the story on its own screens, through GraphQL, and seeding again changes nothing.
 */
describe('demo story', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let central: string;

  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'full' });
    for (const role of ['manager', 'outreach', 'staff', 'pcso', 'dpo']) tok[role] = await t.login(`${role}@demo.test`);
    [{ id: central }] = await t.db.query(`SELECT id FROM branch WHERE name = 'Central Library'`);
  });
  afterAll(() => t.close());

  const ok = async <T = any>(query: string, token: string, variables?: Record<string, unknown>): Promise<T> => {
    const r = await t.gql<T>(query, variables, token);
    expect(r.errors).toBeUndefined();
    return r.data;
  };

  it('the manager sees the people, cases, incidents, a ban due for review, the overdue referral and the police agreement', async () => {
    const d = await ok(
      `{
      subjects(first: 50) { totalCount edges { node { name description dataProtection { lawfulBasis retainUntil } } } }
      cases(first: 50) { totalCount edges { node { title status } } }
      incidents(first: 50) { totalCount edges { node { occurredAt category dataProtection { retainUntil criminalOffenceCondition } } } }
      bansDueForReview { totalCount edges { node { subjectLabel reviewOn effectiveStatus } } }
      overdueReferrals { totalCount edges { node { reason isOverdue } } }
      overdueFollowUps { edges { node { description isOverdue } } }
      dataSharingAgreements { edges { node { title status } } }
      intelligenceItems(first: 50, filter: { statuses: [SUBMITTED] }) { totalCount edges { node { submittedByOrganisationId } } }
    }`,
      tok.manager,
    );
    expect(d.subjects.totalCount).toBe(6);
    expect(d.subjects.edges.map((e: any) => e.node.name)).toEqual(
      expect.arrayContaining(['Danny Demo', 'Sid Sample', 'Terry Testcase', 'Ellie Example', 'Percy Placeholder', null]),
    );
    for (const e of d.subjects.edges)
      expect(e.node.dataProtection).toMatchObject({ lawfulBasis: 'PUBLIC_TASK', retainUntil: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) });
    expect(d.cases.totalCount).toBe(4);
    expect(d.cases.edges.map((e: any) => e.node.status).sort()).toEqual(['MONITORING', 'OPEN', 'OPEN', 'OPEN']);
    expect(d.incidents.totalCount).toBe(8);
    const times = d.incidents.edges.map((e: any) => Date.parse(e.node.occurredAt));
    expect(Math.min(...times)).toBeLessThan(Date.now() - 90 * 86_400_000); // over the last months, not all today
    expect(d.incidents.edges.filter((e: any) => e.node.dataProtection.criminalOffenceCondition)).toHaveLength(1); // the theft with a crime reference
    expect(d.bansDueForReview.edges.map((e: any) => e.node)).toEqual([expect.objectContaining({ subjectLabel: 'Danny Demo', effectiveStatus: 'ACTIVE' })]);
    expect(d.overdueReferrals.edges.map((e: any) => e.node)).toEqual([expect.objectContaining({ isOverdue: true, reason: expect.stringMatching(/cuckooed/) })]);
    expect(d.overdueFollowUps.edges.map((e: any) => e.node.description)).toContain('Send Street Pastors the Friday closing-time rota');
    expect(d.dataSharingAgreements.edges.map((e: any) => e.node)).toContainEqual({ title: 'Town Centre information sharing agreement', status: 'ACTIVE' });
    expect(d.intelligenceItems.totalCount).toBe(1); // what the police team submitted, waiting for a decision
  });

  it('the outreach worker sees their referrals in every state, and the desk warning', async () => {
    const d = await ok(
      `query($b: ID!) {
      referrals(first: 50) { totalCount edges { node { status referredById partnerOrganisation { name } } } }
      branchWarnings(branchId: $b) { edges { node { text } } }
      me { id }
    }`,
      tok.outreach,
      { b: central },
    );
    expect(d.referrals.totalCount).toBe(5);
    expect(d.referrals.edges.map((e: any) => e.node.status).sort()).toEqual(['ACCEPTED', 'DRAFT', 'SENT', 'SENT', 'SENT']);
    for (const e of d.referrals.edges) expect(e.node.referredById).toBe(d.me.id);
    expect(d.branchWarnings.edges).toHaveLength(1);
  });

  it('the PCSO sees the cases shared with the police team, with their purpose, and the referrals sent to it', async () => {
    const d = await ok(
      `{
      sharedCases(first: 20, purpose: "Patrol briefing") { totalCount edges { node {
        title categories shares { reason agreementTitle } subject { name } incidents { category branchName crimeReferenceNumber }
        bans { status branchNames } referrals { status } contact { contactRoutes } intelligence { handlingCode body } specialCategory { isAdultAtRisk details { category } } updates { edges { node { body } } }
      } } }
      incomingReferrals(first: 20) { totalCount edges { node { status isOverdue subject { name } } } }
    }`,
      tok.pcso,
    );
    expect(d.sharedCases.totalCount).toBe(3);
    const byName = Object.fromEntries(d.sharedCases.edges.map((e: any) => [e.node.subject.name, e.node]));
    expect(Object.keys(byName).sort()).toEqual(['Danny Demo', 'Sid Sample', 'Terry Testcase']);
    for (const c of Object.values<any>(byName))
      expect(c.shares).toEqual([expect.objectContaining({ reason: expect.any(String), agreementTitle: 'Town Centre information sharing agreement' })]);
    const danny = byName['Danny Demo'];
    expect(danny.incidents.map((i: any) => i.category).sort()).toEqual(['ANTISOCIAL_BEHAVIOUR', 'DRUGS_OR_ALCOHOL', 'VERBAL_ABUSE']);
    expect(danny.bans).toEqual([{ status: 'ACTIVE', branchNames: ['Central Library', 'Northgate Library'] }]);
    expect(danny.intelligence.map((i: any) => i.handlingCode).sort()).toEqual(['C', 'P']); // the C item names the police team; the submission is not accepted yet
    expect(danny.updates.edges).toHaveLength(1);
    expect(danny.referrals).toBeNull(); // not shared on this case
    expect(byName['Sid Sample'].incidents.map((i: any) => i.crimeReferenceNumber)).toContain('CRN-DEMO-0413');
    expect(byName['Terry Testcase'].referrals.length).toBeGreaterThan(0);
    expect(byName['Terry Testcase'].contact.contactRoutes.length).toBeGreaterThan(0);
    expect(byName['Terry Testcase'].incidents).toBeNull();
    expect(byName['Terry Testcase'].specialCategory).toEqual({ isAdultAtRisk: true, details: [{ category: 'MENTAL_HEALTH' }] });
    expect(danny.specialCategory).toBeNull();
    expect(d.incomingReferrals.totalCount).toBe(2);
    expect(d.incomingReferrals.edges.map((e: any) => [e.node.subject.name, e.node.status, e.node.isOverdue]).sort()).toEqual([
      ['Danny Demo', 'ACCEPTED', false],
      ['Terry Testcase', 'SENT', true],
    ]);
  });

  it('staff at Central see the bans in force there, its incidents only, and the warning', async () => {
    const d = await ok(
      `query($b: ID!) {
      activeBans(branchId: $b) { totalCount edges { node { subjectName status } } }
      incidents(first: 50) { totalCount edges { node { branchId } } }
      bans(first: 20) { edges { node { status subjectLabel } } }
      branchWarnings(branchId: $b) { edges { node { text } } }
    }`,
      tok.staff,
      { b: central },
    );
    expect(d.activeBans.edges.map((e: any) => e.node.subjectName).sort()).toEqual(['Danny Demo', 'Sid Sample']);
    expect(d.incidents.totalCount).toBe(4);
    for (const e of d.incidents.edges) expect(e.node.branchId).toBe(central);
    expect(d.bans.edges.map((e: any) => e.node.status)).toEqual(['PROPOSED']); // the ban they proposed at the desk
    expect(d.branchWarnings.edges[0].node.text).toMatch(/rear entrance/);
  });

  it('was written through the services: audited as the demo users, with retention from the backdated dates', async () => {
    const service = await demoServiceId(t.db);
    const created = await t.db.query(
      `SELECT entity_type, count(*)::int AS n FROM audit_event WHERE action = 'CREATE' AND request_id = 'demo-seed' AND library_service_id = $1 GROUP BY entity_type`,
      [service],
    );
    expect(Object.fromEntries(created.map((r: any) => [r.entity_type, r.n]))).toMatchObject({
      Subject: 6,
      Case: 4,
      CaseNote: 7,
      Incident: 8,
      Ban: 3,
      Referral: 5,
      IntelligenceItem: 3,
    });
    const [overdue] = await t.db.query(
      `SELECT created_at, sent_at, retain_until::text AS retain_until FROM referral WHERE status = 'SENT' ORDER BY sent_at LIMIT 1`,
    );
    expect(Date.now() - overdue.sent_at.getTime()).toBeGreaterThan(14 * 86_400_000);
    expect(overdue.retain_until.slice(4)).toBe(overdue.created_at.toISOString().slice(4, 10)); // a provisional date from when it was created
  });

  it('seeding again, from the app or the CLI, changes nothing', async () => {
    const before = await tableCounts(t);
    await seedDemo(t.db, createLogger('silent'), 'full');
    await buildProgram(
      async (fn) => fn(t.running.db),
      () => undefined,
    ).parseAsync(['node', 'cli', 'seed']);
    expect(await tableCounts(t)).toEqual(before);
  });
});

describe('SEED_DEMO', () => {
  it('reads full (or true), base and false, and refuses anything else', () => {
    expect(loadConfig({ SEED_DEMO: 'true' }).SEED_DEMO).toBe('full');
    expect(loadConfig({ SEED_DEMO: 'full' }).SEED_DEMO).toBe('full');
    expect(loadConfig({ SEED_DEMO: 'base' }).SEED_DEMO).toBe('base');
    expect(loadConfig({ SEED_DEMO: 'false' }).SEED_DEMO).toBe(false);
    expect(loadConfig({}).SEED_DEMO).toBeUndefined();
    expect(() => loadConfig({ SEED_DEMO: 'everything' })).toThrow(ConfigError);
    expect(() => loadConfig({ SEED_DEMO: 'everything' })).toThrow(/SEED_DEMO must be full \(or true\), base, or false/);
  });
});

/** Rows in every table of the test's schema. */
async function tableCounts(t: TestApp): Promise<Record<string, number>> {
  const tables: { name: string }[] = await t.db.query(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) counts[name] = (await t.db.query(`SELECT count(*)::int AS n FROM "${name}"`))[0].n;
  return counts;
}
