export * from './live-event.js';
export * from './event-bus.js';
export * from './events.module.js';
export * from './redis-event-bus.js';
