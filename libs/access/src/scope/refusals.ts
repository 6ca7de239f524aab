import type { Action } from '../ability/subjects.js';

/** What a refused read or change was about, as the access scope knew it when it refused. */
export interface Refusal {
  entityType: string;
  entityId: string | null;
  action: Action;
}

const REFUSAL = Symbol('refusal');

/** Marks an error the access scope throws with what it refused, for the audit row written when it reaches the client (RefusalAuditInterceptor). */
export function refusing<E extends Error>(err: E, refusal: Refusal): E {
  Object.defineProperty(err, REFUSAL, { value: refusal, enumerable: false });
  return err;
}

export function refusalOf(err: unknown): Refusal | undefined {
  return typeof err === 'object' && err !== null ? (err as { [REFUSAL]?: Refusal })[REFUSAL] : undefined;
}
