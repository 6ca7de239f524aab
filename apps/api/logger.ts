import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Logger } from 'pino';

/** Structured JSON logs. Identifiers only: request bodies, variables and headers are never logged. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'safer-libraries' }, redact: ['req.headers.authorization', 'req.headers.cookie'] };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * Nest's own messages (start-up, routes) through pino. A message given as an object is logged as
 * fields, its `msg` as the message (the audit digest: `{ msg, auditDigest }`), so a program can read it back.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    if (typeof message === 'object' && message !== null) {
      const { msg, ...fields } = message as Record<string, unknown>;
      this.logger.info({ ...fields, context }, typeof msg === 'string' ? msg : '');
      return;
    }
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
