import { createSubject, demoServiceId } from './support/builders.js';
import { codeOf, startTestApp, type TestApp } from './support/test-app.js';

/**
 * A GraphQL request's reads are audited in one statement before it answers (apps/api/audit-flush.ts):
 * every record read of every type in that one statement, with the request's purpose; and when that
 * statement fails, the answer is the error and none of the data.
 */
describe('audit of a request’s reads (e2e)', () => {
  let t: TestApp;
  let manager: string;
  let subjectIds: string[];

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.login('manager@demo.test');
    const service = await demoServiceId(t.db);
    subjectIds = [await createSubject(t.db, { serviceId: service, name: 'Flush One' }), await createSubject(t.db, { serviceId: service, name: 'Flush Two' })];
    // A database that refuses one purpose's audit rows: the stand-in for a trail that cannot be written.
    await t.db.query(`CREATE FUNCTION refuse_test_purpose() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.purpose = 'cannot be audited' THEN RAISE EXCEPTION 'audit refused for the test'; END IF; RETURN NEW; END $$`);
    await t.db.query(`CREATE TRIGGER refuse_test_purpose BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION refuse_test_purpose()`);
  }, 180_000);
  afterAll(() => t?.close());

  const read = (purpose: string) =>
    t.gql(
      `query($a: ID!, $b: ID!) { one: subject(id: $a) { id name } two: subject(id: $b) { id name } incidents(first: 5) { edges { node { id } } } }`,
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
    // One transaction (one xmin) holds them all.
    expect(new Set(rows.map((x) => x.n))).toEqual(new Set([rows.length]));
  });

  it('answers SERVICE_UNAVAILABLE, and none of the data, when the audit rows cannot be written', async () => {
    const r = await read('cannot be audited');
    expect(r.data).toBeUndefined();
    expect(codeOf(r)).toBe('SERVICE_UNAVAILABLE');
    expect(r.errors![0].message).toMatch(/audit trail could not be written/);
    expect(JSON.stringify(r)).not.toMatch(/Flush One|audit refused for the test/);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE purpose = 'cannot be audited'`);
    expect(n).toBe(0);
  });
});
