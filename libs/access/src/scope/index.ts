export * from './sql-conditions.js';
export * from './access-scope.js';
export * from './access-scopes.js';
export * from './audited-reads.js';
export * from './load-accessible.js';
export * from './refusals.js';
export * from './deferred-audit.js';
