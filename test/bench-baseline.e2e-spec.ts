import { randomBytes } from 'node:crypto';
import { buildProgram } from '../apps/cli/program.js';
import { startBaseline, type RunningBaseline } from '../bench/baseline/server.js';
import { compareServers, send } from '../bench/load/compare.js';
import { DEMO_USERS, type Fixtures, pickFixtures } from '../bench/load/fixtures.js';
import { SCENARIOS } from '../bench/load/operations.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * The benchmark's baseline (bench/baseline) answers what the service answers: on a database
 * generated at the tiny scale, each benchmark request is sent to the service and then to the
 * baseline, and `data` (ordering and cursors included) and the audit rows each wrote must be the
 * same; for recordIncident the incident row written, for sign-in the user and the LOGIN row.
 * Three people are restricted first (Art 18: the generator restricts none at this scale), so
 * that the pages leave out or unname them. The same check runs in `npm run bench -- --smoke`
 * (bench/load/compare.ts).
 */
const LONG = 300_000;

describe('benchmark baseline', () => {
  let app: TestApp;
  let baseline: RunningBaseline;
  let fixtures: Fixtures;

  beforeAll(async () => {
    const secret = randomBytes(32).toString('hex');
    app = await startTestApp({ JWT_SECRET: secret });
    await buildProgram(
      async (fn) => fn({ dataSource: app.db, embedded: !process.env.DATABASE_URL, wasEmpty: false, close: async () => {} }),
      () => undefined,
      { write: () => undefined },
    ).parseAsync(['node', 'cli', 'generate-data', '--scale', 'tiny', '--seed', '1']);
    // The embedded database serves one session at a time: one connection is enough for the baseline and the checks.
    const url = (app.db.options as { url: string }).url;
    baseline = await startBaseline({ databaseUrl: url, jwtSecret: secret, poolSize: 1 });
    const { userIds, ...picked } = await pickFixtures(url);
    const [{ partner_organisation_id: partnerOrganisationId }] = await app.db.query('SELECT partner_organisation_id FROM app_user WHERE id = $1', [
      userIds.partner,
    ]);
    const users = {} as Fixtures['users'];
    for (const [key, email] of Object.entries(DEMO_USERS) as [keyof typeof DEMO_USERS, string][])
      users[key] = { id: userIds[key], token: await app.login(email) };
    fixtures = { ...picked, users };
    // One person of the shared cases (not the one the DPO asks about), one named on the incidents read, one referred.
    const restricted: { id: string }[] = await app.db.query(
      `SELECT DISTINCT id FROM (
         (SELECT c.subject_id AS id FROM case_file c JOIN live_case_share ls ON ls.case_id = c.id AND ls.partner_organisation_id = $1
           WHERE c.subject_id <> $2 ORDER BY c.opened_at DESC LIMIT 1)
         UNION ALL (SELECT l.subject_id FROM incident_subject l JOIN incident i ON i.id = l.incident_id
                     WHERE i.branch_id = $3 AND i.occurred_at BETWEEN $4 AND $5 AND l.subject_id <> $2 ORDER BY i.occurred_at DESC LIMIT 1)
         UNION ALL (SELECT r.subject_id FROM referral r WHERE r.status IN ('SENT', 'ACCEPTED', 'IN_PROGRESS') AND r.urgency IN ('URGENT', 'SOON')
                     AND r.subject_id <> $2 ORDER BY r.created_at DESC LIMIT 1)) x`,
      [partnerOrganisationId, picked.auditedSubjectId, picked.branchId, picked.month.from, picked.month.to],
    );
    await app.db.query(
      `INSERT INTO subject_restriction (library_service_id, subject_id, reason, restricted_by_id)
       SELECT s.library_service_id, s.id, 'Benchmark baseline test', $2 FROM subject s WHERE s.id = ANY ($1::uuid[])`,
      [restricted.map((r) => r.id), userIds.dpo],
    );
  }, LONG);

  afterAll(async () => {
    await baseline?.close();
    await app?.close();
  });

  it(
    'answers every benchmark request with the data and audit rows of the service',
    async () => {
      const compared = await compareServers(app.running.url, baseline.url, fixtures, baseline.pool);
      expect(compared.map((c) => c.scenario)).toEqual(SCENARIOS.map((s) => s.name));
      expect(compared.filter((c) => !c.same)).toEqual([]);
      // The reads return records, so they write audit rows; the comparison is not of two empty answers.
      for (const c of compared.filter((x) => SCENARIOS.find((s) => s.name === x.scenario)!.read)) expect(c.auditRows).toBeGreaterThan(0);
      // The restriction took effect: the manager sees a person on an incident unnamed.
      const incidents = SCENARIOS.find((s) => s.name === 'incidents')!;
      const answer = await send(app.running.url, incidents.body(fixtures), fixtures.users.manager.token);
      const people = answer.json.data.incidents.edges.flatMap((e: any) => e.node.people);
      expect(people.some((p: any) => p.label === null)).toBe(true);
    },
    LONG,
  );
});
