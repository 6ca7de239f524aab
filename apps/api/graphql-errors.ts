import { HttpException } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { QueryFailedError } from 'typeorm';
import { DomainError, InvalidValueError } from '../../libs/common/src/index.js';

/** PostgreSQL error codes that are the user's to fix, with a message that says nothing of SQL. */
const PG_CODES: Record<string, { code: string; message: string }> = {
  '23505': { code: 'CONFLICT', message: 'A record with these details already exists' },
  '23503': { code: 'BAD_USER_INPUT', message: 'The input refers to a record that does not exist' },
  '23514': { code: 'BAD_USER_INPUT', message: 'The input breaks a rule of this record' },
  '22P02': { code: 'BAD_USER_INPUT', message: 'A value in the input is not in the expected format' },
  '22007': { code: 'BAD_USER_INPUT', message: 'A date in the input is not valid' },
  '22008': { code: 'BAD_USER_INPUT', message: 'A date in the input is out of range' },
};

const GRAPHQL_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * The one place errors become GraphQL errors: domain errors keep their code and message;
 * database constraint errors become user errors; anything else is logged (with the request id)
 * and answered as an internal error with no stack trace or SQL.
 */
export function formatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
    // GraphQL's message says where the value was (variable and path, or place in the query); keep it.
    if (original instanceof InvalidValueError) return { ...base, extensions: { code: original.code } };
    if (original instanceof DomainError) {
      return { ...base, message: original.message, extensions: { code: original.code, ...(original.details ?? {}) } };
    }
    if (original instanceof QueryFailedError) {
      const pgCode = (original as QueryFailedError & { driverError?: { code?: string } }).driverError?.code ?? '';
      const mapped = PG_CODES[pgCode];
      if (mapped) return { ...base, message: mapped.message, extensions: { code: mapped.code } };
    }
    if (original instanceof HttpException) {
      const status = original.getStatus();
      const code =
        status === 401
          ? 'UNAUTHENTICATED'
          : status === 403
            ? 'FORBIDDEN'
            : status === 404
              ? 'NOT_FOUND'
              : status === 409
                ? 'CONFLICT'
                : status < 500
                  ? 'BAD_USER_INPUT'
                  : 'INTERNAL_SERVER_ERROR';
      if (status < 500) return { ...base, message: original.message, extensions: { code } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && GRAPHQL_CODES.has(code)) return { ...base, extensions: { code } };
    // Error messages can quote input values (personal data): log the type, database code and frames only.
    const err =
      original instanceof Error
        ? {
            type: original.name,
            pgCode: (original as { driverError?: { code?: string } }).driverError?.code,
            frames: original.stack?.split('\n').slice(1, 8).join('\n'),
          }
        : { type: typeof original };
    logger.error({ err, path: formatted.path }, 'unhandled GraphQL error');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
