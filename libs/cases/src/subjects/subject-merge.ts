import type { EntityManager } from 'typeorm';
import { ConflictError } from '../../../common/src/index.js';

/** One foreign-key column that refers to subject(id), as found in the catalog. */
export interface SubjectLink {
  /** Table name as PostgreSQL prints it (quoted when it needs to be). */
  table: string;
  /** Column name, quoted for SQL. */
  column: string;
  /** Plain column name, for reports. */
  columnName: string;
  relid: number;
  attnum: number;
  /** Quoted primary-key column when the table has a single-column primary key. */
  primaryKey: string | null;
  hasVersion: boolean;
  hasUpdatedAt: boolean;
}

export interface MovedLinks {
  link: SubjectLink;
  movedIds: string[];
  moved: number;
  removedAsDuplicate: number;
}

/**
 * Every single-column foreign key that references subject(id), from the catalog: tables added by
 * later migrations (incidents, bans, referrals, intelligence…) are covered without code changes.
 */
export async function findSubjectLinks(m: EntityManager): Promise<SubjectLink[]> {
  return m.query(`
    SELECT c.conrelid::regclass::text AS "table", quote_ident(a.attname) AS "column", a.attname AS "columnName",
           c.conrelid::int AS relid, a.attnum::int AS attnum,
           (SELECT quote_ident(pa.attname) FROM pg_index pi JOIN pg_attribute pa ON pa.attrelid = pi.indrelid AND pa.attnum = pi.indkey[0]
             WHERE pi.indrelid = c.conrelid AND pi.indisprimary AND pi.indnatts = 1) AS "primaryKey",
           EXISTS (SELECT 1 FROM pg_attribute v WHERE v.attrelid = c.conrelid AND v.attname = 'version' AND NOT v.attisdropped) AS "hasVersion",
           EXISTS (SELECT 1 FROM pg_attribute u WHERE u.attrelid = c.conrelid AND u.attname = 'updated_at' AND NOT u.attisdropped) AS "hasUpdatedAt"
      FROM pg_constraint c
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
     WHERE c.contype = 'f' AND c.confrelid = 'subject'::regclass AND cardinality(c.conkey) = 1
     ORDER BY 1, 2`);
}

interface UniqueIndex {
  name: string;
  /** The other columns of the unique key (quoted); empty when the subject column alone is unique. */
  others: string[];
  /** Expression or partial index: its collisions cannot be compared column by column. */
  opaque: boolean;
}

async function uniqueIndexesOn(m: EntityManager, link: SubjectLink): Promise<UniqueIndex[]> {
  const rows: { name: string; others: string[] | null; opaque: boolean }[] = await m.query(
    `
    SELECT i.indexrelid::regclass::text AS name,
           (SELECT array_agg(quote_ident(a.attname) ORDER BY a.attnum) FROM pg_attribute a
             WHERE a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey::int2[]) AND a.attnum <> $2) AS others,
           (i.indexprs IS NOT NULL OR i.indpred IS NOT NULL) AS opaque
      FROM pg_index i
     WHERE i.indrelid = $1 AND i.indisunique AND $2 = ANY (i.indkey::int2[])`,
    [link.relid, link.attnum],
  );
  return rows.map((r) => ({ name: r.name, others: r.others ?? [], opaque: r.opaque }));
}

/**
 * Moves every link from `fromId` to `toId`, inside the caller's transaction. Where a unique key
 * would collide (a join table already linking the kept subject to the same record), the merged
 * subject's link is deleted first. A table that allows one row per subject and has one for both
 * is refused (CONFLICT): merging its rows is a decision for a person, not for this function.
 * Rows moved in tables with a `version` get a new version, so stale edits of them answer CONFLICT.
 */
export async function moveSubjectLinks(m: EntityManager, fromId: string, toId: string): Promise<MovedLinks[]> {
  const results: MovedLinks[] = [];
  for (const link of await findSubjectLinks(m)) {
    const { table: t, column: c } = link;
    let removedAsDuplicate = 0;
    for (const idx of await uniqueIndexesOn(m, link)) {
      if (idx.opaque) continue; // a collision would fail the UPDATE below: CONFLICT, nothing half-done
      if (!idx.others.length) {
        const [{ collide }] = await m.query(`SELECT (EXISTS (SELECT 1 FROM ${t} WHERE ${c} = $1) AND EXISTS (SELECT 1 FROM ${t} WHERE ${c} = $2)) AS collide`, [
          fromId,
          toId,
        ]);
        if (collide)
          throw new ConflictError(`Both records have a ${link.table} record and only one is allowed per person: resolve that first`, {
            link: `${link.table}.${link.columnName}`,
          });
        continue;
      }
      const same = idx.others.map((o) => `k.${o} = d.${o}`).join(' AND ');
      const deleted: unknown[] = await m.query(
        `WITH gone AS (DELETE FROM ${t} d WHERE d.${c} = $1 AND EXISTS (SELECT 1 FROM ${t} k WHERE k.${c} = $2 AND ${same}) RETURNING 1) SELECT 1 FROM gone`,
        [fromId, toId],
      );
      removedAsDuplicate += deleted.length;
    }
    const sets = [`${c} = $2`, ...(link.hasVersion ? ['version = version + 1'] : []), ...(link.hasUpdatedAt ? ['updated_at = now()'] : [])];
    const returning = link.primaryKey ? `${link.primaryKey}::text` : 'NULL::text';
    const moved: { id: string | null }[] = await m.query(
      `WITH moved AS (UPDATE ${t} SET ${sets.join(', ')} WHERE ${c} = $1 RETURNING ${returning} AS id) SELECT id FROM moved`,
      [fromId, toId],
    );
    if (moved.length || removedAsDuplicate) {
      results.push({ link, moved: moved.length, removedAsDuplicate, movedIds: moved.map((r) => r.id).filter((id): id is string => id !== null) });
    }
  }
  return results;
}
