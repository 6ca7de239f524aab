import { createMongoAbility } from '@casl/ability';
import { type Actor, type AppAbility, defineAbilityFor, Role } from '../libs/access/src/index.js';
import { IncidentStatisticsGroupBy as G } from '../libs/reports/src/incident-statistics/incident-statistics.input.js';
import { dailyCountsAnswer, readsWholeService, sequencesAnswer } from '../libs/reports/src/incident-statistics/incident-statistics-rollup.js';
import { IncidentStatisticsService } from '../libs/reports/src/incident-statistics/incident-statistics.service.js';
import { addIncidentSubject, createBranch, createIncident, createLibraryService, createSubject, createUser } from './support/builders.js';
import { captureStatements, signInDemoUsers, startTestApp, type TestApp } from './support/test-app.js';

const OTHER_SERVICE = '00000000-0000-4000-8000-00000000abcd';
const ROLLUP_GROUPS = [G.CATEGORY, G.SEVERITY, G.MONTH, G.WEEKDAY];
/** Every combination of the groupings the daily counts hold, in both orders for pairs. */
const COMBINATIONS: G[][] = [];
for (let mask = 0; mask < 1 << ROLLUP_GROUPS.length; mask++) COMBINATIONS.push(ROLLUP_GROUPS.filter((_, k) => mask & (1 << k)));
COMBINATIONS.push([G.WEEKDAY, G.CATEGORY], [G.SEVERITY, G.MONTH], [G.BRANCH, G.MONTH], [G.HOUR, G.CATEGORY]);

