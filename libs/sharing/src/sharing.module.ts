import { Module } from '@nestjs/common';
import { CasesModule } from '../../cases/src/index.js';
import { PartnersModule } from '../../partners/src/index.js';
import { TenancyModule } from '../../tenancy/src/index.js';
import { AgreementPartyResolver, AgreementResolver } from './agreement/agreement.resolver.js';
import { AgreementService } from './agreement/agreement.service.js';
import { BranchWarningResolver } from './branch-warning/branch-warning.resolver.js';
import { BranchWarningService } from './branch-warning/branch-warning.service.js';
import { CaseShareResolver, CaseUpdateResolver } from './case-share/case-share.resolver.js';
import { CaseShareService } from './case-share/case-share.service.js';
import { CaseUpdateService } from './case-share/case-update.service.js';
import { SharedCaseResolver, SharedCaseShareInfoResolver } from './case-share/shared-case.resolver.js';
import { SharedCaseService } from './case-share/shared-case.service.js';
import { IntelligenceReviewResolver } from './intelligence/intelligence-review.resolver.js';
import { IntelligenceReviewService } from './intelligence/intelligence-review.service.js';
import { IntelligenceResolver } from './intelligence/intelligence.resolver.js';
import { IntelligenceService } from './intelligence/intelligence.service.js';
import { SharingSqlConditions } from './sharing-sql.js';

const SERVICES = [
  AgreementService,
  CaseShareService,
  SharedCaseService,
  CaseUpdateService,
  IntelligenceService,
  IntelligenceReviewService,
  BranchWarningService,
];

/** Data sharing agreements, case shares and the partner projection of shared cases, case updates, intelligence, branch warnings. */
@Module({
  imports: [CasesModule, PartnersModule, TenancyModule],
  providers: [
    ...SERVICES,
    SharingSqlConditions,
    AgreementResolver,
    AgreementPartyResolver,
    CaseShareResolver,
    CaseUpdateResolver,
    SharedCaseResolver,
    SharedCaseShareInfoResolver,
    IntelligenceResolver,
    IntelligenceReviewResolver,
    BranchWarningResolver,
  ],
  exports: SERVICES,
})
export class SharingModule {}
