import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { connectRedis } from '../../common/src/index.js';
import { InProcessEventBus } from './event-bus.js';
import { LIVE_EVENT_KINDS, type LiveEvent, type LiveEventKind } from './live-event.js';

/** Every channel starts with it, so the bus can share a Redis with other users (one channel per kind). */
export const EVENT_CHANNEL_PREFIX = 'safer-libraries:events:';

/**
 * The bus between replicas (REDIS_URL set): an event published on one reaches the subscribers of
 * every one, this one included, through Redis pub/sub. Two connections, as Redis requires: one
 * that publishes, one held in subscriber mode. Delivery is at most once, like the in-process bus:
 * an event published while a replica is cut off from Redis does not reach its clients.
 */
export class RedisEventBus extends InProcessEventBus {
  private readonly logger = new Logger('RedisEventBus');

  private constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
  ) {
    super();
    subscriber.on('message', (channel: string, message: string) => {
      const event = parseEvent(channel, message);
      if (event) this.deliver(event);
      else this.logger.warn('A message on an event channel was not a live event: ignored');
    });
  }

  /** Connects both (failing the start when Redis does not answer) and listens on every kind's channel. */
  static async connect(url: string): Promise<RedisEventBus> {
    const publisher = await connectRedis(url, 'live events');
    const subscriber = await connectRedis(url, 'live events', { commandTimeout: undefined }).catch(async (err) => {
      publisher.disconnect();
      throw err;
    });
    await subscriber.subscribe(...LIVE_EVENT_KINDS.map((k) => EVENT_CHANNEL_PREFIX + k));
    return new RedisEventBus(publisher, subscriber);
  }

  override async publish(event: LiveEvent): Promise<void> {
    await this.publisher.publish(EVENT_CHANNEL_PREFIX + event.kind, JSON.stringify(event));
  }

  /** Subscribing and counting are the in-process bus's: Redis only carries the events between replicas. */
  override async close(): Promise<void> {
    await super.close();
    await Promise.all([this.subscriber, this.publisher].map((r) => r.quit().catch(() => r.disconnect())));
  }
}

const ID = /^[0-9a-f-]{36}$/i;
const optionalId = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && ID.test(v));

/** An event as it came off Redis: only the identifiers a LiveEvent has, each well formed, else null. */
function parseEvent(channel: string, message: string): LiveEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const e = value as Record<string, unknown>;
  const kind = channel.slice(EVENT_CHANNEL_PREFIX.length) as LiveEventKind;
  if (e.kind !== kind || !LIVE_EVENT_KINDS.includes(kind)) return null;
  if (typeof e.id !== 'string' || !ID.test(e.id) || typeof e.libraryServiceId !== 'string' || !ID.test(e.libraryServiceId)) return null;
  if (!optionalId(e.branchId) || !optionalId(e.userId) || !optionalId(e.partnerOrganisationId) || typeof e.at !== 'string') return null;
  return {
    kind,
    id: e.id,
    libraryServiceId: e.libraryServiceId,
    branchId: (e.branchId as string | null | undefined) ?? null,
    userId: (e.userId as string | null | undefined) ?? null,
    partnerOrganisationId: (e.partnerOrganisationId as string | null | undefined) ?? null,
    at: e.at,
  };
}
