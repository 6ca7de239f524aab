import type { LawfulBasis } from '../data-protection/lawful-basis.enum.js';

/**
 * What an entity holding personal data declares, once, beside its columns. The record of
 * processing, the retention sweep, subject access and erasure are all generated from these
 * declarations: a context plugs in by declaring, not by writing its own engine.
 */
export interface PersonalDataDeclaration {
  /** UPPER_SNAKE name of this kind of record (CONTACT_LOG). */
  recordType: string;
  /** Human title for reports and the subject access document ("Contact log"). */
  title?: string;
  /** Why it is processed (Article 30(1)(b)). */
  purpose: string;
  /** Categories of people it is about (Article 30(1)(c)). */
  dataSubjectCategories: string[];
  /** Categories of personal data it holds (Article 30(1)(c)). */
  dataCategories: string[];
  specialCategory?: boolean;
  criminalOffence?: boolean;
  /** Lawful bases, for tables without a lawful_basis column (stated once for every row, e.g. staff accounts). */
  lawfulBases?: LawfulBasis[];
  /** The retention policy (a RETENTION_YEARS key) governing it; null when it is not swept (say why in retentionNote). */
  retention: string | null;
  retentionNote?: string;
  /**
   * SQL expression over the table's own columns whose value starts the retention clock
   * (`occurred_at`, `coalesce(archived_at, updated_at)`). A changed policy recomputes
   * retain_until from it; tables without retain_until are swept by it directly.
   */
  retentionClock?: string;
  /** Plain words for the clock, for reports ("after the contact"). */
  retentionClockDescription?: string;
  /**
   * How to anonymise a record: entity property → replacement (null, or a literal value). Absent:
   * the record can only be deleted (and a policy may not say ANONYMISE).
   */
  anonymise?: Record<string, string | null>;
  /** The entity type the context writes to the audit trail (defaults to the class name). */
  auditEntityType?: string;
  /** Properties a rectification may correct; absent: any ordinary column (not ids, stamps or data-protection columns). */
  rectifiable?: string[];
  /** Shared with partner organisations under data sharing agreements (recipients in the record of processing). */
  sharedWithPartners?: boolean;
  /** Append-only table (the audit trail): deleted only through the retention sweep's narrow exemption, never anonymised. */
  appendOnly?: boolean;
}

export interface DeclaredEntity {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  target: Function;
  declaration: PersonalDataDeclaration;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const registry = new Map<Function, PersonalDataDeclaration>();

const RECORD_TYPE = /^[A-Z][A-Z0-9_]*$/;
/** Column names, calls and commas only: declarations are code, but keep them obviously harmless. */
const CLOCK_SQL = /^[a-z_][a-z0-9_(), ]*$/;

export class PersonalDataDeclarationError extends Error {}

function check(name: string, d: PersonalDataDeclaration): void {
  const fail = (why: string) => {
    throw new PersonalDataDeclarationError(`@PersonalData on ${name}: ${why}`);
  };
  if (!RECORD_TYPE.test(d.recordType)) fail(`recordType must be UPPER_SNAKE, got "${d.recordType}"`);
  if (d.retention !== null && !RECORD_TYPE.test(d.retention)) fail(`retention must be a retention policy key or null, got "${d.retention}"`);
  if (d.retention === null && !d.retentionNote) fail('say in retentionNote why it is not swept');
  if (!d.purpose?.trim()) fail('purpose is required');
  if (!d.dataSubjectCategories?.length) fail('dataSubjectCategories must name at least one category');
  if (!d.dataCategories?.length) fail('dataCategories must name at least one category');
  if (d.retentionClock !== undefined && !CLOCK_SQL.test(d.retentionClock)) fail('retentionClock must be column names or simple calls (coalesce, greatest)');
  if (d.appendOnly && d.anonymise) fail('an append-only table cannot be anonymised');
}

/**
 * Class decorator: `@PersonalData({ recordType: 'CONTACT_LOG', purpose, …, retention: 'CONTACT_LOG' })`
 * above `@Entity`. Registers the declaration; nothing else changes on the class.
 */
export function PersonalData(declaration: PersonalDataDeclaration): ClassDecorator {
  return (target) => declarePersonalData(target, declaration);
}

/** The same as the decorator, for an entity whose file the declaring context does not own. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function declarePersonalData(target: Function, declaration: PersonalDataDeclaration): void {
  check(target.name, declaration);
  registry.set(target, Object.freeze({ ...declaration }));
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function personalDataOf(target: Function): PersonalDataDeclaration | undefined {
  return registry.get(target);
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const notPersonal = new Map<Function, string>();

/**
 * For an entity that carries data-protection columns without holding personal data itself (a
 * data sharing agreement records the lawful basis of what it lets through): says so, and why,
 * so the completeness check accepts it.
 */
export function NoPersonalData(reason: string): ClassDecorator {
  return (target) => {
    if (!reason.trim()) throw new PersonalDataDeclarationError(`@NoPersonalData on ${target.name}: say why`);
    notPersonal.set(target, reason);
  };
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function noPersonalDataReason(target: Function): string | undefined {
  return notPersonal.get(target);
}

export function declaredEntities(): DeclaredEntity[] {
  return [...registry].map(([target, declaration]) => ({ target, declaration }));
}
