import { AsyncLocalStorage } from 'node:async_hooks';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { admission } from './admission.js';

/**
 * The admission queue over real HTTP: an express app whose handler waits until the test lets each
 * request go, so the number in progress is known at every step.
 */
describe('admission', () => {
  const store = new AsyncLocalStorage<string>();
  let server: Server;
  let url: string;
  let inProgress: string[];
  const gates = new Map<string, () => void>();

  beforeAll(async () => {
    const app = express();
    // Each request marks its own async context before it queues (as pino-http's and any other
    // AsyncLocalStorage would): a queued request must go on in its own, not in that of the request that made room.
    app.use((req, _res, next) => store.run(String(req.headers['x-n']), next));
    app.use('/graphql', admission(2, 1));
    app.post('/graphql', (req, res) => {
      const n = String(req.headers['x-n']);
      inProgress.push(n);
      const seenAs = store.getStore();
      gates.set(n, () => res.json({ n, seenAs }));
    });
    await new Promise<void>((resolve) => {
      server = app.listen(0, '127.0.0.1', () => resolve());
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    inProgress = [];
    gates.clear();
  });

  const post = (n: number) => fetch(url, { method: 'POST', headers: { 'x-n': String(n) } });
  const until = async (ok: () => boolean) => {
    for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(ok()).toBe(true);
  };

  it('works on two at a time, queues one, refuses the next with 503 SERVICE_UNAVAILABLE, and serves the queued one in its own context', async () => {
    const first = post(1);
    const second = post(2);
    await until(() => inProgress.length === 2);
    const third = post(3);
    await new Promise((r) => setTimeout(r, 50));
    const refused = await post(4);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect((await refused.json()).errors[0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    // The third waits until one in progress finishes.
    expect(inProgress).toEqual(['1', '2']);
    gates.get('1')!();
    expect(await (await first).json()).toEqual({ n: '1', seenAs: '1' });
    await until(() => inProgress.length === 3);
    gates.get('2')!();
    gates.get('3')!();
    expect(await (await second).json()).toEqual({ n: '2', seenAs: '2' });
    // Started from request 1's 'finish', yet in its own async context.
    expect(await (await third).json()).toEqual({ n: '3', seenAs: '3' });
  });

  it('gives back the place of a client that went away while waiting', async () => {
    const first = post(1);
    const second = post(2);
    await until(() => inProgress.length === 2);
    const gone = new AbortController();
    const abandoned = fetch(url, { method: 'POST', headers: { 'x-n': '5' }, signal: gone.signal }).catch(() => 'aborted');
    await new Promise((r) => setTimeout(r, 50));
    gone.abort();
    expect(await abandoned).toBe('aborted');
    await new Promise((r) => setTimeout(r, 50));
    // The queue is free again: this one waits rather than being refused.
    const waiting = post(6);
    await new Promise((r) => setTimeout(r, 50));
    gates.get('1')!();
    await first;
    await until(() => inProgress.includes('6'));
    expect(inProgress).not.toContain('5');
    gates.get('2')!();
    gates.get('6')!();
    expect((await waiting).status).toBe(200);
    await second;
  });
});
