import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DISTRIBUTED_TABLES, REFERENCE_TABLES } from './citus-tables.js';

/**
 * Citus: the schema sharded by library service (docs/scaling.md). Kept out of the default path
 * (not in migrations/index.ts): an operator runs it once, with `npm run cli -- citus:distribute`,
 * on a Citus coordinator whose database has every ordinary migration applied.
 *
 * Two steps, each usable alone:
 * 1. `shardKeys`: plain PostgreSQL. Citus needs the distribution column in every primary key and
 *    unique index of a distributed table, and in every foreign key between two of them. For each
 *    distributed table: library_service_id is put first in its primary key and unique indexes,
 *    and the foreign keys between distributed tables become (library_service_id, …) pairs.
 *    Adding those keys back checks the data: a row pointing at another service's row fails it.
 * 2. `distribute`: the Citus calls, reference tables first, then distributed tables co-located
 *    with `subject`, each after the tables it refers to.
 */
export class CitusDistribution1765800000000 implements MigrationInterface {
  name = 'CitusDistribution1765800000000';

  async up(q: QueryRunner): Promise<void> {
    const [{ citus }] = await q.query(`SELECT count(*)::int AS citus FROM pg_extension WHERE extname = 'citus'`);
    if (!citus) throw new Error('the citus extension is not installed in this database: nothing was changed');
    await shardKeys(q);
    await distribute(q);
  }

  async down(): Promise<void> {
    throw new Error('undistributing is done with Citus’s undistribute_table, table by table (docs/scaling.md)');
  }
}

interface ForeignKey {
  name: string;
  table: string;
  parent: string;
  columns: string[];
  parentColumns: string[];
  onDelete: string;
}

const distributed = new Set<string>(DISTRIBUTED_TABLES);
const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(', ');

