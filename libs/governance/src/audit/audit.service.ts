import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditAction } from './audit-action.enum.js';

/** Who is acting, as the audit trail records it. Identifiers only: never personal data. */
export interface AuditActor {
  userId: string | null;
  role: string | null;
  libraryServiceId: string | null;
  /** The server's id of the request. */
  requestId?: string | null;
  /** The client's own X-Request-Id, when well formed: kept beside the server's, never instead of it. */
  clientRequestId?: string | null;
  purpose?: string | null;
}

export interface AuditEntry {
  action: AuditAction;
  entityType: string;
  entityIds: (string | null)[];
  libraryServiceId?: string | null;
}

/**
 * One statement for any number of events: the rows travel as four arrays (a handful of bind
 * parameters, not eight per row), in order of library service, so that a statement touching several
 * chains locks their heads always in the same order (the chain trigger, migration AuditChain) and
 * two such statements cannot deadlock. Within a service the rows keep the order given.
 */
const INSERT_EVENTS = `INSERT INTO audit_event (actor_id, actor_role, action, entity_type, entity_id, library_service_id, purpose, request_id, client_request_id)
  SELECT $1::uuid, $2, e.action, e.entity_type, e.entity_id, e.library_service_id, $3, $4, $5
  FROM unnest($6::text[], $7::text[], $8::text[], $9::uuid[]) WITH ORDINALITY AS e(action, entity_type, entity_id, library_service_id, n)
  ORDER BY e.library_service_id, e.n`;

/**
 * INSERT_EVENTS for a data-modifying WITH of a write's own statement: one `action` event of
 * `entityType` per row of `source` (a WITH query with `id` and `library_service_id`), with the
 * columns and values `write` gives them. Its parameters go from `$first` on.
 */
export function auditRowsFrom(source: string, actor: AuditActor, action: AuditAction, entityType: string, first: number): { sql: string; params: unknown[] } {
  const p = (i: number) => `$${first + i}`;
  return {
    sql: `INSERT INTO audit_event (actor_id, actor_role, action, entity_type, entity_id, library_service_id, purpose, request_id, client_request_id)
      SELECT ${p(0)}::uuid, ${p(1)}::text, ${p(2)}::text, ${p(3)}::text, s.id::text, s.library_service_id, ${p(4)}::text, ${p(5)}::text, ${p(6)}::text
      FROM ${source} s ORDER BY s.library_service_id`,
    params: [actor.userId, actor.role, action, entityType, actor.purpose ?? null, actor.requestId ?? null, actor.clientRequestId ?? null],
  };
}

/** A record an event is about, with the library service whose trail it belongs to. */
export interface AuditedRecord {
  id: string | null;
  libraryServiceId: string | null;
}

/** One event of one actor: what was done to which record. */
export interface AuditedEvent extends AuditedRecord {
  action: AuditAction;
  entityType: string;
}

@Injectable()
export class AuditService {
  /**
   * Writes audit events with the caller's EntityManager, so a write and its audit row
   * commit or roll back together. One row per record touched.
   */
  record(manager: EntityManager, actor: AuditActor, entry: AuditEntry): Promise<void> {
    const libraryServiceId = entry.libraryServiceId ?? actor.libraryServiceId;
    return this.recordEach(
      manager,
      actor,
      entry.action,
      entry.entityType,
      entry.entityIds.map((id) => ({ id, libraryServiceId })),
    );
  }

  /** `record`, for records of several library services at once: each event goes to its record's service's trail. */
  recordEach(manager: EntityManager, actor: AuditActor, action: AuditAction, entityType: string, records: readonly AuditedRecord[]): Promise<void> {
    return this.write(
      manager,
      actor,
      records.map((r) => ({ action, entityType, id: r.id, libraryServiceId: r.libraryServiceId })),
    );
  }

  /**
   * The events of many actors in one statement (the deliveries of one live event to its
   * subscribers: libs/access live-audit.ts), each row with its own actor, in the same order of
   * library service as `write`.
   */
  async writeForActors(manager: EntityManager, batches: readonly { actor: AuditActor; events: readonly AuditedEvent[] }[]): Promise<void> {
    const rows = batches.flatMap(({ actor, events }) => events.map((e) => ({ actor, e })));
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO audit_event (actor_id, actor_role, action, entity_type, entity_id, library_service_id, purpose, request_id, client_request_id)
       SELECT r.actor_id, r.actor_role, r.action, r.entity_type, r.entity_id, r.library_service_id, r.purpose, r.request_id, r.client_request_id
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::text[], $9::text[]) WITH ORDINALITY
         AS r(actor_id, actor_role, action, entity_type, entity_id, library_service_id, purpose, request_id, client_request_id, n)
       ORDER BY r.library_service_id, r.n`,
      [
        rows.map((r) => r.actor.userId),
        rows.map((r) => r.actor.role),
        rows.map((r) => r.e.action),
        rows.map((r) => r.e.entityType),
        rows.map((r) => r.e.id),
        rows.map((r) => r.e.libraryServiceId),
        rows.map((r) => r.actor.purpose ?? null),
        rows.map((r) => r.actor.requestId ?? null),
        rows.map((r) => r.actor.clientRequestId ?? null),
      ],
    );
  }

  /** auditRowsFrom, for the libs that reach the audit trail only through this service (a page's READ rows, AccessScope.list). */
  rowsFrom(source: string, actor: AuditActor, action: AuditAction, entityType: string, first: number): { sql: string; params: unknown[] } {
    return auditRowsFrom(source, actor, action, entityType, first);
  }

  /** Any events of one actor, in one statement (a request's reads, gathered: DeferredAudit). */
  async write(manager: EntityManager, actor: AuditActor, events: readonly AuditedEvent[]): Promise<void> {
    if (events.length === 0) return;
    // No RETURNING: nothing needs the ids back, and under row-level security a read audited in
    // another service's trail could not be returned to the reader (TenantWall migration).
    await manager.query(INSERT_EVENTS, [
      actor.userId,
      actor.role,
      actor.purpose ?? null,
      actor.requestId ?? null,
      actor.clientRequestId ?? null,
      events.map((e) => e.action),
      events.map((e) => e.entityType),
      events.map((e) => e.id),
      events.map((e) => e.libraryServiceId),
    ]);
  }
}
