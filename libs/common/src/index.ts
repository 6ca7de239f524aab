export * from './errors.js';
export * from './pagination.js';
export * from './dates.js';
export * from './config.js';
export * from './config.module.js';
export * from './args.js';
export * from './loaders.js';
