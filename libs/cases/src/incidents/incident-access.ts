import type { EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { accessibleQuery, type Actor, type SubjectType } from '../../../access/src/index.js';
import { Incident } from './incident.entity.js';

/**
 * Restricts a query over child rows to parents the actor may read, with the same SQL rules as
 * the parents' list (a subquery, not one check per row). False when the actor may read no
 * parent at all: answer empty without querying.
 */
export function onlyReadable<T extends ObjectLiteral, P extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>, parentIdColumn: string, m: EntityManager, actor: Actor, parent: EntityTarget<P>, type: SubjectType,
): boolean {
  const readable = accessibleQuery(m, parent, type, actor);
  if (!readable) return false;
  readable.select(`${readable.alias}.id`);
  qb.andWhere(`${parentIdColumn} IN (${readable.getQuery()})`).setParameters(readable.getParameters());
  return true;
}

export function onlyReadableIncidents<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, incidentIdColumn: string, m: EntityManager, actor: Actor): boolean {
  return onlyReadable(qb, incidentIdColumn, m, actor, Incident, 'Incident');
}
