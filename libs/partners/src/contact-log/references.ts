import { type EntityManager, In } from 'typeorm';
import { User } from '../../../access/src/index.js';
import { BadInputError } from '../../../common/src/index.js';

/** Follow-up owners must be active users of the same library service. */
export async function assertOwnersInService(m: EntityManager, ownerIds: string[], libraryServiceId: string): Promise<void> {
  const unique = [...new Set(ownerIds)];
  if (!unique.length) return;
  const found = await m.getRepository(User).find({ select: { id: true }, where: { id: In(unique), libraryServiceId, isActive: true } });
  const missing = unique.filter((id) => !found.some((u) => u.id === id));
  if (missing.length) throw new BadInputError(`ownerId ${missing.join(', ')} is not an active user of your library service`, { ownerIds: missing });
}
