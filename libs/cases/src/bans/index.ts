export * from './ban.enums.js';
export * from './ban-state.js';
export * from './ban.entity.js';
export * from './ban-transition.entity.js';
export * from './ban-notice.entity.js';
export * from './ban.service.js';
export * from './ban-notice.service.js';
export * from './ban-details.service.js';
