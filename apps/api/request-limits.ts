import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { getNamedType, type GraphQLField, GraphQLError, isCompositeType, Lexer, Source, TokenKind, type ValidationContext, type ValidationRule } from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { type AppConfig, DEFAULT_PAGE_SIZE, LimitExceededError, MAX_PAGE_SIZE } from '../../libs/common/src/index.js';

/**
 * What one GraphQL request may ask for, checked before anything runs (README, "Request limits"):
 * tokens while parsing; depth, aliases and directives while validating (and the nesting of
 * introspection, by graphql-js's own MaxIntrospectionDepthRule); the estimated cost once the
 * operation and its variables are known. Each refusal is a LimitExceededError (BAD_USER_INPUT,
 * HTTP 400) naming the limit, its maximum and the request's figure. The audit rows a request
 * writes have a ceiling of their own, in the access scope.
 */

/** What introspection (`__schema`, `__type`) counts toward GRAPHQL_MAX_COST: a fixed sum, so a few fit in a request and aliases of it do not. */
export const INTROSPECTION_COST = 5000;

export interface RequestLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
}

export function requestLimits(config: AppConfig): RequestLimits {
  return {
    maxDepth: config.GRAPHQL_MAX_DEPTH,
    maxAliases: config.GRAPHQL_MAX_ALIASES,
    maxDirectives: config.GRAPHQL_MAX_DIRECTIVES,
    maxTokens: config.GRAPHQL_MAX_TOKENS,
    maxCost: config.GRAPHQL_MAX_COST,
  };
}

/** The Apollo options that enforce the limits: spread into the driver's configuration. */
export function graphqlLimits(limits: RequestLimits): {
  parseOptions: { maxTokens: number };
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin[];
} {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true, propagateOnRejection: false, onReject: [reportArmor('depth', limits.maxDepth)] },
    maxAliases: { n: limits.maxAliases, propagateOnRejection: false, onReject: [reportArmor('aliases', limits.maxAliases)] },
    maxDirectives: { n: limits.maxDirectives, propagateOnRejection: false, onReject: [reportArmor('directives', limits.maxDirectives)] },
    // Tokens are graphql-js's own parser option (below), cost is ours; suggestions are hidden in formatError.
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: armor.validationRules,
    // The protections used here are validation rules only (armor.plugins is empty).
    plugins: [costLimitPlugin(limits.maxCost), auditCeilingPlugin()],
  };
}

const LIMIT_NAMES: Record<string, string> = {
  depth: 'GRAPHQL_MAX_DEPTH',
  aliases: 'GRAPHQL_MAX_ALIASES',
  directives: 'GRAPHQL_MAX_DIRECTIVES',
  tokens: 'GRAPHQL_MAX_TOKENS',
  cost: 'GRAPHQL_MAX_COST',
};

function limitError(limit: string, maximum: number, actual: number | undefined, what: string): LimitExceededError {
  const came = actual === undefined ? '' : `: this request has ${actual}`;
  return new LimitExceededError(`The request exceeds the ${what} limit of ${maximum} (${LIMIT_NAMES[limit]})${came}`, limit, maximum, actual);
}

function refusal(limit: string, maximum: number, actual: number | undefined, what: string): GraphQLError {
  const error = limitError(limit, maximum, actual, what);
  // Refused before execution: HTTP 400, like any other invalid request (Apollo reads extensions.http).
  return new GraphQLError(error.message, { originalError: error, extensions: { http: { status: 400, headers: new HeaderMap() } } });
}

/** graphql-armor says "… limit of N exceeded, found M."; its figure becomes `actual`. */
function reportArmor(limit: 'depth' | 'aliases' | 'directives', maximum: number) {
  const what = { depth: 'depth', aliases: 'alias', directives: 'directive' }[limit];
  return (context: ValidationContext | null, error: GraphQLError) => {
    const found = /found (\d+)/.exec(error.message);
    context?.reportError(refusal(limit, maximum, found ? Number(found[1]) : undefined, what));
  };
}

/**
 * graphql-js's MaxIntrospectionDepthRule: `fields`, `interfaces`, `possibleTypes` and `inputFields`
 * nested at most this deep (`fields › type › fields › type › fields …` multiplies by the schema at each level).
 */
