import { Redis } from 'ioredis';

/**
 * The Redis the tests use: REDIS_URL, or the local one (there on the development machine and in
 * CI). Where none answers, Redis tests are skipped, except in CI, where that is a failure.
 */
export async function testRedisUrl(): Promise<string | null> {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000, retryStrategy: () => null });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
    return url;
  } catch (err) {
    if (process.env.CI) throw new Error(`Redis is needed for these tests in CI and did not answer at ${url}: ${String(err)}`, { cause: err });
    console.warn(`Redis did not answer at ${url}: its tests are skipped`);
    return null;
  } finally {
    probe.disconnect();
  }
}
