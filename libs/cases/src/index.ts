export * from './subjects/index.js';
export * from './case/index.js';
export * from './incidents/index.js';
export * from './bans/index.js';
export * from './cases.module.js';

import { INCIDENT_ENTITIES } from './incidents.js';
import { PEOPLE_ENTITIES } from './people.js';
export const CASES_ENTITIES = [...PEOPLE_ENTITIES, ...INCIDENT_ENTITIES];
