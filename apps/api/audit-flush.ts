import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { DataSource } from 'typeorm';
import { DeferredAudit, type GqlContext } from '../../libs/access/src/index.js';
import type { AuditService } from '../../libs/governance/src/index.js';

type Format = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * Writes the READ audit rows a request gathered (DeferredAudit) in one statement, after its
 * resolvers ran and before its response leaves. Should the write fail, the response carries that
 * error instead of its data: nothing read leaves the service unaudited.
 */
export function auditFlush(audit: AuditService, db: DataSource, format: Format): ApolloServerPlugin<GqlContext> {
  return {
    requestDidStart: async ({ contextValue }) => {
      if (contextValue.actor) contextValue.actor.deferredAudit = new DeferredAudit();
      return {
        willSendResponse: async ({ contextValue: { actor }, response }) => {
          const deferred = actor?.deferredAudit;
          if (!actor || !deferred?.size) return;
          try {
            await deferred.flush(audit, db.manager, actor);
          } catch (error) {
            // Formatted for the log (the error's type and database code), answered as the service being unable to serve now.
            const message = 'The audit trail could not be written, so nothing read is returned; try again';
            const { path: _path, ...answer } = format({ message }, error);
            response.body = {
              kind: 'single',
              singleResult: { errors: [{ ...answer, message, extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true } }] },
            };
          }
        },
      };
    },
  };
}
