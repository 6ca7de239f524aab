import { auditRows, createCase, createLibraryService, createPartner, createSubject, createUser, demoServiceId, userId } from './support/builders.js';
import { codeOf, startTestApp, type TestApp } from './support/test-app.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * What the audit trail records besides reads and changes: every refusal a signed-in user is given
 * (REFUSED), written after the failed transaction so its rollback keeps it, and the request ids:
 * the server's own, with the client's X-Request-Id beside it only when it is well formed.
 */
describe('audit trail: refusals and request ids (e2e)', () => {
  let t: TestApp;
  let demo: string;
  let otherCase: string;
  let demoPartner: string;
  const tok: Record<string, string> = {};
  const users: Record<string, string> = {};
  const q = (sql: string, params: unknown[] = []) => t.db.query(sql, params);
  const refusedBy = (who: string) => auditRows(t.db, { action: 'REFUSED', actorId: users[who] });

  beforeAll(async () => {
    t = await startTestApp();
    demo = await demoServiceId(t.db);
    for (const who of ['manager', 'outreach', 'staff', 'dpo', 'admin']) {
      tok[who] = await t.login(`${who}@demo.test`);
      users[who] = await userId(t.db, `${who}@demo.test`);
    }
    const other = await createLibraryService(t.db, { name: 'Refusal Other Libraries' });
    const otherManager = await createUser(t.db, { email: 'manager@refusal-other.test', role: 'MANAGER', serviceId: other });
    const subjectId = await createSubject(t.db, { serviceId: other, createdById: otherManager, name: 'Someone Elsewhere' });
    otherCase = await createCase(t.db, { serviceId: other, subjectId, ownerId: otherManager });
    demoPartner = await createPartner(t.db, { serviceId: demo, name: 'Refusal Test Charity' });
  });
  afterAll(() => t.close());

  it("a read of another service's record answers NOT_FOUND and is audited as REFUSED, in the reader's own trail", async () => {
    const r = await t.gql(`query($id: ID!) { case(id: $id) { id title } }`, { id: otherCase }, tok.manager, { 'x-purpose': 'Checking a name' });
    expect(codeOf(r)).toBe('NOT_FOUND');
    const refused = await refusedBy('manager');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({
      actor_role: 'MANAGER',
      entity_type: 'Case',
      entity_id: otherCase,
      library_service_id: demo,
      purpose: 'Checking a name — refused: NOT_FOUND (read) on query case',
    });
    // No READ of it: nothing was read.
    expect(await auditRows(t.db, { action: 'READ', entityType: 'Case', entityId: otherCase })).toEqual([]);
  });

  it('an id that exists nowhere is a refusal too (existence is not disclosed, and probing shows)', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    expect(codeOf(await t.gql(`query($id: ID!) { subject(id: $id) { id } }`, { id }, tok.outreach))).toBe('NOT_FOUND');
    expect((await refusedBy('outreach')).map((e: any) => [e.entity_type, e.entity_id])).toEqual([['Subject', id]]);
  });

  it('a refused change inside a transaction is audited after its rollback, and changes nothing', async () => {
    const [before] = await q('SELECT status, version FROM partner_organisation WHERE id = $1', [demoPartner]);
    const r = await t.gql(`mutation($id: ID!) { archivePartnerOrganisation(input: { id: $id, version: 1 }) { id } }`, { id: demoPartner }, tok.outreach);
    expect(codeOf(r)).toBe('FORBIDDEN');
    expect(await q('SELECT status, version FROM partner_organisation WHERE id = $1', [demoPartner])).toEqual([before]);
    const refused = (await refusedBy('outreach')).at(-1);
    expect(refused).toMatchObject({
      entity_type: 'PartnerOrganisation',
      entity_id: demoPartner,
      purpose: 'refused: FORBIDDEN (archive) on mutation archivePartnerOrganisation',
    });
    expect(await auditRows(t.db, { action: 'UPDATE', entityType: 'PartnerOrganisation', entityId: demoPartner })).toEqual([]);
  });

  it('a refused administrative action is audited: a manager changing a retention policy', async () => {
    const r = await t.gql(
      `mutation { updateRetentionPolicy(input: { recordType: "AUDIT_EVENT", retainYears: 1, action: DELETE, version: 0 }) { retainYears } }`,
      {},
      tok.manager,
    );
    expect(codeOf(r)).toBe('FORBIDDEN');
    expect((await refusedBy('manager')).at(-1)).toMatchObject({
      entity_type: 'RetentionPolicy',
      entity_id: null,
      purpose: 'refused: FORBIDDEN (update) on mutation updateRetentionPolicy',
    });
  });

  it('a refusal a service raises itself names the operation', async () => {
    expect(codeOf(await t.gql(`{ incomingReferrals { totalCount } }`, {}, tok.manager))).toBe('FORBIDDEN');
    expect((await refusedBy('manager')).at(-1)).toMatchObject({ entity_type: 'Operation', entity_id: 'incomingReferrals' });
  });

  it('what is not a refusal is not audited as one: answers, bad input, and callers who are not signed in', async () => {
    const count = async () => (await auditRows(t.db, { action: 'REFUSED' })).length;
    const before = await count();
    expect((await t.gql(`{ partnerOrganisations { totalCount } }`, {}, tok.staff)).errors).toBeUndefined();
    expect(codeOf(await t.gql(`query($id: ID!) { case(id: $id) { id } }`, { id: 'not-a-uuid' }, tok.manager))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(`query($id: ID!) { case(id: $id) { id } }`, { id: otherCase }))).toBe('UNAUTHENTICATED');
    expect(await count()).toBe(before);
  });

  it('the DPO sees refusals in the audit trail', async () => {
    const r = await t.gql(
      `{ auditEvents(filter: { actions: [REFUSED] }, first: 50) { totalCount edges { node { action entityType entityId actorRole purpose } } } }`,
      {},
      tok.dpo,
    );
    expect(r.errors).toBeUndefined();
    const nodes = r.data.auditEvents.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThanOrEqual(5);
    expect(nodes).toContainEqual(expect.objectContaining({ action: 'REFUSED', entityType: 'Case', entityId: otherCase, actorRole: 'MANAGER' }));
  });

  it("writes the server's request id, and the client's beside it only when well formed", async () => {
    const ask = (requestId?: string) =>
      fetch(`${t.running.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${tok.manager}`,
          ...(requestId === undefined ? {} : { 'x-request-id': requestId }),
        },
        body: JSON.stringify({ query: `query($id: ID!) { partnerOrganisation(id: $id) { contacts { id } } }`, variables: { id: demoPartner } }),
      });
    const ids = async (serverId: string) => q(`SELECT DISTINCT request_id, client_request_id FROM audit_event WHERE request_id = $1`, [serverId]);
    await q(
      `INSERT INTO partner_contact (library_service_id, partner_organisation_id, name, lawful_basis, retain_until) VALUES ($1, $2, 'Pat', 'PUBLIC_TASK', '2040-01-01')`,
      [demo, demoPartner],
    );

    const good = await ask('client-42.retry:1');
    const server = good.headers.get('x-request-id')!;
    expect(server).toMatch(UUID);
    expect(await ids(server)).toEqual([{ request_id: server, client_request_id: 'client-42.retry:1' }]);

    for (const bad of ['has space', 'x'.repeat(65), 'semi;colon', '']) {
      const res = await ask(bad);
      const id = res.headers.get('x-request-id')!;
      expect(id).toMatch(UUID);
      expect({ bad, rows: await ids(id) }).toEqual({ bad, rows: [{ request_id: id, client_request_id: null }] });
    }
    // A client cannot make two requests share an id in the trail by sending the same one.
    const again = await ask('client-42.retry:1');
    expect(again.headers.get('x-request-id')).not.toBe(server);

    // Sign-in events carry both too; the DPO reads the client's id beside the server's.
    const login = await fetch(`${t.running.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'signin-7' },
      body: JSON.stringify({ query: `mutation { login(email: "staff@demo.test", password: "demo-password") { accessToken } }` }),
    });
    const loginId = login.headers.get('x-request-id')!;
    expect(await q(`SELECT action, client_request_id FROM audit_event WHERE request_id = $1`, [loginId])).toEqual([
      { action: 'LOGIN', client_request_id: 'signin-7' },
    ]);
    const seen = await t.gql(`{ auditEvents(filter: { actions: [LOGIN] }, first: 1) { edges { node { requestId clientRequestId } } } }`, {}, tok.dpo);
    expect(seen.data.auditEvents.edges[0].node).toEqual({ requestId: loginId, clientRequestId: 'signin-7' });
    // The database refuses a client id that is not well formed, whoever writes it.
    await expect(q(`INSERT INTO audit_event (action, entity_type, client_request_id) VALUES ('READ', 'Case', 'a b')`)).rejects.toThrow(/check constraint/);
  });
});
