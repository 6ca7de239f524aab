import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditExportController } from './audit-queries/audit-export.controller.js';
import { AuditChainVerifier } from './audit-chain/audit-chain-verifier.js';
import { AuditDigestScheduler, AuditDigestService } from './audit-chain/audit-digest.service.js';
import { AuditTrailVerificationResolver, AuditTrailVerificationService } from './audit-chain/audit-trail-verification.js';
import { AuditEventConnectionResolver, AuditQueryResolver } from './audit-queries/audit-query.resolver.js';
import { AuditQueryService } from './audit-queries/audit-query.service.js';
import { DataProtectionPolicyResolver } from './data-protection-policy/data-protection-policy.resolver.js';
import { DataProtectionPolicyService } from './data-protection-policy/data-protection-policy.service.js';
import { PersonalDataCatalog } from './processing/personal-data-catalog.js';
import { RecordOfProcessingResolver } from './processing/record-of-processing.resolver.js';
import { RecordOfProcessingService } from './processing/record-of-processing.service.js';
import { RetentionPolicyService } from './retention/retention-policy.service.js';
import { RetentionReportService } from './retention/retention-report.service.js';
import { LegalHoldService } from './retention/legal-hold.service.js';
import { RetentionScheduler } from './retention/retention-scheduler.js';
import { RetentionSweepService } from './retention/retention-sweep.service.js';
import { RetentionResolver } from './retention/retention.resolver.js';
import { RestrictionConditions } from './rights/restriction-conditions.js';
import { RightsRequestService } from './rights/rights-request.service.js';
import { RightsResolver, SubjectRestrictionResolver } from './rights/rights.resolver.js';
import { SubjectAccessService } from './rights/subject-access.service.js';
import { SubjectGraph } from './rights/subject-graph.js';

const SERVICES = [
  RetentionPolicyService,
  DataProtectionPolicyService,
  RetentionSweepService,
  RetentionReportService,
  LegalHoldService,
  RecordOfProcessingService,
  AuditQueryService,
  SubjectGraph,
  SubjectAccessService,
  RightsRequestService,
  AuditChainVerifier,
  AuditDigestService,
  AuditTrailVerificationService,
];

/** Data protection in practice: retention, record of processing, audit queries and the audit chain, data subjects' rights. */
@Module({
  providers: [
    { provide: PersonalDataCatalog, inject: [getDataSourceToken()], useFactory: (ds: DataSource) => new PersonalDataCatalog(ds) },
    ...SERVICES,
    RetentionScheduler,
    AuditDigestScheduler,
    RestrictionConditions,
    RetentionResolver,
    DataProtectionPolicyResolver,
    RecordOfProcessingResolver,
    AuditQueryResolver,
    AuditEventConnectionResolver,
    AuditTrailVerificationResolver,
    RightsResolver,
    SubjectRestrictionResolver,
  ],
  controllers: [AuditExportController],
  exports: [PersonalDataCatalog, ...SERVICES],
})
export class DataProtectionModule {}
