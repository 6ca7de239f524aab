import { createHash } from 'node:crypto';

/** The chain of events that belong to no library service (failed sign-ins of unknown emails, the CLI). */
export const PLATFORM_CHAIN = 'platform';

/** The chain an event belongs to: its library service's, or the platform chain. */
export const chainOf = (libraryServiceId: string | null): string => libraryServiceId ?? PLATFORM_CHAIN;

/**
 * The fields of one audit event as its hash covers them, in text as PostgreSQL renders them
 * (`occurredAt` to the microsecond in UTC: see OCCURRED_AT_SQL).
 */
export interface ChainedFields {
  id: string;
  chainPosition: string;
  occurredAt: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  libraryServiceId: string | null;
  purpose: string | null;
  requestId: string | null;
  clientRequestId: string | null;
  previousHash: Buffer | null;
}

/** How the verifier reads `occurred_at`: exactly as the AuditChain migration's audit_event_hash renders it. */
export const OCCURRED_AT_SQL = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const VERSION = 'safer-libraries audit event v1';
const NULL = Buffer.from([0xff, 0xff, 0xff, 0xff]);

/** One field, length-prefixed (4-byte big-endian length, then the bytes; NULL is length -1), so no two rows encode alike. */
function field(value: string | Buffer | null): Buffer[] {
  if (value === null) return [NULL];
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return [length, bytes];
}

/**
 * The SHA-256 of an audit event chained to its predecessor: the same bytes as the database's
 * audit_event_hash (migration AuditChain), computed again here on purpose. The verifier must not
 * trust the database it checks: an owner who rewrote rows could also have rewritten that
 * function. The two are held together by the verification tests, which fail on any difference.
 */
export function auditEventHash(e: ChainedFields): Buffer {
  const parts = [
    VERSION,
    e.id,
    e.chainPosition,
    e.occurredAt,
    e.actorId,
    e.actorRole,
    e.action,
    e.entityType,
    e.entityId,
    e.libraryServiceId,
    e.purpose,
    e.requestId,
    e.clientRequestId,
    e.previousHash,
  ].flatMap(field);
  return createHash('sha256').update(Buffer.concat(parts)).digest();
}
