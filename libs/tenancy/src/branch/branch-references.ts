import type { EntityManager } from 'typeorm';
import { BadInputError } from '../../../common/src/index.js';

/**
 * Branch ids given in an input must be branches of the actor's own library service (checked in
 * SQL). Answers BAD_USER_INPUT naming the ids, and says nothing about branches of other services.
 */
export async function assertBranchesInService(m: EntityManager, branchIds: readonly string[], libraryServiceId: string): Promise<void> {
  const unique = [...new Set(branchIds)];
  if (!unique.length) return;
  const rows: { id: string }[] = await m.query('SELECT id FROM branch WHERE id = ANY($1::uuid[]) AND library_service_id = $2', [unique, libraryServiceId]);
  const missing = unique.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length) throw new BadInputError(`branchId ${missing.join(', ')} is not a branch of your library service`, { branchIds: missing });
}
