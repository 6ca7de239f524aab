export * from './data-protection/lawful-basis.enum.js';
export * from './data-protection/data-protection.embedded.js';
export * from './data-protection/retention.js';
export * from './data-protection/data-protection.defaults.js';
export * from './data-protection/criminal-offence-condition.js';
export * from './audit/audit-action.enum.js';
export * from './audit/audit-event.entity.js';
export * from './audit/audit.service.js';
export * from './audit/audit-chain.js';
export * from './governance.module.js';
// What contexts use to plug into the data-protection engines (the engines themselves: engines.ts).
export * from './processing/personal-data.js';
export * from './retention/retention-action.enum.js';
export * from './retention/retain-until-for.js';
export * from './rights/restriction.js';

import { AuditEvent } from './audit/audit-event.entity.js';
import { DataProtectionPolicy } from './data-protection-policy/data-protection-policy.entity.js';
import { RetentionPolicy } from './retention/retention-policy.entity.js';
import { RetentionRun } from './retention/retention-run.entity.js';
import { Rectification } from './rights/rectification.entity.js';
import { RightsRequest } from './rights/rights-request.entity.js';
import { SubjectRestriction } from './rights/subject-restriction.entity.js';
export const GOVERNANCE_ENTITIES = [AuditEvent, RetentionPolicy, DataProtectionPolicy, RetentionRun, RightsRequest, Rectification, SubjectRestriction];
