import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The library service a request acts for, as the database's row-level security sees it (the
 * TenantWall migration): a second wall behind the access rules, so a query that forgot its
 * tenancy condition returns nothing of another service. Read by libs/database (tenant-context.ts),
 * which tells each pooled connection. One slot per HTTP request, filled once
 * the request's user is known; work outside a signed-in request (sign-in, the retention sweep,
 * the CLI, the seed) acts for the platform and sees every service, as it must.
 */
export interface TenantSlot {
  libraryServiceId: string | null;
}

const storage = new AsyncLocalStorage<TenantSlot>();

/** The setting the policies read: a service id, or `platform`. */
export const TENANT_SETTING = 'safer.tenant';
const PLATFORM = 'platform';

/** Runs `fn` (and everything it starts) with a slot of its own, empty until `actAsTenant` fills it. */
export function withTenantSlot<T>(fn: () => T): T {
  return storage.run({ libraryServiceId: null }, fn);
}

/** The signed-in user's service, for the rest of the request. */
export function actAsTenant(libraryServiceId: string): void {
  const slot = storage.getStore();
  if (slot) slot.libraryServiceId = libraryServiceId;
}

/** Runs `fn` as one service (tests, and any job that works for a single service). */
export function runAsTenant<T>(libraryServiceId: string, fn: () => T): T {
  return storage.run({ libraryServiceId }, fn);
}

/** Whom the current work is for: a service id, or `platform`. */
export function currentTenant(): string {
  return storage.getStore()?.libraryServiceId ?? PLATFORM;
}
