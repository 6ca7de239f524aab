import type { PGlite } from '@electric-sql/pglite';

interface Pending {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (err: unknown) => void;
}

/** ReadyForQuery: 'Z', length 5, then the session status ('I' idle, 'T' in a transaction, 'E' failed transaction). */
const READY_FOR_QUERY = 0x5a;
const IDLE = 0x49;
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

/**
 * Hands PGlite (one session) to one connection at a time, for a whole exchange.
 *
 * pglite-socket's own queue passes PGlite one wire message at a time from whichever connection
 * sent it, so with two clients one client's Parse can land between the other's Parse and Bind
 * ("portal does not exist"), and a transaction is only held together once BEGIN has run. Here a
 * connection keeps PGlite from its first message until PGlite answers ReadyForQuery with the
 * session idle: after Sync, outside any transaction. Other connections' messages wait their turn.
 * It has the shape of pglite-socket's queue, which its connection handler is given.
 */
export class SessionQueue {
  private readonly queue: Pending[] = [];
  /** The connection mid-exchange, which alone may send PGlite its next message. */
  private owner: number | null = null;
  private draining = false;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.drain();
    });
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  /** A connection closed: drop what it had queued. */
  clearQueueForHandler(handlerId: number): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i].handlerId !== handlerId) continue;
      this.queue.splice(i, 1)[0].reject(new Error('connection closed'));
    }
  }

  /** A connection closed mid-exchange: end its extended query and roll back its transaction, then let the others in. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    await this.db.runExclusive(() => this.db.execProtocolRaw(SYNC));
    // exec takes PGlite's query lock itself; meanwhile this connection still owns the session.
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = null;
    await this.drain();
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (;;) {
        const index = this.owner === null ? (this.queue.length ? 0 : -1) : this.queue.findIndex((p) => p.handlerId === this.owner);
        if (index < 0) return; // nothing queued, or the owner has not sent its next message yet
        const next = this.queue.splice(index, 1)[0];
        let tail: Uint8Array = new Uint8Array(0);
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(next.message, {
              onRawData: (data) => {
                bytes += data.length;
                tail = lastBytes(tail, data, 6);
                next.onData(data);
              },
            }),
          );
        } catch (err) {
          next.reject(err);
          continue; // ownership stands: the connection still holds its exchange until it closes
        }
        this.owner = endsIdle(tail) ? null : next.handlerId;
        next.resolve(bytes);
      }
    } finally {
      this.draining = false;
    }
  }
}

function lastBytes(previous: Uint8Array, data: Uint8Array, n: number): Uint8Array {
  if (data.length >= n) return data.slice(data.length - n);
  const joined = new Uint8Array(previous.length + data.length);
  joined.set(previous);
  joined.set(data, previous.length);
  return joined.slice(Math.max(0, joined.length - n));
}

function endsIdle(tail: Uint8Array): boolean {
  return tail.length === 6 && tail[0] === READY_FOR_QUERY && tail[4] === 5 && tail[5] === IDLE;
}
