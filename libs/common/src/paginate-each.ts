import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { BadInputError } from './errors.js';
import { type Connection, emptyConnection, type PageArgs, type SortKey } from './pagination.js';

/*
 * Cursors of a nested list: the sort value as PostgreSQL's own text (timestamps to the
 * microsecond, so rows written within one millisecond are neither skipped nor repeated) and the id.
 */
function encode(value: string, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function decode(cursor: string): [string, string] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((p) => typeof p === 'string')) return parsed as [string, string];
  } catch {
    /* fall through */
  }
  throw new BadInputError('The `after` cursor is not valid; use an endCursor returned by this list');
}

/** Name of a DataLoader for one nested list with these paging arguments (GraphQL gives every parent the same ones). */
export const pageLoaderName = (field: string, args: PageArgs) => `${field}:${args.first ?? 20}:${args.after ?? ''}`;

/**
 * One keyset page of a to-many relation for each of many parents, for one DataLoader batch:
 * three queries however many parents (the counts, the ids of each page ranked per parent, the
 * rows), never one per parent. `qb` already carries the reader's access rules and
 * `parentProperty IN (parentIds)`; totalCount counts what the reader may see, as `paginate` does.
 */
export async function paginateEach<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  parentProperty: string,
  parentIds: readonly string[],
  args: PageArgs,
  sort: SortKey,
): Promise<Connection<T>[]> {
  const a = qb.alias;
  const first = args.first ?? 20;
  const parent = `${a}.${parentProperty}`;
  const col = `${a}.${sort.property}`;

  const counts = new Map(
    (await qb.clone().select(parent, 'parent').addSelect('COUNT(*)', 'n').groupBy(parent).getRawMany<{ parent: string; n: string }>()).map((r) => [
      r.parent,
      Number(r.n),
    ]),
  );

  const ranked = qb
    .clone()
    .select(`${a}.id`, 'id')
    .addSelect(parent, 'parent')
    .addSelect(`CAST(${col} AS text)`, 'sort_value')
    .addSelect(`ROW_NUMBER() OVER (PARTITION BY ${parent} ORDER BY ${col} ${sort.direction}, ${a}.id ${sort.direction})`, 'rn');
  if (args.after) {
    const [value, id] = decode(args.after);
    const op = sort.direction === 'ASC' ? '>' : '<';
    ranked.andWhere(
      new Brackets((w) => {
        w.where(`${col} ${op} :peCursorValue`, { peCursorValue: value }).orWhere(`(${col} = :peCursorValue AND ${a}.id ${op} :peCursorId)`, { peCursorId: id });
      }),
    );
  }
  const [sql, params] = ranked.getQueryAndParameters();
  // `first` is a validated integer (1 to 100), so it may stand in the SQL text.
  const page: { id: string; parent: string; sort_value: string; rn: string }[] = await qb.connection.query(
    `SELECT ranked.id, ranked.parent, ranked.sort_value, ranked.rn FROM (${sql}) ranked WHERE ranked.rn <= ${Math.trunc(first) + 1} ORDER BY ranked.parent, ranked.rn`,
    params,
  );
  if (!page.length) return parentIds.map((p) => ({ ...emptyConnection<T>(), totalCount: counts.get(p) ?? 0 }));

  const rows = new Map(
    (
      await qb
        .clone()
        .andWhere(`${a}.id IN (:...peIds)`, { peIds: page.map((r) => r.id) })
        .getMany()
    ).map((r) => [r.id, r]),
  );
  return parentIds.map((p) => {
    const mine = page.filter((r) => r.parent === p && rows.has(r.id));
    const edges = mine.slice(0, first).map((r) => ({ cursor: encode(r.sort_value, r.id), node: rows.get(r.id)! }));
    return { edges, totalCount: counts.get(p) ?? 0, pageInfo: { hasNextPage: mine.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
  });
}
