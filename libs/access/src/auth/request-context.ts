import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { actAsTenant } from '../../../common/src/index.js';
import { defineAbilityFor } from '../ability/ability.factory.js';
import type { Actor } from '../ability/actor.js';
import type { AuthService } from './auth.service.js';
import { type SignInClient, signInClientOf } from './sign-in-client.js';

export interface RequestContext {
  requestId: string;
  actor: Actor | null;
  authError?: string;
  /** The client as sign-in sees it (address, known-device cookie). */
  signIn: SignInClient;
}

const PURPOSE_MAX = 500;
const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

/**
 * Builds the GraphQL context of one request: its id (from pino-http, or new), and the actor
 * from the bearer token with their CASL ability. `X-Purpose` is the reason a user gives for
 * reading (written to the audit trail with every audited read).
 */
export async function buildRequestContext(req: Request, auth: AuthService): Promise<RequestContext> {
  const requestId = String((req as Request & { id?: string }).id ?? randomUUID());
  const signIn = signInClientOf(req);
  const header = req.headers.authorization;
  if (!header) return { requestId, actor: null, signIn };
  const token = BEARER.exec(header)?.[1];
  if (!token) return { requestId, actor: null, signIn, authError: 'Authorization header must be `Bearer <accessToken>`' };
  const principal = await auth.principalFromToken(token);
  if (!principal) return { requestId, actor: null, signIn, authError: 'Your session is not valid or has expired; sign in again' };
  // From here on the database's row-level security shows this request only what its user's service reaches.
  actAsTenant(principal.libraryServiceId);
  const purposeHeader = req.headers['x-purpose'];
  const purpose = typeof purposeHeader === 'string' && purposeHeader.trim() ? purposeHeader.trim().slice(0, PURPOSE_MAX) : null;
  return { requestId, signIn, actor: { principal, ability: defineAbilityFor(principal), requestId, purpose } };
}
