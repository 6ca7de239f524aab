import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';
import { IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { BadInputError } from './errors.js';

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20, description: 'Page size, 1 to 100' })
  @IsOptional() @Min(1) @Max(100)
  first?: number = 20;

  @Field({ nullable: true, description: 'Cursor of the last edge of the previous page' })
  @IsOptional() @IsString() @MaxLength(500)
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

function encodeCursor(value: unknown, id: string): string {
  return Buffer.from(JSON.stringify([value instanceof Date ? value.toISOString() : value, id])).toString('base64url');
}

function decodeCursor(cursor: string): [unknown, string] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string') return parsed as [unknown, string];
  } catch { /* fall through */ }
  throw new BadInputError('The `after` cursor is not valid; use an endCursor returned by this list');
}

/**
 * Keyset pagination over an already-filtered query builder. `totalCount` is counted with the
 * same WHERE (access rules included) before the cursor applies, so it is exact.
 */
export async function paginate<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, args: PageArgs, sort: SortKey): Promise<Connection<T>> {
  const alias = qb.alias;
  const first = args.first ?? 20;
  const totalCount = await qb.clone().getCount();
  const col = `${alias}.${sort.property}`;
  if (args.after) {
    const [value, id] = decodeCursor(args.after);
    const op = sort.direction === 'ASC' ? '>' : '<';
    qb.andWhere(new Brackets((w) => {
      w.where(`${col} ${op} :pgCursorValue`, { pgCursorValue: value })
        .orWhere(`(${col} = :pgCursorValue AND ${alias}.id ${op} :pgCursorId)`, { pgCursorId: id });
    }));
  }
  const rows = await qb.orderBy(col, sort.direction).addOrderBy(`${alias}.id`, sort.direction).take(first + 1).getMany();
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeCursor((node as Record<string, unknown>)[sort.property], node.id), node }));
  return { edges, totalCount, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}
