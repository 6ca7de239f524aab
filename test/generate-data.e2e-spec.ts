import type { DataSource } from 'typeorm';
import { createLogger } from '../apps/api/logger.js';
import { seedDemo } from '../apps/api/seed/demo-seed.js';
import { SCALES } from '../apps/cli/generate/scales.js';
import { buildProgram } from '../apps/cli/program.js';
import { DomainError } from '../libs/common/src/index.js';
import type { OpenDatabase } from '../libs/database/src/index.js';
import { createBranch, createLibraryService } from './support/builders.js';
import { openTestDatabase } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * `generate-data` through the same commander program as `node dist/apps/cli/main.js`, at the `tiny`
 * scale (the demo service and one generated service; scales.ts): what it writes, that the same seed
 * writes the same content, that it refuses a database with real data or one it has filled, and that
 * the demo police team's partner user sees the cases shared with it through the API.
 */
const TINY = SCALES.tiny;
/** A run of the tiny scale takes seconds on PostgreSQL, longer on the embedded database of a busy machine. */
const LONG = 300_000;
const startedAt = new Date();

/** Every table the generator writes to. */
const TABLES = [
  'library_service',
  'branch',
  'app_user',
  'user_branch',
  'partner_organisation',
  'partner_contact',
  'contact_log',
  'follow_up_action',
  'subject',
  'subject_special_category',
  'incident',
  'incident_subject',
  'incident_evidence',
  'incident_staff',
  'incident_welfare_check',
  'incident_follow_up_action',
  'case_file',
  'case_note',
  'referral',
  'referral_transition',
  'referral_update',
  'ban',
  'ban_branch',
  'ban_transition',
  'ban_incident',
  'data_sharing_agreement',
  'data_sharing_agreement_party',
  'data_sharing_agreement_signatory',
  'case_share',
  'case_update',
  'intelligence_item',
  'branch_warning',
  'rights_request',
  'subject_restriction',
];

/**
 * Per table, the row count and a checksum of the content of the generated rows without their ids
 * (the demo base's ids differ from one database to the next, and so do password hashes): rows made
 * before this test file started, which leaves out the demo base seeded by each database (made now;
 * everything generated is dated yesterday or earlier).
 */
async function contentOf(ds: DataSource): Promise<Record<string, string>> {
  return ds.transaction(async (m) => {
    await m.query(`SET LOCAL TIME ZONE 'UTC'`);
    const sums: Record<string, string> = {};
    for (const table of TABLES) {
      const columns: { column_name: string; data_type: string }[] = await m.query(
        `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
        [table],
      );
      const leftOut = columns
        .filter((c) => c.data_type === 'uuid' || c.column_name.endsWith('_ids') || ['password_hash', 'last_login_at'].includes(c.column_name))
        .map((c) => c.column_name);
      const dated = columns.some((c) => c.column_name === 'created_at');
      const [row] = await m.query(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(x, '|' ORDER BY x), '')) AS sum
           FROM (SELECT (to_jsonb(t) - $1::text[])::text AS x FROM ${table} t ${dated ? 'WHERE t.created_at < $2' : 'WHERE $2::timestamptz IS NOT NULL'}) s`,
        [leftOut, startedAt],
      );
      sums[table] = `${row.n}:${row.sum}`;
    }
    return sums;
  });
}

const count = async (ds: DataSource, sql: string, params: unknown[] = []) => Number((await ds.query(sql, params))[0].n);

