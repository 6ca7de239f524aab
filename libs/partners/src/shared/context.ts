import type { Actor } from '../../../access/src/index.js';
import { type LoaderRegistry, UnauthenticatedError } from '../../../common/src/index.js';

/** The GraphQL context as the API builds it. */
export interface PartnersContext {
  requestId: string;
  actor: Actor | null;
  loaders: LoaderRegistry;
}

/** The actor of a field resolver (guards do not run on fields; their parent query was guarded). */
export function actorOf(ctx: PartnersContext): Actor {
  if (!ctx.actor) throw new UnauthenticatedError('Sign in first');
  return ctx.actor;
}
