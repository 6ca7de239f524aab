import type { EntityManager, EntityTarget } from 'typeorm';
import { type Actor, auditActor } from '../../access/src/index.js';
import { StaleVersionError } from '../../common/src/index.js';
import { AuditAction } from './audit/audit-action.enum.js';
import type { AuditService } from './audit/audit.service.js';

/** A per-service policy row of a record type (retention, data protection): none until the service chooses one. */
export interface ServicePolicyRow {
  id: string;
  libraryServiceId: string;
  recordType: string;
  version: number;
  updatedById: string | null;
}

/**
 * Saves a service's choice for a record type: the row locked, at the version the user saw (0 while
 * the default applies and there is no row), created or changed, and audited as such, in `m`'s transaction.
 */
export async function saveServicePolicy<T extends ServicePolicyRow>(
  m: EntityManager,
  audit: AuditService,
  target: { entity: EntityTarget<T>; type: string },
  actor: Actor,
  choice: { recordType: string; version: number; values: Partial<T> },
): Promise<T> {
  const libraryServiceId = actor.principal.libraryServiceId;
  const repo = m.getRepository(target.entity);
  const row = await repo
    .createQueryBuilder('p')
    .where('p.libraryServiceId = :s AND p.recordType = :t', { s: libraryServiceId, t: choice.recordType })
    .setLock('pessimistic_write')
    .getOne();
  const current = row?.version ?? 0;
  if (current !== choice.version) throw new StaleVersionError(target.type, choice.recordType, choice.version, current);
  const fresh = () => repo.create({ libraryServiceId, recordType: choice.recordType } as T);
  const saved = await repo.save(Object.assign(row ?? fresh(), choice.values, { updatedById: actor.principal.id }));
  await audit.record(m, auditActor(actor), {
    action: row ? AuditAction.UPDATE : AuditAction.CREATE,
    entityType: target.type,
    entityIds: [saved.id],
    libraryServiceId,
  });
  return saved;
}
