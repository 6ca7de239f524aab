import { AsyncResource } from 'node:async_hooks';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

const BUSY = { errors: [{ message: 'The service is busy; try again in a moment', extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true } }] };

/**
 * At most `concurrency` GraphQL requests in progress at once, the others waiting in order of
 * arrival, at most `queueMax` of them; one more is refused at once with 503 and Retry-After, shaped
 * like every GraphQL error (SERVICE_UNAVAILABLE), so a burst costs places in a queue, not memory.
 * A request's turn ends when its response is finished or its client goes away; a client that goes
 * away while waiting gives up its place.
 */
export function admission(concurrency: number, queueMax: number): RequestHandler {
  let running = 0;
  const waiting = new Set<() => void>();

  const release = () => {
    running--;
    const [turn] = waiting;
    if (turn) {
      waiting.delete(turn);
      turn();
    }
  };
  const start = (res: Response, proceed: NextFunction) => {
    running++;
    let released = false;
    const done = () => {
      if (released) return;
      released = true;
      release();
    };
    res.once('finish', done);
    res.once('close', done);
    proceed();
  };

  return (req: Request, res: Response, proceed: NextFunction) => {
    if (req.method !== 'POST') return proceed();
    if (running < concurrency) return start(res, proceed);
    if (waiting.size >= queueMax) {
      res.status(503).setHeader('Retry-After', '1').json(BUSY);
      return;
    }
    // Run in this request's own async context when its turn comes (it comes from another request's
    // 'finish'): the tenant slot and every other AsyncLocalStorage follow the request, not the one that made room.
    const turn = AsyncResource.bind(() => start(res, proceed));
    waiting.add(turn);
    res.once('close', () => waiting.delete(turn));
  };
}
