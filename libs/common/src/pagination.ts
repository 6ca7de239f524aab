import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';
import { IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { DataSource, EntityManager, EntityMetadata, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { RawSqlResultsToEntityTransformer } from 'typeorm/query-builder/transformer/RawSqlResultsToEntityTransformer.js';
import { BadInputError } from './errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `Page size, 1 to ${MAX_PAGE_SIZE}` })
  @IsOptional()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number = DEFAULT_PAGE_SIZE;

  // A cursor holds its row's sort value: a desk list ordered by a 2,000-character description needs room.
  @Field({ nullable: true, description: 'Cursor of the last edge of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(12_000)
  after?: string;
}

@ObjectType()
export class PageInfo {
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Relay connection type for a node type: `edges { cursor node }`, `pageInfo`, `totalCount`. */
export function ConnectionType<T>(node: Type<T>, name = node.name): Type<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field() cursor: string;
    @Field(() => node) node: T;
  }
  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [Edge]) edges: Edge[];
    @Field(() => PageInfo) pageInfo: PageInfo;
    @Field(() => Int) totalCount: number;
  }
  return ConnectionClass as Type<Connection<T>>;
}

export const emptyConnection = <T>(): Connection<T> => ({ edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 });

export interface SortKey {
  /** Entity property to order by; `id` breaks ties so the order is stable. */
  property: string;
  direction: 'ASC' | 'DESC';
}

/** A page without its count (the audit trail counts only when asked). */
export type Page<T> = Omit<Connection<T>, 'totalCount'>;

/**
 * A write the page's own statement carries, over the rows it returns (never the look-ahead row): a
 * list's READ audit rows (AccessScope.list), so that the page and its audit are one round trip and
 * commit together. `sql` gives an INSERT … SELECT from `source`, a WITH query of `id` (text) and
 * `library_service_id` (each row's `serviceProperty`), with its parameters numbered from `$first`.
 */
export interface PageWrite {
  /** The caller's EntityManager (its transaction, if any): the write commits with it. */
  manager: EntityManager;
  serviceProperty: string;
  sql(source: string, first: number): { sql: string; params: unknown[] };
}

/**
 * Keyset pagination over an already-filtered query builder. `totalCount` is counted with the
 * same WHERE (access rules included) before the cursor applies, so it is exact; it rides on the
 * page's own statement as a scalar subquery (planned once, not per row), so a page is one round
 * trip. Only a page that comes back empty after a cursor needs the count on its own.
 * With `write`, the page's statement carries it too, when the page is one plain SELECT (no joins,
 * no relation ids, no lock): `wrote` says whether it did, else the caller writes it itself.
 */
export async function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  args: PageArgs,
  sort: SortKey,
  write?: PageWrite,
): Promise<Connection<T> & { wrote: boolean }> {
  const counted = qb
    .clone()
    .orderBy()
    .select(qb.expressionMap.joinAttributes.length ? `COUNT(DISTINCT ${qb.escape(qb.alias)}.id)` : 'COUNT(1)');
  qb.addSelect(`(${counted.getQuery()})::int`, 'pg_total_count');
  const { page, raw, wrote } = await keysetRows(qb, args, sort, write);
  const first = raw[0] as { pg_total_count?: number } | undefined;
  const totalCount = first ? Number(first.pg_total_count) : args.after ? await counted.getCount() : 0;
  return { ...page, totalCount, wrote };
}

/** One page after `args.after`, ordered by the sort property then id, with a cursor on every edge. */
export async function keysetPage<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  args: { first?: number; after?: string },
  sort: SortKey,
): Promise<Page<T>> {
  return (await keysetRows(qb, args, sort)).page;
}

