import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, type ErrorCode } from './errors.js';

const STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  SERVICE_UNAVAILABLE: 503,
};

/**
 * Domain errors of a plain HTTP route (a download), answered as GraphQL answers them: the status
 * their code means, and a body of `errors` with `extensions.code` and the same details, so a
 * client reads both the same way.
 */
@Catch(DomainError)
export class DomainErrorHttpFilter implements ExceptionFilter<DomainError> {
  catch(error: DomainError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    res.status(STATUS[error.code]).json({ errors: [{ message: error.message, extensions: { code: error.code, ...(error.details ?? {}) } }] });
  }
}