const INTROSPECTION_LIST_DEPTH = 2;

/**
 * graphql-js's own refusals, answered like ours: the parser's "Document contains more than N
 * tokens" (with the document's count) and MaxIntrospectionDepthRule's (its depth is fixed).
 */
export function builtInLimitError(error: unknown): LimitExceededError | null {
  if (!(error instanceof GraphQLError)) return null;
  // graphql-js 16 words it "more that".
  const tokens = /^Syntax Error: Document contains more tha[nt] (\d+) tokens/.exec(error.message);
  if (tokens) return limitError('tokens', Number(tokens[1]), error.source ? countTokens(error.source.body) : undefined, 'token');
  if (error.message === 'Maximum introspection depth exceeded') {
    return new LimitExceededError(
      `Introspection may nest fields, interfaces, possibleTypes and inputFields ${INTROSPECTION_LIST_DEPTH} deep, no more`,
      'introspectionDepth',
      INTROSPECTION_LIST_DEPTH,
    );
  }
  return null;
}

/** Tokens as graphql-js counts them (comments skipped), up to where the lexer stops; linear in the body, which the JSON limit bounds. */
function countTokens(body: string): number {
  const lexer = new Lexer(new Source(body));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) count++;
  } catch {
    // A lexical error further on: the count so far is still more than the maximum.
  }
  return count;
}

/**
 * The cost of an operation: every object (a record, or a record's part) 1, a scalar 0 (a column of
 * a record already loaded), a connection `first` (or its default page size) times what one item
 * asks for, a field that declares a complexity (`@Query(…, { complexity })`: reports, exports)
 * that instead of 1. A connection's `edges` and `pageInfo` are the page itself: 0. Plain lists are
 * bounded by the code (a case's sections, an incident's people) and count what one item asks for.
 */
export const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (field.name === '__schema' || field.name === '__type') return INTROSPECTION_COST;
  if (field.name === '__typename' || type.name.startsWith('__')) return 0;
  if (type.name.endsWith('Connection') && (field.name === 'edges' || field.name === 'pageInfo')) return childComplexity;
  const declared = (field as GraphQLField<unknown, unknown>).extensions?.complexity;
  const own = typeof declared === 'number' ? declared : isCompositeType(getNamedType(field.type)) ? 1 : 0;
  if (getNamedType(field.type).name.endsWith('Connection') && field.args.some((a) => a.name === 'first')) {
    // `first: null` pages by the default; more than a page holds is refused by the argument's own validation, so counts as a full page.
    const first = typeof args.first === 'number' ? Math.min(Math.max(args.first, 1), MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
    return own + first * childComplexity;
  }
  return own + childComplexity;
};

function costLimitPlugin(maximum: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          let actual: number;
          try {
            actual = getComplexity({
              schema,
              query: document,
              variables: request.variables ?? {},
              operationName: operationName ?? undefined,
              estimators: [costEstimator],
            });
          } catch (err) {
            // More nodes (fragments spread again and again) than the estimate walks: far over any limit.
            if (err instanceof GraphQLError && /maximum allowed number of nodes/.test(err.message)) throw refusal('cost', maximum, undefined, 'cost');
            // Anything else (a variable of the wrong type) fails execution itself, before a resolver runs, with its own message.
            return;
          }
          if (actual > maximum) throw refusal('cost', maximum, actual, 'cost');
        },
      };
    },
  };
}

/**
 * A query refused by the audit-row ceiling is refused whole: its answer is that one error, with
 * no data (some fields may have been read and audited before the ceiling was reached; the rest
 * were refused, and a page of half-refused data helps nobody). A mutation keeps GraphQL's usual
 * answer: a change that committed before the ceiling must still be reported.
 */
function auditCeilingPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, operation }) {
          if (response.body.kind !== 'single' || operation?.operation !== 'query') return;
          const ceiling = response.body.singleResult.errors?.find((e) => e.extensions?.limit === 'auditRows');
          if (!ceiling) return;
          response.body.singleResult = { errors: [ceiling] };
          response.http.status = 400;
        },
      };
    },
  };
}
