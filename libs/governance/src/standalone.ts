import type { DataSource } from 'typeorm';
import { AuditChainVerifier } from './audit-chain/audit-chain-verifier.js';
import { AuditService } from './audit/audit.service.js';
import { PersonalDataCatalog } from './processing/personal-data-catalog.js';
import { RetentionPolicyService } from './retention/retention-policy.service.js';
import { RetentionSweepService } from './retention/retention-sweep.service.js';
import { SubjectAccessService } from './rights/subject-access.service.js';
import { SubjectGraph } from './rights/subject-graph.js';

/**
 * The engines without Nest, for the CLI: the same classes the app injects. Await `catalog.all()`
 * before opening a transaction (the app does it at start-up).
 */
export function dataProtectionEngines(ds: DataSource) {
  const audit = new AuditService();
  const catalog = new PersonalDataCatalog(ds);
  const policies = new RetentionPolicyService(ds, audit, catalog);
  const graph = new SubjectGraph(catalog);
  return {
    catalog,
    policies,
    sweep: new RetentionSweepService(ds, audit, catalog, policies),
    subjectAccess: new SubjectAccessService(ds, audit, graph),
    auditChain: new AuditChainVerifier(ds),
  };
}
