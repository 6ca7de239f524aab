/**
 * What chaining costs each audit event (migration AuditChain): the same inserts into audit_event
 * (chained by its trigger) and into a copy of it without the chain triggers, timed per row, in
 * rounds that alternate the two (the best round of each is printed: on a shared machine the others
 * measure the neighbours). Run with `npm run bench:audit-chain` (embedded database), or with
 * DATABASE_URL set for PostgreSQL (in a schema of its own, dropped afterwards). BENCH_ROWS (default
 * 6,000 per round) and BENCH_ROUNDS (5) tune it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ALL_ENTITIES } from '../apps/api/entities.js';
import { loadConfig } from '../libs/common/src/index.js';
import { dropSchema, openDatabase } from '../libs/database/src/index.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 6_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const COLUMNS = ['actor_id', 'actor_role', 'action', 'entity_type', 'entity_id', 'library_service_id', 'purpose', 'request_id', 'client_request_id'];

/** One INSERT of `perStatement` rows, as AuditService.record writes them (a multi-row VALUES with parameters). */
function statement(table: string, perStatement: number, serviceId: string, actorId: string): [string, unknown[]] {
  const params: unknown[] = [];
  const rows: string[] = [];
  for (let i = 0; i < perStatement; i++) {
    const at = params.length;
    params.push(actorId, 'MANAGER', 'READ', 'PartnerContact', randomUUID(), serviceId, 'Checking duty numbers', randomUUID(), 'client-1');
    rows.push(`(${COLUMNS.map((_, c) => `$${at + c + 1}`).join(', ')})`);
  }
  return [`INSERT INTO ${table} (${COLUMNS.join(', ')}) VALUES ${rows.join(', ')}`, params];
}

/**
 * µs per row for `ROWS` rows written in statements of `perStatement`, each its own transaction, from
 * `writers` connections at once. One writer: the time the database spends executing each statement
 * (EXPLAIN ANALYZE, triggers included), which leaves out the round trip and the commit, the same
 * with the chain or without it and, on a busy machine, most of the noise. Several writers: the time
 * on the clock, as they wait for each other.
 */
async function time(db: DataSource, table: string, perStatement: number, writers: number, serviceId: string, actorId: string): Promise<number> {
  const statements = Math.ceil(ROWS / perStatement);
  let next = 0;
  let executing = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next++ < statements) {
        const [sql, params] = statement(table, perStatement, serviceId, actorId);
        if (writers > 1) await db.query(sql, params);
        else executing += (await db.query(`EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, FORMAT JSON) ${sql}`, params))[0]['QUERY PLAN'][0]['Execution Time'];
      }
    }),
  );
  return ((writers > 1 ? performance.now() - started : executing) * 1000) / (statements * perStatement);
}

async function main() {
  const url = process.env.DATABASE_URL;
  const schema = url ? `bench_${randomBytes(4).toString('hex')}` : undefined;
  const config = loadConfig(url ? { DATABASE_URL: url, DATABASE_SCHEMA: schema, JWT_SECRET: randomBytes(32).toString('hex') } : { DATA_DIR: ':memory:' });
  const db = await openDatabase(config, ALL_ENTITIES);
  const ds = db.dataSource;
  try {
    const [{ id: serviceId }] = await ds.query(`INSERT INTO library_service (name, code) VALUES ('Bench', 'BENCH') RETURNING id`);
    const actorId = randomUUID();
    // The same table, indexes and checks, without the chain (nor the append-only triggers, which do not fire on INSERT).
    await ds.query(`CREATE TABLE audit_event_unchained (LIKE audit_event INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`);
    await ds.query(`ALTER TABLE audit_event_unchained ALTER COLUMN chain_position DROP NOT NULL, ALTER COLUMN hash DROP NOT NULL,
      ALTER COLUMN occurred_at SET DEFAULT clock_timestamp()`);
    console.log(`database: ${db.embedded ? 'embedded PGlite' : 'PostgreSQL'}; ${ROWS} rows a round, best of ${ROUNDS} rounds`);
    const cases: [number, number][] = db.embedded
      ? [
          [1, 1],
          [12, 1],
          [500, 1],
        ]
      : [
          [1, 1],
          [12, 1],
          [500, 1],
          [12, 4],
        ];
    for (const [perStatement, writers] of cases) {
      // A warm-up of each, then rounds alternating the two, so neither gets the warmer cache.
      await time(ds, 'audit_event_unchained', perStatement, writers, serviceId, actorId);
      await time(ds, 'audit_event', perStatement, writers, serviceId, actorId);
      let plain = Infinity;
      let chained = Infinity;
      for (let round = 0; round < ROUNDS; round++) {
        plain = Math.min(plain, await time(ds, 'audit_event_unchained', perStatement, writers, serviceId, actorId));
        chained = Math.min(chained, await time(ds, 'audit_event', perStatement, writers, serviceId, actorId));
      }
      console.log(
        `${String(perStatement).padStart(3)} rows a statement (one transaction each), ${writers === 1 ? '1 writer, time executing' : `${writers} writers on one chain, time on the clock`}: ${plain.toFixed(1)} µs/row unchained, ${chained.toFixed(1)} µs/row chained (+${(chained - plain).toFixed(1)} µs)`,
      );
    }
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM audit_event WHERE library_service_id = $1`, [serviceId]);
    console.log(`chained ${n} events in one chain`);
  } finally {
    await db.close();
    if (url && schema) await dropSchema(url, schema);
  }
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
