import type { DataSource } from 'typeorm';
import { currentTenant, TENANT_SETTING } from '../../common/src/index.js';

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
