import { randomBytes } from 'node:crypto';
import { createServer, type Socket, connect } from 'node:net';
import { Redis } from 'ioredis';
import type { OpenDatabase } from '../../../database/src/index.js';
import { openTestDatabase } from '../../../../test/support/test-database.js';
import { testRedisUrl } from '../../../../test/support/redis.js';
import { clientNetwork, LoginThrottle } from './login-throttle.js';
import { connectRedis, FORGET_AFTER_MS, PostgresThrottleStore, RedisThrottleStore, type ThrottleStore, waitMs } from './throttle-store.js';

const BACKOFF = { firstWaitMs: 60_000, maxWaitMs: 16 * 60_000 };
const T0 = Date.UTC(2026, 0, 5, 9);
const redisUrl = await testRedisUrl();

describe('waitMs', () => {
  it('owes nothing below the limit, then the first wait, doubling with each failure, capped', () => {
    expect([4, 5, 6, 7, 8, 9, 10, 500].map((f) => waitMs(f, 5, BACKOFF) / 60_000)).toEqual([0, 1, 2, 4, 8, 16, 16, 16]);
  });
});

describe('clientNetwork', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::99', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff::1%eth0', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('%s counts as %s', (ip, network) => expect(clientNetwork(ip)).toBe(network));
});

/** The same rules, run against each store: the database table (embedded or PostgreSQL) and Redis. */
interface Harness {
  store: ThrottleStore;
  keys(): Promise<string[]>;
  forgetsInMs?(key: string): Promise<number>;
  close(): Promise<void>;
}
const stores: [string, () => Promise<Harness>][] = [
  [
    'the database',
    async () => {
      const db: OpenDatabase = await openTestDatabase();
      return {
        store: new PostgresThrottleStore(db.dataSource, BACKOFF),
        keys: async () => (await db.dataSource.query('SELECT key FROM login_throttle')).map((r: { key: string }) => r.key),
        close: () => db.close(),
      };
    },
  ],
];
if (redisUrl) {
  stores.push([
    'Redis',
    async () => {
      const redis = new Redis(redisUrl);
      const prefix = `test:${randomBytes(6).toString('hex')}:`;
      return {
        store: new RedisThrottleStore(redis, BACKOFF, prefix),
        keys: async () => (await redis.keys(`${prefix}*`)).map((k) => k.slice(prefix.length)),
        // Redis forgets by itself (PEXPIRE); its clock cannot be moved, so the expiry is read instead.
        forgetsInMs: (key) => redis.pttl(prefix + key),
        close: async () => {
          const keys = await redis.keys(`${prefix}*`);
          if (keys.length) await redis.del(...keys);
          await redis.quit();
        },
      };
    },
  ]);
}

