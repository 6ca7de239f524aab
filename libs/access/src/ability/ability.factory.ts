import { AbilityBuilder, createMongoAbility } from '@casl/ability';
import { Role } from '../users/role.enum.js';
import type { Principal } from './actor.js';
import type { AppAbility } from './subjects.js';

/** Fields of a partner organisation everyone with read access sees; `notes` (internal) is for managers and the DPO. */
export const PARTNER_ORGANISATION_PUBLIC_FIELDS = [
  'id', 'libraryServiceId', 'name', 'type', 'servicesOffered', 'areasCovered', 'phone', 'email', 'website',
  'address', 'relationship', 'status', 'archivedAt', 'version', 'createdAt', 'updatedAt',
];

/** What a partner may correct about its own people. */
export const PARTNER_CONTACT_SELF_SERVICE_FIELDS = ['name', 'jobTitle', 'phone', 'email', 'preferredContact', 'notes'];

/**
 * The one place that says who may do what. Denied by default: a role gets only what is
 * written here. Every rule is tied to the user's library service; rules that restrict fields
 * always carry conditions too (a field-only rule without conditions would open every row when
 * turned into SQL: casl#957, guarded in casl-to-sql.ts).
 */
export function defineAbilityFor(p: Principal): AppAbility {
  const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  const inService = { libraryServiceId: p.libraryServiceId };

  can('read', 'User', { id: p.id });
  can('read', 'LibraryService', { id: p.libraryServiceId });

  switch (p.role) {
    case Role.ADMIN:
    case Role.MANAGER:
      can('read', 'Branch', inService);
      can('manage', ['PartnerOrganisation', 'PartnerContact', 'ContactLog', 'FollowUpAction'], inService);
      if (p.role === Role.ADMIN) {
        can('manage', 'Branch', inService);
        can('manage', 'User', inService);
      }
      break;
    case Role.OUTREACH_WORKER:
    case Role.STAFF:
      can('read', 'Branch', inService);
      can('read', 'PartnerOrganisation', PARTNER_ORGANISATION_PUBLIC_FIELDS, inService);
      can('read', 'PartnerContact', inService);
      break;
    case Role.PARTNER: {
      if (!p.partnerOrganisationId) break;
      const own = { ...inService, partnerOrganisationId: p.partnerOrganisationId };
      can('read', 'PartnerOrganisation', PARTNER_ORGANISATION_PUBLIC_FIELDS, { ...inService, id: p.partnerOrganisationId });
      can('read', 'PartnerContact', own);
      // Their own details, not the data-protection columns (legal hold, lawful basis are the library's call).
      can('update', 'PartnerContact', PARTNER_CONTACT_SELF_SERVICE_FIELDS, own);
      break;
    }
    case Role.DPO:
      can('read', ['Branch', 'User', 'PartnerOrganisation', 'PartnerContact', 'ContactLog', 'FollowUpAction', 'AuditEvent'], inService);
      break;
  }
  return build();
}
