import { Foundation1764000000000 } from './1764000000000-Foundation.js';

/** Every migration, in order. Listed explicitly: ESM builds cannot rely on glob loading. */
export const MIGRATIONS = [Foundation1764000000000];
