import type { DataSource, EntityMetadata } from 'typeorm';
import { DataProtection } from '../data-protection/data-protection.embedded.js';
import { RETENTION_YEARS } from '../data-protection/retention.js';
import { clockDateSql } from '../retention/retention-dates.js';
import {
  type DeclaredEntity,
  declaredEntities,
  noPersonalDataReason,
  type PersonalDataDeclaration,
  PersonalDataDeclarationError,
  personalDataOf,
} from './personal-data.js';
import { foreignKeys, ident, type Queryable } from './schema-catalog.js';

/** An entity's class, as the @PersonalData registry keys it (TypeORM types `target` as class or name). */
type EntityClass = DeclaredEntity['target'];

/** A declared entity resolved against the database: what the engines need to act on its table. */
export interface CatalogEntry {
  entityName: string;
  auditEntityType: string;
  table: string;
  title: string;
  declaration: PersonalDataDeclaration;
  recordType: string;
  /** The retention policy key, or null when not swept. */
  retention: string | null;
  hasLawfulBasis: boolean;
  hasRetainUntil: boolean;
  hasLegalHold: boolean;
  hasService: boolean;
  hasVersion: boolean;
  hasUpdatedAt: boolean;
  /** SQL of the clock (as declared) and of its UTC calendar date; null without a clock. */
  clock: string | null;
  clockDate: string | null;
  clockType: string | null;
  /** Database type of the primary key `id` (uuid, bigint). */
  idType: string;
  /** Column → replacement; null when the record can only be deleted. */
  anonymise: { column: string; value: string | null }[] | null;
  /** Property → column, of the fields a rectification may correct. */
  rectifiable: Map<string, { column: string; type: string }>;
}

const NOT_RECTIFIABLE = new Set([
  'id',
  'libraryServiceId',
  'version',
  'createdAt',
  'updatedAt',
  'lawfulBasis',
  'specialCategoryCondition',
  'criminalOffenceCondition',
  'retainUntil',
  'legalHold',
]);

/** Whether an entity holds personal data by the project's rule: it embeds DataProtection or has a lawful_basis column. */
export function holdsPersonalData(meta: EntityMetadata): boolean {
  return meta.embeddeds.some((e) => e.type === DataProtection) || meta.columns.some((c) => c.databaseName === 'lawful_basis');
}

/**
 * The declarations of every entity the DataSource knows, checked against its metadata (a typo in
 * an anonymisation or rectification field fails loudly) and the database (the clock's type).
 * Built once per DataSource and cached.
 */
