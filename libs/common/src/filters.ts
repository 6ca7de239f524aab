import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/*
 * List filters (statuses, categories, branchIds…) mean the same everywhere: absent or null is
 * "any"; given, the row must match one of the values, so an empty list matches nothing.
 */

/** `expression IN (values)`; `param` names the SQL parameter (unique within the query). */
export function whereIn<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  expression: string,
  param: string,
  values: readonly unknown[] | null | undefined,
  extra: ObjectLiteral = {},
): void {
  if (values == null) return;
  qb.andWhere(values.length ? `${expression} IN (:...${param})` : 'FALSE', { [param]: values, ...extra });
}

/** A text[] column holding any of the values (array overlap). */
export function whereOverlaps<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  column: string,
  param: string,
  values: readonly string[] | null | undefined,
): void {
  if (values == null) return;
  qb.andWhere(values.length ? `${column} && CAST(:${param} AS text[])` : 'FALSE', { [param]: values });
}
