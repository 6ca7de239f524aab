import { Role } from '../../users/role.enum.js';
import type { RuleContext } from './rule-context.js';

/** Fields of a partner organisation everyone with read access sees; `notes` (internal) is for managers and the DPO. */
export const PARTNER_ORGANISATION_PUBLIC_FIELDS = [
  'id',
  'libraryServiceId',
  'name',
  'type',
  'servicesOffered',
  'areasCovered',
  'phone',
  'email',
  'website',
  'address',
  'relationship',
  'status',
  'sourceId',
  'archivedAt',
  'version',
  'createdAt',
  'updatedAt',
];

/** What a partner may correct about its own people. */
export const PARTNER_CONTACT_SELF_SERVICE_FIELDS = ['name', 'jobTitle', 'phone', 'email', 'preferredContact', 'notes'];

export function partnersRules({ can, p, inService }: RuleContext): void {
  switch (p.role) {
    case Role.ADMIN:
    case Role.MANAGER:
      can('manage', ['PartnerOrganisation', 'PartnerContact', 'ContactLog', 'FollowUpAction'], inService);
      // The Open Referral UK directory: managers download it; importing (which writes many partners at once) is the administrator's.
      can('export', 'PartnerDirectory', inService);
      if (p.role === Role.ADMIN) can('update', 'PartnerDirectory', inService);
      break;
    case Role.OUTREACH_WORKER:
    case Role.STAFF:
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
      can('read', ['PartnerOrganisation', 'PartnerContact', 'ContactLog', 'FollowUpAction'], inService);
      break;
  }
}
