import { Module } from '@nestjs/common';
import { AgreementResolver } from './agreement/agreement.resolver.js';
import { AgreementService } from './agreement/agreement.service.js';
import { BranchWarningResolver } from './branch-warning/branch-warning.resolver.js';
import { BranchWarningService } from './branch-warning/branch-warning.service.js';
import { CaseShareResolver } from './case-share/case-share.resolver.js';
import { CaseShareService } from './case-share/case-share.service.js';
import { CaseUpdateService } from './case-share/case-update.service.js';
import { SharedCaseResolver } from './case-share/shared-case.resolver.js';
import { SharedCaseService } from './case-share/shared-case.service.js';
import { IntelligenceResolver } from './intelligence/intelligence.resolver.js';
import { IntelligenceService } from './intelligence/intelligence.service.js';
import { SharingSqlConditions } from './sharing-sql.js';

const SERVICES = [AgreementService, CaseShareService, SharedCaseService, CaseUpdateService, IntelligenceService, BranchWarningService];

/** Data sharing agreements, case shares and the partner projection of shared cases, case updates, intelligence, branch warnings. */
@Module({
  providers: [...SERVICES, SharingSqlConditions, AgreementResolver, CaseShareResolver, SharedCaseResolver, IntelligenceResolver, BranchWarningResolver],
  exports: SERVICES,
})
export class SharingModule {}
