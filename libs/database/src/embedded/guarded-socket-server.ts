import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';
import { SessionQueue } from './session-queue.js';

const PROTOCOL_3 = 196608;
const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
/** A client that has not signed in by then is dropped, so an idle local process cannot hold a slot. */
const SIGN_IN_TIMEOUT_MS = 10_000;

export interface GuardedServerOptions {
  db: PGlite;
  /** Asked of every client (cleartext over loopback, PostgreSQL's "password" method); only this process and its data folder know it. */
  password: string;
  /** The service's pool of one, its CLI, and a little room. */
  maxConnections: number;
}

/**
 * PGlite on a loopback port, as pglite-socket serves it, with two things pglite-socket does not do:
 * a password asked before a client reaches PGlite (PGlite itself accepts anyone as `postgres`, and
 * any local process could otherwise read the users' password hashes), and one queue that keeps
 * each client's exchange together (SessionQueue). Each signed-in socket is handed to
 * pglite-socket's own connection handler, which replays the startup message to PGlite.
 */
export class GuardedSocketServer {
  private server: Server | null = null;
  private readonly queue: SessionQueue;
  private readonly handlers = new Set<PGLiteSocketHandler>();
  private readonly expected: Buffer;

  constructor(private readonly options: GuardedServerOptions) {
    this.queue = new SessionQueue(options.db);
    this.expected = digest(options.password);
  }

  async start(): Promise<string> {
    const server = createServer((socket) => this.signIn(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return `127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const handler of this.handlers) await handler.detach(true);
    this.handlers.clear();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private signIn(socket: Socket): void {
    let buffered = Buffer.alloc(0);
    let startup: Buffer | null = null;
    const timer = setTimeout(() => socket.destroy(), SIGN_IN_TIMEOUT_MS);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => clearTimeout(timer));
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        if (!startup) {
          if (buffered.length < 8) return;
          const length = buffered.readInt32BE(0);
          const code = buffered.readInt32BE(4);
          if (length === 8 && (code === SSL_REQUEST || code === GSS_REQUEST)) {
            socket.write('N'); // no encryption on loopback; the client goes on in plain text
            buffered = buffered.subarray(8);
            continue;
          }
          if (code !== PROTOCOL_3 || length > 10_000) return refuse(socket, '08P01', 'unsupported startup');
          if (buffered.length < length) return;
          startup = buffered.subarray(0, length);
          buffered = buffered.subarray(length);
          if (this.handlers.size >= this.options.maxConnections) return refuse(socket, '53300', 'too many connections to the embedded database');
          socket.write(AUTHENTICATION_CLEARTEXT);
          continue;
        }
        if (buffered.length < 5) return;
        const length = 1 + buffered.readInt32BE(1);
        if (buffered[0] !== 0x70 /* 'p' */ || length > 1_000) return refuse(socket, '28000', 'password expected');
        if (buffered.length < length) return;
        const given = buffered.subarray(5, length - 1); // the password, without its NUL
        const rest = buffered.subarray(length);
        if (!timingSafeEqual(digest(given), this.expected)) return refuse(socket, '28P01', 'password authentication failed');
        clearTimeout(timer);
        socket.off('data', onData);
        socket.pause();
        socket.unshift(Buffer.concat([startup, rest]));
        void this.handOver(socket);
        return;
      }
    };
    socket.on('data', onData);
  }

  private async handOver(socket: Socket): Promise<void> {
    // pglite-socket's handler takes its queue by type; ours has the same public shape.
    const handler = new PGLiteSocketHandler({ queryQueue: this.queue as unknown as PGLiteSocketHandlerOptions['queryQueue'], closeOnDetach: true });
    this.handlers.add(handler);
    socket.once('close', () => this.handlers.delete(handler));
    await handler.attach(socket);
    socket.resume();
  }
}

function digest(value: string | Buffer): Buffer {
  return createHash('sha256').update(value).digest();
}

/** AuthenticationCleartextPassword: 'R', length 8, code 3. */
const AUTHENTICATION_CLEARTEXT = Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3]);

/** Sends a FATAL ErrorResponse with a SQLSTATE and closes the connection. */
function refuse(socket: Socket, sqlState: string, message: string): void {
  const fields = Buffer.concat([field('S', 'FATAL'), field('V', 'FATAL'), field('C', sqlState), field('M', message), Buffer.from([0])]);
  const header = Buffer.alloc(5);
  header.write('E', 0);
  header.writeInt32BE(4 + fields.length, 1);
  socket.end(Buffer.concat([header, fields]));
}

function field(code: string, value: string): Buffer {
  return Buffer.concat([Buffer.from(code), Buffer.from(value, 'utf8'), Buffer.from([0])]);
}
