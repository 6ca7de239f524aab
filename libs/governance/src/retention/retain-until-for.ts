import type { EntityManager } from 'typeorm';
import { addYears } from '../../../common/src/index.js';
import { RETENTION_YEARS, type RetainedRecordType } from '../data-protection/retention.js';

/** Years a library service keeps a record type: its retention_policy row, else the default. */
export async function retentionYearsFor(m: EntityManager, libraryServiceId: string, type: RetainedRecordType): Promise<number> {
  const [row] = await m.query('SELECT retain_years FROM retention_policy WHERE library_service_id = $1 AND record_type = $2', [libraryServiceId, type]);
  return row ? Number(row.retain_years) : RETENTION_YEARS[type];
}

/**
 * `retainUntil` honouring the library service's policy. Contexts should compute new and updated
 * records' dates with this (inside their transaction, with its manager) rather than the default
 * `retainUntil`, so an administrator's longer or shorter period applies from the first day.
 */
export async function retainUntilFor(m: EntityManager, libraryServiceId: string, type: RetainedRecordType, from: Date): Promise<string> {
  return addYears(from, await retentionYearsFor(m, libraryServiceId, type));
}
