export * from './agreement/agreement.enums.js';
export * from './agreement/agreement-state.js';
export * from './agreement/data-sharing-agreement.entity.js';
export * from './agreement/agreement-party.entity.js';
export * from './agreement/agreement-signatory.entity.js';
export * from './agreement/agreement.service.js';
export * from './case-share/case-share.entity.js';
export * from './case-share/case-update.entity.js';
export * from './case-share/case-update.enums.js';
export * from './case-share/share-categories.js';
export * from './case-share/case-share.service.js';
export * from './case-share/case-update.service.js';
export * from './case-share/shared-case.service.js';
export * from './intelligence/intelligence.enums.js';
export * from './intelligence/intelligence-item.entity.js';
export * from './intelligence/intelligence-rules.js';
export * from './intelligence/intelligence.service.js';
export * from './intelligence/intelligence-review.entity.js';
export * from './intelligence/intelligence-review.service.js';
export * from './branch-warning/branch-warning.entity.js';
export * from './branch-warning/branch-warning.service.js';
export * from './sharing.module.js';
export { registerSharingSqlConditions } from './sharing-sql.js';

import { AgreementParty } from './agreement/agreement-party.entity.js';
import { AgreementSignatory } from './agreement/agreement-signatory.entity.js';
import { DataSharingAgreement } from './agreement/data-sharing-agreement.entity.js';
import { BranchWarning } from './branch-warning/branch-warning.entity.js';
import { CaseShare } from './case-share/case-share.entity.js';
import { CaseUpdate } from './case-share/case-update.entity.js';
import { SharedCaseRecord } from './case-share/shared-case-record.entity.js';
import {
  SharedBan,
  SharedCaseGrant,
  SharedCaseShareInfo,
  SharedContactRoute,
  SharedIncident,
  SharedIntelligenceItem,
  SharedReferral,
  SharedSpecialCategory,
  SharedSubject,
} from './case-share/shared-case.types.js';
import { IntelligenceItem } from './intelligence/intelligence-item.entity.js';
import { IntelligenceReview } from './intelligence/intelligence-review.entity.js';
export const SHARING_ENTITIES = [
  DataSharingAgreement,
  AgreementParty,
  AgreementSignatory,
  CaseShare,
  CaseUpdate,
  SharedCaseRecord,
  IntelligenceItem,
  IntelligenceReview,
  BranchWarning,
  // Read-only views of what a recipient may see of a shared case (migration SharedCaseViews).
  SharedCaseGrant,
  SharedCaseShareInfo,
  SharedSubject,
  SharedContactRoute,
  SharedIncident,
  SharedBan,
  SharedReferral,
  SharedIntelligenceItem,
  SharedSpecialCategory,
];
