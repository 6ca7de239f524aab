import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource } from 'typeorm';

/**
 * The library service a request acts for, as the database's row-level security sees it (the
 * TenantWall migration): a second wall behind the access rules, so a query that forgot its
 * tenancy condition returns nothing of another service. One slot per HTTP request, filled once
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

function currentTenant(): string {
  return storage.getStore()?.libraryServiceId ?? PLATFORM;
}

type PgClient = { query(sql: string, params: unknown[]): Promise<unknown>; safer_tenant?: string };

/**
 * Tells each pooled connection whom it works for, when it is taken from the pool: one extra
 * statement only when the connection last worked for someone else. Every query, transaction and
 * loader goes through this (TypeORM's one way to a connection), so no code path can skip it.
 */
export function bindConnectionsToTenant(dataSource: DataSource): void {
  const driver = dataSource.driver as unknown as { obtainMasterConnection(): Promise<[PgClient, (err?: unknown) => void]> };
  const obtain = driver.obtainMasterConnection.bind(driver);
  driver.obtainMasterConnection = async () => {
    const [client, release] = await obtain();
    const tenant = currentTenant();
    if (client.safer_tenant !== tenant) {
      try {
        await client.query(`SELECT set_config('${TENANT_SETTING}', $1, false)`, [tenant]);
      } catch (err) {
        release(err);
        throw err;
      }
      client.safer_tenant = tenant;
    }
    return [client, release];
  };
}
