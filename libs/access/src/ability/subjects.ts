import type { MongoAbility } from '@casl/ability';

/** Every action the ability knows. `manage` stands for all of them. */
export type Action = 'manage' | 'read' | 'create' | 'update' | 'archive' | 'merge' | 'transition' | 'share' | 'export' | 'delete' | 'recordOnBehalf';

/** Subject types, named as the domain names them (one rules file per context in ./rules). */
export type SubjectType =
  | 'User'
  | 'LibraryService'
  | 'Branch'
  | 'PartnerOrganisation'
  | 'PartnerContact'
  | 'PartnerDirectory'
  | 'ContactLog'
  | 'FollowUpAction'
  | 'Subject'
  | 'SubjectSpecialCategory'
  | 'Case'
  | 'CaseNote'
  | 'Incident'
  | 'Ban'
  | 'BanNotice'
  | 'Alarm'
  | 'Referral'
  | 'ReferralUpdate'
  | 'DataSharingAgreement'
  | 'CaseShare'
  | 'CaseUpdate'
  | 'IntelligenceItem'
  | 'IntelligenceReview'
  | 'BranchWarning'
  | 'SharedCase'
  | 'SharedCaseGrant'
  | 'SharedCaseShare'
  | 'SharedSubject'
  | 'SharedContact'
  | 'SharedIncident'
  | 'SharedBan'
  | 'SharedReferral'
  | 'SharedIntelligenceItem'
  | 'SharedSpecialCategory'
  | 'AuditEvent'
  | 'RetentionPolicy'
  | 'DataProtectionPolicy'
  | 'RightsRequest'
  | 'LegalHold'
  | 'RetentionSweep'
  | 'Report'
  | 'Notification'
  | 'NotificationPreference'
  | 'PartnerWebhook';

export type AppAbility = MongoAbility<[Action, SubjectType | Record<string, unknown>]>;
