import { subject as asSubject } from '@casl/ability';
import type { EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AccessDeniedError, NotFoundError, StaleVersionError } from '../../../common/src/index.js';
import type { Actor } from './actor.js';
import { applyAccessRules, canOn } from './casl-to-sql.js';
import type { Action, SubjectType } from './subjects.js';

/**
 * A query over the rows of `type` the actor may read, with the rules in its WHERE;
 * null when the actor may read none (answer empty without querying).
 */
export function accessibleQuery<T extends ObjectLiteral>(m: EntityManager, entity: EntityTarget<T>, type: SubjectType, actor: Actor, action: Action = 'read'): SelectQueryBuilder<T> | null {
  const qb = m.getRepository(entity).createQueryBuilder(type.charAt(0).toLowerCase() + type.slice(1));
  return applyAccessRules(qb, actor.ability, action, type) ? qb : null;
}

/**
 * One record by id through the same SQL rules as lists. A record the actor may not read
 * answers NOT_FOUND, exactly like one that does not exist: existence is not disclosed.
 */
export async function findAccessible<T extends ObjectLiteral>(m: EntityManager, entity: EntityTarget<T>, type: SubjectType, actor: Actor, id: string): Promise<T> {
  const qb = accessibleQuery(m, entity, type, actor);
  const row = qb ? await qb.andWhere(`${qb.alias}.id = :accessibleId`, { accessibleId: id }).getOne() : null;
  if (!row) throw new NotFoundError(type, id);
  return row;
}

/**
 * Loads a record to change it, inside the caller's transaction: locked, readable (else
 * NOT_FOUND), allowed for `action` (else FORBIDDEN), and at the version the user saw (else CONFLICT).
 */
export async function findForWrite<T extends ObjectLiteral & { id: string; version: number }>(
  m: EntityManager, entity: EntityTarget<T>, type: SubjectType, actor: Actor, id: string, action: Action, expectedVersion?: number,
): Promise<T> {
  const qb = accessibleQuery(m, entity, type, actor);
  const row = qb ? await qb.andWhere(`${qb.alias}.id = :accessibleId`, { accessibleId: id }).setLock('pessimistic_write').getOne() : null;
  if (!row) throw new NotFoundError(type, id);
  // Reading was decided in SQL above (read rules may hold SQL-only conditions); other actions in memory.
  if (action !== 'read' && !canOn(actor.ability, action, type, row)) throw new AccessDeniedError(`You may not ${action} this ${type}`);
  if (expectedVersion !== undefined && row.version !== expectedVersion) throw new StaleVersionError(type, id, expectedVersion, row.version);
  return row;
}

/** Refuses a change to any field the actor may not change on this record (field-level rules). */
export function assertCanChangeFields(actor: Actor, action: Action, type: SubjectType, record: object, fields: string[]): void {
  const target = asSubject(type, { ...record }) as never;
  const refused = fields.filter((f) => !actor.ability.can(action, target, f));
  if (refused.length) throw new AccessDeniedError(`You may not change ${refused.join(', ')} of this ${type}`);
}

/** Refuses an action on a new record the actor may not perform (e.g. create in another service). */
export function assertCan(actor: Actor, action: Action, type: SubjectType, record: object): void {
  if (!canOn(actor.ability, action, type, record)) throw new AccessDeniedError(`You may not ${action} this ${type}`);
}
