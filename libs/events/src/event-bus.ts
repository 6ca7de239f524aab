import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import type { LiveEvent, LiveEventKind } from './live-event.js';

/** The Nest provider token of the app's one bus. */
export const EVENT_BUS = Symbol('EVENT_BUS');

/**
 * Publish/subscribe between the places a record changes and the clients watching for it. Publish
 * after the change is committed: an event is a hint to look, and a look inside an open transaction
 * would find nothing. Delivery is live only (a subscriber that is not connected misses it);
 * anything that must arrive later goes through the durable notification queue instead.
 */
export interface EventBus {
  publish(event: LiveEvent): Promise<void>;
  /** Calls `handler` for each event of these kinds, until the returned function is called. */
  subscribe(kinds: readonly LiveEventKind[], handler: (event: LiveEvent) => void): () => void;
  /** Handlers listening in this process for a kind (for health figures, and tests that wait for a subscription to start). */
  listenerCount(kind: LiveEventKind): number;
  close(): Promise<void>;
}

/** The single-process default (no REDIS_URL): events stay in this process. */
export class InProcessEventBus implements EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(event: LiveEvent): Promise<void> {
    // Handlers run after the publisher has moved on, as they would with Redis in between.
    queueMicrotask(() => this.deliver(event));
  }

  /** Hands an event to this process's handlers (the Redis bus calls it for each message it receives). */
  protected deliver(event: LiveEvent): void {
    this.emitter.emit(event.kind, event);
  }

  subscribe(kinds: readonly LiveEventKind[], handler: (event: LiveEvent) => void): () => void {
    for (const kind of kinds) this.emitter.on(kind, handler);
    return () => {
      for (const kind of kinds) this.emitter.off(kind, handler);
    };
  }

  listenerCount(kind: LiveEventKind): number {
    return this.emitter.listenerCount(kind);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

/**
 * Publishes after a commit, stamped with the time: a bus that fails (Redis gone) does not undo the
 * committed change or fail the mutation, it is logged by kind, and the subscribers miss this one.
 * `bus` is optional for services built without the app (the demo story).
 */
export async function publishCommitted(bus: EventBus | undefined, event: Omit<LiveEvent, 'at'>): Promise<void> {
  if (!bus) return;
  await bus.publish({ ...event, at: new Date().toISOString() }).catch((err: Error) => {
    new Logger('EventBus').warn(`A ${event.kind} event could not be published (${err.name})`);
  });
}
