import { codeOf, startTestApp, type TestApp } from './support/test-app.js';

/** Logs are structured JSON with the request id (the server's, the client's beside it), and carry identifiers only: no emails, passwords, tokens or names. */
describe('logging (e2e)', () => {
  let t: TestApp;
  const lines: string[] = [];
  beforeAll(async () => {
    t = await startTestApp(
      { LOG_LEVEL: 'info' },
      {
        write: (line: string) => {
          lines.push(line);
        },
      },
    );
  });
  afterAll(() => t.close());

  it('logs each request as JSON with its id, and no personal data', async () => {
    const token = await t.login('manager@demo.test');
    await t.gql(`{ partnerContacts { edges { node { name email phone } } } }`, {}, token, { 'x-request-id': 'req-test-123' });
    expect(codeOf(await t.gql(`mutation { login(email: "someone.private@example.org", password: "secret-guess") { accessToken } }`))).toBe('UNAUTHENTICATED');
    const records = lines.map((l) => JSON.parse(l));
    const request = records.find((r) => r.req?.clientRequestId === 'req-test-123');
    expect(request).toMatchObject({ req: { method: 'POST', url: '/graphql' }, res: { statusCode: 200 } });
    expect(request.req.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const all = lines.join('\n');
    for (const secret of ['manager@demo.test', 'demo-password', 'someone.private@example.org', 'secret-guess', token, 'Duty contact', '07700 900000']) {
      expect(all).not.toContain(secret);
    }
  });
});
