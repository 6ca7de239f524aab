import type { EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { type LoaderRegistry, loaderFor } from '../../../common/src/index.js';
import { AuditAction, type AuditService } from '../../../governance/src/index.js';
import { accessibleQuery } from './accessible.js';
import type { Actor } from './actor.js';
import { auditEach } from './audit-each.js';
import { maskFields } from './casl-to-sql.js';
import type { SubjectType } from './subjects.js';

export interface LoadAccessibleOptions<T extends ObjectLiteral> {
  /** Personal data: one READ audit row per record returned, as the service's own reads write. */
  audit?: AuditService;
  /** The service's own read conditions beyond the rules (e.g. a restricted person's records). */
  refine?: (qb: SelectQueryBuilder<T>) => void;
  /** The service's own finishing of a read record (e.g. an effective status). */
  each?: (row: T) => void;
}

/**
 * A record by id for a relation field (ContactLog.branch, Ban.subject…): one query per type per
 * request for all the ids asked for, through the reader's rules in SQL and field masks, so a
 * relation shows exactly what a read of the record itself would; null when the reader may not
 * read it (or it is gone), never an error, so one unreadable record does not fail a page.
 */
export function loadAccessible<T extends ObjectLiteral & { id: string; libraryServiceId: string }>(
  ctx: { loaders: LoaderRegistry }, m: EntityManager, actor: Actor, entity: EntityTarget<T>, type: SubjectType, id: string,
  options: LoadAccessibleOptions<T> = {},
): Promise<T | null> {
  return loaderFor<T | null>(ctx, `${type}.byId`, async (ids) => {
    const qb = accessibleQuery(m, entity, type, actor);
    if (!qb) return ids.map(() => null);
    options.refine?.(qb);
    const rows = await qb.andWhere(`${qb.alias}.id IN (:...loadIds)`, { loadIds: ids }).getMany();
    maskFields(actor.ability, type, rows);
    rows.forEach((r) => options.each?.(r));
    if (options.audit) await auditEach(options.audit, m, actor, AuditAction.READ, type, rows);
    const found = new Map(rows.map((r) => [r.id, r]));
    return ids.map((key) => found.get(key) ?? null);
  }).load(id);
}

/** Several records by id (Ban.branches…), in the order given, leaving out those the reader may not read. */
export async function loadAccessibleMany<T extends ObjectLiteral & { id: string; libraryServiceId: string }>(
  ctx: { loaders: LoaderRegistry }, m: EntityManager, actor: Actor, entity: EntityTarget<T>, type: SubjectType, ids: readonly string[],
  options: LoadAccessibleOptions<T> = {},
): Promise<T[]> {
  const rows: (T | null)[] = await Promise.all(ids.map((id) => loadAccessible(ctx, m, actor, entity, type, id, options)));
  return rows.filter((r): r is T => r !== null);
}