/** Step 1: the keys Citus needs, on plain PostgreSQL (test/citus-layout runs it and reads the catalog). */
export async function shardKeys(q: QueryRunner): Promise<void> {
  // Views may lean on a primary key (grouping by it), so they are set aside while the keys change.
  const views: { name: string; definition: string; options: string[] | null; acl: string[] | null }[] = await q.query(
    `SELECT c.relname AS name, pg_get_viewdef(c.oid) AS definition, c.reloptions AS options, c.relacl::text[] AS acl
     FROM pg_class c WHERE c.relkind = 'v' AND c.relnamespace = current_schema()::regnamespace ORDER BY c.oid`,
  );
  for (const v of [...views].reverse()) await q.query(`DROP VIEW "${v.name}"`);
  const keys = (await foreignKeys(q)).filter((k) => distributed.has(k.table) && distributed.has(k.parent));
  for (const k of keys) await q.query(`ALTER TABLE "${k.table}" DROP CONSTRAINT "${k.name}"`);
  for (const table of DISTRIBUTED_TABLES) {
    const [pk] = await q.query(
      `SELECT c.conname AS name, array_agg(a.attname ORDER BY k.ord)::text[] AS columns
       FROM pg_constraint c CROSS JOIN unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
       WHERE c.conrelid = $1::regclass AND c.contype = 'p' GROUP BY c.conname`,
      [table],
    );
    if (!pk.columns.includes('library_service_id')) {
      await q.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${pk.name}"`);
      await q.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${pk.name}" PRIMARY KEY (library_service_id, ${quoted(pk.columns)})`);
    }
    const unique: { name: string; definition: string; constraint: string | null }[] = await q.query(
      `SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition,
         (SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.contype = 'u') AS constraint
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
       WHERE x.indrelid = $1::regclass AND x.indisunique AND NOT x.indisprimary
         AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = x.indrelid AND a.attname = 'library_service_id' AND a.attnum = ANY (x.indkey))`,
      [table],
    );
    for (const u of unique) {
      if (u.constraint) {
        await q.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${u.name}"`);
        await q.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${u.name}" ${u.constraint.replace(/^UNIQUE \(/, 'UNIQUE (library_service_id, ')}`);
      } else {
        await q.query(`DROP INDEX "${u.name}"`);
        await q.query(u.definition.replace(/ USING (\w+) \(/, ' USING $1 (library_service_id, '));
      }
    }
  }
  for (const k of keys) {
    // SET NULL must leave library_service_id alone (it is not null): only the referring columns are cleared.
    const onDelete = k.onDelete === 'SET NULL' ? `SET NULL (${quoted(k.columns)})` : k.onDelete;
    await q.query(
      `ALTER TABLE "${k.table}" ADD CONSTRAINT "${k.name}" FOREIGN KEY (library_service_id, ${quoted(k.columns)})
       REFERENCES "${k.parent}" (library_service_id, ${quoted(k.parentColumns)}) ON DELETE ${onDelete}`,
    );
  }
  for (const v of views) {
    const options = v.options?.length ? ` WITH (${v.options.join(', ')})` : '';
    await q.query(`CREATE VIEW "${v.name}"${options} AS ${groupedByShardKey(v.definition)}`);
    for (const grant of v.acl ?? []) {
      const [, grantee, rights] = /^"?([^=]*?)"?=(\w*)\//.exec(grant) ?? [];
      const privileges = [...(rights ?? '')].map((r) => VIEW_PRIVILEGES[r]).filter(Boolean);
      if (grantee && privileges.length) await q.query(`GRANT ${privileges.join(', ')} ON "${v.name}" TO "${grantee}"`);
    }
  }
}

/**
 * A view grouping by a table's id counted on that id being the primary key (the other columns
 * depending on it); with the key now (library_service_id, id), it groups by both. The result is
 * the same: one id is in one service.
 */
function groupedByShardKey(definition: string): string {
  return definition.replace(/GROUP BY (?:\w+\.\w+(?:, )?)+/g, (clause) => clause.replace(/\b(\w+)\.id\b/g, '$1.library_service_id, $1.id'));
}

/** aclitem letters (PostgreSQL's "Privileges" table) of the privileges a view can be granted. */
const VIEW_PRIVILEGES: Record<string, string> = { r: 'SELECT', a: 'INSERT', w: 'UPDATE', d: 'DELETE', D: 'TRUNCATE', x: 'REFERENCES', t: 'TRIGGER' };

/** Step 2 (Citus only): reference tables, then distributed ones, each after what it refers to. */
async function distribute(q: QueryRunner): Promise<void> {
  const keys = await foreignKeys(q);
  for (const table of dependencyOrder(Object.keys(REFERENCE_TABLES), keys)) await q.query(`SELECT create_reference_table($1)`, [table]);
  const [first, ...rest] = dependencyOrder([...DISTRIBUTED_TABLES], keys);
  await q.query(`SELECT create_distributed_table($1, 'library_service_id')`, [first]);
  for (const table of rest) await q.query(`SELECT create_distributed_table($1, 'library_service_id', colocate_with => $2)`, [table, first]);
}

/** `tables`, each after the tables of the same list it has a foreign key to. */
export function dependencyOrder(tables: string[], keys: ForeignKey[]): string[] {
  const among = new Set(tables);
  const done: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (done.includes(table) || path.has(table)) return;
    path.add(table);
    for (const k of keys) if (k.table === table && k.parent !== table && among.has(k.parent)) visit(k.parent, path);
    done.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return done;
}

export async function foreignKeys(q: QueryRunner): Promise<ForeignKey[]> {
  return q.query(
    `SELECT c.conname AS name, c.conrelid::regclass::text AS table, c.confrelid::regclass::text AS parent,
       (SELECT array_agg(a.attname ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum)::text[] AS columns,
       (SELECT array_agg(a.attname ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum)::text[] AS "parentColumns",
       CASE c.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' WHEN 'r' THEN 'RESTRICT' ELSE 'NO ACTION' END AS "onDelete"
     FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
     WHERE c.contype = 'f' AND n.nspname = current_schema() ORDER BY c.conname`,
  );
}
