import { Logger } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';

/**
 * A Redis client that fails fast, for everything the service keeps in Redis (sign-in counters,
 * the live event bus): a command waits at most a couple of seconds, and a URL that does not
 * answer at start stops the start. Errors are logged by kind only: the URL may carry a password.
 * `purpose` names the user in the log ("sign-in counters", "live events").
 */
export async function connectRedis(url: string, purpose = 'sign-in counters', options: RedisOptions = {}): Promise<Redis> {
  const logger = new Logger('Redis');
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, commandTimeout: 2000, connectTimeout: 5000, ...options });
  let reported = false;
  redis.on('error', (err: NodeJS.ErrnoException) => {
    if (!reported) logger.error(`Redis for ${purpose} is unreachable (${err.code ?? err.name})`);
    reported = true;
  });
  redis.on('ready', () => {
    reported = false;
  });
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    throw new Error(`REDIS_URL: cannot connect to Redis (${(err as Error).message})`, { cause: err });
  }
  return redis;
}
