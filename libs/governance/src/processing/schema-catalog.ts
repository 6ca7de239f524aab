/** Anything that runs SQL: a DataSource or a transaction's EntityManager. */
export interface Queryable {
  // Raw SQL rows are untyped, as in TypeORM's own query(); callers say what they select.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

export interface ForeignKey {
  table: string;
  column: string;
  refTable: string;
  refColumn: string;
}

/**
 * Single-column foreign keys of the current schema, read from the catalog: how records refer
 * to one another (and to a subject), whichever context created the tables and whenever.
 */
export async function foreignKeys(db: Queryable): Promise<ForeignKey[]> {
  return db.query(`
    SELECT cl.relname AS "table", a.attname AS "column", rcl.relname AS "refTable", ra.attname AS "refColumn"
    FROM pg_constraint c
    JOIN pg_class cl ON cl.oid = c.conrelid
    JOIN pg_namespace n ON n.oid = cl.relnamespace
    JOIN pg_class rcl ON rcl.oid = c.confrelid
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]
    WHERE c.contype = 'f' AND cardinality(c.conkey) = 1 AND n.nspname = current_schema()
    ORDER BY 1, 2`);
}

/** Columns of each table of the current schema. */
export async function tableColumns(db: Queryable): Promise<Map<string, Set<string>>> {
  const rows: { table_name: string; column_name: string }[] = await db.query(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  const map = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!map.has(r.table_name)) map.set(r.table_name, new Set());
    map.get(r.table_name)!.add(r.column_name);
  }
  return map;
}

/** A table name or column name from the catalog, quoted for SQL. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export { returning } from '../../../common/src/index.js';
