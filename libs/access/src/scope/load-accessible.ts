import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { type LoaderRegistry, loaderFor } from '../../../common/src/index.js';
import type { SubjectType } from '../ability/subjects.js';
import type { AccessScope, Where } from './access-scope.js';

export interface LoadAccessibleOptions<T extends ObjectLiteral> {
  /** The service's own read conditions beyond the rules. */
  where?: Where<T>;
  /** The service's own finishing of a read record (e.g. an effective status). */
  each?: (row: T) => void;
}

/**
 * A record by id for a relation field (ContactLog.branch, Ban.subject…): one query per type per
 * request for all the ids asked for, through the access scope (rules in SQL, field masks, READ
 * audit rows for personal data), so a relation shows exactly what a read of the record itself
 * would; null when the reader may not read it (or it is gone), never an error, so one unreadable
 * record does not fail a page.
 */
export function loadAccessible<T extends ObjectLiteral & { id: string; libraryServiceId: string }>(
  ctx: { loaders: LoaderRegistry },
  scope: AccessScope,
  entity: EntityTarget<T>,
  type: SubjectType,
  id: string,
  options: LoadAccessibleOptions<T> = {},
): Promise<T | null> {
  return loaderFor<T | null>(ctx, `${type}.byId`, async (ids) => {
    const rows = await scope.findMany(entity, type, (qb, a) => {
      options.where?.(qb, a);
      qb.andWhere(`${a}.id IN (:...loadIds)`, { loadIds: [...ids] });
    });
    rows.forEach((r) => options.each?.(r));
    const found = new Map(rows.map((r) => [r.id, r]));
    return ids.map((key) => found.get(key) ?? null);
  }).load(id);
}

/** Several records by id (Ban.branches…), in the order given, leaving out those the reader may not read. */
export async function loadAccessibleMany<T extends ObjectLiteral & { id: string; libraryServiceId: string }>(
  ctx: { loaders: LoaderRegistry },
  scope: AccessScope,
  entity: EntityTarget<T>,
  type: SubjectType,
  ids: readonly string[],
  options: LoadAccessibleOptions<T> = {},
): Promise<T[]> {
  const rows: (T | null)[] = await Promise.all(ids.map((id) => loadAccessible(ctx, scope, entity, type, id, options)));
  return rows.filter((r): r is T => r !== null);
}
