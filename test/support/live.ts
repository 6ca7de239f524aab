import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { INestApplication } from '@nestjs/common';
import { EVENT_BUS, type EventBus, LIVE_EVENT_KINDS, type LiveEventKind } from '../../libs/events/src/index.js';

/**
 * A graphql-ws client of the running test app (the protocol a browser's client speaks), and its
 * subscriptions as queues a test awaits in order. Nothing here waits a fixed time: a test that
 * expects nothing for a user waits for a later event the user must get, and checks it came first.
 */
export interface LiveClient {
  client: Client;
  /** Resolves with the close code once the server closes the socket. */
  closed: Promise<{ code: number; reason: string }>;
  subscribe<T = any>(query: string, variables?: Record<string, unknown>): LiveSubscription<T>;
  dispose(): Promise<void>;
}

export interface LiveSubscription<T> {
  /** The next result (data or errors), in the order the server sent them. */
  next(): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
  /** Completes the subscription (the client's side). */
  stop(): void;
}

export function wsUrl(httpUrl: string): string {
  return `${httpUrl.replace(/^http/, 'ws')}/graphql`;
}

export function liveClient(httpUrl: string, token: string | null, connectionParams?: Record<string, unknown>): LiveClient {
  let closedWith: (value: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (closedWith = resolve));
  const client = createClient({
    url: wsUrl(httpUrl),
    webSocketImpl: WebSocket,
    connectionParams: connectionParams ?? (token ? { authorization: `Bearer ${token}` } : {}),
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => {},
    on: { closed: (event) => closedWith({ code: (event as { code: number }).code, reason: String((event as { reason?: unknown }).reason ?? '') }) },
  });
  return {
    client,
    closed,
    subscribe<T>(query: string, variables?: Record<string, unknown>): LiveSubscription<T> {
      const results: { data?: T; errors?: any[] }[] = [];
      const waiting: ((r: { data?: T; errors?: any[] }) => void)[] = [];
      const push = (r: { data?: T; errors?: any[] }) => {
        const w = waiting.shift();
        if (w) w(r);
        else results.push(r);
      };
      const stop = client.subscribe<T>(
        { query, variables },
        {
          next: (r) => push({ data: (r.data ?? undefined) as T | undefined, errors: r.errors as any[] | undefined }),
          error: (e) => push({ errors: Array.isArray(e) ? e : [{ message: String((e as Error).message ?? (e as { reason?: string }).reason ?? e) }] }),
          complete: () => {},
        },
      );
      return {
        next: () => {
          const r = results.shift();
          return r ? Promise.resolve(r) : new Promise((resolve) => waiting.push(resolve));
        },
        stop,
      };
    },
    async dispose() {
      await client.dispose();
    },
  };
}

/**
 * Until `n` subscriptions of this kind listen on the app's bus: graphql-ws sends nothing when a
 * subscription starts, so a test that publishes right after subscribing waits for this first.
 */
export async function untilListening(app: INestApplication, kind: LiveEventKind, n: number): Promise<void> {
  const bus = app.get<EventBus>(EVENT_BUS);
  while (bus.listenerCount(kind) < n) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** Until no subscription of any kind listens on the app's bus (the last test's connections are gone). */
export async function untilNoListeners(app: INestApplication): Promise<void> {
  const bus = app.get<EventBus>(EVENT_BUS);
  while (LIVE_EVENT_KINDS.some((k) => bus.listenerCount(k) > 0)) await new Promise((resolve) => setTimeout(resolve, 5));
}
