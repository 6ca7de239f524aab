import { Role } from '../../users/role.enum.js';
import type { Principal } from '../actor.js';
import type { SubjectType } from '../subjects.js';
import type { RuleContext } from './rule-context.js';

/**
 * Who receives shared cases as this user: a partner user's organisation, or (cross-service
 * sharing) the library service of a manager or outreach worker. Null: the user receives nothing.
 * The sharing lib uses it to tell whether a reader receives shares at all, and to filter by category.
 */
export type ShareRecipient = { organisationId: string } | { libraryServiceId: string };

export function shareRecipientOf(p: Principal): ShareRecipient | null {
  if (p.role === Role.PARTNER) return p.partnerOrganisationId ? { organisationId: p.partnerOrganisationId } : null;
  if (p.role === Role.MANAGER || p.role === Role.OUTREACH_WORKER) return { libraryServiceId: p.libraryServiceId };
  return null;
}

/**
 * The views of what a recipient may see of a shared case (libs/sharing shared-case.types.ts): the
 * grant (categories) and each section. Which rows hold what is decided in their SQL; the rules
 * only pick the reader's rows, by the recipient columns every row carries.
 */
export const SHARED_CASE_VIEWS: SubjectType[] = [
  'SharedCaseGrant',
  'SharedCaseShare',
  'SharedSubject',
  'SharedContact',
  'SharedIncident',
  'SharedBan',
  'SharedReferral',
  'SharedIntelligenceItem',
  'SharedSpecialCategory',
];

/**
 * Data sharing agreements, case shares, the shared-case projection, case updates, intelligence and
 * branch warnings.
 *
 * `liveShareOrganisationId`, `liveShareLibraryServiceId`, `partyOrganisationId` and
 * `partyLibraryServiceId` are SQL conditions registered by libs/sharing (EXISTS over the
 * live_case_share view and the agreement parties), so liveness is decided in SQL at read time.
 * Cross-service rules cannot include `inService` (the record belongs to the sharing service):
 * their tenancy condition is that the share or the agreement names the reader's own service.
 *
 * MANAGER drafts and runs agreements, shares and revokes, accepts intelligence and reviews it
 * (renews, changes its handling or grading, deletes it: `update` and `delete`), publishes
 * warnings. OUTREACH_WORKER reads them and records intelligence. Both may record, in their own
 * service's cases, an update a partner gave outside the app, on the partner's behalf. STAFF see only the warnings of
 * their own branches. PARTNER reads the agreements naming their organisation (once activated)
 * and, through `SharedCase`, only cases with a live share to it; it adds updates and submits
 * intelligence. DPO reads everything of its service. ADMIN gets nothing here. The history of an
 * item's reviews (`IntelligenceReview`) is internal to the service that holds the item: its
 * managers, outreach workers and DPO read it, never a partner or the service that submitted it.
 */
export function sharingRules(ctx: RuleContext): void {
  const { can, p, inService } = ctx;
  const activated = { status: { $ne: 'DRAFT' } };
  switch (p.role) {
    case Role.MANAGER:
      can(['read', 'create', 'update', 'transition'], 'DataSharingAgreement', inService);
      can(['read', 'create', 'update'], 'CaseShare', inService);
      can('read', 'CaseUpdate', inService);
      // A partner's update given outside the app, on one of the service's cases; which referral it answers decides who (referrals.rules.ts).
      can('recordOnBehalf', 'CaseUpdate', inService);
      can('read', 'IntelligenceItem', inService);
      can(['create', 'update', 'transition', 'delete'], 'IntelligenceItem', inService);
      can('read', 'IntelligenceReview', inService);
      can(['read', 'create', 'update'], 'BranchWarning', inService);
      receivingServiceRules(ctx);
      break;
    case Role.OUTREACH_WORKER:
      can('read', ['DataSharingAgreement', 'CaseShare', 'CaseUpdate', 'BranchWarning'], inService);
      can('recordOnBehalf', 'CaseUpdate', inService);
      can('read', 'IntelligenceItem', inService);
      can('create', 'IntelligenceItem', { ...inService, status: 'ACCEPTED' });
      can('read', 'IntelligenceReview', inService);
      receivingServiceRules(ctx);
      break;
    case Role.STAFF:
      can('read', 'BranchWarning', { ...inService, branchId: { $in: p.branchIds } });
      break;
    case Role.PARTNER: {
      if (!p.partnerOrganisationId) break;
      const org = p.partnerOrganisationId;
      can('read', 'DataSharingAgreement', { ...inService, ...activated, partyOrganisationId: org });
      can('read', 'SharedCase', { ...inService, liveShareOrganisationId: org });
      can('read', SHARED_CASE_VIEWS, { ...inService, partnerOrganisationId: org });
      can(['read', 'create'], 'CaseUpdate', { ...inService, partnerOrganisationId: org });
      can('read', 'IntelligenceItem', { ...inService, submittedByOrganisationId: org });
      can('create', 'IntelligenceItem', { ...inService, submittedByOrganisationId: org, status: 'SUBMITTED' });
      break;
    }
    case Role.DPO:
      can('read', ['DataSharingAgreement', 'CaseShare', 'CaseUpdate', 'IntelligenceItem', 'IntelligenceReview', 'BranchWarning'], inService);
      break;
  }
}

/** A manager or outreach worker as the receiving side of a cross-service share. */
function receivingServiceRules({ can, p }: RuleContext): void {
  const service = p.libraryServiceId;
  can('read', 'DataSharingAgreement', { status: { $ne: 'DRAFT' }, partyLibraryServiceId: service });
  can('read', 'SharedCase', { liveShareLibraryServiceId: service });
  can('read', SHARED_CASE_VIEWS, { recipientLibraryServiceId: service });
  can(['read', 'create'], 'CaseUpdate', { authorLibraryServiceId: service, partnerOrganisationId: null });
  can('read', 'IntelligenceItem', { submittedByLibraryServiceId: service });
  can('create', 'IntelligenceItem', { submittedByLibraryServiceId: service, status: 'SUBMITTED' });
}
