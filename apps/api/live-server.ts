import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  type ExecutionArgs,
  GraphQLError,
  type GraphQLFormattedError,
  parse,
  specifiedRules,
  subscribe as graphqlSubscribe,
  validate,
  type ValidationRule,
} from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import type { Context, ServerOptions } from 'graphql-ws';
import type { WebSocket } from 'ws';
import { type Actor, type AuthService, bearerTokenOf, defineAbilityFor, type LiveContext, type Principal } from '../../libs/access/src/index.js';
import { type AppConfig, LimitExceededError, type LoaderRegistry } from '../../libs/common/src/index.js';
import { costEstimator, type RequestLimits } from './request-limits.js';

/** graphql-ws close codes (its CloseCode): the token was refused, or the user holds too many connections. */
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_TOO_MANY = 4429;

type Extra = { socket: WebSocket; request: IncomingMessage; live?: ConnectionState };
interface ConnectionState {
  token: string;
  principal: Principal;
  expiryTimer: NodeJS.Timeout;
}

/**
 * The WebSocket side of /graphql (graphql-ws protocol), for subscriptions only. A connection
 * signs in once, with `connectionParams: { authorization: 'Bearer <accessToken>' }`, checked by
 * AuthService exactly like an HTTP request's header; without a valid token it is closed. It is
 * closed again when the token expires (clients reconnect with a refreshed one), and every event
 * checks the token again (LiveStreams), so a deactivated user stops receiving at once. Each
 * subscription document gets the HTTP limits (tokens, depth, aliases, directives, cost); a user
 * holds at most LIVE_MAX_CONNECTIONS_PER_USER connections and each at most
 * LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION subscriptions.
 */
export function liveServerOptions(
  auth: AuthService,
  config: Pick<AppConfig, 'LIVE_MAX_CONNECTIONS_PER_USER' | 'LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION'>,
  limits: Pick<RequestLimits, 'maxTokens' | 'maxCost'> & { validationRules: ValidationRule[] },
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
): ServerOptions<Record<string, unknown> | undefined, Extra> {
  const connectionsOf = new Map<string, number>();
  const refuse = (message: string) => [new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } })];
  return {
    connectionInitWaitTimeout: 5000,
    async onConnect(ctx: Context<Record<string, unknown> | undefined, Extra>) {
      const token = bearerTokenOf(ctx.connectionParams?.authorization);
      const principal = token ? await auth.principalFromToken(token) : null;
      if (!token || !principal) {
        ctx.extra.socket.close(CLOSE_UNAUTHORIZED, 'Sign in first: connectionParams.authorization must be `Bearer <accessToken>`, valid and not expired');
        return false;
      }
      // Gone while its token was checked: onClose has already run, so it must not be counted.
      if (ctx.extra.socket.readyState !== ctx.extra.socket.OPEN) return false;
      const held = connectionsOf.get(principal.id) ?? 0;
      if (held >= config.LIVE_MAX_CONNECTIONS_PER_USER) {
        ctx.extra.socket.close(CLOSE_TOO_MANY, `You hold ${held} live connections already (LIVE_MAX_CONNECTIONS_PER_USER)`);
        return false;
      }
      connectionsOf.set(principal.id, held + 1);
      const expiresInMs = Math.max(0, tokenExpiry(token) - Date.now());
      const expiryTimer = setTimeout(() => ctx.extra.socket.close(CLOSE_UNAUTHORIZED, 'Your access token has expired: reconnect with a new one'), expiresInMs);
      expiryTimer.unref();
      ctx.extra.live = { token, principal, expiryTimer };
      return true;
    },
    onClose(ctx) {
      const live = ctx.extra.live;
      if (!live) return;
      ctx.extra.live = undefined;
      clearTimeout(live.expiryTimer);
      const held = (connectionsOf.get(live.principal.id) ?? 1) - 1;
      if (held > 0) connectionsOf.set(live.principal.id, held);
      else connectionsOf.delete(live.principal.id);
    },
    onSubscribe(ctx) {
      // This one is already counted among the connection's subscriptions.
      const held = Object.keys(ctx.subscriptions).length;
      if (held > config.LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION) {
        return refuse(`This connection holds ${held - 1} subscriptions already, the most one may (LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION)`);
      }
    },
    // The HTTP limits: tokens while parsing, depth, aliases and directives while validating, cost once the variables are known.
    parse: (source) => parse(source, { maxTokens: limits.maxTokens }),
    validate: (schema, document) => validate(schema, document, [...specifiedRules, ...limits.validationRules]),
    subscribe: (args) => {
      const errors = refusedSubscription(args, limits.maxCost);
      return errors.length ? { errors } : graphqlSubscribe(args);
    },
    // Queries and mutations go over HTTP, where their reads are audited in one statement and admission queues them.
    execute: () => ({ errors: refuse('Only subscriptions go over the WebSocket: send queries and mutations to POST /graphql') }),
    context: (ctx) => liveContext(ctx),
    // Errors answered as over HTTP (extensions.code and the details), whether they end the subscription or come with a result.
    onError(_ctx, _id, _payload, errors) {
      return errors.map((e) => formatError(e.toJSON(), e));
    },
    onNext(_ctx, _id, _payload, _args, result) {
      if (!result.errors?.length) return;
      return { ...result, errors: result.errors.map((e) => formatError(e instanceof GraphQLError ? e.toJSON() : e, e)) };
    },
  };
}

/** A subscription whose estimated cost is over GRAPHQL_MAX_COST (a limit error, as over HTTP), or none. */
function refusedSubscription(args: ExecutionArgs, maxCost: number): GraphQLError[] {
  let cost: number;
  try {
    cost = getComplexity({
      schema: args.schema,
      query: args.document,
      variables: (args.variableValues ?? {}) as Record<string, unknown>,
      operationName: args.operationName ?? undefined,
      estimators: [costEstimator],
    });
  } catch {
    // A variable of the wrong type: subscribe itself answers it, with its own message.
    return [];
  }
  if (cost <= maxCost) return [];
  const error = new LimitExceededError(`The request exceeds the cost limit of ${maxCost} (GRAPHQL_MAX_COST): this request has ${cost}`, 'cost', maxCost, cost);
  return [new GraphQLError(error.message, { originalError: error })];
}

/** The context of one subscription: its actor (as at subscribe time; each event makes its own) and its connection. */
export function liveContext(ctx: Context<Record<string, unknown> | undefined, Extra>): LiveContext & { requestId: string } {
  const live = ctx.extra.live!;
  const requestId = randomUUID();
  const actor: Actor = {
    principal: live.principal,
    ability: defineAbilityFor(live.principal),
    requestId,
    clientRequestId: null,
    purpose: null,
    deferredAudit: null,
  };
  return {
    requestId,
    actor,
    loaders: new Map() as LoaderRegistry,
    live: { token: live.token, endSession: () => ctx.extra.socket.close(CLOSE_UNAUTHORIZED, 'Your session is no longer valid: sign in again') },
  };
}

/** The `exp` of a token AuthService has just accepted (it refuses any without one), in ms. */
function tokenExpiry(token: string): number {
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp: number };
  return claims.exp * 1000;
}
