export * from './incident.enums.js';
export * from './byelaw.enum.js';
export * from './incident.entity.js';
export * from './incident-details.types.js';
export * from './incident.checks.js';
export * from './incident.service.js';
export * from './incident-details.service.js';
