export * from './data-protection/lawful-basis.enum.js';
export * from './data-protection/data-protection.embedded.js';
export * from './data-protection/retention.js';
export * from './data-protection/data-protection.defaults.js';
export * from './audit/audit-action.enum.js';
export * from './audit/audit-event.entity.js';
export * from './audit/audit.service.js';
export * from './governance.module.js';

import { AuditEvent } from './audit/audit-event.entity.js';
export const GOVERNANCE_ENTITIES = [AuditEvent];
