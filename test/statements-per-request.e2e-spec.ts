import { buildProgram } from '../apps/cli/program.js';
import { captureStatements, startTestApp, type TestApp } from './support/test-app.js';

/**
 * SQL statements per request for the two hot reads of the benchmarks (README "Benchmarks"): a
 * partner's page of shared cases with their sections, and a manager's page of incidents with the
 * people named on them. The count must not grow with the page size (no N+1: one query per section
 * for the whole page, whatever its length), and stays within the figure below, so that a change
 * which adds a statement to every request shows up here: a page of shared cases is the user, the
 * page with its count and its audit rows, the grants, one query per section asked for and their
 * audit rows; a page of incidents is the user, the page with its count and its audit rows, and the people named. The desk's write, recordIncident
 * with the essentials, is the user and one statement (its branch and retention checks and its audit row inside it). On generated data (`generate-data
 * --scale tiny`): 12 cases shared with the demo police team, hundreds of incidents.
 */
const LONG = 300_000;

const SHARED_CASES = `query($first: Int!) { sharedCases(first: $first, purpose: "Statement count") { totalCount edges { node { id title status
  subject { id name } incidents { id occurredAt category subjectParts } referrals { id status needs } } } } }`;
const INCIDENTS = `query($first: Int!) { incidents(first: $first) { totalCount edges { node { id occurredAt category severity people { subjectId label part } } } } }`;

describe('statements per request', () => {
  let app: TestApp;
  let capture: ReturnType<typeof captureStatements>;
  let tokens: Record<'pcso' | 'manager' | 'staff', string>;

  beforeAll(async () => {
    app = await startTestApp();
    const cli = buildProgram(
      async (fn) => fn({ dataSource: app.db, embedded: !process.env.DATABASE_URL, wasEmpty: false, close: async () => {} }),
      () => undefined,
      { write: () => undefined },
    );
    await cli.parseAsync(['node', 'cli', 'generate-data', '--scale', 'tiny', '--seed', '3']);
    capture = captureStatements(app);
    tokens = { pcso: await app.login('pcso@demo.test'), manager: await app.login('manager@demo.test'), staff: await app.login('staff@demo.test') };
  }, LONG);
  afterAll(() => app?.close());

  /** The statements one request sends, after a first run (so nothing is counted that only the first request does). */
  const statementsOf = async (query: string, first: number, token: string, field: string) => {
    await app.gql(query, { first }, token);
    let edges = 0;
    const statements = await capture(async () => {
      const r = await app.gql(query, { first }, token);
      expect(r.errors).toBeUndefined();
      edges = r.data[field].edges.length;
    });
    return { statements, edges };
  };

  it.each([
    { field: 'sharedCases', query: SHARED_CASES, who: 'pcso', small: 2, large: 12, most: 7, extraAudit: 1 },
    { field: 'incidents', query: INCIDENTS, who: 'manager', small: 2, large: 50, most: 3, extraAudit: 0 },
  ] as const)(
    '$field: the same statements for a page of $small and of $large, at most $most',
    async ({ field, query, who, small, large, most, extraAudit }) => {
      const few = await statementsOf(query, small, tokens[who], field);
      const many = await statementsOf(query, large, tokens[who], field);
      expect(few.edges).toBe(small);
      expect(many.edges).toBe(large);
      expect(many.statements.length).toBe(few.statements.length);
      expect(many.statements.length).toBeLessThanOrEqual(most);
      // The page writes its own audit rows (a data-modifying WITH around its SELECT); what the
      // request read besides (a case's sections) is written by one statement more, whatever it was.
      const writing = many.statements.filter((s) => s.includes('INSERT INTO audit_event'));
      expect(writing[0]).toMatch(/^WITH pg_page AS \(SELECT [\s\S]*pg_write AS \(INSERT INTO audit_event/);
      expect(writing.slice(1).every((s) => s.startsWith('INSERT INTO audit_event'))).toBe(true);
      expect(writing).toHaveLength(extraAudit + 1);
    },
  );

  it('recordIncident with the essentials: the user, then one statement that checks the branch, takes the keep-until date and writes the incident and its audit row', async () => {
    const [{ branch_id: branchId }] = await app.db.query(
      `SELECT ub.branch_id FROM user_branch ub JOIN app_user u ON u.id = ub.user_id WHERE u.email = 'staff@demo.test' ORDER BY ub.branch_id LIMIT 1`,
    );
    const record = () =>
      app.gql(
        `mutation($input: RecordIncidentInput!) { recordIncident(input: $input) { id } }`,
        { input: { branchId, occurredAt: '2026-01-05T10:00:00.000Z', category: 'OTHER', description: 'Statement count' } },
        tokens.staff,
      );
    await record();
    const statements = await capture(async () => expect((await record()).errors).toBeUndefined());
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(/^SELECT/);
    // The incident and its CREATE audit row in one statement (a data-modifying WITH): atomic without a transaction.
    expect(statements[1]).toMatch(/^WITH inc AS \(INSERT INTO incident [\s\S]*audit AS \(INSERT INTO audit_event/);
  });
});
