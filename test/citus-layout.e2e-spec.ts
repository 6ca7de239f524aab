import { seedDemo } from '../apps/api/seed/demo-seed.js';
import { createLogger } from '../apps/api/logger.js';
import type { OpenDatabase } from '../libs/database/src/index.js';
import { CitusDistribution1765800000000, dependencyOrder, foreignKeys, shardKeys } from '../migrations/citus/1765800000000-CitusDistribution.js';
import { DISTRIBUTED_TABLES, LOCAL_TABLES, REFERENCE_TABLES } from '../migrations/citus/citus-tables.js';
import { openTestDatabase } from './support/test-database.js';

/**
 * The Citus layout of docs/scaling.md, checked against the catalog: every table is placed, every
 * sharded table can be sharded (library_service_id in every key once the key step has run, on a
 * database holding the demo story), and the out-of-path migration refuses a database without Citus.
 */
let db: OpenDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
  await seedDemo(db.dataSource, createLogger('silent'), 'full');
}, 120_000);
afterAll(() => db?.close());

const tables = async (): Promise<string[]> =>
  (
    await db.dataSource.query(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY 1`,
    )
  ).map((r: { name: string }) => r.name);

it('places every table of the schema in exactly one of the three lists, each named table existing', async () => {
  const placed = [...DISTRIBUTED_TABLES, ...Object.keys(REFERENCE_TABLES), ...Object.keys(LOCAL_TABLES)];
  const all = await tables();
  const unplaced = all.filter((t) => !placed.includes(t));
  expect({ unplaced }).toEqual({ unplaced: [] });
  expect(placed.filter((t) => !all.includes(t))).toEqual([]);
  expect(new Set(placed).size).toBe(placed.length);
  for (const reason of [...Object.values(REFERENCE_TABLES), ...Object.values(LOCAL_TABLES)]) expect(reason.length).toBeGreaterThan(20);
});

it('lists as distributed only tables owned by a library service, the column never empty', async () => {
  const rows: { table: string; nullable: boolean }[] = await db.dataSource.query(
    `SELECT table_name AS table, is_nullable = 'YES' AS nullable FROM information_schema.columns
     WHERE table_schema = current_schema() AND column_name = 'library_service_id' AND table_name = ANY ($1)`,
    [[...DISTRIBUTED_TABLES]],
  );
  expect(rows.map((r) => r.table).sort()).toEqual([...DISTRIBUTED_TABLES].sort());
  expect(rows.filter((r) => r.nullable)).toEqual([]);
});

it('puts library_service_id in every primary key, unique index and foreign key between sharded tables, and the data fits', async () => {
  const runner = db.dataSource.createQueryRunner();
  try {
    await runner.startTransaction();
    const viewRows = async () => {
      const views: { name: string }[] = await runner.query(
        `SELECT relname AS name FROM pg_class WHERE relkind = 'v' AND relnamespace = current_schema()::regnamespace ORDER BY 1`,
      );
      const counts: Record<string, number> = {};
      for (const v of views) counts[v.name] = (await runner.query(`SELECT count(*)::int AS n FROM "${v.name}"`))[0].n;
      return counts;
    };
    const before = await viewRows();
    expect(before.shared_case_incident).toBeGreaterThan(0);
    await shardKeys(runner);
    // The views the step set aside are back, answering the same.
    expect(await viewRows()).toEqual(before);
    const keyless: { table: string; index: string }[] = await runner.query(
      `SELECT c.relname AS table, i.relname AS index FROM pg_index x
       JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
       WHERE c.relname = ANY ($1) AND x.indisunique
         AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'library_service_id' AND a.attnum = ANY (x.indkey))`,
      [[...DISTRIBUTED_TABLES]],
    );
    expect(keyless).toEqual([]);
    const sharded = new Set<string>(DISTRIBUTED_TABLES);
    const crossing = (await foreignKeys(runner)).filter((k) => sharded.has(k.table) && sharded.has(k.parent));
    expect(crossing.length).toBeGreaterThan(10);
    expect(crossing.filter((k) => k.columns[0] !== 'library_service_id' || k.parentColumns[0] !== 'library_service_id')).toEqual([]);
    // Every table still has its primary key (the step replaced them, it did not drop them).
    const [{ missing }] = await runner.query(
      `SELECT count(*)::int AS missing FROM unnest($1::text[]) t WHERE NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = t::regclass AND contype = 'p')`,
      [[...DISTRIBUTED_TABLES]],
    );
    expect(missing).toBe(0);
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
});

it('orders tables after those they refer to, so each Citus call finds its parents placed', async () => {
  const runner = db.dataSource.createQueryRunner();
  const keys = await foreignKeys(runner).finally(() => runner.release());
  const order = dependencyOrder([...DISTRIBUTED_TABLES], keys);
  expect(order[0]).toBe('subject');
  for (const k of keys.filter((k) => k.table !== k.parent && order.includes(k.table) && order.includes(k.parent)))
    expect([k.table, order.indexOf(k.parent) < order.indexOf(k.table)]).toEqual([k.table, true]);
});

it('refuses a database without the citus extension and changes nothing', async () => {
  const runner = db.dataSource.createQueryRunner();
  try {
    await expect(new CitusDistribution1765800000000().up(runner)).rejects.toThrow(/citus extension is not installed.*nothing was changed/);
    const [{ n }] = await runner.query(`SELECT count(*)::int AS n FROM pg_constraint WHERE conrelid = 'incident'::regclass AND contype = 'p'`);
    const [pk] = await runner.query(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'incident'::regclass AND contype = 'p'`);
    expect([n, pk.def]).toEqual([1, 'PRIMARY KEY (id)']);
  } finally {
    await runner.release();
  }
});
