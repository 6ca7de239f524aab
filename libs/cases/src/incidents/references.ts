import type { EntityManager } from 'typeorm';
import type { AccessScope } from '../../../access/src/index.js';
import { BadInputError } from '../../../common/src/index.js';
import { Subject } from '../subjects/subject.entity.js';

export async function assertUsersInService(m: EntityManager, userIds: string[], libraryServiceId: string, field: string): Promise<void> {
  const unique = [...new Set(userIds)];
  if (!unique.length) return;
  const rows: { id: string }[] = await m.query('SELECT id FROM app_user WHERE id = ANY($1::uuid[]) AND library_service_id = $2 AND is_active AND role <> $3', [
    unique,
    libraryServiceId,
    'PARTNER',
  ]);
  const missing = unique.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length) throw new BadInputError(`${field} ${missing.join(', ')} is not an active member of staff of your library service`, { [field]: missing });
}

/**
 * People must be subjects of the actor's service, and not records merged into another (use the one
 * kept). Whoever records an incident or proposes a ban may name a person they may not read
 * (frontline staff): checked on the tenancy and the merge pointer only.
 */
export async function assertSubjectsInService(s: AccessScope, subjectIds: string[]): Promise<void> {
  const unique = [...new Set(subjectIds)];
  if (!unique.length) return;
  const rows = await s.inService(Subject, unique, ['mergedIntoId']);
  const missing = unique.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length) throw new BadInputError(`subjectId ${missing.join(', ')} is not a person recorded in your library service`, { subjectIds: missing });
  const merged = rows.filter((r) => r.mergedIntoId);
  if (merged.length) {
    throw new BadInputError(merged.map((r) => `subject ${r.id} was merged into ${r.mergedIntoId}: use that one`).join('; '), {
      subjectIds: merged.map((r) => r.id),
    });
  }
}
