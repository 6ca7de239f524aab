import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../../common/src/index.js';
import { PersonalDataCatalog } from '../processing/personal-data-catalog.js';
import { type ForeignKey, ident, type Queryable, tableColumns } from '../processing/schema-catalog.js';
import { linkShape, SUBJECT } from './link-shape.js';
import { type AuditedRef, SubjectRecords } from './subject-records.js';

/**
 * How a record is linked to the person:
 * - SUBJECT: the person's own record; MERGED: a duplicate record merged into it;
 * - DIRECT: its row refers to the subject (subject_id …);
 * - LINK: a row of a link table (no id of its own) joining the subject to a record of several people;
 * - LINKED: the record such a link points to (an incident with several people involved);
 * - CHILD: a row referring to a DIRECT or LINKED record (case notes of the case, updates of the referral).
 */
export type LinkKind = 'SUBJECT' | 'MERGED' | 'DIRECT' | 'LINK' | 'LINKED' | 'CHILD';

export interface LinkedRecords {
  table: string;
  entityType: string;
  title: string;
  kind: LinkKind;
  /** How it was reached, e.g. `referral.subject_id` or `case_note.case_id → case_file`. */
  via: string;
  /** Column referring to the subject (DIRECT, LINK, MERGED). */
  column: string | null;
  hasId: boolean;
  /** CHILD: the records its rows are part of, by the column that refers to them (a table can be part of several). */
  parents: { table: string; column: string }[];
  rows: Record<string, unknown>[];
}

export interface SubjectGraphResult {
  subjectId: string;
  /** How the audit trail names the subject's own record. */
  subjectEntityType: string;
  libraryServiceId: string;
  subject: Record<string, unknown>;
  tables: LinkedRecords[];
  foreignKeys: ForeignKey[];
}

/**
 * Finds everything held about a person by crawling the catalog for foreign keys to subject(id),
 * then one level further (records referring to those), so tables added by any context later are
 * found without changes here. Records of other people are not followed: a table that itself
 * refers to a subject is only ever read for this subject.
 */
@Injectable()
export class SubjectGraph {
  private readonly records: SubjectRecords;

  constructor(private readonly catalog: PersonalDataCatalog) {
    this.records = new SubjectRecords(catalog);
  }

  /** `auditedRecords(crawl(…))` in one statement, for a reader of one service: ids only (subject-records.ts). */
  auditedRecordsOf(q: Queryable, subjectId: string, libraryServiceId: string): Promise<AuditedRef[]> {
    return this.records.of(q, subjectId, libraryServiceId);
  }

  /** The crawl. `libraryServiceId` null: any service (the CLI); otherwise a subject of another service is NOT_FOUND. */
  async crawl(q: Queryable, subjectId: string, libraryServiceId: string | null): Promise<SubjectGraphResult> {
    const columns = await tableColumns(q);
    if (!columns.has(SUBJECT)) throw new NotFoundError('Subject', subjectId);
    const [root] = await q.query(
      `SELECT to_jsonb(s) AS row FROM subject s WHERE s.id = $1 ${libraryServiceId ? 'AND s.library_service_id = $2' : ''}`,
      libraryServiceId ? [subjectId, libraryServiceId] : [subjectId],
    );
    if (!root) throw new NotFoundError('Subject', subjectId);
    const service = String(root.row.library_service_id);
    const { fks, hasId, records, toSubject, refersToSubject } = await linkShape(q, columns, this.catalog);
    const inService = (t: string, alias: string) => (columns.get(t)?.has('library_service_id') ? ` AND ${alias}.library_service_id = $2` : '');

    const found = new Map<string, LinkedRecords>();
    const add = async (
      table: string,
      kind: LinkKind,
      via: string,
      column: string | null,
      rows: Record<string, unknown>[],
      parent?: { table: string; column: string },
    ) => {
      if (!rows.length) return;
      const existing = found.get(table);
      if (existing) {
        if (parent) existing.parents.push(parent);
        const seen = new Set(existing.rows.map((r) => String(r.id)));
        existing.rows.push(...rows.filter((r) => !hasId(table) || !seen.has(String(r.id))));
        return;
      }
      const { entityType, title } = await this.catalog.describeTable(table, q);
      found.set(table, { table, entityType, title, kind, via, column, hasId: hasId(table), parents: parent ? [parent] : [], rows });
    };
    const select = async (table: string, where: string, value: unknown): Promise<Record<string, unknown>[]> => {
      const scoped = inService(table, 't');
      const rows = await q.query(`SELECT to_jsonb(t) AS row FROM ${ident(table)} t WHERE ${where}${scoped}`, scoped ? [value, service] : [value]);
      return rows.map((r: { row: Record<string, unknown> }) => withoutSecrets(r.row));
    };

    // Level 1: rows that refer to the subject, and through link tables the records they join.
    for (const fk of toSubject) {
      const rows = await select(fk.table, `t.${ident(fk.column)} = $1`, subjectId);
      const kind: LinkKind = fk.table === SUBJECT ? 'MERGED' : hasId(fk.table) ? 'DIRECT' : 'LINK';
      await add(fk.table, kind, `${fk.table}.${fk.column}`, fk.column, rows);
      if (kind !== 'LINK') continue;
      for (const other of fks.filter(
        (o) => o.table === fk.table && o.column !== fk.column && o.refTable !== SUBJECT && records.has(o.refTable) && o.refColumn === 'id',
      )) {
        const ids = [
          ...new Set(
            rows
              .map((r) => r[other.column])
              .filter((v) => v != null)
              .map(String),
          ),
        ];
        if (ids.length)
          await add(other.refTable, 'LINKED', `${fk.table}.${other.column} → ${other.refTable}`, null, await select(other.refTable, 't.id = ANY($1)', ids));
      }
    }
    // Level 2: records referring to those (never a table that refers to a subject itself: that would be other people's).
    const level1 = [...found.values()].filter((l) => l.hasId && l.kind !== 'LINK');
    for (const parent of level1) {
      const ids = parent.rows.map((r) => String(r.id));
      for (const fk of fks.filter(
        (f) => f.refTable === parent.table && f.refColumn === 'id' && !refersToSubject.has(f.table) && f.table !== parent.table && hasId(f.table),
      )) {
        await add(fk.table, 'CHILD', `${fk.table}.${fk.column} → ${parent.table}`, null, await select(fk.table, `t.${ident(fk.column)} = ANY($1)`, ids), {
          table: parent.table,
          column: fk.column,
        });
      }
    }
    const subjectEntityType = (await this.catalog.describeTable(SUBJECT, q)).entityType;
    return { subjectId, subjectEntityType, libraryServiceId: service, subject: root.row, tables: [...found.values()], foreignKeys: fks };
  }
}

/** Never part of an export, whatever table a crawl reaches. */
const SECRET = /password|secret|token/i;
function withoutSecrets(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([k]) => !SECRET.test(k)));
}

/** (entity type, id) of the person and of every record with an id linked to them: what the audit trail names. */
export function auditedRecords(graph: SubjectGraphResult): { entityType: string; id: string }[] {
  const refs = [{ entityType: graph.subjectEntityType, id: graph.subjectId }];
  for (const t of graph.tables) if (t.hasId) for (const r of t.rows) refs.push({ entityType: t.entityType, id: String(r.id) });
  return refs;
}
