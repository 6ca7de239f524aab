export * from './database.js';
export * from './database.module.js';
export * from './data-source-options.js';
export * from './embedded/embedded-postgres.js';
export { DataFolderInUseError } from './embedded/data-folder-lock.js';
export { bindConnectionsToTenant } from './tenant-context.js';
