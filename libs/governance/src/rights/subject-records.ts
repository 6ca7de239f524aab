import type { PersonalDataCatalog } from '../processing/personal-data-catalog.js';
import { ident, type Queryable, tableColumns } from '../processing/schema-catalog.js';
import { linkShape, SUBJECT } from './link-shape.js';

/** (entity type, id): how the audit trail names a record. */
export interface AuditedRef {
  entityType: string;
  id: string;
}

/**
 * What `auditedRecords(crawl(…))` gives — the person and every record with an id linked to them,
 * as the audit trail names them — in one statement, for the DPO's audit query by person (a read
 * that needs ids only, not the rows a subject access export gathers). The statement follows the
 * crawl's links level by level (subject-graph.ts: records referring to the person, the records
 * their link tables point to, then the records referring to those), written once from the catalog
 * (linkShape) and kept for the life of the process: the schema changes only by migrations, which
 * run before a server starts. test/audit-queries.e2e-spec.ts checks it against the crawl.
 */
export class SubjectRecords {
  private statement: Promise<{ sql: string | null; subjectEntityType: string } | null> | null = null;

  constructor(private readonly catalog: PersonalDataCatalog) {}

  /** The records in `libraryServiceId`; only the person's own record when the person is not of that service (or is nobody). */
  async of(q: Queryable, subjectId: string, libraryServiceId: string): Promise<AuditedRef[]> {
    this.statement ??= this.write(q).catch((err) => {
      this.statement = null;
      throw err;
    });
    const written = await this.statement;
    const own = { entityType: written?.subjectEntityType ?? 'Subject', id: subjectId };
    if (!written?.sql) return [own];
    const rows: { entity_type: string; id: string }[] = await q.query(written.sql, [subjectId, libraryServiceId]);
    return [own, ...rows.map((r) => ({ entityType: r.entity_type, id: r.id }))];
  }

  private async write(q: Queryable): Promise<{ sql: string | null; subjectEntityType: string } | null> {
    const columns = await tableColumns(q);
    if (!columns.has(SUBJECT)) return null;
    const { fks, hasId, records, toSubject, refersToSubject } = await linkShape(q, columns, this.catalog);
    const inService = (t: string, alias: string) => (columns.get(t)?.has('library_service_id') ? ` AND ${alias}.library_service_id = $2::uuid` : '');
    // Level 1, by table: the ids of its rows referring to the person, or pointed to by a link table's rows that do.
    const level1 = new Map<string, string[]>();
    const add = (table: string, sql: string) => level1.set(table, [...(level1.get(table) ?? []), sql]);
    for (const fk of toSubject) {
      const referring = `${ident(fk.table)} l WHERE l.${ident(fk.column)} = $1::uuid${inService(fk.table, 'l')}`;
      if (hasId(fk.table)) {
        add(fk.table, `SELECT l.id FROM ${referring}`);
        continue;
      }
      for (const other of fks.filter(
        (o) => o.table === fk.table && o.column !== fk.column && o.refTable !== SUBJECT && records.has(o.refTable) && o.refColumn === 'id',
      )) {
        add(
          other.refTable,
          `SELECT t.id FROM ${ident(other.refTable)} t WHERE t.id IN (SELECT l.${ident(other.column)} FROM ${referring})${inService(other.refTable, 't')}`,
        );
      }
    }
    const parts: string[] = [];
    const part = async (table: string, selects: string[]) => {
      const { entityType } = await this.catalog.describeTable(table, q);
      parts.push(`SELECT '${entityType.replace(/'/g, "''")}'::text AS entity_type, x.id::text AS id FROM (${selects.join(' UNION ')}) x`);
    };
    const level2 = new Map<string, string[]>();
    for (const [parent, selects] of level1) {
      await part(parent, selects);
      // Level 2: records referring to those (never a table that refers to a subject itself: that would be other people's).
      for (const fk of fks.filter(
        (f) => f.refTable === parent && f.refColumn === 'id' && !refersToSubject.has(f.table) && f.table !== parent && hasId(f.table),
      )) {
        const sql = `SELECT c.id FROM ${ident(fk.table)} c WHERE c.${ident(fk.column)} IN (${selects.join(' UNION ')})${inService(fk.table, 'c')}`;
        level2.set(fk.table, [...(level2.get(fk.table) ?? []), sql]);
      }
    }
    for (const [table, selects] of level2) await part(table, selects);
    const subjectEntityType = (await this.catalog.describeTable(SUBJECT, q)).entityType;
    if (!parts.length) return { sql: null, subjectEntityType };
    // Nothing unless the person is of the reader's service, as the crawl finds nobody then.
    const sql = `SELECT r.entity_type, r.id FROM (${parts.join('\n UNION ALL ')}) r
      WHERE EXISTS (SELECT 1 FROM subject s WHERE s.id = $1::uuid AND s.library_service_id = $2::uuid)`;
    return { sql, subjectEntityType };
  }
}
