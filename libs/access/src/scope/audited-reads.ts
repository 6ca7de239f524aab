import type { AuditAction } from '../../../governance/src/index.js';
import type { SubjectType } from '../ability/subjects.js';

/** AuditAction.READ, named here without a runtime import of libs/governance (which imports this lib). */
export const READ_AUDIT = 'READ' as AuditAction;

/**
 * The types whose every read writes one READ audit row per record returned: the records of
 * personal data (docs/domain.md#audit). Organisations, branches, agreements and policies are not
 * about a person and are not audited on read.
 */
export const AUDITED_READS: ReadonlySet<SubjectType> = new Set<SubjectType>([
  'Subject',
  'SubjectSpecialCategory',
  'Case',
  'CaseNote',
  'Incident',
  'Ban',
  'BanNotice',
  'Alarm',
  'Referral',
  'ReferralUpdate',
  'PartnerContact',
  'ContactLog',
  'CaseUpdate',
  'IntelligenceItem',
  'IntelligenceReview',
  'BranchWarning',
  'SharedCase',
  'RightsRequest',
  'SharedSubject',
  'SharedContact',
  'SharedIncident',
  'SharedBan',
  'SharedReferral',
  'SharedIntelligenceItem',
  'SharedSpecialCategory',
]);

/**
 * Types whose reads are audited under another type's name: a shared case, or a section of it, is a
 * read of the record itself (a contact route is a referral's; the safeguarding flags are the person's).
 * The grant (categories) and the shares of a case are about the sharing, not the person: not audited.
 */
export const READ_AUDIT_TYPE: Partial<Record<SubjectType, string>> = {
  SharedCase: 'Case',
  SharedSubject: 'Subject',
  SharedContact: 'Referral',
  SharedIncident: 'Incident',
  SharedBan: 'Ban',
  SharedReferral: 'Referral',
  SharedIntelligenceItem: 'IntelligenceItem',
  SharedSpecialCategory: 'Subject',
};
