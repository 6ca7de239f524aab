import { Role } from '../../users/role.enum.js';
import type { RuleContext } from './rule-context.js';

export function tenancyRules({ can, p, inService }: RuleContext): void {
  can('read', 'User', { id: p.id });
  can('read', 'LibraryService', { id: p.libraryServiceId });
  if (p.role !== Role.PARTNER) can('read', 'Branch', inService);
  if (p.role === Role.ADMIN) can('manage', ['Branch', 'User'], inService);
  if (p.role === Role.DPO) can('read', 'User', inService);
}
