import { subject as asSubject } from '@casl/ability';
import { permittedFieldsOf } from '@casl/ability/extra';
import { AccessDeniedError } from '../../../common/src/index.js';
import { Brackets, type ObjectLiteral, type SelectQueryBuilder, type WhereExpressionBuilder } from 'typeorm';
import { refusing } from '../scope/refusals.js';
import type { SqlConditions } from '../scope/sql-conditions.js';
import type { Action, AppAbility, SubjectType } from './subjects.js';

/** A rule that restricts fields but has no conditions would, via rulesToAST, open every row (casl#957). */
export class UnsafeRuleError extends Error {}

type Condition = Record<string, unknown>;

/**
 * Parameter names that are the same on every run (so the SQL can be committed and diffed) and
 * carry the alias, so queries built apart and joined later (UNION parts) never collide.
 */
function paramNamer(qb: SelectQueryBuilder<ObjectLiteral>): () => string {
  const prefix = `casl_${qb.alias.replace(/\W/g, '')}_`;
  let n = Object.keys(qb.getParameters()).filter((k) => k.startsWith(prefix)).length;
  return () => `${prefix}${++n}`;
}

/**
 * SQL for one rule's conditions (a subset of the Mongo query language: equality, $eq, $ne,
 * $in, $nin, $lt, $lte, $gt, $gte). Property names map to columns through TypeORM metadata;
 * anything unknown is refused rather than silently ignored.
 */
function conditionSql(
  qb: SelectQueryBuilder<ObjectLiteral>,
  type: SubjectType,
  conditions: Condition,
  nextParam: () => string,
  registry: SqlConditions,
): { sql: string; params: ObjectLiteral } {
  const alias = qb.alias;
  const metadata = qb.expressionMap.mainAlias!.metadata;
  const parts: string[] = [];
  const params: ObjectLiteral = {};
  for (const [field, raw] of Object.entries(conditions)) {
    const virtual = registry.get(type, field);
    if (virtual) {
      const ops = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Condition) : { $eq: raw };
      for (const [op, value] of Object.entries(ops)) {
        if (op !== '$eq' && op !== '$in') throw new UnsafeRuleError(`Access rule operator ${op} is not supported on ${type}.${field}`);
        const name = nextParam();
        params[name] = op === '$in' ? value : [value];
        parts.push(virtual(`"${alias}"`, `(:...${name})`));
      }
      continue;
    }
    const column = metadata.findColumnWithPropertyPath(field);
    if (!column) throw new UnsafeRuleError(`Access rule names "${field}", which ${metadata.name} does not have`);
    const col = `"${alias}"."${column.databaseName}"`;
    const ops = raw !== null && typeof raw === 'object' && !Array.isArray(raw) && !(raw instanceof Date) ? (raw as Condition) : { $eq: raw };
    for (const [op, value] of Object.entries(ops)) {
      const name = nextParam();
      params[name] = value;
      switch (op) {
        case '$eq':
          parts.push(value === null ? `${col} IS NULL` : `${col} = :${name}`);
          break;
        case '$ne':
          parts.push(value === null ? `${col} IS NOT NULL` : `${col} IS DISTINCT FROM :${name}`);
          break;
        case '$in':
          parts.push((value as unknown[]).length ? `${col} IN (:...${name})` : 'FALSE');
          break;
        case '$nin':
          parts.push((value as unknown[]).length ? `${col} NOT IN (:...${name})` : 'TRUE');
          break;
        case '$lt':
          parts.push(`${col} < :${name}`);
          break;
        case '$lte':
          parts.push(`${col} <= :${name}`);
          break;
        case '$gt':
          parts.push(`${col} > :${name}`);
          break;
        case '$gte':
          parts.push(`${col} >= :${name}`);
          break;
        default:
          throw new UnsafeRuleError(`Access rule operator ${op} is not translated to SQL`);
      }
    }
  }
  return { sql: parts.length ? parts.join(' AND ') : 'TRUE', params };
}

/**
 * Adds the ability's row rules for (action, type) to the query's WHERE, with `andWhere` and
 * brackets so an existing WHERE is kept (unlike @ucast/sql's TypeORM interpreter, which replaces it).
 * Semantics match CASL's: a row is allowed when the highest-priority rule that matches it allows.
 * Returns false when nothing at all is allowed: the caller answers empty without querying.
 */
