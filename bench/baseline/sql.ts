/**
 * SQL fragments the baseline's statements share: the service's wire formats reproduced in SQL, so
 * each statement can answer the finished JSON (DateTime as `Date#toISOString()`, cursors as
 * libs/common/src/pagination.ts encodes them), and the one restriction predicate (Art 18).
 */

/** A timestamptz as the service's DateTime scalar writes it: UTC, milliseconds (truncated, as node-postgres reads microseconds). */
export const iso = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A timestamptz as a cursor holds it: UTC, to the microsecond (pagination.ts kindFor). */
export const cursorText = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

/**
 * The cursor of a row, as pagination.ts encodeCursor makes it: base64url (no padding) of the JSON
 * array [`property:DIRECTION`, value, id]. PostgreSQL's base64 breaks lines every 76 characters:
 * the newlines go with the translation to the URL alphabet.
 */
export const cursorSql = (key: string, valueSql: string, idSql: string): string =>
  `rtrim(translate(encode(convert_to('["${key}",' || coalesce(to_json(${valueSql})::text, 'null') || ',' || to_json((${idSql})::text)::text || ']', 'UTF8'), 'base64'), E'+/\\n', '-_'), '=')`;

/** The person in `subjectSql` is not restricted now (libs/governance restriction.ts subjectRestrictedSql, negated). */
export const notRestricted = (subjectSql: string): string =>
  `NOT EXISTS (SELECT 1 FROM subject_restriction sr WHERE sr.subject_id = ${subjectSql} AND sr.lifted_at IS NULL)`;

/** Positional parameters of one statement: `add` gives the placeholder of a value. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }
}

/** Who reads or writes, as audit_event records it (libs/governance AuditActor), with the request's ids. */
export interface AuditIdentity {
  actorId: string;
  role: string;
  purpose: string | null;
  requestId: string;
  clientRequestId: string | null;
}

/**
 * A data-modifying CTE writing one audit row per row of `rowsSql` (columns t: entity type, id:
 * entity id as text, svc: the record's library service), all in this one statement.
 */
export function auditInsert(p: Params, who: AuditIdentity, action: string, rowsSql: string): string {
  return `INSERT INTO audit_event (actor_id, actor_role, action, entity_type, entity_id, library_service_id, purpose, request_id, client_request_id)
    SELECT ${p.add(who.actorId, 'uuid')}, ${p.add(who.role, 'text')}, '${action}', x.t, x.id, x.svc, ${p.add(who.purpose, 'text')}, ${p.add(who.requestId, 'text')}, ${p.add(who.clientRequestId, 'text')}
      FROM (${rowsSql}) x`;
}

export class BadRequest extends Error {
  constructor(
    message: string,
    readonly code = 'BAD_USER_INPUT',
  ) {
    super(message);
  }
}

/**
 * The keyset condition after a cursor of this list (pagination.ts decodeCursor), newest first:
 * `(column, id) < (value, id)`. A cursor of another list, or not one at all, is refused.
 */
export function afterCursor(p: Params, after: unknown, key: string, column: string, idColumn: string, idType: 'uuid' | 'bigint'): string {
  if (after === undefined || after === null) return 'TRUE';
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(String(after), 'base64url').toString('utf8'));
  } catch {
    parts = null;
  }
  if (!Array.isArray(parts) || parts.length !== 3 || parts[0] !== key || typeof parts[1] !== 'string' || typeof parts[2] !== 'string') {
    throw new BadRequest('The `after` cursor is not valid; use an endCursor returned by this list');
  }
  return `(${column}, ${idColumn}) < ((CAST(${p.add(parts[1])} AS timestamp) AT TIME ZONE 'UTC'), ${p.add(parts[2], idType)})`;
}

/** Page size as PageArgs allows it: 1 to 100, 20 when not given. */
export function pageSize(first: unknown): number {
  if (first === undefined || first === null) return 20;
  if (!Number.isInteger(first) || (first as number) < 1 || (first as number) > 100) throw new BadRequest('first must be from 1 to 100');
  return first as number;
}