/** keysetPage, with the raw rows it was read from (for what else the query selected). */
async function keysetRows<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, args: { first?: number; after?: string }, sort: SortKey, write?: PageWrite) {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  const q = await keysetQuery(qb, args, sort);
  const wrote = Boolean(write && carriesWrite(q));
  const { entities, raw } = wrote ? await rawAndEntitiesWriting(q, sort, first, write!) : await q.getRawAndEntities();
  // Matched by id, not by position: raw rows and entities need not line up one to one.
  const values = new Map<string, string | null>(raw.map((r: Record<string, string | null>) => [r.pg_cursor_id as string, r.pg_cursor_value]));
  const edges = entities.slice(0, first).map((node) => {
    const id = String(node.id);
    if (!values.has(id)) throw new Error(`No cursor value was selected for ${id}`);
    return { cursor: encodeCursor([keyOf(sort), values.get(id)!, id]), node };
  });
  const page: Page<T> = { edges, pageInfo: { hasNextPage: entities.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
  return { page, raw: raw as unknown[], wrote };
}

/** Whether the page is one plain SELECT, one row per record, that a WITH can wrap (TypeORM reads anything more in several). */
function carriesWrite(q: SelectQueryBuilder<ObjectLiteral>): boolean {
  const map = q.expressionMap;
  return !map.joinAttributes.length && !map.relationIdAttributes.length && !map.lockMode;
}

/**
 * The page's SELECT inside a WITH whose data-modifying part writes `write` over the first `shown`
 * rows, in the page's own order (the sort value then the id, as selected, so no row is taken for
 * another), then turned into entities as TypeORM turns its own rows.
 */
async function rawAndEntitiesWriting<T extends ObjectLiteral>(
  q: SelectQueryBuilder<T>,
  sort: SortKey,
  shown: number,
  write: PageWrite,
): Promise<{ entities: T[]; raw: Record<string, unknown>[] }> {
  const { sortColumn, idColumn } = keysetColumns(q, sort);
  const serviceColumn = q.expressionMap.mainAlias!.metadata.findColumnWithPropertyPath(write.serviceProperty);
  if (!serviceColumn) throw new Error(`${q.expressionMap.mainAlias!.metadata.name} has no ${write.serviceProperty}`);
  // Columns, not property paths: TypeORM would take `alias.property` for the entity's own selection of it.
  const column = (c: typeof sortColumn) => `${q.escape(q.alias)}.${q.escape(c.databaseName)}`;
  q.addSelect(column(sortColumn), 'pg_sort_value').addSelect(column(idColumn), 'pg_sort_id').addSelect(column(serviceColumn), 'pg_row_service');
  const [select, params] = q.getQueryAndParameters();
  const written = write.sql('pg_shown', params.length + 1);
  // The same order as the page's own ORDER BY: PostgreSQL's default NULLS placement is the one keysetQuery asks for.
  const order = `pg_sort_value ${sort.direction}, pg_sort_id ${sort.direction}`;
  const raw: Record<string, unknown>[] = await write.manager.query(
    `WITH pg_page AS (${select}),
       pg_shown AS (SELECT pg_cursor_id AS id, pg_row_service AS library_service_id FROM pg_page ORDER BY ${order} LIMIT ${Math.trunc(shown)}),
       pg_write AS (${written.sql})
     SELECT * FROM pg_page ORDER BY ${order}`,
    [...params, ...written.params],
  );
  const entities = raw.length
    ? (new RawSqlResultsToEntityTransformer(q.expressionMap, q.connection.driver, [], write.manager.queryRunner).transform(
        raw,
        q.expressionMap.mainAlias!,
      ) as T[])
    : [];
  return { entities, raw };
}

/** The sort column and the id that breaks its ties. */
function keysetColumns(qb: SelectQueryBuilder<ObjectLiteral>, sort: SortKey) {
  const metadata = qb.expressionMap.mainAlias!.metadata;
  // A view has no primary key in its metadata: its `id` column is the tiebreak there (the caller's filter makes it unique).
  const idColumn = metadata.primaryColumns.length === 1 ? metadata.primaryColumns[0] : metadata.findColumnWithPropertyPath('id');
  const sortColumn = metadata.findColumnWithPropertyPath(sort.property);
  if (!idColumn || !sortColumn) throw new Error(`${metadata.name} cannot be paged by ${sort.property}`);
  return { idColumn, sortColumn };
}

/**
 * The page's query: after the cursor, in order, one row more than asked (to tell whether there is
 * a next page), selecting each row's cursor value as `pg_cursor_value` and `pg_cursor_id`.
 *
 * The cursor value is the column as the database holds it, written out as text in SQL (timestamps
 * to the microsecond, in UTC), and compared in SQL against that text cast back to the column's
 * type: a JavaScript Date (milliseconds) would skip rows written within the same millisecond.
 * NULL sorts as PostgreSQL sorts it by default, after every value (last ascending, first
 * descending), so rows without a value are neither lost nor repeated.
 */
export async function keysetQuery<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  args: { first?: number; after?: string },
  sort: SortKey,
): Promise<SelectQueryBuilder<T>> {
  const alias = qb.alias;
  const { idColumn, sortColumn } = keysetColumns(qb, sort);
  const [key, id] = await Promise.all([columnKind(qb, sortColumn), columnKind(qb, idColumn)]);
  const col = `${qb.escape(alias)}.${qb.escape(sortColumn.databaseName)}`;
  const idCol = `${qb.escape(alias)}.${qb.escape(idColumn.databaseName)}`;
  const asc = sort.direction === 'ASC';
  if (args.after) {
    const [value, cursorId] = decodeCursor(args.after, sort, key, id);
    const op = asc ? '>' : '<';
    const idAfter = `${idCol} ${op} ${id.fromText(':pgCursorId')}`;
    const after = `(${col}, ${idCol}) ${op} (${key.fromText(':pgCursorValue')}, ${id.fromText(':pgCursorId')})`;
    // NULL comes after every value: ascending, the NULL rows follow any value; descending, they came before it.
    let where = after;
    if (key.nullable && value === null) where = asc ? `(${col} IS NULL AND ${idAfter})` : `(${col} IS NOT NULL OR ${idAfter})`;
    else if (key.nullable && asc) where = `(${after} OR ${col} IS NULL)`;
    qb.andWhere(where, { pgCursorValue: value, pgCursorId: cursorId });
  }
  const nulls = key.nullable ? (asc ? 'NULLS LAST' : 'NULLS FIRST') : undefined;
  return qb
    .addSelect(key.toText(col), 'pg_cursor_value')
    .addSelect(`CAST(${idCol} AS text)`, 'pg_cursor_id')
    .orderBy(`${alias}.${sort.property}`, sort.direction, nulls)
    .addOrderBy(`${alias}.${idColumn.propertyName}`, sort.direction)
    .take((args.first ?? DEFAULT_PAGE_SIZE) + 1);
}

const keyOf = (sort: SortKey) => `${sort.property}:${sort.direction}`;

/** The cursor of a raw row read through keysetQuery (its `pg_cursor_value` and `pg_cursor_id`): to read on after it. */
export function keysetCursor(sort: SortKey, row: Record<string, unknown>): string {
  return encodeCursor([keyOf(sort), (row.pg_cursor_value as string | null) ?? null, String(row.pg_cursor_id)]);
}

function encodeCursor(parts: [string, string | null, string]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

function invalidCursor(): never {
  throw new BadInputError('The `after` cursor is not valid; use an endCursor returned by this list');
}

/** The cursor's value and id, each checked against its column's type so that a forged cursor fails here, not in SQL. */
function decodeCursor(cursor: string, sort: SortKey, value: ColumnKind, id: ColumnKind): [string | null, string] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) invalidCursor();
  const [key, v, i] = parsed as unknown[];
  if (key !== keyOf(sort) || typeof i !== 'string' || !id.valid(i)) invalidCursor();
  if (v === null ? !value.nullable : typeof v !== 'string' || !value.valid(v)) invalidCursor();
  return [v as string | null, i];
}