export class PersonalDataCatalog {
  private entries: Promise<CatalogEntry[]> | null = null;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Resolved once at start-up, before any request: resolving later, from inside a transaction,
   * would wait for a connection the transaction holds (the embedded database has only one).
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.all();
  }

  /** Entities holding personal data that declare nothing: the record of processing would be incomplete. */
  undeclared(): string[] {
    return this.dataSource.entityMetadatas
      .filter((m) => holdsPersonalData(m) && !personalDataOf(m.target as EntityClass) && !noPersonalDataReason(m.target as EntityClass))
      .map((m) => m.name);
  }

  /** Tables whose entities say they hold no personal data, with why. */
  notPersonal(): Map<string, string> {
    return new Map(
      this.dataSource.entityMetadatas
        .filter((m) => noPersonalDataReason(m.target as EntityClass))
        .map((m) => [m.tableName, noPersonalDataReason(m.target as EntityClass)!]),
    );
  }

  /** `q`: the connection to resolve on the first time (inside a transaction, its manager). */
  all(q: Queryable = this.dataSource): Promise<CatalogEntry[]> {
    this.entries ??= this.resolve(q).catch((err) => {
      this.entries = null;
      throw err;
    });
    return this.entries;
  }

  async byTable(q?: Queryable): Promise<Map<string, CatalogEntry>> {
    return new Map((await this.all(q)).map((e) => [e.table, e]));
  }

  /**
   * How the audit trail names a table's records, and a title: the declaration, else the entity
   * mapped to the table, else the table name in PascalCase.
   */
  async describeTable(table: string, q?: Queryable): Promise<{ entityType: string; title: string; entry: CatalogEntry | null }> {
    const entry = (await this.byTable(q)).get(table) ?? null;
    if (entry) return { entityType: entry.auditEntityType, title: entry.title, entry };
    const meta = this.dataSource.entityMetadatas.find((m) => m.tableName === table);
    const entityType =
      meta?.name ??
      table
        .split('_')
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join('');
    return { entityType, title: entityType, entry: null };
  }

  /** Declared entries governed by a retention policy, children before the tables they refer to (so parents are free to go). */
  async sweepOrder(db: Queryable = this.dataSource): Promise<CatalogEntry[]> {
    const entries = (await this.all(db)).filter((e) => e.retention);
    const fks = await foreignKeys(db);
    const tables = new Set(entries.map((e) => e.table));
    const refersTo = new Map<string, Set<string>>();
    for (const fk of fks) {
      if (tables.has(fk.table) && tables.has(fk.refTable) && fk.table !== fk.refTable) {
        if (!refersTo.has(fk.refTable)) refersTo.set(fk.refTable, new Set());
        refersTo.get(fk.refTable)!.add(fk.table); // fk.table must go before fk.refTable
      }
    }
    const done = new Set<string>();
    const ordered: CatalogEntry[] = [];
    const visit = (e: CatalogEntry, path: Set<string>) => {
      if (done.has(e.table) || path.has(e.table)) return;
      path.add(e.table);
      for (const child of refersTo.get(e.table) ?? [])
        visit(
          entries.find((x) => x.table === child)!,
          path,
        );
      done.add(e.table);
      ordered.push(e);
    };
    for (const e of [...entries].sort((a, b) => a.table.localeCompare(b.table))) visit(e, new Set());
    return ordered;
  }

  private async resolve(q: Queryable): Promise<CatalogEntry[]> {
    const byTarget = new Map(declaredEntities().map((d) => [d.target, d.declaration]));
    const entries: CatalogEntry[] = [];
    for (const meta of this.dataSource.entityMetadatas) {
      const declaration = byTarget.get(meta.target as EntityClass);
      if (!declaration) continue;
      const fail = (why: string) => {
        throw new PersonalDataDeclarationError(`@PersonalData on ${meta.name}: ${why}`);
      };
      if (declaration.retention && !(declaration.retention in RETENTION_YEARS)) fail(`retention "${declaration.retention}" has no default in RETENTION_YEARS`);
      const column = (prop: string) => meta.findColumnWithPropertyPath(prop) ?? meta.columns.find((c) => c.propertyName === prop);
      const has = (name: string) => meta.columns.some((c) => c.databaseName === name);
      const anonymise = declaration.anonymise
        ? Object.entries(declaration.anonymise).map(([prop, value]) => {
            const c = column(prop);
            if (!c) fail(`anonymise names "${prop}", which ${meta.name} does not have`);
            return { column: c!.databaseName, value };
          })
        : null;
      const rectifiable = new Map<string, { column: string; type: string }>();
      const props = declaration.rectifiable ?? meta.columns.map((c) => c.propertyPath).filter((p) => !NOT_RECTIFIABLE.has(p) && !/Id$/.test(p));
      for (const prop of props) {
        const c = column(prop);
        if (!c) fail(`rectifiable names "${prop}", which ${meta.name} does not have`);
        rectifiable.set(prop, { column: c!.databaseName, type: String(c!.type) });
      }
      let clockType: string | null = null;
      if (declaration.retentionClock) {
        const [row] = await q.query(
          `SELECT pg_typeof(${declaration.retentionClock})::text AS type FROM (SELECT 1) AS one LEFT JOIN ${ident(meta.tableName)} ON false`,
        );
        clockType = row.type;
      }
      const [{ type: idType }] = await q.query(`SELECT pg_typeof(id)::text AS type FROM (SELECT 1) AS one LEFT JOIN ${ident(meta.tableName)} ON false`);
      entries.push({
        entityName: meta.name,
        auditEntityType: declaration.auditEntityType ?? meta.name,
        table: meta.tableName,
        title: declaration.title ?? meta.name,
        declaration,
        recordType: declaration.recordType,
        retention: declaration.retention,
        hasLawfulBasis: has('lawful_basis'),
        hasRetainUntil: has('retain_until'),
        hasLegalHold: has('legal_hold'),
        hasService: has('library_service_id'),
        hasVersion: has('version'),
        hasUpdatedAt: has('updated_at'),
        clock: declaration.retentionClock ?? null,
        clockDate: declaration.retentionClock && clockType ? clockDateSql(declaration.retentionClock, clockType) : null,
        clockType,
        idType,
        anonymise,
        rectifiable,
      });
    }
    return entries.sort((a, b) => a.recordType.localeCompare(b.recordType));
  }
}
