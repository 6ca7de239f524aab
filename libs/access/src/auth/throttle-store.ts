import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { type AppConfig, connectRedis } from '../../../common/src/index.js';

/** The store of sign-in failure counters (Nest provider token). */
export const THROTTLE_STORE = Symbol('THROTTLE_STORE');

/** How long a client waits once it has reached a limit: doubling with each further failure, capped. */
export interface Backoff {
  firstWaitMs: number;
  maxWaitMs: number;
}

/** Counters are forgotten this long after their last counted failure (and never before a wait has ended). */
export const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;

/** The exponent is bounded so that 2^n stays a finite number in SQL, Lua and JavaScript alike. */
const MAX_DOUBLINGS = 40;

/** The wait owed by a counter after `failures` counted failures, with `limit` allowed before waiting. */
export function waitMs(failures: number, limit: number, backoff: Backoff): number {
  if (failures < limit) return 0;
  return Math.min(backoff.firstWaitMs * 2 ** Math.min(failures - limit, MAX_DOUBLINGS), backoff.maxWaitMs);
}

export type Reservation = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Failure counters shared by every replica. `reserve` is one atomic step per key: if the key owes
 * no wait, count one more failure and allow the attempt; otherwise refuse without counting, so
 * hammering a waiting key does not lengthen the wait. An attempt is counted before its password is
 * checked (a success gives it back), so parallel attempts cannot all slip through before the count.
 */
export interface ThrottleStore {
  reserve(key: string, limit: number, now: number): Promise<Reservation>;
  /** Gives back one counted attempt (it turned out not to be a failure, or another limit refused it). */
  release(key: string): Promise<void>;
  /** Forgets the key (a successful sign-in from this client for this email). */
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

/** The default store: a table in the service's own database (migration LoginThrottle). */
export class PostgresThrottleStore implements ThrottleStore {
  private nextPurge = 0;

  constructor(
    private readonly db: DataSource,
    private readonly backoff: Backoff,
  ) {}

  async reserve(key: string, limit: number, now: number): Promise<Reservation> {
    await this.purgeNowAndThen(now);
    const at = new Date(now);
    // One statement: ON CONFLICT DO UPDATE locks the row, so concurrent attempts on a key queue here
    // and each sees the count the one before it left. No row back means the WHERE refused it.
    const rows: { failures: number }[] = await this.db.query(
      `
      INSERT INTO login_throttle AS t (key, failures, last_failure_at, forget_at) VALUES ($1, 1, $2::timestamptz, $2::timestamptz + $6::float8 * interval '1 millisecond')
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN t.forget_at <= $2::timestamptz THEN 1 ELSE t.failures + 1 END,
        last_failure_at = EXCLUDED.last_failure_at, forget_at = EXCLUDED.forget_at
      WHERE t.forget_at <= $2::timestamptz OR t.failures < $3::int
        OR t.last_failure_at + least($4::float8 * power(2, least(t.failures - $3::int, ${MAX_DOUBLINGS})), $5::float8) * interval '1 millisecond' <= $2::timestamptz
      RETURNING failures`,
      [key, at, limit, this.backoff.firstWaitMs, this.backoff.maxWaitMs, FORGET_AFTER_MS],
    );
    if (rows.length) return { allowed: true };
    const [row]: { failures: number; last: string }[] = await this.db.query(
      `SELECT failures, (extract(epoch FROM last_failure_at) * 1000)::float8 AS last FROM login_throttle WHERE key = $1`,
      [key],
    );
    const retryAfterMs = row ? Number(row.last) + waitMs(row.failures, limit, this.backoff) - now : 0;
    return { allowed: false, retryAfterMs: Math.max(retryAfterMs, 1000) };
  }

  async release(key: string): Promise<void> {
    await this.db.query(`UPDATE login_throttle SET failures = failures - 1 WHERE key = $1 AND failures > 0`, [key]);
  }

  async reset(key: string): Promise<void> {
    await this.db.query(`DELETE FROM login_throttle WHERE key = $1`, [key]);
  }

  async close(): Promise<void> {}

  /** Drops forgotten counters at most every ten minutes, so the table holds only the last day's. */
  private async purgeNowAndThen(now: number): Promise<void> {
    if (now < this.nextPurge) return;
    this.nextPurge = now + 10 * 60_000;
    await this.db.query(`DELETE FROM login_throttle WHERE forget_at <= $1::timestamptz`, [new Date(now)]);
  }
}

/** Lua runs atomically in Redis: the same rule as the SQL above, on a hash {f: failures, t: last failure (ms)}. */
const RESERVE_LUA = `
local now, limit, first, max, forget = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local f = tonumber(redis.call('HGET', KEYS[1], 'f') or '0')
local t = tonumber(redis.call('HGET', KEYS[1], 't') or '0')
if f >= limit then
  local wait = math.min(first * 2 ^ math.min(f - limit, ${MAX_DOUBLINGS}), max)
  if now < t + wait then return {0, math.ceil(t + wait - now)} end
end
redis.call('HSET', KEYS[1], 'f', f + 1, 't', ARGV[1])
redis.call('PEXPIRE', KEYS[1], forget)
return {1, 0}`;

const RELEASE_LUA = `
local f = tonumber(redis.call('HGET', KEYS[1], 'f') or '0')
if f > 0 then redis.call('HSET', KEYS[1], 'f', f - 1) end
return f`;

/** With REDIS_URL: counters in Redis, expiring by themselves. */
export class RedisThrottleStore implements ThrottleStore {
  constructor(
    private readonly redis: Redis,
    private readonly backoff: Backoff,
    private readonly prefix = 'safer-libraries:sign-in:',
  ) {}

  async reserve(key: string, limit: number, now: number): Promise<Reservation> {
    const [allowed, retryAfterMs] = (await this.redis.eval(
      RESERVE_LUA,
      1,
      this.prefix + key,
      now,
      limit,
      this.backoff.firstWaitMs,
      this.backoff.maxWaitMs,
      FORGET_AFTER_MS,
    )) as [number, number];
    return allowed === 1 ? { allowed: true } : { allowed: false, retryAfterMs: Math.max(retryAfterMs, 1000) };
  }

  async release(key: string): Promise<void> {
    await this.redis.eval(RELEASE_LUA, 1, this.prefix + key);
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** Redis when REDIS_URL is set (checked at start, so a wrong URL stops the start), else the database. */
export async function createThrottleStore(config: AppConfig, db: DataSource): Promise<ThrottleStore> {
  const backoff = { firstWaitMs: config.LOGIN_BACKOFF_SECONDS * 1000, maxWaitMs: config.LOGIN_BACKOFF_MAX_MINUTES * 60_000 };
  if (!config.REDIS_URL) return new PostgresThrottleStore(db, backoff);
  return new RedisThrottleStore(await connectRedis(config.REDIS_URL), backoff);
}

/** Kept here for the callers that import it with the store (it lives in libs/common, shared with the event bus). */
export { connectRedis };
