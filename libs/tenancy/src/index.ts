export * from './library-service/library-service.entity.js';
export * from './branch/branch.entity.js';
export * from './branch/branch-references.js';
export * from './branch/branch.service.js';

import { LibraryService } from './library-service/library-service.entity.js';
import { Branch } from './branch/branch.entity.js';
export const TENANCY_ENTITIES = [LibraryService, Branch];
export * from './tenancy.module.js';
export * from './library-service/library-service-setup.js';
