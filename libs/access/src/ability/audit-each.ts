import type { EntityManager } from 'typeorm';
import { type Actor, auditActor } from './actor.js';
import type { AuditAction, AuditService } from '../../../governance/src/index.js';

/**
 * One audit row per record, attributed to the record's own library service, written with the
 * caller's manager (inside a write's transaction, so the row commits with the change).
 */
export async function auditEach(
  audit: AuditService, m: EntityManager, actor: Actor, action: AuditAction, entityType: string, rows: { id: string; libraryServiceId: string }[],
): Promise<void> {
  const byService = new Map<string, string[]>();
  for (const row of rows) byService.set(row.libraryServiceId, [...(byService.get(row.libraryServiceId) ?? []), row.id]);
  for (const [libraryServiceId, entityIds] of byService) {
    await audit.record(m, auditActor(actor), { action, entityType, entityIds, libraryServiceId });
  }
}