/** How a column's value is written into a cursor and read back, by its PostgreSQL type. */
interface ColumnKind {
  nullable: boolean;
  /** SQL: the column as cursor text. */
  toText(column: string): string;
  /** SQL: cursor text (a parameter) as the column's type. */
  fromText(param: string): string;
  /** Whether text could have come from toText (checked before the text reaches SQL). */
  valid(text: string): boolean;
}

const TIME = `'YYYY-MM-DD"T"HH24:MI:SS.US'`;
const MICROSECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A real calendar day and time (2026-02-30 is not; nor is year 0, which PostgreSQL has not): a round trip through Date, to the millisecond. */
function realInstant(text: string): boolean {
  const iso = text.length === 10 ? `${text}T00:00:00.000Z` : `${text.slice(0, 23)}Z`;
  const ms = Date.parse(iso);
  return !text.startsWith('0000') && !Number.isNaN(ms) && new Date(ms).toISOString() === iso;
}
const INTEGER_RANGE: Record<string, bigint> = { smallint: 2n ** 15n, integer: 2n ** 31n, bigint: 2n ** 63n };

function kindFor(type: string, nullable: boolean): ColumnKind | null {
  const cast = (param: string) => `CAST(${param} AS ${type})`;
  const asText = (column: string) => `CAST(${column} AS text)`;
  switch (type) {
    case 'timestamp with time zone':
      // In UTC, so the text reads the same whatever the session's time zone.
      return {
        nullable,
        toText: (c) => `to_char(${c} AT TIME ZONE 'UTC', ${TIME})`,
        fromText: (p) => `(CAST(${p} AS timestamp) AT TIME ZONE 'UTC')`,
        valid: (t) => MICROSECONDS.test(t) && realInstant(t),
      };
    case 'timestamp without time zone':
      return { nullable, toText: (c) => `to_char(${c}, ${TIME})`, fromText: cast, valid: (t) => MICROSECONDS.test(t) && realInstant(t) };
    case 'date':
      return { nullable, toText: (c) => `to_char(${c}, 'YYYY-MM-DD')`, fromText: cast, valid: (t) => DAY.test(t) && realInstant(t) };
    case 'smallint':
    case 'integer':
    case 'bigint':
      return {
        nullable,
        toText: asText,
        fromText: cast,
        valid: (t) => /^-?\d{1,19}$/.test(t) && BigInt(t) >= -INTEGER_RANGE[type] && BigInt(t) < INTEGER_RANGE[type],
      };
    case 'uuid':
      return { nullable, toText: asText, fromText: cast, valid: (t) => UUID.test(t) };
    case 'text':
    case 'character varying':
    case 'citext':
      return { nullable, toText: asText, fromText: cast, valid: (t) => !t.includes('\u0000') };
    default:
      return null;
  }
}

