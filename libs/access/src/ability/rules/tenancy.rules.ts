import { Role } from '../../users/role.enum.js';
import type { RuleContext } from './rule-context.js';

/**
 * What a colleague sees of a user (the `users` list): enough to pick a case owner, a follow-up's
 * owner or the staff at an incident. Email, status and sign-in times are for the user themselves,
 * administrators, managers (of partner users) and the DPO.
 */
export const COLLEAGUE_FIELDS = ['id', 'libraryServiceId', 'displayName', 'role', 'partnerOrganisationId', 'branchIds', 'version'];

export function tenancyRules({ can, p, inService }: RuleContext): void {
  can('read', 'User', { id: p.id });
  can('read', 'LibraryService', { id: p.libraryServiceId });
  if (p.role === Role.PARTNER) {
    // A partner's staff see their own organisation's users, and no one of the library's.
    if (p.partnerOrganisationId) can('read', 'User', COLLEAGUE_FIELDS, { ...inService, partnerOrganisationId: p.partnerOrganisationId, isActive: true });
    return;
  }
  can('read', 'Branch', inService);
  can('read', 'User', COLLEAGUE_FIELDS, { ...inService, isActive: true });
  if (p.role === Role.ADMIN) can('manage', ['Branch', 'User'], inService);
  // A manager invites a partner's staff and looks after their accounts; the roles of the library's own staff are the administrator's.
  if (p.role === Role.MANAGER) can(['read', 'create', 'update'], 'User', { ...inService, role: Role.PARTNER });
  if (p.role === Role.DPO) can('read', 'User', inService);
}