describe.each(stores)('sign-in counters in %s', (_name, open) => {
  let s: Harness;
  let n = 0;
  const fresh = () => `k${n++}:${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    s = await open();
  });
  afterAll(() => s.close());

  it('allows the limit, then refuses until the wait is over; refused attempts do not lengthen it; each further failure doubles it', async () => {
    const key = fresh();
    for (let i = 0; i < 3; i++) expect(await s.store.reserve(key, 3, T0)).toEqual({ allowed: true });
    for (let i = 0; i < 10; i++) expect(await s.store.reserve(key, 3, T0 + i * 1000)).toEqual({ allowed: false, retryAfterMs: 60_000 - i * 1000 });
    expect((await s.store.reserve(key, 3, T0 + 60_000)).allowed).toBe(true);
    expect(await s.store.reserve(key, 3, T0 + 60_001)).toEqual({ allowed: false, retryAfterMs: 119_999 });
    expect((await s.store.reserve(key, 3, T0 + 180_000)).allowed).toBe(true);
    expect(await s.store.reserve(key, 3, T0 + 180_000)).toEqual({ allowed: false, retryAfterMs: 240_000 });
  });

  it('caps the wait', async () => {
    const key = fresh();
    let now = T0;
    for (let i = 0; i < 12; i++) {
      expect((await s.store.reserve(key, 1, now)).allowed).toBe(true);
      const r = await s.store.reserve(key, 1, now);
      expect(r.allowed).toBe(false);
      now += (r as { retryAfterMs: number }).retryAfterMs;
    }
    expect(await s.store.reserve(key, 1, now - 1)).toEqual({ allowed: false, retryAfterMs: 1000 });
    expect(await s.store.reserve(key, 1, now - BACKOFF.maxWaitMs)).toEqual({ allowed: false, retryAfterMs: BACKOFF.maxWaitMs });
  });

  it('forgets a counter a day after its last failure; release gives one attempt back; reset forgets it', async () => {
    const key = fresh();
    for (let i = 0; i < 2; i++) await s.store.reserve(key, 2, T0);
    expect((await s.store.reserve(key, 2, T0 + 1000)).allowed).toBe(false);
    if (s.forgetsInMs) expect(await s.forgetsInMs(key)).toBeGreaterThan(FORGET_AFTER_MS - 60_000);
    else expect((await s.store.reserve(key, 2, T0 + FORGET_AFTER_MS)).allowed).toBe(true);
    const other = fresh();
    await s.store.reserve(other, 2, T0);
    await s.store.reserve(other, 2, T0);
    await s.store.release(other);
    expect((await s.store.reserve(other, 2, T0)).allowed).toBe(true);
    expect((await s.store.reserve(other, 2, T0)).allowed).toBe(false);
    await s.store.reset(other);
    expect((await s.store.reserve(other, 2, T0)).allowed).toBe(true);
  });

  it('is atomic: of 40 parallel attempts on one key, exactly the limit get through', async () => {
    const key = fresh();
    const results = await Promise.all(Array.from({ length: 40 }, () => s.store.reserve(key, 5, T0)));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });

  describe('the rules over the counters', () => {
    const limits = { perClient: 3, perEmail: 5, perIp: 8 };
    const secret = randomBytes(32);
    let now = T0;
    let throttle: LoginThrottle;
    beforeAll(() => {
      throttle = new LoginThrottle(s.store, limits, secret, () => now);
    });
    const attempt = (email: string, ip: string, knownDeviceId: string | null = null) => throttle.begin({ email, ip, knownDeviceId });
    const fail = async (email: string, ip: string, knownDeviceId: string | null = null) => (await attempt(email, ip, knownDeviceId)).allowed;

    it('counts per email and client, per email across clients, and per IP across emails', async () => {
      const email = `${fresh()}@x.test`;
      for (let i = 0; i < 3; i++) expect(await fail(email, '198.51.100.1')).toBe(true);
      expect(await fail(email, '198.51.100.1')).toBe(false);
      // Another address may still try, until the email's own limit (5) is reached.
      expect(await fail(email, '198.51.100.2')).toBe(true);
      expect(await fail(email, '198.51.100.3')).toBe(true);
      const refused = await attempt(email, '198.51.100.4');
      expect(refused).toEqual({ allowed: false, retryAfterSeconds: 60 });
      // Spraying many emails from one address: stopped by the address's limit (8).
      const ip = '198.51.100.9';
      const allowed = [];
      for (let i = 0; i < 12; i++) allowed.push(await fail(`${fresh()}@x.test`, ip));
      expect(allowed.filter(Boolean)).toHaveLength(8);
      // The same /64 is the same client.
      expect(await fail(`${fresh()}@x.test`, '2001:db8:5:5::1')).toBe(true);
    });

    it("a known device of the user is not held back by others' failures, only by its own", async () => {
      const email = `${fresh()}@x.test`;
      for (let i = 0; i < 10; i++) await fail(email, `192.0.2.${i}`);
      expect(await fail(email, '192.0.2.99')).toBe(false);
      const device = 'f3b0c3a2-6a55-4c6e-9d43-7d4b0d1a2e11';
      const ok = await attempt(email, '192.0.2.0', device);
      expect(ok.allowed).toBe(true);
      if (ok.allowed) await ok.attempt.succeeded();
      for (let i = 0; i < 3; i++) expect(await fail(email, '192.0.2.0', device)).toBe(true);
      expect(await fail(email, '192.0.2.0', device)).toBe(false);
      expect(await fail(email, '192.0.2.0', 'a3b0c3a2-6a55-4c6e-9d43-7d4b0d1a2e11')).toBe(true);
    });

    it('a success starts the client counter again but gives back only its own attempt on the shared ones', async () => {
      const email = `${fresh()}@x.test`;
      for (let i = 0; i < 2; i++) await fail(email, '203.0.113.1');
      for (let i = 0; i < 2; i++) await fail(email, '203.0.113.2');
      const ok = await attempt(email, '203.0.113.1');
      if (!ok.allowed) throw new Error('expected to be allowed');
      await ok.attempt.succeeded();
      // Client 1 starts from zero again (3 more); the email keeps client 2's 2 failures and client 1's earlier 2.
      expect(await fail(email, '203.0.113.1')).toBe(true);
      expect(await fail(email, '203.0.113.3')).toBe(false);
    });

    it('an attempt refused by one counter is not counted by the others', async () => {
      now += FORGET_AFTER_MS * 2;
      const email = `${fresh()}@x.test`;
      for (let i = 0; i < 5; i++) await fail(email, `198.18.0.${i}`);
      // The email is at its limit: attempts from a new address are refused, and must not count for (email, address).
      for (let i = 0; i < 5; i++) expect(await fail(email, '198.18.1.1')).toBe(false);
      now += 60_000;
      expect(await fail(email, '198.18.1.1')).toBe(true);
      // An address at its limit: its refused attempts must not count for the email they tried.
      const sprayer = '198.18.2.1';
      for (let i = 0; i < 8; i++) expect(await fail(`${fresh()}@x.test`, sprayer)).toBe(true);
      const victim = `${fresh()}@x.test`;
      for (let i = 0; i < 5; i++) expect(await fail(victim, sprayer)).toBe(false);
      for (let i = 0; i < 3; i++) expect(await fail(victim, `198.18.3.${i}`)).toBe(true);
      for (let i = 0; i < 2; i++) expect(await fail(victim, `198.18.4.${i}`)).toBe(true);
      expect(await fail(victim, '198.18.5.1')).toBe(false);
    });

    it('keeps no email or address in the store', async () => {
      const keys = await s.keys();
      expect(keys.length).toBeGreaterThan(10);
      expect(keys.join(' ')).not.toMatch(/@|x\.test|198\.|203\.|192\.|2001/);
    });
  });
});

(redisUrl ? describe : describe.skip)('Redis out of reach', () => {
  it('stops the start when REDIS_URL does not answer', async () => {
    await expect(connectRedis('redis://127.0.0.1:1')).rejects.toThrow(/^REDIS_URL: cannot connect to Redis/);
  });

  it('refuses to count (so sign-in fails closed) when Redis goes away, within seconds', async () => {
    const target = new URL(redisUrl!);
    const sockets: Socket[] = [];
    const proxy = createServer((client) => {
      const upstream = connect(Number(target.port || 6379), target.hostname);
      sockets.push(client, upstream);
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const port = (proxy.address() as { port: number }).port;
    const redis = await connectRedis(`redis://127.0.0.1:${port}`);
    const store = new RedisThrottleStore(redis, BACKOFF, `test:${randomBytes(6).toString('hex')}:`);
    try {
      expect((await store.reserve('k', 5, T0)).allowed).toBe(true);
      await new Promise<void>((resolve) => {
        proxy.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
      const started = Date.now();
      await expect(store.reserve('k', 5, T0)).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      redis.disconnect();
    }
  });
});
