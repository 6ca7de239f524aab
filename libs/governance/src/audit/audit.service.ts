import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditAction } from './audit-action.enum.js';
import { AuditEvent } from './audit-event.entity.js';

/** Rows per INSERT: eight parameters a row stays far below PostgreSQL's 65,535 per statement. */
const INSERT_CHUNK = 1000;

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

@Injectable()
export class AuditService {
  /**
   * Writes audit events with the caller's EntityManager, so a write and its audit row
   * commit or roll back together. One row per record touched.
   */
  async record(manager: EntityManager, actor: AuditActor, entry: AuditEntry): Promise<void> {
    if (entry.entityIds.length === 0) return;
    const rows = entry.entityIds.map((entityId) => ({
      actorId: actor.userId,
      actorRole: actor.role,
      action: entry.action,
      entityType: entry.entityType,
      entityId,
      libraryServiceId: entry.libraryServiceId ?? actor.libraryServiceId,
      purpose: actor.purpose ?? null,
      requestId: actor.requestId ?? null,
      clientRequestId: actor.clientRequestId ?? null,
    }));
    // No RETURNING (updateEntity false): nothing needs the ids back, and under row-level security a
    // read audited in another service's trail could not be returned to the reader (TenantWall migration).
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(AuditEvent)
        .values(rows.slice(i, i + INSERT_CHUNK))
        .updateEntity(false)
        .execute();
    }
  }
}
