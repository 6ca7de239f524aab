import { HttpException } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { QueryFailedError } from 'typeorm';
import { DomainError, InvalidValueError } from '../../libs/common/src/index.js';
import { builtInLimitError } from './request-limits.js';

interface ClientError {
  code: string;
  message: string;
  /** The same request may succeed if sent again (a clash with another transaction, not with the data). */
  retryable?: true;
}

const TRY_AGAIN: ClientError = {
  code: 'CONFLICT',
  message: 'Another change to the same records was made at the same moment; send the request again',
  retryable: true,
};

/**
 * PostgreSQL error codes that bad input can still cause after validation, each with a message that
 * names no table, column, constraint or value (the database's own message does, so it is never sent).
 */
const PG_CODES: Record<string, ClientError> = {
  '22001': { code: 'BAD_USER_INPUT', message: 'A value in the input is too long' },
  '22003': { code: 'BAD_USER_INPUT', message: 'A number in the input is out of range' },
  '22007': { code: 'BAD_USER_INPUT', message: 'A date in the input is not valid' },
  '22008': { code: 'BAD_USER_INPUT', message: 'A date in the input is out of range' },
  '22021': { code: 'BAD_USER_INPUT', message: 'A value in the input holds a character that cannot be stored' },
  '22P05': { code: 'BAD_USER_INPUT', message: 'A value in the input holds a character that cannot be stored' },
  '22P02': { code: 'BAD_USER_INPUT', message: 'A value in the input is not in the expected format' },
  '23502': { code: 'BAD_USER_INPUT', message: 'A value the record needs is missing' },
  '23503': { code: 'BAD_USER_INPUT', message: 'The input refers to a record that does not exist' },
  '23505': { code: 'CONFLICT', message: 'A record with these details already exists' },
  '23514': { code: 'BAD_USER_INPUT', message: 'The input breaks a rule of this record' },
  '23P01': { code: 'CONFLICT', message: 'The input overlaps a record that already exists' },
  '40001': TRY_AGAIN,
  '40P01': TRY_AGAIN,
  '55P03': TRY_AGAIN,
  '57014': {
    code: 'TIMEOUT',
    message: 'The request took too long and was stopped; ask for less (a smaller page, a narrower filter) or try again later',
  },
};

/** A removal that other records still point at is a clash with the data, not a bad id (PostgreSQL says which in its message). */
const STILL_REFERENCED: ClientError = { code: 'CONFLICT', message: 'The record is still referred to by other records' };

function databaseError(driverError: { code?: string; message?: string } | undefined): ClientError | undefined {
  const pgCode = driverError?.code ?? '';
  if (pgCode === '23503' && driverError?.message?.startsWith('update or delete on table')) return STILL_REFERENCED;
  return PG_CODES[pgCode];
}

const GRAPHQL_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/** graphql-js's "Did you mean …?" after an unknown field, argument, type or enum value. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

export interface FormatErrorOptions {
  /** Drop field suggestions: with introspection off they would disclose the schema one name at a time. */
  hideSuggestions?: boolean;
}

/**
 * The one place errors become GraphQL errors: domain errors keep their code and message;
 * database constraint errors become user errors; anything else is logged (with the request id)
 * and answered as an internal error with no stack trace or SQL.
 */
export function formatError(logger: Logger, options: FormatErrorOptions = {}) {
  const format = formatErrorWith(logger);
  if (!options.hideSuggestions) return format;
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const answer = format(formatted, error);
    return { ...answer, message: answer.message.replace(SUGGESTION, '') };
  };
}

function formatErrorWith(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const unwrapped = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    // The parser stopped at GRAPHQL_MAX_TOKENS, or introspection nested too deep: answered like every other request limit.
    const original = builtInLimitError(unwrapped) ?? unwrapped;
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
    // GraphQL's message says where the value was (variable and path, or place in the query); keep it.
    if (original instanceof InvalidValueError) return { ...base, extensions: { code: original.code } };
    if (original instanceof DomainError) {
      return { ...base, message: original.message, extensions: { code: original.code, ...(original.details ?? {}) } };
    }
    if (original instanceof QueryFailedError) {
      const mapped = databaseError((original as QueryFailedError & { driverError?: { code?: string; message?: string } }).driverError);
      if (mapped) return { ...base, message: mapped.message, extensions: { code: mapped.code, ...(mapped.retryable ? { retryable: true } : {}) } };
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
