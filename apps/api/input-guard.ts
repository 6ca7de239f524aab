import type { ApolloServerPlugin } from '@apollo/server';
import { type ASTNode, type DocumentNode, GraphQLError, Kind, visit } from 'graphql';
import { BadInputError, unstorableTextIn, unstorableTextProblem } from '../../libs/common/src/index.js';

/** A literal string's place in the query, as the client wrote it: `field(argument.field)`. */
function literalPath(ancestors: readonly (ASTNode | readonly ASTNode[])[]): string {
  let owner = '';
  const names: string[] = [];
  for (const a of ancestors) {
    if (!('kind' in a)) continue;
    if (a.kind === Kind.FIELD || a.kind === Kind.DIRECTIVE || a.kind === Kind.VARIABLE_DEFINITION) {
      owner = a.kind === Kind.FIELD ? a.name.value : a.kind === Kind.DIRECTIVE ? `@${a.name.value}` : `$${a.variable.name.value} (default)`;
      names.length = 0;
    } else if (a.kind === Kind.ARGUMENT || a.kind === Kind.OBJECT_FIELD) names.push(a.name.value);
  }
  return `${owner}(${names.join('.')})`;
}

function literalProblems(document: DocumentNode): string[] {
  const problems: string[] = [];
  visit(document, {
    StringValue(node, _key, parent, _path, ancestors) {
      const problem = unstorableTextProblem(node.value);
      // `ancestors` stops short of the parent, which is the argument or field holding the string.
      if (problem) problems.push(`${literalPath(parent ? [...ancestors, parent] : ancestors)} ${problem}`);
    },
  });
  return problems;
}

/**
 * Refuses text that cannot be stored (a NUL, an unpaired surrogate: see unstorableTextProblem) in
 * any variable or literal of an operation, before any resolver runs: the one check for every string
 * input, so an operation with several mutations is refused whole, never half carried out.
 */
export const unstorableTextGuard: ApolloServerPlugin = {
  requestDidStart: async () => ({
    didResolveOperation: async ({ request, document }) => {
      const problems = [
        ...Object.entries(request.variables ?? {}).flatMap(([name, value]) => unstorableTextIn(value, `$${name}`)),
        ...literalProblems(document),
      ];
      if (!problems.length) return;
      const error = new BadInputError(`Invalid input: ${problems.join('; ')}`, { problems });
      // A GraphQLError thrown here is the whole answer; without a status Apollo would send 500.
      throw new GraphQLError(error.message, { originalError: error, extensions: { http: { status: 400 } } });
    },
  }),
};

/**
 * Refuses an operation of a type the schema has no root for, and a subscription over HTTP (they are for the WebSocket): graphql-js
 * finds out only when it executes it, with an error that carries no code, which would be answered as
 * an internal error.
 */
export const operationTypeGuard: ApolloServerPlugin = {
  requestDidStart: async () => ({
    didResolveOperation: async ({ operation, schema }) => {
      if (!operation || (operation.operation !== 'subscription' && schema.getRootType(operation.operation))) return;
      const error = new BadInputError(
        operation.operation === 'subscription'
          ? 'Subscriptions go over the WebSocket at /graphql (graphql-ws protocol), not over HTTP'
          : `This API has no ${operation.operation} operations: send a query or a mutation`,
      );
      throw new GraphQLError(error.message, { originalError: error, extensions: { http: { status: 400 } } });
    },
  }),
};
