export * from './users/role.enum.js';
export * from './users/user.entity.js';
export * from './users/users.service.js';
export * from './users/account-links.service.js';
export * from './ability/subjects.js';
export * from './ability/actor.js';
export * from './ability/ability.factory.js';
export * from './ability/casl-to-sql.js';
export * from './scope/index.js';
export * from './auth/gql-context.js';
export * from './auth/auth.service.js';
export * from './auth/current-actor.decorator.js';
export * from './auth/request-context.js';
export * from './auth/passwords.js';
export * from './access.module.js';
export * from './live/live-stream.js';

import { User } from './users/user.entity.js';
export const ACCESS_ENTITIES = [User];
