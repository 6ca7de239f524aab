import type { Actor } from '../ability/actor.js';
import { type LoaderRegistry, UnauthenticatedError } from '../../../common/src/index.js';

/** The GraphQL context as the API builds it. */
export interface GqlContext {
  requestId: string;
  actor: Actor | null;
  loaders: LoaderRegistry;
}

/** The actor of a field resolver (guards do not run on fields; their parent query was guarded). */
export function actorOf(ctx: GqlContext): Actor {
  if (!ctx.actor) throw new UnauthenticatedError('Sign in first');
  return ctx.actor;
}
