import { EventEmitter } from 'node:events';
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
  close(): Promise<void>;
}

/** The single-process default (no REDIS_URL): events stay in this process. */
export class InProcessEventBus implements EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(event: LiveEvent): Promise<void> {
    // Handlers run after the publisher has moved on, as they would with Redis in between.
    queueMicrotask(() => this.emitter.emit(event.kind, event));
  }

  subscribe(kinds: readonly LiveEventKind[], handler: (event: LiveEvent) => void): () => void {
    for (const kind of kinds) this.emitter.on(kind, handler);
    return () => {
      for (const kind of kinds) this.emitter.off(kind, handler);
    };
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