export function applyAccessRules<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  ability: AppAbility,
  action: Action,
  type: SubjectType,
  registry: SqlConditions,
): boolean {
  const allowed: string[] = [];
  const denied: string[] = [];
  const params: ObjectLiteral = {};
  const nextParam = paramNamer(qb as SelectQueryBuilder<ObjectLiteral>);
  for (const rule of ability.rulesFor(action, type)) {
    const fieldOnly = Boolean(rule.fields);
    if (rule.inverted) {
      if (fieldOnly) continue; // a field-level denial hides a column, not a row
      if (!rule.conditions) break; // everything of lower priority is denied
      const c = conditionSql(qb as SelectQueryBuilder<ObjectLiteral>, type, rule.conditions as Condition, nextParam, registry);
      Object.assign(params, c.params);
      denied.push(`(${c.sql})`);
      continue;
    }
    if (fieldOnly && !rule.conditions) {
      throw new UnsafeRuleError(`A rule for ${action} ${type} restricts fields without conditions: give it conditions`);
    }
    const unless = denied.length ? ` AND NOT (${denied.join(' OR ')})` : '';
    if (!rule.conditions) {
      allowed.push(`(TRUE${unless})`);
      break; // lower-priority rules cannot widen an unconditional allow
    }
    const c = conditionSql(qb as SelectQueryBuilder<ObjectLiteral>, type, rule.conditions as Condition, nextParam, registry);
    Object.assign(params, c.params);
    allowed.push(`((${c.sql})${unless})`);
  }
  if (!allowed.length) return false;
  qb.andWhere(
    new Brackets((w: WhereExpressionBuilder) => {
      w.where(allowed.join(' OR '), params);
    }),
  );
  return true;
}

const ALL_FIELDS = ['*'];

/** Fields of a type the user may read, computed once per type; `null` means every field. */
export function readableFields(ability: AppAbility, type: SubjectType): Set<string> | null {
  const fields = permittedFieldsOf(ability, 'read', type, { fieldsFrom: (r: { fields?: string[] }) => r.fields ?? ALL_FIELDS });
  return fields.includes('*') ? null : new Set(fields);
}

/**
 * Nulls the fields the user may not read: such a field comes back as null with no error,
 * consistently for every type (GraphQL fields with field rules are nullable). Decided once per type,
 * unless the type's rules give different fields for different records (a user reads all of their
 * own account and a colleague's name and role): then record by record.
 */
export function maskFields<T extends object>(ability: AppAbility, type: SubjectType, rows: T[]): T[] {
  const fields = readableFields(ability, type);
  if (fields) {
    for (const row of rows) nullAllBut(row, fields);
  } else if (fieldsDependOnRecord(ability, type)) {
    for (const row of rows) {
      const own = permittedFieldsOf(ability, 'read', asSubject(type, { ...row }) as never, {
        fieldsFrom: (r: { fields?: string[] }) => r.fields ?? ALL_FIELDS,
      });
      if (!own.includes('*')) nullAllBut(row, new Set(own));
    }
  }
  return rows;
}

function fieldsDependOnRecord(ability: AppAbility, type: SubjectType): boolean {
  const rules = ability.rulesFor('read', type);
  return rules.some((r) => !r.inverted && r.fields) && rules.some((r) => !r.inverted && !r.fields);
}

function nullAllBut(row: object, fields: Set<string>): void {
  for (const key of Object.keys(row)) {
    if (!fields.has(key)) (row as Record<string, unknown>)[key] = null;
  }
}

/** In-memory check of one loaded record (or one field of it), for writes (reads go through SQL). */
export function canOn(ability: AppAbility, action: Action, type: SubjectType, record: object, field?: string): boolean {
  return ability.can(action, asSubject(type, { ...record }) as never, field);
}

/** The refusal of `action` on `record`, marked with what was refused for the refusal audit (refusals.ts). */
function forbidden(message: string, action: Action, type: SubjectType, record: object): AccessDeniedError {
  const id = (record as { id?: unknown }).id;
  return refusing(new AccessDeniedError(message), { entityType: type, entityId: typeof id === 'string' ? id : null, action });
}

/** Refuses an action the actor may not perform on this record (a new one, or one loaded for writing): FORBIDDEN. */
export function assertAllowed(actor: { ability: AppAbility }, action: Action, type: SubjectType, record: object): void {
  if (!canOn(actor.ability, action, type, record)) throw forbidden(`You may not ${action} this ${type}`, action, type, record);
}

/** Refuses a change to any field the actor may not change on this record (field-level rules): FORBIDDEN. */
export function assertFieldsChangeable(ability: AppAbility, action: Action, type: SubjectType, record: object, fields: string[]): void {
  const refused = fields.filter((f) => !canOn(ability, action, type, record, f));
  if (refused.length) throw forbidden(`You may not change ${refused.join(', ')} of this ${type}`, action, type, record);
}
