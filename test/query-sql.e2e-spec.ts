import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAgreement, createBan, createCase, createIncident, createIntelligence, createShare, createSubject, demoServiceId, userId } from './support/builders.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * The SQL each hot, permission-filtered query issues, per role, committed under test/sql/ (the
 * Immich habit): a change to who-sees-what, or an N+1, shows up in review as a SQL diff.
 * This test fails when the SQL differs from the committed file; `UPDATE_SQL=1 npm test -- query-sql`
 * rewrites the files.
 */
const ALL_ROLES = ['manager', 'outreach', 'staff', 'pcso', 'dpo'];

/** A case shared with the demo police (the demo data shares nothing), so the SQL of every section it asks for shows. */
async function shareACaseWithThePolice(t: TestApp): Promise<void> {
  const demo = await demoServiceId(t.db);
  const manager = await userId(t.db, 'manager@demo.test');
  const [{ id: police }] = await t.db.query(`SELECT id FROM partner_organisation WHERE type = 'POLICE_NEIGHBOURHOOD_TEAM' AND library_service_id = $1`, [demo]);
  const [{ id: branch }] = await t.db.query(`SELECT id FROM branch WHERE name = 'Central Library'`);
  const subjectId = await createSubject(t.db, { serviceId: demo, createdById: manager, name: 'Sam Shared' });
  const caseId = await createCase(t.db, { serviceId: demo, subjectId, ownerId: manager, title: 'Shared with the police' });
  await createIncident(t.db, { serviceId: demo, branchId: branch, recordedById: manager, subjectId });
  await createBan(t.db, { serviceId: demo, subjectId, byId: manager });
  await createIntelligence(t.db, { serviceId: demo, caseId, subjectId, authorId: manager });
  const categories = ['IDENTITY', 'INCIDENTS', 'BANS', 'INTELLIGENCE'];
  const agreementId = await createAgreement(t.db, { serviceId: demo, createdById: manager, categories, organisationIds: [police] });
  await createShare(t.db, { serviceId: demo, caseId, agreementId, byId: manager, categories, organisationId: police });
}

/**
 * `roles`: who runs it (default: all). `setup`: data it needs, made before it runs. `unordered`: its
 * loaders run at the same time, so on a connection pool their statements come in no fixed order:
 * committed sorted (as a set).
 */
const HOT_QUERIES: Record<string, { query: string; roles?: string[]; setup?: (t: TestApp) => Promise<void>; unordered?: boolean }> = {
  partnerOrganisations: { query: `{ partnerOrganisations(first: 20, filter: { search: "a" }) { totalCount edges { node { id name contacts { id name } } } } }` },
  partnerContacts: { query: `{ partnerContacts(first: 20) { totalCount edges { node { id name } } } }` },
  contactLogs: { query: `{ contactLogs(first: 20) { totalCount edges { node { id partnerOrganisation { name } followUpActions { id } } } } }` },
  subjects: { query: `{ subjects(first: 20) { totalCount edges { node { id name specialCategory { id } } } } }`, roles: ['manager', 'outreach', 'dpo'] },
  incidents: { query: `{ incidents(first: 20) { totalCount edges { node { id category } } } }`, roles: ['manager', 'outreach', 'staff', 'dpo'] },
  cases: { query: `{ cases(first: 20) { totalCount edges { node { id status } } } }`, roles: ['manager', 'outreach', 'dpo'] },
  referrals: { query: `{ referrals(first: 20) { totalCount edges { node { id status } } } }`, roles: ['manager', 'outreach', 'dpo'] },
  incomingReferrals: { query: `{ incomingReferrals(first: 20) { totalCount edges { node { id status } } } }`, roles: ['pcso'] },
  // Last: its setup adds a person and a case, which the lists above would show.
  sharedCases: {
    query: `{ sharedCases(first: 20, purpose: "Reviewing shared cases") { totalCount edges { node { id categories subject { name } incidents { id } bans { id } intelligence { id } } } } }`,
    roles: ['pcso', 'manager'], setup: shareACaseWithThePolice, unordered: true,
  },
};
const SQL_DIR = join(dirname(fileURLToPath(import.meta.url)), 'sql');

/** One line per statement; a multi-row INSERT shows its row count instead of every placeholder. */
function normalise(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim().replace(/VALUES (\([^)]*\))(?:, \([^)]*\))*/g, (all, first: string) => {
    const rows = all.split('), (').length;
    return `VALUES ${first.replace(/\$\d+/g, '?')} × ${rows} row(s)`;
  });
}

describe('committed SQL of permission-filtered queries', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  let captured: string[] | null = null;

  beforeAll(async () => {
    t = await startTestApp();
    for (const role of ALL_ROLES) tokens[role] = await t.login(`${role}@demo.test`);
    const logger = t.db.logger;
    // Record every statement the app issues while a query runs.
    (t.db as unknown as { logger: unknown }).logger = new Proxy(logger, {
      get: (target, prop) => (prop === 'logQuery' ? (query: string) => { captured?.push(query); } : Reflect.get(target, prop)),
    });
  });
  afterAll(() => t.close());

  it.each(Object.keys(HOT_QUERIES))('%s', async (name) => {
    const sections: string[] = [];
    const { query, roles = ALL_ROLES, setup, unordered } = HOT_QUERIES[name];
    await setup?.(t);
    for (const role of roles) {
      captured = [];
      const r = await t.gql(query, {}, tokens[role]);
      expect(r.errors).toBeUndefined();
      const statements = captured.filter((q) => !/^(START TRANSACTION|COMMIT|ROLLBACK)/.test(q)).map((q) => `${normalise(q)};`);
      captured = null;
      if (unordered) statements.sort();
      sections.push(`-- ${name} as ${role.toUpperCase()}\n${statements.join('\n')}\n`);
    }
    const text = `-- Generated by test/query-sql.e2e-spec.ts; regenerate with UPDATE_SQL=1 npm test -- query-sql\n-- GraphQL: ${query}\n\n${sections.join('\n')}`;
    const file = join(SQL_DIR, `${name}.sql`);
    if (process.env.UPDATE_SQL || !existsSync(file)) {
      mkdirSync(SQL_DIR, { recursive: true });
      writeFileSync(file, text);
    }
    expect(text).toEqual(readFileSync(file, 'utf8'));
  });
});
