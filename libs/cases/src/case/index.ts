export * from './case-status.enum.js';
export * from './case-rules.js';
export * from './case.entity.js';
export * from './case-note.entity.js';
export * from './timeline-entry.js';
export * from './case.service.js';
export * from './case-note.service.js';
export * from './case-timeline.service.js';
