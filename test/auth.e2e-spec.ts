import { auditRows, createLibraryService, createUser } from './support/builders.js';
import { codeOf, startTestApp, type TestApp } from './support/test-app.js';

const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken expiresAt user { id email role displayName } } }`;
const ME = `{ me { id email role libraryServiceId partnerOrganisationId branchIds } }`;

describe('sign-in (e2e over HTTP)', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp({ LOGIN_MAX_FAILURES: '3' }); });
  afterAll(() => t.close());

  it.each([
    ['admin@demo.test', 'ADMIN'], ['manager@demo.test', 'MANAGER'], ['outreach@demo.test', 'OUTREACH_WORKER'],
    ['staff@demo.test', 'STAFF'], ['pcso@demo.test', 'PARTNER'], ['dpo@demo.test', 'DPO'],
  ])('%s signs in as %s and `me` answers with the token', async (email, role) => {
    const r = await t.gql(LOGIN, { e: email, p: 'demo-password' });
    expect(r.errors).toBeUndefined();
    expect(r.data.login.user.role).toBe(role);
    expect(new Date(r.data.login.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const me = await t.gql(ME, {}, r.data.login.accessToken);
    expect(me.data.me.email).toBe(email);
    expect(me.data.me.role).toBe(role);
    if (role === 'PARTNER') expect(me.data.me.partnerOrganisationId).toBeTruthy();
    if (role === 'STAFF') expect(me.data.me.branchIds).toHaveLength(1);
  });

  it('email is case-insensitive', async () => {
    const r = await t.gql(LOGIN, { e: 'Manager@Demo.TEST', p: 'demo-password' });
    expect(r.data.login.user.email).toBe('manager@demo.test');
  });

  it('wrong password and unknown email give the same UNAUTHENTICATED error, and both are audited', async () => {
    const wrong = await t.gql(LOGIN, { e: 'outreach@demo.test', p: 'not-the-password' });
    const unknown = await t.gql(LOGIN, { e: 'nobody@demo.test', p: 'not-the-password' });
    expect(codeOf(wrong)).toBe('UNAUTHENTICATED');
    expect(codeOf(unknown)).toBe('UNAUTHENTICATED');
    expect(wrong.errors![0].message).toBe(unknown.errors![0].message);
    const failed = await auditRows(t.db, { action: 'LOGIN_FAILED' });
    expect(failed.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(failed)).not.toContain('nobody@demo.test'); // identifiers only
  });

  it('throttles repeated failures for an email, even with the right password afterwards', async () => {
    for (let i = 0; i < 3; i++) expect(codeOf(await t.gql(LOGIN, { e: 'dpo@demo.test', p: 'wrong-password' }))).toBe('UNAUTHENTICATED');
    const locked = await t.gql(LOGIN, { e: 'dpo@demo.test', p: 'demo-password' });
    expect(codeOf(locked)).toBe('UNAUTHENTICATED');
    expect(locked.errors![0].message).toMatch(/Too many failed sign-in attempts/);
    expect(locked.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(0);
    expect(codeOf(await t.gql(LOGIN, { e: 'staff@demo.test', p: 'demo-password' }))).toBeUndefined();
  });

  it('a successful sign-in is audited as LOGIN', async () => {
    const r = await t.gql(LOGIN, { e: 'admin@demo.test', p: 'demo-password' });
    expect(await auditRows(t.db, { action: 'LOGIN', actorId: r.data.login.user.id })).not.toHaveLength(0);
  });

  it('refuses anonymous requests, bad tokens and malformed headers with UNAUTHENTICATED', async () => {
    expect(codeOf(await t.gql(ME))).toBe('UNAUTHENTICATED');
    expect(codeOf(await t.gql(ME, {}, 'not-a-jwt'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await t.gql(ME, {}, undefined, { authorization: 'Basic abc' }))).toBe('UNAUTHENTICATED');
  });

  it('a deactivated user can neither sign in nor use an earlier token', async () => {
    const serviceId = await createLibraryService(t.db, { name: 'Deactivation Test' });
    await createUser(t.db, { email: 'leaver@demo.test', role: 'STAFF', serviceId });
    const token = await t.login('leaver@demo.test');
    await t.db.query(`UPDATE app_user SET is_active = false WHERE email = 'leaver@demo.test'`);
    expect(codeOf(await t.gql(ME, {}, token))).toBe('UNAUTHENTICATED');
    expect(codeOf(await t.gql(LOGIN, { e: 'leaver@demo.test', p: 'demo-password' }))).toBe('UNAUTHENTICATED');
  });

  it('validates input: a malformed email is BAD_USER_INPUT naming the field', async () => {
    const r = await t.gql(LOGIN, { e: 'not-an-email', p: 'x' });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].message).toMatch(/email/);
  });

  it('serves the offline playground and the health check', async () => {
    const page = await fetch(`${t.running.url}/playground`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\/(cdn|unpkg|jsdelivr)/);
    for (const asset of ['graphiql.js', 'graphiql.css', 'react.js', 'react-dom.js']) {
      expect((await fetch(`${t.running.url}/playground/${asset}`)).status).toBe(200);
    }
    const health = await fetch(`${t.running.url}/health`);
    expect(health.status).toBe(200);
    expect((await health.json()).info.database.status).toBe('up');
  });
});
