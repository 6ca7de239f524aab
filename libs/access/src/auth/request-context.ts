import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { defineAbilityFor } from '../ability/ability.factory.js';
import type { Actor } from '../ability/actor.js';
import type { AuthService } from './auth.service.js';

export interface RequestContext {
  requestId: string;
  actor: Actor | null;
  authError?: string;
}

const PURPOSE_MAX = 500;

/**
 * Builds the GraphQL context of one request: its id (from pino-http, or new), and the actor
 * from the bearer token with their CASL ability. `X-Purpose` is the reason a user gives for
 * reading (written to the audit trail with every audited read).
 */
export async function buildRequestContext(req: Request, auth: AuthService): Promise<RequestContext> {
  const requestId = String((req as Request & { id?: string }).id ?? randomUUID());
  const header = req.headers.authorization;
  if (!header) return { requestId, actor: null };
  const [scheme, token] = header.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) return { requestId, actor: null, authError: 'Authorization header must be `Bearer <accessToken>`' };
  const principal = await auth.principalFromToken(token);
  if (!principal) return { requestId, actor: null, authError: 'Your session is not valid or has expired; sign in again' };
  const purposeHeader = req.headers['x-purpose'];
  const purpose = typeof purposeHeader === 'string' && purposeHeader.trim() ? purposeHeader.trim().slice(0, PURPOSE_MAX) : null;
  return { requestId, actor: { principal, ability: defineAbilityFor(principal), requestId, purpose } };
}
