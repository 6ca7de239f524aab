import { createBranch, createIncident, createSubject, demoServiceId, userId } from './support/builders.js';
import { codeOf, startTestApp, type TestApp } from './support/test-app.js';

/**
 * A GraphQL request's reads are audited in one statement before it answers (apps/api/audit-flush.ts):
 * every record read of every type in that one statement, with the request's purpose; and when that
 * statement fails, the answer is the error and none of the data. A list's page is the exception
 * that makes it cheaper still: its SELECT writes its own audit rows (AccessScope.list), so the
 * page and its audit are one statement, and a page whose rows cannot be audited is not returned.
 */
describe('audit of a request’s reads (e2e)', () => {
  let t: TestApp;
  let manager: string;
  let subjectIds: string[];
  let incidentIds: string[];

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.login('manager@demo.test');
    const service = await demoServiceId(t.db);
    subjectIds = [await createSubject(t.db, { serviceId: service, name: 'Flush One' }), await createSubject(t.db, { serviceId: service, name: 'Flush Two' })];
    // The newest incidents of the service, so that a page of 5 shows these three and two others at most.
    const branchId = await createBranch(t.db, { serviceId: service, name: 'Flush branch' });
    const recordedById = await userId(t.db, 'manager@demo.test');
    incidentIds = [];
    for (const description of ['Flush incident one', 'Flush incident two', 'Flush incident three'])
      incidentIds.push(await createIncident(t.db, { serviceId: service, branchId, recordedById, description, occurredAt: new Date(Date.now() + 60_000) }));
    // A database that refuses one purpose's audit rows: the stand-in for a trail that cannot be written.
    await t.db.query(`CREATE FUNCTION refuse_test_purpose() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.purpose = 'cannot be audited' THEN RAISE EXCEPTION 'audit refused for the test'; END IF; RETURN NEW; END $$`);
    await t.db.query(`CREATE TRIGGER refuse_test_purpose BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION refuse_test_purpose()`);
  }, 180_000);
  afterAll(() => t?.close());

  // With a page of incidents or without: a page writes its own rows, so a failing trail fails it first.
  const read = (purpose: string, page = true) =>
    t.gql(
      `query($a: ID!, $b: ID!) { one: subject(id: $a) { id name } two: subject(id: $b) { id name } ${page ? 'incidents(first: 5) { edges { node { id } } }' : ''} }`,
      { a: subjectIds[0], b: subjectIds[1] },
      manager,
      { 'x-purpose': purpose },
    );

  it('writes every record the request read, of every type, in one statement with its purpose', async () => {
    const r = await read('Flush test');
    expect(r.errors).toBeUndefined();
    expect(r.data.one.name).toBe('Flush One');
    const rows: { entity_type: string; entity_id: string; n: number }[] = await t.db.query(
      `SELECT entity_type, entity_id, count(*) OVER (PARTITION BY request_id, xmin::text)::int AS n FROM audit_event WHERE purpose = 'Flush test' AND action = 'READ'`,
    );
    expect(
      rows
        .filter((x) => x.entity_type === 'Subject')
        .map((x) => x.entity_id)
        .sort(),
    ).toEqual([...subjectIds].sort());
    // One transaction (one xmin) holds all the rest.
    const rest = rows.filter((x) => x.entity_type !== 'Incident');
    expect(new Set(rest.map((x) => x.n))).toEqual(new Set([rest.length]));
  });

  it("writes a page's audit rows in the page's own statement: each incident shown once, not the look-ahead row", async () => {
    const r = await t.gql(`query { incidents(first: 2) { pageInfo { hasNextPage } edges { node { id } } } }`, {}, manager, { 'x-purpose': 'Page test' });
    expect(r.errors).toBeUndefined();
    const shown: string[] = r.data.incidents.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(r.data.incidents.pageInfo.hasNextPage).toBe(true);
    expect(shown).toHaveLength(2);
    const rows: { entity_id: string; n: number; request_id: string }[] = await t.db.query(
      `SELECT entity_id, request_id, count(*) OVER (PARTITION BY xmin::text)::int AS n FROM audit_event WHERE purpose = 'Page test' AND action = 'READ' AND entity_type = 'Incident'`,
    );
    expect(rows.map((x) => x.entity_id).sort()).toEqual([...shown].sort());
    expect(rows.map((x) => x.n)).toEqual([2, 2]);
    expect(new Set(rows.map((x) => x.request_id)).size).toBe(1);
  });

  it('answers SERVICE_UNAVAILABLE, and none of the data, when the audit rows cannot be written', async () => {
    const r = await read('cannot be audited', false);
    expect(r.data).toBeUndefined();
    expect(codeOf(r)).toBe('SERVICE_UNAVAILABLE');
    expect(r.errors![0].message).toMatch(/audit trail could not be written/);
    expect(JSON.stringify(r)).not.toMatch(/Flush One|audit refused for the test/);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE purpose = 'cannot be audited'`);
    expect(n).toBe(0);
  });

  it('answers an error, and none of the page, when the page cannot write its audit rows', async () => {
    const r = await t.gql(`query { incidents(first: 5) { edges { node { id description } } } }`, {}, manager, { 'x-purpose': 'cannot be audited' });
    expect(r.data).toBeNull();
    expect(codeOf(r)).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(r)).not.toMatch(/Flush incident|audit refused for the test/);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE purpose = 'cannot be audited'`);
    expect(n).toBe(0);
  });
});
