/**
 * Domain errors. Services throw these; `toGraphQLError` maps them to GraphQL errors with
 * `extensions.code` in one place, so no resolver decides codes on its own.
 */
export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'SERVICE_UNAVAILABLE';

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT';
}

/**
 * A value a scalar refused while GraphQL read the request (a date-time that is not one). GraphQL
 * puts the message in context: the variable and path (`input.occurredAt`), or the literal's type
 * and place in the query; the formatter keeps that message whole.
 */
export class InvalidValueError extends BadInputError {}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
}

export class AccessDeniedError extends DomainError {
  readonly code = 'FORBIDDEN';
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  constructor(entityType: string, id: string) {
    super(`${entityType} ${id} was not found`, { entityType, id });
  }
}

export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
}

/** Something the service depends on (the mail relay) did not answer: nothing was saved; try again later. */
export class ServiceUnavailableError extends DomainError {
  readonly code = 'SERVICE_UNAVAILABLE';
}

/** A stale `version` on an update: somebody else saved the record first. */
export class StaleVersionError extends ConflictError {
  constructor(entityType: string, id: string, expected: number, actual: number) {
    super(`${entityType} ${id} was changed by someone else (you had version ${expected}, it is now ${actual}); reload it and try again`, {
      entityType,
      id,
      expectedVersion: expected,
      currentVersion: actual,
    });
  }
}

/**
 * A request asked for more than one of the request limits allows (README, "Request limits"):
 * `limit` names it, `maximum` is its setting and `actual` what the request came to, when known.
 */
export class LimitExceededError extends BadInputError {
  constructor(message: string, limit: string, maximum: number, actual?: number) {
    super(message, { limit, maximum, ...(actual === undefined ? {} : { actual }) });
  }
}
