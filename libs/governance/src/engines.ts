/**
 * The data-protection engines (retention sweep, record of processing, audit queries, rights
 * requests), as the app and the CLI use them. A second entry point of this lib, apart from
 * index.ts, because these import the access context (actors, rules), and access imports
 * index.ts (audit, data-protection columns): one entry for both would be an import cycle.
 * Contexts never need this file: they declare with `@PersonalData` from index.ts.
 */
import './processing/access-declarations.js';
import './rights/restriction-conditions.js';

export * from './data-protection.module.js';
export * from './processing/personal-data-catalog.js';
export * from './processing/record-of-processing.service.js';
export * from './processing/schema-catalog.js';
export * from './retention/retention-policy.service.js';
export * from './retention/retention-sweep.service.js';
export * from './retention/retention-report.service.js';
export * from './retention/retention-scheduler.js';
export * from './audit-queries/audit-query.service.js';
export * from './audit-queries/csv.js';
export * from './audit-chain/audit-chain-verifier.js';
export * from './audit-chain/audit-digest.js';
export * from './audit-chain/audit-digest.service.js';
export * from './rights/subject-graph.js';
export * from './rights/subject-access.service.js';
export * from './rights/rights-request.service.js';
export * from './rights/restriction-conditions.js';
export * from './standalone.js';
