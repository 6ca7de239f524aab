import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { accessibleQuery, type Actor } from '../../../access/src/index.js';
import { NotFoundError } from '../../../common/src/index.js';
import { assertNotRestricted, hideRestricted, subjectNotRestrictedSql } from '../../../governance/src/index.js';
import { SharedCaseRecord } from './shared-case-record.entity.js';

/**
 * Restriction of processing (UK GDPR Article 18, libs/governance): a restricted subject's case
 * cannot be shared (FORBIDDEN), and live shares stop showing it to recipients while the
 * restriction lasts (it reads as not shared: NOT_FOUND, left out of lists and counts).
 */
export async function assertSubjectShareable(m: EntityManager, subjectId: string): Promise<void> {
  await assertNotRestricted(m, [subjectId]);
}

/** The cases shared with the actor now (the SharedCase rules, in SQL), without restricted subjects; null: none. */
export function sharedCaseQuery(m: EntityManager, actor: Actor): SelectQueryBuilder<SharedCaseRecord> | null {
  const qb = accessibleQuery(m, SharedCaseRecord, 'SharedCase', actor);
  return qb ? qb.andWhere(subjectNotRestrictedSql(`"${qb.alias}"."subject_id"`)) : null;
}

/** One case shared with the actor now; NOT_FOUND otherwise (not shared, not live, restricted, or nonexistent alike). */
export async function findSharedCase(m: EntityManager, actor: Actor, id: string): Promise<SharedCaseRecord> {
  const qb = sharedCaseQuery(m, actor);
  const row = qb ? await qb.andWhere(`${qb.alias}.id = :sharedCaseId`, { sharedCaseId: id }).getOne() : null;
  if (!row) throw new NotFoundError('SharedCase', id);
  return row;
}

/** Library-side reads: records of restricted subjects are for the DPO only (subject column given as SQL). */
export function withoutRestricted<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, subjectIdSql: string, actor: Actor): SelectQueryBuilder<T> {
  return hideRestricted(qb, subjectIdSql, actor.principal.role);
}