/** Periods that start and end inside a UK day, across both clock changes of 2026, shorter than a day, and on midnights. */
const PERIODS = [
  { from: new Date('2026-03-01T13:30:00Z'), to: new Date('2026-11-02T09:15:00Z') },
  { from: new Date('2026-03-28T23:30:00Z'), to: new Date('2026-03-29T23:00:00Z') },
  { from: new Date('2026-10-25T05:00:00Z'), to: new Date('2026-10-25T18:00:00Z') },
  { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') },
  { from: new Date('2026-06-30T23:00:00Z'), to: new Date('2026-07-31T23:00:00Z') },
];

/**
 * Issue 14: the statistics from the daily counts and the repeat sequences (migration
 * IncidentDailyCounts) equal the row path exactly, for every grouping the counts serve, after
 * inserts, updates, deletes and erasure; a reader whose rules are not provably the whole service
 * reads the rows through their scope and gets only their incidents.
 */
describe('incident statistics from the daily counts (e2e)', () => {
  let t: TestApp;
  let stats: IncidentStatisticsService;
  let service: string;
  let manager: string;
  const branches: string[] = [];
  const people: string[] = [];
  const incidents: string[] = [];
  const q = (sql: string, params: unknown[] = []) => t.db.query(sql, params);

  const actorWith = (ability: AppAbility, role = Role.MANAGER): Actor => ({
    principal: { id: manager, role, libraryServiceId: service, partnerOrganisationId: null, branchIds: [] },
    ability,
    requestId: 'rollup-test',
  });
  const principal = (role: Role) => ({ id: manager, role, libraryServiceId: service, partnerOrganisationId: null, branchIds: [] });
  const managerActor = () => actorWith(defineAbilityFor(principal(Role.MANAGER)));
  /** The same incidents as the manager's, but behind a denial of rows (of another service): not provably the whole service, so the row path. */
  const rowActor = () => {
    const rules = [
      ...defineAbilityFor(principal(Role.MANAGER)).rules,
      { action: 'read', subject: 'Incident', inverted: true, conditions: { libraryServiceId: OTHER_SERVICE } },
    ];
    return actorWith(createMongoAbility(rules as never) as AppAbility);
  };
  /** A manager whose incident reading is narrowed to the first branch. */
  const branchActor = () => {
    const rules = defineAbilityFor(principal(Role.MANAGER)).rules.map((r) =>
      r.subject === 'Incident' || (Array.isArray(r.subject) && r.subject.includes('Incident'))
        ? { ...r, subject: 'Incident', conditions: { ...(r.conditions as object), branchId: { $in: [branches[0]] } } }
        : r,
    );
    return actorWith(createMongoAbility(rules as never) as AppAbility);
  };
  const run = (actor: Actor, period: { from: Date; to: Date }, groupBy: G[], extra: Record<string, unknown> = {}) =>
    stats.statistics(actor, { ...period, groupBy, ...extra } as never);

  /** Every grouping and period, both paths, equal (and not all empty). */
  async function expectSameAnswers() {
    let counted = 0;
    for (const period of PERIODS) {
      for (const groupBy of COMBINATIONS) {
        const fast = await run(managerActor(), period, groupBy);
        const rows = await run(rowActor(), period, groupBy);
        expect(fast).toEqual(rows);
        counted += fast.total;
      }
      for (const filter of [{ categories: ['THEFT', 'VIOLENCE'] }, { severities: ['HIGH', 'LOW'] }]) {
        expect(await run(managerActor(), period, [G.MONTH, G.CATEGORY], filter)).toEqual(await run(rowActor(), period, [G.MONTH, G.CATEGORY], filter));
      }
    }
    expect(counted).toBeGreaterThan(0);
  }

  /** The derived tables equal what they are derived from, computed afresh. */
  async function expectDerivedTablesTrue() {
    const daily = await q(
      `SELECT library_service_id, day::text, category, severity, reported_to_police, incidents FROM incident_daily_count WHERE incidents <> 0 ORDER BY 1, 2, 3, 4, 5`,
    );
    const fresh =
      await q(`SELECT library_service_id, (occurred_at AT TIME ZONE 'Europe/London')::date::text AS day, category, coalesce(severity, '') AS severity,
        reported_to_police, count(*)::int AS incidents FROM incident GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`);
    expect(daily).toEqual(fresh);
    const monthly = await q(
      `SELECT library_service_id, day::text, category, severity, reported_to_police, incidents FROM incident_monthly_count WHERE incidents <> 0 ORDER BY 1, 2, 3, 4, 5`,
    );
    const freshMonthly = await q(`SELECT library_service_id, date_trunc('month', occurred_at AT TIME ZONE 'Europe/London')::date::text AS day, category,
        coalesce(severity, '') AS severity, reported_to_police, count(*)::int AS incidents FROM incident GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`);
    expect(monthly).toEqual(freshMonthly);
    const people = await q(`SELECT subject_id, incident_id, occurred_at, previous_at, next_at FROM incident_subject_sequence ORDER BY 1, 2`);
    const freshPeople = await q(`SELECT subject_id, incident_id, occurred_at, lag(occurred_at) OVER w AS previous_at, lead(occurred_at) OVER w AS next_at
      FROM (SELECT DISTINCT s.library_service_id, s.subject_id, s.incident_id, i.occurred_at FROM incident_subject s
            JOIN incident i ON i.id = s.incident_id AND i.library_service_id = s.library_service_id) l
      WINDOW w AS (PARTITION BY library_service_id, subject_id ORDER BY occurred_at, incident_id) ORDER BY 1, 2`);
    expect(people).toEqual(freshPeople);
    const places = await q(
      `SELECT incident_id, branch_id, place, location, occurred_at, previous_at, next_at, position FROM incident_place_sequence ORDER BY 1`,
    );
    const freshPlaces =
      await q(`SELECT id AS incident_id, branch_id, lower(btrim(location_in_building)) AS place, btrim(location_in_building) AS location, occurred_at,
        lag(occurred_at) OVER w AS previous_at, lead(occurred_at) OVER w AS next_at, row_number() OVER w AS position
      FROM incident WHERE coalesce(btrim(location_in_building), '') <> ''
      WINDOW w AS (PARTITION BY library_service_id, branch_id, lower(btrim(location_in_building)) ORDER BY occurred_at, id) ORDER BY 1`);
    expect(places.map((p: { position: unknown }) => ({ ...p, position: Number(p.position) }))).toEqual(
      freshPlaces.map((p: { position: unknown }) => ({ ...p, position: Number(p.position) })),
    );
  }

  beforeAll(async () => {
    t = await startTestApp();
    stats = t.running.app.get(IncidentStatisticsService);
    service = await createLibraryService(t.db, { name: 'Rollup Libraries' });
    manager = await createUser(t.db, { email: 'rollup-manager@test.test', role: 'MANAGER', serviceId: service });
    for (const name of ['Rollup North', 'Rollup South', 'Rollup East']) branches.push(await createBranch(t.db, { serviceId: service, name }));
    for (let k = 0; k < 6; k++) people.push(await createSubject(t.db, { serviceId: service, createdById: manager, name: `Rollup Person ${k}` }));
    const categories = ['VERBAL_ABUSE', 'THEFT', 'VIOLENCE', 'DAMAGE'];
    const severities = ['LOW', 'MEDIUM', 'HIGH', null];
    const locations = ['Children’s library', ' children’s LIBRARY ', 'Toilets', '', 'Entrance', null];
    // Times near UK midnights, around both clock changes, and spread over the year.
    const times = [
      '2026-03-01T13:29:59Z',
      '2026-03-01T13:30:00Z',
      '2026-03-01T23:59:59Z',
      '2026-03-02T00:00:00Z',
      '2026-03-28T23:30:00Z',
      '2026-03-29T00:30:00Z',
      '2026-03-29T22:59:59Z',
      '2026-03-29T23:00:00Z',
      '2026-04-15T10:00:00Z',
      '2026-05-31T23:30:00Z',
      '2026-06-30T22:59:59Z',
      '2026-06-30T23:00:00Z',
      '2026-07-31T22:30:00Z',
      '2026-07-31T23:00:00Z',
      '2026-10-25T00:30:00Z',
      '2026-10-25T01:30:00Z',
      '2026-10-25T05:00:00Z',
      '2026-10-25T23:59:00Z',
      '2026-11-02T09:14:59Z',
      '2026-11-02T09:15:00Z',
      '2026-12-31T23:59:59Z',
      '2025-03-01T14:00:00Z',
      '2025-07-01T12:00:00Z',
      '2025-10-25T06:00:00Z',
      '2025-12-31T12:00:00Z',
      '2025-06-30T23:30:00Z',
      '2026-08-15T12:00:00Z',
      '2026-08-15T12:00:00Z',
      '2026-09-01T00:00:00Z',
      '2026-02-01T00:30:00Z',
    ];
    for (const [k, at] of times.entries()) {
      const id = await createIncident(t.db, {
        serviceId: service,
        branchId: branches[k % 3]!,
        recordedById: manager,
        occurredAt: at,
        category: categories[k % 4],
        severity: severities[(k * 3) % 4],
        criminal: k % 5 === 0,
        people: k % 4 === 3 ? [] : [{ subjectId: people[k % 6]! }, ...(k % 7 === 0 ? [{ subjectId: people[(k + 1) % 6]! }] : [])],
      });
      await q(`UPDATE incident SET location_in_building = $2 WHERE id = $1`, [id, locations[k % 6]]);
      incidents.push(id);
    }
    // The same person in two parts of one incident counts once.
    await addIncidentSubject(t.db, { serviceId: service, incidentId: incidents[0]!, subjectId: people[0]!, part: 'WITNESS', addedById: manager });
  });
  afterAll(() => t?.close());

  it('decides in one place: managers and the DPO read the whole service, a row denial or a narrower rule does not', () => {
    expect(readsWholeService(managerActor(), service)).toBe(true);
    expect(readsWholeService(actorWith(defineAbilityFor(principal(Role.DPO)), Role.DPO), service)).toBe(true);
    expect(readsWholeService(actorWith(defineAbilityFor({ ...principal(Role.STAFF), branchIds: [branches[0]!] }), Role.STAFF), service)).toBe(false);
    expect(readsWholeService(rowActor(), service)).toBe(false);
    expect(readsWholeService(branchActor(), service)).toBe(false);
    expect(readsWholeService(managerActor(), OTHER_SERVICE)).toBe(false);
    expect(dailyCountsAnswer(managerActor(), service, [G.MONTH, G.CATEGORY], {})).toBe(true);
    expect(dailyCountsAnswer(managerActor(), service, [G.BRANCH], {})).toBe(false);
    expect(dailyCountsAnswer(managerActor(), service, [G.HOUR], {})).toBe(false);
    expect(dailyCountsAnswer(managerActor(), service, [], { branchIds: [branches[0]!] })).toBe(false);
    expect(sequencesAnswer(managerActor(), service, {})).toBe(true);
    expect(sequencesAnswer(managerActor(), service, { categories: ['THEFT'] })).toBe(false);
  });

  it('the backfilled and trigger-kept tables equal a fresh count, and both paths answer alike for every grouping', async () => {
    await expectDerivedTablesTrue();
    await expectSameAnswers();
    const year = await run(managerActor(), PERIODS[3]!, [G.MONTH]);
    expect(year.total).toBe(25); // the times of 2026 above
    expect(year.repeatPeople).toBeGreaterThan(0);
    expect(year.repeatPlaces).toBeGreaterThan(0);
  });

  it('stays equal after updates of category, severity, police, branch, time and location', async () => {
    await q(`UPDATE incident SET category = 'THEFT', severity = NULL WHERE id = $1`, [incidents[1]]);
    await q(
      `UPDATE incident SET severity = 'CRITICAL', reported_to_police = true, crime_reference_number = 'CRN-9', criminal_offence_condition = 'x' WHERE id = $1`,
      [incidents[2]],
    );
    await q(`UPDATE incident SET branch_id = $2, location_in_building = 'Toilets' WHERE id = $1`, [incidents[4], branches[2]]);
    await q(`UPDATE incident SET occurred_at = '2026-03-29T23:00:00Z', reported_at = '2026-12-01T00:00:00Z' WHERE id = $1`, [incidents[5]]);
    await q(`UPDATE incident SET occurred_at = '2024-01-01T00:00:00Z' WHERE id = $1`, [incidents[8]]);
    // Several rows in one statement, some of them unchanged in every counted column.
    await q(
      `UPDATE incident SET description = description || '.', location_in_building = CASE WHEN id = $2 THEN 'entrance' ELSE location_in_building END
      WHERE library_service_id = $1`,
      [service, incidents[9]],
    );
    await expectDerivedTablesTrue();
    await expectSameAnswers();
  });

  it('stays equal after deletes, erasure of a person’s links and a bulk insert', async () => {
    await q(`DELETE FROM incident WHERE id = ANY($1::uuid[])`, [[incidents[3], incidents[10]]]);
    await q(`DELETE FROM incident_subject WHERE subject_id = $1`, [people[1]]);
    // A copy of several incidents in one statement: one grouped upsert for all of them.
    await q(`CREATE TEMP TABLE rollup_copy AS SELECT * FROM incident WHERE library_service_id = $1 AND category = 'THEFT'`, [service]);
    await q(`UPDATE rollup_copy SET id = gen_random_uuid(), occurred_at = occurred_at + interval '5 hours', reported_at = reported_at + interval '5 hours'`);
    await q(`INSERT INTO incident SELECT * FROM rollup_copy`);
    await q(`DROP TABLE rollup_copy`);
    await expectDerivedTablesTrue();
    await expectSameAnswers();
  });

  it('stays equal after single incidents recorded at a place: the latest (added at its end), an earlier one and one at the same time', async () => {
    const one = async (occurredAt: string, location: string) => {
      await q(`CREATE TEMP TABLE rollup_one AS SELECT * FROM incident WHERE id = $1`, [incidents[0]]);
      await q(`UPDATE rollup_one SET id = gen_random_uuid(), occurred_at = $1, reported_at = $1, location_in_building = $2`, [occurredAt, location]);
      await q(`INSERT INTO incident SELECT * FROM rollup_one`);
      await q(`DROP TABLE rollup_one`);
    };
    await one('2026-12-31T23:59:59Z', 'Entrance'); // the place's latest, appended
    await one('2027-01-05T10:00:00Z', ' entrance '); // the same place again, later still
    await one('2026-01-05T10:00:00Z', 'Entrance'); // earlier than the rest: the place's sequence rebuilt
    await one('2027-01-05T10:00:00Z', 'ENTRANCE'); // a tie in time, ordered by id
    await one('2027-02-01T10:00:00Z', 'A new place'); // the first of its place
    await expectDerivedTablesTrue();
    await expectSameAnswers();
  });

  it('a reader narrowed to one branch reads the rows through their scope: only that branch counts', async () => {
    for (const period of PERIODS) {
      for (const groupBy of [[G.MONTH, G.CATEGORY], [G.BRANCH], []]) {
        const narrowed = await run(branchActor(), period, groupBy);
        const filtered = await run(managerActor(), period, groupBy, { branchIds: [branches[0]] });
        expect(narrowed).toEqual(filtered);
      }
    }
    const all = await run(managerActor(), PERIODS[3]!, []);
    const narrowed = await run(branchActor(), PERIODS[3]!, []);
    expect(narrowed.total).toBeGreaterThan(0);
    expect(narrowed.total).toBeLessThan(all.total);
  });

  it('over GraphQL a manager and the DPO are answered from the daily counts and sequences; a BRANCH grouping from the rows', async () => {
    const tok: Record<string, string> = {};
    const ids: Record<string, string> = {};
    await signInDemoUsers(t, tok, ids);
    const capture = captureStatements(t);
    const QUERY = `query($i: IncidentStatisticsInput!) { incidentStatistics(input: $i) { total repeatPeople groups { count } } }`;
    const input = (groupBy: G[]) => ({ i: { from: '2025-01-01T00:00:00Z', to: '2026-12-01T00:00:00Z', groupBy } });
    for (const who of ['manager', 'dpo']) {
      let answer: { errors?: unknown } = {};
      const sql = (await capture(async () => (answer = await t.gql(QUERY, input([G.MONTH, G.CATEGORY]), tok[who])))).join('\n');
      expect(answer.errors).toBeUndefined();
      expect(sql).toContain('incident_daily_count');
      expect(sql).toContain('incident_subject_sequence');
    }
    const byBranch = (await capture(() => t.gql(QUERY, input([G.BRANCH]), tok.manager))).join('\n');
    expect(byBranch).not.toContain('incident_daily_count');
    expect(byBranch).toContain('incident_subject_sequence');
    const denied = await t.gql(QUERY, input([G.MONTH]), tok.staff);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
