export * from './database.js';
export * from './database.module.js';
export * from './data-source-options.js';
export * from './embedded-postgres.js';
