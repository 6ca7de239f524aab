import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { auditEvents } from './audit-events.js';
import { loadPrincipal, Tokens } from './auth.js';
import type { Handler } from './context.js';
import { incidents } from './incidents.js';
import { recordIncident } from './record-incident.js';
import { referrals } from './referrals.js';
import { sharedCases } from './shared-cases.js';
import { SignIn, signInSettings } from './sign-in.js';
import { BadRequest } from './sql.js';

/**
 * The hand-written baseline: node:http and pg, no framework. It answers the benchmark's GraphQL
 * requests (POST /graphql, routed by operationName; the query text is not parsed) with one
 * statement for the signed-in user and one for the work, the same access conditions, audit rows
 * and JSON as the service (bench/README in the main README, "Benchmarks").
 */
const HANDLERS: Record<string, Handler> = {
  SharedCases: sharedCases,
  Incidents: incidents,
  RecordIncident: recordIncident,
  Referrals: referrals,
  AuditTrail: auditEvents,
};

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const MAX_BODY = 1024 * 1024;

export interface BaselineOptions {
  databaseUrl: string;
  jwtSecret: string;
  poolSize: number;
  /** The sign-in settings (LOGIN_*, JWT_TTL_SECONDS), as the service reads them from its environment. */
  env?: Record<string, string | undefined>;
}

export interface RunningBaseline {
  url: string;
  pool: pg.Pool;
  close(): Promise<void>;
}

export async function startBaseline(o: BaselineOptions, port = 0, host = '127.0.0.1'): Promise<RunningBaseline> {
  const pool = new pg.Pool({ connectionString: o.databaseUrl, max: o.poolSize });
  const tokens = new Tokens(o.jwtSecret);
  const signIn = new SignIn(pool, tokens, o.jwtSecret, signInSettings(o.env ?? {}));
  const server = createServer((req, res) => void answer(req, res));

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    res.setHeader('X-Request-Id', requestId);
    try {
      if (req.method === 'GET' && req.url === '/health') return send(res, 200, '{"status":"ok"}');
      if (req.method !== 'POST' || req.url !== '/graphql') return send(res, 404, errors('Not found', 'NOT_FOUND'));
      const request = JSON.parse(await body(req)) as { operationName?: string; variables?: Record<string, unknown> };
      const variables = request.variables ?? {};
      const header = req.headers['x-request-id'];
      const clientRequestId = typeof header === 'string' && CLIENT_REQUEST_ID.test(header) ? header : null;
      if (request.operationName === 'SignIn') {
        const { body: answer, device } = await signIn.login(variables, req.socket.remoteAddress ?? 'unknown', { requestId, clientRequestId });
        res.setHeader('Set-Cookie', `known_device=${device}; Max-Age=15552000; Path=/graphql; HttpOnly; SameSite=Strict`);
        return send(res, 200, answer);
      }
      const handler = HANDLERS[request.operationName ?? ''];
      if (!handler) return send(res, 400, errors(`The baseline does not answer operation ${request.operationName ?? '(unnamed)'}`, 'BASELINE_UNSUPPORTED'));
      const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
      const userId = token ? tokens.verify(token) : null;
      const principal = userId ? await loadPrincipal(pool, userId) : null;
      if (!principal) return send(res, 200, errors('Your session is not valid or has expired; sign in again', 'UNAUTHENTICATED'));
      const purposeHeader = req.headers['x-purpose'];
      const purpose = typeof purposeHeader === 'string' && purposeHeader.trim() ? purposeHeader.trim().slice(0, 500) : null;
      return send(res, 200, await handler({ pool, principal, requestId, clientRequestId, purpose }, variables));
    } catch (err) {
      if (err instanceof BadRequest) return send(res, 200, errors(err.message, err.code));
      if (err instanceof SyntaxError) return send(res, 400, errors('The body is not JSON', 'BAD_REQUEST'));
      console.error(err);
      return send(res, 500, errors('Internal error', 'INTERNAL_SERVER_ERROR'));
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}`,
    pool,
    async close() {
      await closeServer(server);
      await pool.end();
    },
  };
}

function errors(message: string, code: string): string {
  return JSON.stringify({ errors: [{ message, extensions: { code } }], data: null });
}

function send(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new BadRequest('The body is too large', 'BAD_REQUEST'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
