import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { actAsTenant } from '../../../common/src/index.js';
import { defineAbilityFor } from '../ability/ability.factory.js';
import type { Actor } from '../ability/actor.js';
import type { AuthService } from './auth.service.js';
import { type SignInClient, signInClientOf } from './sign-in-client.js';

export interface RequestContext {
  /** The server's own id of this request (pino-http's, made new for every request). */
  requestId: string;
  /** The client's X-Request-Id, when well formed: kept beside the server's id, so a client cannot choose what the audit trail calls its request. */
  clientRequestId: string | null;
  actor: Actor | null;
  authError?: string;
  /** The client as sign-in sees it (address, known-device cookie). */
  signIn: SignInClient;
}

const PURPOSE_MAX = 500;
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The client's `X-Request-Id`, or null when absent or not well formed (so nothing odd reaches the logs or the audit trail). */
export function clientRequestIdOf(req: Pick<Request, 'headers'>): string | null {
  const header = req.headers['x-request-id'];
  return typeof header === 'string' && CLIENT_REQUEST_ID.test(header) ? header : null;
}
const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

/** The token of an `Authorization: Bearer <token>` value (a header, or a WebSocket's connectionParams), or null. */
export function bearerTokenOf(value: unknown): string | null {
  return typeof value === 'string' ? (BEARER.exec(value)?.[1] ?? null) : null;
}

/**
 * Builds the GraphQL context of one request: its id (pino-http's, or new) and the client's own, and the actor
 * from the bearer token with their CASL ability. `X-Purpose` is the reason a user gives for
 * reading (written to the audit trail with every audited read).
 */
export async function buildRequestContext(req: Request, auth: AuthService): Promise<RequestContext> {
  const ids = { requestId: String((req as Request & { id?: string }).id ?? randomUUID()), clientRequestId: clientRequestIdOf(req) };
  const signIn = signInClientOf(req);
  const header = req.headers.authorization;
  if (!header) return { ...ids, actor: null, signIn };
  const token = bearerTokenOf(header);
  if (!token) return { ...ids, actor: null, signIn, authError: 'Authorization header must be `Bearer <accessToken>`' };
  const principal = await auth.principalFromToken(token);
  if (!principal) return { ...ids, actor: null, signIn, authError: 'Your session is not valid or has expired; sign in again' };
  // From here on the database's row-level security shows this request only what its user's service reaches.
  actAsTenant(principal.libraryServiceId);
  const purposeHeader = req.headers['x-purpose'];
  const purpose = typeof purposeHeader === 'string' && purposeHeader.trim() ? purposeHeader.trim().slice(0, PURPOSE_MAX) : null;
  return { ...ids, signIn, actor: { principal, ability: defineAbilityFor(principal), ...ids, purpose } };
}
