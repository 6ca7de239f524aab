import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../libs/common/src/index.js';
import { auditRows, createLibraryService, createUser } from './support/builders.js';
import { codeOf, startTestApp, type TestApp } from './support/test-app.js';
import { buildWebApp } from './support/web-build.js';

const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken expiresAt user { id email role displayName } } }`;
const ME = `{ me { id email role libraryServiceId partnerOrganisationId branchIds } }`;

describe('sign-in (e2e over HTTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    buildWebApp(); // the playground is built with the web app
    t = await startTestApp({ LOGIN_MAX_FAILURES: '3' });
  });
  afterAll(() => t.close());

  it.each([
    ['admin@demo.test', 'ADMIN'],
    ['manager@demo.test', 'MANAGER'],
    ['outreach@demo.test', 'OUTREACH_WORKER'],
    ['staff@demo.test', 'STAFF'],
    ['pcso@demo.test', 'PARTNER'],
    ['dpo@demo.test', 'DPO'],
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

  it('throttles by the address of the connection when no proxy is trusted: a made-up X-Forwarded-For is not a new client', async () => {
    const serviceId = await createLibraryService(t.db, { name: 'No Proxy' });
    await createUser(t.db, { email: 'no-proxy@demo.test', role: 'STAFF', serviceId });
    const guess = (ip: string) => t.gql(LOGIN, { e: 'no-proxy@demo.test', p: 'wrong-password' }, undefined, { 'x-forwarded-for': ip });
    for (let i = 0; i < 3; i++) expect((await guess(`10.9.0.${i}`)).errors![0].message).toBe('Email or password is not correct');
    expect((await guess('10.9.0.99')).errors![0].message).toMatch(/Too many failed sign-in attempts/);
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

  it('issues tokens that expire, and answers every malformed token with UNAUTHENTICATED, never HTTP 500', async () => {
    const secret = t.running.app.get<symbol, AppConfig>(APP_CONFIG).JWT_SECRET!;
    const good = await t.login('manager@demo.test');
    const claims = JSON.parse(Buffer.from(good.split('.')[1], 'base64url').toString());
    expect(claims.exp - claims.iat).toBe(900);
    const sub = claims.sub;
    const now = Math.floor(Date.now() / 1000);
    const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
    const signed = (header: unknown, payload: unknown, key: string = secret, hash = 'sha256') => {
      const body = `${b64(header)}.${b64(payload)}`;
      return `${body}.${createHmac(hash, key).update(body).digest('base64url')}`;
    };
    const hs256 = { alg: 'HS256', typ: 'JWT' };
    const tokens: [string, string][] = [
      ['no expiry', signed(hs256, { sub, iat: now })],
      ['expiry as a string', signed(hs256, { sub, iat: now, exp: String(now + 600) })],
      ['expired', signed(hs256, { sub, iat: now - 7200, exp: now - 3600 })],
      ['not valid yet', signed(hs256, { sub, iat: now, nbf: now + 600, exp: now + 1200 })],
      ['subject not a uuid', signed(hs256, { sub: 'not-a-uuid', exp: now + 600 })],
      ['subject an SQL fragment', signed(hs256, { sub: `${sub}' OR '1'='1`, exp: now + 600 })],
      ['subject a number', signed(hs256, { sub: 42, exp: now + 600 })],
      ['subject an object', signed(hs256, { sub: { id: sub }, exp: now + 600 })],
      ['subject a list', signed(hs256, { sub: [sub], exp: now + 600 })],
      ['no subject', signed(hs256, { exp: now + 600 })],
      ['subject of nobody', signed(hs256, { sub: randomUUID(), exp: now + 600 })],
      ['claims a list', signed(hs256, [sub])],
      ['claims a string', signed(hs256, JSON.stringify(sub))],
      ['claims null', signed(hs256, 'null')],
      ['claims not JSON', signed(hs256, 'not json {')],
      ['header not JSON', signed('{"alg":', { sub, exp: now + 600 })],
      ['alg none', `${b64({ alg: 'none' })}.${b64({ sub, exp: now + 600 })}.`],
      ['alg HS512 with the same secret', signed({ alg: 'HS512' }, { sub, exp: now + 600 }, secret, 'sha512')],
      ['alg RS256 with an HMAC signature', signed({ alg: 'RS256' }, { sub, exp: now + 600 })],
      ['another secret', signed(hs256, { sub, exp: now + 600 }, randomBytes(32).toString('hex'))],
      ['a huge header', signed({ ...hs256, kid: 'k'.repeat(8000) }, { sub, exp: now + 600 })],
      ['a huge token', randomBytes(9000).toString('base64url')],
      ['bad base64 in every part', '%%%.$$$.***'],
      ['bad base64 in the signature', `${good.split('.').slice(0, 2).join('.')}.!!!`],
      ['two parts', good.split('.').slice(0, 2).join('.')],
      ['four parts', `${good}.x`],
      ['empty parts', '..'],
      ['a valid token cut short', good.slice(0, -5)],
    ];
    const answers = [];
    for (const [name, token] of tokens) {
      const r = await t.gql(ME, {}, undefined, { authorization: `Bearer ${token}` });
      answers.push([name, r.status, codeOf(r)]);
    }
    for (const header of ['Bearer', 'Bearer ', `Bearer ${good} extra`, `Token ${good}`, `Bearer\t\t`]) {
      const r = await t.gql(ME, {}, undefined, { authorization: header });
      answers.push([header.slice(0, 12), r.status, codeOf(r)]);
    }
    expect(answers).toEqual(answers.map(([name]) => [name, 200, 'UNAUTHENTICATED']));
    // The genuine token still works, whatever the case of the scheme.
    expect((await t.gql(ME, {}, undefined, { authorization: `bearer ${good}` })).data.me.email).toBe('manager@demo.test');
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

  describe('changing one’s password', () => {
    const CHANGE = `mutation($i: ChangePasswordInput!) { changePassword(input: $i) }`;
    const change = (token: string | undefined, currentPassword: string, newPassword: string) => t.gql(CHANGE, { i: { currentPassword, newPassword } }, token);

    it('needs the current password, a new one of 12 characters or more that differs; then ends every session', async () => {
      const demo = (await t.db.query(`SELECT id FROM library_service WHERE code = 'DEMO'`))[0].id;
      const id = await createUser(t.db, { email: 'changer@demo.test', role: 'OUTREACH_WORKER', serviceId: demo });
      const token = await t.login('changer@demo.test');
      const other = await t.login('changer@demo.test'); // another device's session

      expect(codeOf(await change(undefined, 'demo-password', 'a long new password'))).toBe('UNAUTHENTICATED');
      const short = await change(token, 'demo-password', 'too short');
      expect([codeOf(short), short.errors![0].extensions!.problems]).toEqual(['BAD_USER_INPUT', ['newPassword must be at least 12 characters']]);
      const wrong = await change(token, 'not my password', 'a long new password');
      expect([codeOf(wrong), wrong.errors![0].extensions!.problems]).toEqual([
        'BAD_USER_INPUT',
        [{ field: 'currentPassword', message: 'your current password is not right' }],
      ]);
      // A wrong current password is a failed sign-in: audited, and counted by the throttle.
      expect(await auditRows(t.db, { action: 'LOGIN_FAILED', entityId: id })).toHaveLength(1);
      const same = await change(token, 'demo-password', 'demo-password');
      expect([codeOf(same), same.errors![0].extensions!.problems]).toEqual([
        'BAD_USER_INPUT',
        [{ field: 'newPassword', message: 'choose a password different from your current one' }],
      ]);

      expect((await change(token, 'demo-password', 'a long new password')).data).toEqual({ changePassword: true });
      expect(await auditRows(t.db, { action: 'UPDATE', entityType: 'User', entityId: id })).toHaveLength(1);
      // Every session ends, this one too; the old password signs in no more, the new one does.
      for (const old of [token, other]) expect(codeOf(await t.gql(ME, {}, old))).toBe('UNAUTHENTICATED');
      expect(codeOf(await t.gql(LOGIN, { e: 'changer@demo.test', p: 'demo-password' }))).toBe('UNAUTHENTICATED');
      expect((await t.gql(ME, {}, await t.login('changer@demo.test', 'a long new password'))).data.me.id).toBe(id);
    });

    it('refuses to be a way round the sign-in throttle: wrong current passwords are counted with failed sign-ins', async () => {
      const demo = (await t.db.query(`SELECT id FROM library_service WHERE code = 'DEMO'`))[0].id;
      await createUser(t.db, { email: 'guessed@demo.test', role: 'STAFF', serviceId: demo });
      const token = await t.login('guessed@demo.test');
      // LOGIN_MAX_FAILURES is 3 here.
      for (let i = 0; i < 3; i++) expect(codeOf(await change(token, `guess number ${i}`, 'a long new password'))).toBe('BAD_USER_INPUT');
      const refused = await change(token, 'demo-password', 'a long new password');
      expect(codeOf(refused)).toBe('UNAUTHENTICATED');
      expect(refused.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(0);
      expect(codeOf(await t.gql(LOGIN, { e: 'guessed@demo.test', p: 'demo-password' }))).toBe('UNAUTHENTICATED');
    });
  });

  it('serves the offline playground and the health check', async () => {
    const page = await fetch(`${t.running.url}/playground`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    // Its script, stylesheet and the chunks it preloads, all from this server.
    const files = [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1]);
    expect(files.filter((f) => f.startsWith('/playground/')).length).toBe(2);
    for (const file of files) expect([file, (await fetch(`${t.running.url}${file}`)).status]).toEqual([file, 200]);
    const health = await fetch(`${t.running.url}/health`);
    expect(health.status).toBe(200);
    expect((await health.json()).info.database.status).toBe('up');
  });
});
