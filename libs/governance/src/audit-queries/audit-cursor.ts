import { BadInputError } from '../../../common/src/index.js';

/**
 * Cursor of an audit event page: occurred_at as UTC text to the microsecond, and the id. Not a
 * JavaScript Date: events written within one millisecond must not be skipped or repeated.
 */
export function encodeAuditCursor(utc: string, id: string): string {
  return Buffer.from(`${utc}_${id}`).toString('base64url');
}

const UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;

export function decodeAuditCursor(cursor: string): { utc: string; id: string } {
  const [utc, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('_');
  if (rest.length || !UTC.test(utc ?? '') || !/^\d{1,20}$/.test(id ?? '')) {
    throw new BadInputError('The `after` cursor is not valid; use an endCursor returned by auditEvents');
  }
  return { utc, id };
}
