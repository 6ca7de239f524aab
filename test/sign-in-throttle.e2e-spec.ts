import { createLibraryService, createUser } from './support/builders.js';
import { testRedisUrl } from './support/redis.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const LOGIN = `mutation($e: String!, $p: String!, $d: String) { login(email: $e, password: $p, knownDeviceToken: $d) { accessToken knownDeviceToken user { id } } }`;
const LIMITS = { LOGIN_MAX_FAILURES: '5', LOGIN_MAX_FAILURES_PER_EMAIL: '8', LOGIN_MAX_FAILURES_PER_IP: '12', TRUST_PROXY: 'loopback' };
// The Redis store does not depend on the database, so its run over HTTP is made once, in the
// PostgreSQL pass (where the app starts fastest); its rules are also tested in login-throttle.spec.ts on every pass.
const redisUrl = process.env.DATABASE_URL ? await testRedisUrl() : null;

interface Attempt {
  code?: string;
  message?: string;
  retryAfterSeconds?: number;
  token?: string;
  device?: string;
  setCookie: string | null;
}

/**
 * Sign-in throttling over HTTP, as an attacker meets it: the client's address comes from
 * X-Forwarded-For (the test app trusts the loopback proxy), the known device from a cookie or argument.
 * Run with the counters in the database (embedded or PostgreSQL), and in Redis.
 */
