import type pg from 'pg';
import type { Principal } from './auth.js';
import { type AuditIdentity, BadRequest } from './sql.js';

/** One request as a handler sees it. */
export interface RequestContext {
  pool: pg.Pool;
  principal: Principal;
  requestId: string;
  clientRequestId: string | null;
  /** X-Purpose, trimmed and cut to 500 characters (request-context.ts), or null. */
  purpose: string | null;
}

/** The handler's answer: the whole response body, as JSON text. */
export type Handler = (ctx: RequestContext, variables: Record<string, unknown>) => Promise<string>;

export function auditIdentity(ctx: RequestContext, purpose = ctx.purpose): AuditIdentity {
  return { actorId: ctx.principal.id, role: ctx.principal.role, purpose, requestId: ctx.requestId, clientRequestId: ctx.clientRequestId };
}

/** The paths of the service the baseline answers; anything else is refused rather than answered differently. */
export function unsupported(what: string): never {
  throw new BadRequest(`The baseline does not answer ${what} (bench/baseline answers the benchmark's requests only)`, 'BASELINE_UNSUPPORTED');
}

/** Filter keys the baseline reads; others are refused, so a changed benchmark request cannot be answered as another. */
export function onlyKeys(filter: Record<string, unknown> | undefined | null, keys: string[], what: string): Record<string, unknown> {
  const f = filter ?? {};
  for (const k of Object.keys(f)) if (f[k] !== undefined && f[k] !== null && !keys.includes(k)) unsupported(`${what} filtered by ${k}`);
  return f;
}