describe('generate-data', () => {
  let app: TestApp;
  let progress: string[];
  let out: string[];
  let generated: Record<string, string>;

  const onDatabase = (dataSource: DataSource): OpenDatabase => ({
    dataSource,
    embedded: !process.env.DATABASE_URL,
    wasEmpty: false,
    close: async () => {},
  });
  const run = (dataSource: DataSource, ...args: string[]) =>
    buildProgram(
      async (fn) => fn(onDatabase(dataSource)),
      (l) => out.push(l),
      { write: (t) => void progress.push(t) },
    ).parseAsync(['node', 'cli', 'generate-data', ...args]);

  /** A second database, migrated and with the demo base, as after `migrate` and `seed --base`. */
  const seededDatabase = async () => {
    const db = await openTestDatabase();
    await seedDemo(db.dataSource, createLogger('silent'), 'base');
    return db;
  };

  beforeAll(async () => {
    app = await startTestApp();
  }, LONG);
  beforeEach(() => {
    progress = [];
    out = [];
  });
  afterAll(() => app?.close());

  it(
    'fills the tiny scale: services, people, incidents, cases, referrals, bans and live shares with the demo police team',
    async () => {
      await run(app.db, '--scale', 'tiny', '--seed', '7');
      expect(out.join('\n')).toMatch(/generated tiny \(seed 7\).*2 library services/);
      expect(progress.join('')).toMatch(/100\.0% .* rows\/s .*done/);

      const ds = app.db;
      expect(await count(ds, `SELECT count(*) AS n FROM library_service`)).toBe(TINY.services);
      expect(await count(ds, `SELECT count(*) AS n FROM library_service WHERE code LIKE 'GEN\\_%'`)).toBe(TINY.services - 1);
      expect(await count(ds, `SELECT count(*) AS n FROM branch`)).toBe(TINY.branches);
      expect(await count(ds, `SELECT count(*) AS n FROM incident`)).toBe(TINY.incidents);
      expect(await count(ds, `SELECT count(*) AS n FROM subject`)).toBe(TINY.people);
      expect(await count(ds, `SELECT count(*) AS n FROM case_file`)).toBe(TINY.cases);
      expect(await count(ds, `SELECT count(*) AS n FROM referral`)).toBe(TINY.referrals);
      expect(await count(ds, `SELECT count(*) AS n FROM ban`)).toBe(TINY.bans);
      expect(
        await count(
          ds,
          `SELECT count(DISTINCT l.case_id) AS n FROM live_case_share l JOIN partner_organisation p ON p.id = l.partner_organisation_id
          JOIN library_service s ON s.id = p.library_service_id WHERE s.code = 'DEMO' AND p.type = 'POLICE_NEIGHBOURHOOD_TEAM'`,
        ),
      ).toBe(TINY.demoSharedCases);

      // People with several incidents; referrals in every status; bans in force, over and lifted; cases with notes.
      expect(await count(ds, `SELECT count(*) AS n FROM (SELECT subject_id FROM incident_subject GROUP BY 1 HAVING count(*) >= 3) x`)).toBeGreaterThan(20);
      expect((await ds.query(`SELECT array_agg(DISTINCT status ORDER BY status) AS s FROM referral`))[0].s).toEqual([
        'ACCEPTED',
        'CLOSED',
        'DECLINED',
        'DRAFT',
        'IN_PROGRESS',
        'SENT',
        'WITHDRAWN',
      ]);
      const bans = await ds.query(
        `SELECT DISTINCT CASE WHEN status IN ('ACTIVE','UNDER_REVIEW') AND ends_on < current_date THEN 'EXPIRED' ELSE status END AS s FROM ban`,
      );
      expect(bans.map((b: { s: string }) => b.s)).toEqual(expect.arrayContaining(['ACTIVE', 'EXPIRED', 'LIFTED']));
      expect(await count(ds, `SELECT count(*) AS n FROM case_file c WHERE NOT EXISTS (SELECT 1 FROM case_note n WHERE n.case_id = c.id)`)).toBe(0);

      // Over the last two years, nothing in the future, every record kept beyond today.
      const [span] = await ds.query(
        `SELECT min(occurred_at) AS first, max(reported_at) AS last, (SELECT min(retain_until) FROM incident) AS kept FROM incident`,
      );
      expect(Date.now() - new Date(span.first).getTime()).toBeLessThan(733 * 86_400_000);
      expect(new Date(span.last).getTime()).toBeLessThan(Date.now());
      for (const table of ['subject', 'incident', 'case_file', 'referral', 'ban', 'intelligence_item', 'branch_warning', 'partner_contact', 'case_note']) {
        expect(await count(ds, `SELECT count(*) AS n FROM ${table} WHERE retain_until <= current_date OR created_at > now()`)).toBe(0);
      }

      // Things happen in order: a person's record before what is recorded about them, a case before its share, a share within
      // its agreement's active time and before what the police submit through it, an incident before the ban that follows it;
      // and no restricted person's case is shared.
      const [order] = await ds.query(`SELECT
      (SELECT count(*) FROM incident_subject x JOIN incident i ON i.id = x.incident_id JOIN subject s ON s.id = x.subject_id WHERE s.created_at > i.occurred_at)::int AS people,
      (SELECT count(*) FROM case_share cs JOIN case_file c ON c.id = cs.case_id WHERE cs.starts_at <= c.opened_at)::int AS shares,
      (SELECT count(*) FROM case_share cs JOIN data_sharing_agreement d ON d.id = cs.agreement_id
        WHERE cs.starts_at < d.activated_at OR cs.starts_at > d.suspended_at)::int AS agreements,
      (SELECT count(*) FROM intelligence_item it JOIN case_share cs ON cs.id = it.submitted_via_share_id WHERE it.created_at < cs.starts_at)::int AS intelligence,
      (SELECT count(*) FROM ban_incident x JOIN ban b ON b.id = x.ban_id JOIN incident i ON i.id = x.incident_id WHERE b.proposed_at < i.occurred_at)::int AS bans,
      (SELECT count(*) FROM case_share cs JOIN case_file c ON c.id = cs.case_id WHERE subject_is_restricted(c.subject_id))::int AS restricted`);
      expect(order).toEqual({ people: 0, shares: 0, agreements: 0, intelligence: 0, bans: 0, restricted: 0 });
      generated = await contentOf(ds);
    },
    LONG,
  );

  it(
    'lets the demo police team see its shared cases, and the generated users sign in',
    async () => {
      const sharedCases = async (email: string) => {
        const token = await app.login(email);
        const r = await app.gql(
          `{ sharedCases(first: 5, purpose: "Joint problem solving") { totalCount edges { node { subject { name description } } } } }`,
          {},
          token,
        );
        expect(r.errors).toBeUndefined();
        return r.data.sharedCases;
      };
      const demo = await sharedCases('pcso@demo.test');
      expect(demo.totalCount).toBe(TINY.demoSharedCases);
      expect(demo.edges[0].node.subject).toBeTruthy();
      const [police] = await app.db.query(
        `SELECT count(DISTINCT l.case_id)::int AS n FROM live_case_share l JOIN library_service s ON s.id = l.library_service_id AND s.code = 'GEN_001'
        JOIN partner_organisation p ON p.id = l.partner_organisation_id AND p.type = 'POLICE_NEIGHBOURHOOD_TEAM'`,
      );
      expect((await sharedCases('pcso@gen-001.gen.test')).totalCount).toBe(police.n);

      const manager = await app.login('manager-1@gen-001.gen.test');
      const incidents = await app.gql(`{ incidents(first: 1) { totalCount } }`, {}, manager);
      expect(incidents.errors).toBeUndefined();
      expect(incidents.data.incidents.totalCount).toBe(
        await count(app.db, `SELECT count(*) AS n FROM incident i JOIN library_service s ON s.id = i.library_service_id WHERE s.code = 'GEN_001'`),
      );
    },
    LONG,
  );

  it(
    'writes the same content for the same seed',
    async () => {
      const again = await seededDatabase();
      try {
        await run(again.dataSource, '--scale', 'tiny', '--seed', '7');
        expect(await contentOf(again.dataSource)).toEqual(generated);
      } finally {
        await again.close();
      }
    },
    LONG,
  );

  it(
    'refuses a database it has filled, and one holding another library service unless --force (then another seed writes other content)',
    async () => {
      const refusal = run(app.db, '--scale', 'tiny');
      await expect(refusal).rejects.toThrow(/already holds generated data/);
      await expect(refusal).rejects.toBeInstanceOf(DomainError); // exit code 2, as other refusals

      const real = await seededDatabase();
      try {
        const county = await createLibraryService(real.dataSource, { name: 'Real County Libraries', code: 'REAL' });
        await createBranch(real.dataSource, { serviceId: county, name: 'Real Central' });
        const refused = run(real.dataSource, '--scale', 'tiny', '--seed', '8');
        await expect(refused).rejects.toThrow(/other than the demo service \(Real County Libraries\).*--force/);
        await expect(refused).rejects.toBeInstanceOf(DomainError);
        expect(await count(real.dataSource, `SELECT count(*) AS n FROM incident`)).toBe(0);

        await run(real.dataSource, '--scale', 'tiny', '--seed', '8', '--force');
        expect(await count(real.dataSource, `SELECT count(*) AS n FROM incident`)).toBe(TINY.incidents);
        expect(await count(real.dataSource, `SELECT count(*) AS n FROM branch WHERE library_service_id = $1`, [county])).toBe(1);
        const other = await contentOf(real.dataSource);
        expect(other.incident).not.toEqual(generated.incident);
        expect(other.incident.split(':')[0]).toBe(generated.incident.split(':')[0]);
      } finally {
        await real.close();
      }
    },
    LONG,
  );
});