type ColumnMetadata = EntityMetadata['columns'][number];

/** Column types read from the catalogue, per database (a view's columns carry none in their entity). */
const catalogueTypes = new WeakMap<DataSource, Map<string, { type: string; nullable: boolean }>>();

async function columnKind(qb: SelectQueryBuilder<ObjectLiteral>, column: ColumnMetadata): Promise<ColumnKind> {
  const metadata = column.entityMetadata;
  let type = column.type ? qb.connection.driver.normalizeType(column) : '';
  let nullable = column.isNullable;
  if (!type || metadata.tableType === 'view') {
    let types = catalogueTypes.get(qb.connection);
    if (!types) catalogueTypes.set(qb.connection, (types = new Map()));
    const name = `${metadata.tablePath}.${column.databaseName}`;
    let found = types.get(name);
    if (!found) {
      // On the builder's own connection: inside a transaction, the pool may have no other.
      const row = await qb
        .createQueryBuilder()
        .select('format_type(a.atttypid, NULL)', 'type')
        .addSelect('NOT a.attnotnull', 'nullable')
        .from('pg_attribute', 'a')
        .where('a.attrelid = to_regclass(:relation) AND a.attname = :column AND NOT a.attisdropped')
        .setParameters({ relation: metadata.tablePath, column: column.databaseName })
        .getRawOne<{ type: string; nullable: boolean }>();
      if (!row) throw new Error(`${name} is not in the database catalogue`);
      types.set(name, (found = row));
    }
    ({ type, nullable } = found);
  }
  const kind = kindFor(type, nullable);
  if (!kind) throw new Error(`${metadata.name} cannot be paged by ${column.propertyName}: its type ${type} has no cursor form`);
  return kind;
}