describe.each([['the database', {}], ...(redisUrl ? [['Redis', { REDIS_URL: redisUrl }]] : [])] as [string, Record<string, string>][])(
  'sign-in throttling with the counters in %s (e2e over HTTP)',
  (_store, env) => {
    let t: TestApp;
    let serviceId: string;
    beforeAll(async () => {
      t = await startTestApp({ ...LIMITS, ...env });
      serviceId = await createLibraryService(t.db, { name: 'Throttle Test' });
    });
    afterAll(() => t.close());

    const signIn = async (email: string, password: string, ip: string, opts: { cookie?: string; device?: string } = {}): Promise<Attempt> => {
      const res = await fetch(`${t.running.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip, ...(opts.cookie ? { cookie: opts.cookie } : {}) },
        body: JSON.stringify({ query: LOGIN, variables: { e: email, p: password, d: opts.device ?? null } }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        data?: { login?: { accessToken: string; knownDeviceToken: string } };
        errors?: { message: string; extensions: { code: string; retryAfterSeconds?: number } }[];
      };
      const e = body.errors?.[0];
      return {
        code: e?.extensions.code,
        message: e?.message,
        retryAfterSeconds: e?.extensions.retryAfterSeconds,
        token: body.data?.login?.accessToken,
        device: body.data?.login?.knownDeviceToken,
        setCookie: res.headers.get('set-cookie'),
      };
    };
    const audit = async (userId: string | null, action: string) =>
      (await t.db.query(
        `SELECT actor_id, actor_role, entity_type, entity_id, library_service_id, purpose FROM audit_event WHERE action = $1 AND entity_id IS NOT DISTINCT FROM $2 ORDER BY id`,
        [action, userId],
      )) as Record<string, unknown>[];
    let n = 0;
    const newUser = async () => {
      const email = `throttled.${n++}.${Date.now()}@demo.test`;
      return { email, id: await createUser(t.db, { email, role: 'STAFF', serviceId }) };
    };

    it('of 40 parallel wrong guesses for one email, only LOGIN_MAX_FAILURES reach the password check; the rest are refused and audited', async () => {
      const u = await newUser();
      const own = await signIn(u.email, 'demo-password', '10.1.0.1');
      expect(own.code).toBeUndefined();
      const attacks = await Promise.all(Array.from({ length: 40 }, () => signIn(u.email, 'wrong-password', '10.1.0.66')));
      const refused = attacks.filter((a) => /Too many failed sign-in attempts/.test(a.message ?? ''));
      expect(attacks.filter((a) => a.message === 'Email or password is not correct')).toHaveLength(5);
      expect(refused).toHaveLength(35);
      for (const a of attacks) expect(a.code).toBe('UNAUTHENTICATED');
      for (const a of refused) expect(a.retryAfterSeconds).toBeGreaterThan(0);
      // The wait runs from the last failure; a parallel attempt timed just before it was recorded may see up to a second more.
      for (const a of refused) expect(a.retryAfterSeconds).toBeLessThanOrEqual(61);
      const failed = await audit(u.id, 'LOGIN_FAILED');
      expect(failed).toHaveLength(5);
      expect(await audit(u.id, 'LOGIN_REFUSED')).toHaveLength(35);
      // Identifiers only, in the user's service's trail, with no actor: the guesser is not the user.
      expect(failed[0]).toEqual({ actor_id: null, actor_role: null, entity_type: 'User', entity_id: u.id, library_service_id: serviceId, purpose: null });
      // Hammering a waiting client does not lengthen its wait.
      for (let i = 0; i < 5; i++) await signIn(u.email, 'wrong-password', '10.1.0.66');
      expect((await signIn(u.email, 'wrong-password', '10.1.0.66')).retryAfterSeconds).toBeLessThanOrEqual(60);
      // The right password from the guessing client waits too; the user's own client does not.
      expect((await signIn(u.email, 'demo-password', '10.1.0.66')).message).toMatch(/Too many/);
      expect((await signIn(u.email, 'demo-password', '10.1.0.1', { device: own.device })).token).toBeTruthy();
    });

    it("guesses from many addresses stop at the per-email limit, but the user's known device (cookie or argument) still signs in", async () => {
      const u = await newUser();
      const own = await signIn(u.email, 'demo-password', '10.2.0.1');
      expect(own.setCookie).toMatch(/^known_device=[\w-]+; Max-Age=15552000; Path=\/graphql; Expires=[^;]+; HttpOnly; SameSite=Strict$/);
      const cookie = own.setCookie!.split(';')[0];
      for (let i = 0; i < 8; i++) expect((await signIn(u.email, 'wrong-password', `10.2.1.${i}`)).message).toBe('Email or password is not correct');
      expect((await signIn(u.email, 'wrong-password', '10.2.1.100')).message).toMatch(/Too many/);
      // A new client with the right password waits (it could be the attacker)...
      expect((await signIn(u.email, 'demo-password', '10.2.2.1')).message).toMatch(/Too many/);
      // ...the user's known device does not, wherever it is now, and keeps its device across sign-ins.
      const viaCookie = await signIn(u.email, 'demo-password', '10.2.3.1', { cookie });
      expect(viaCookie.token).toBeTruthy();
      expect((await signIn(u.email, 'demo-password', '10.2.1.100', { device: viaCookie.device })).token).toBeTruthy();
      // A known-device token is bound to its user, and a forged or altered one is no token at all.
      const other = await newUser();
      const othersDevice = (await signIn(other.email, 'demo-password', '10.2.4.1')).device!;
      expect((await signIn(u.email, 'demo-password', '10.2.4.1', { device: othersDevice })).message).toMatch(/Too many/);
      const altered = own.device!.slice(0, -2) + (own.device!.endsWith('AA') ? 'BB' : 'AA');
      expect((await signIn(u.email, 'demo-password', '10.2.4.2', { device: altered })).message).toMatch(/Too many/);
      expect((await signIn(u.email, 'demo-password', '10.2.4.3', { cookie: 'known_device=not-a-token' })).message).toMatch(/Too many/);
    });

    it('unknown emails are throttled alike, and audited without the email or the address', async () => {
      const email = `nobody.${Date.now()}@demo.test`;
      const before = (await audit(null, 'LOGIN_FAILED')).length;
      const results = [];
      for (let i = 0; i < 6; i++) results.push(await signIn(email, 'a-guess', '10.3.0.1'));
      expect(results.slice(0, 5).map((r) => r.message)).toEqual(Array(5).fill('Email or password is not correct'));
      expect(results[5].message).toMatch(/Too many/);
      expect((await audit(null, 'LOGIN_FAILED')).length - before).toBe(5);
      const rows = await t.db.query(`SELECT to_jsonb(a)::text AS row FROM audit_event a WHERE action IN ('LOGIN_FAILED', 'LOGIN_REFUSED')`);
      const all = rows.map((r: { row: string }) => r.row).join('\n');
      for (const secret of [email, 'a-guess', '10.3.0.1', 'throttled.']) expect(all).not.toContain(secret);
    });

    it('an address that sprays many emails is stopped by the per-IP limit; people elsewhere are not', async () => {
      const results = [];
      for (let i = 0; i < 13; i++) results.push(await signIn(`spray.${i}.${Date.now()}@demo.test`, 'Winter2026!', '10.4.0.1'));
      expect(results.filter((r) => r.message === 'Email or password is not correct')).toHaveLength(12);
      expect(results[12].message).toMatch(/Too many/);
      const u = await newUser();
      expect((await signIn(u.email, 'demo-password', '10.4.0.1')).message).toMatch(/Too many/);
      expect((await signIn(u.email, 'demo-password', '10.4.0.2')).token).toBeTruthy();
      // Behind the same address, a known device is not held back by somebody else's spraying.
      const again = await signIn(u.email, 'demo-password', '10.4.0.2');
      expect((await signIn(u.email, 'demo-password', '10.4.0.1', { device: again.device })).token).toBeTruthy();
    });

    it('keeps the counters where configured', async () => {
      const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM login_throttle');
      if (env.REDIS_URL) expect(n).toBe(0);
      else expect(n).toBeGreaterThan(10);
    });
  },
);
