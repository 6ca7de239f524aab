import type { DataSource } from 'typeorm';
import { ConflictError } from '../../../libs/common/src/index.js';
import { GENERATED_PURPOSE_PREFIX } from './tenancy.js';

/** Codes of the services generate-data makes; the demo service is `DEMO`. */
export const GENERATED_CODE_PREFIX = 'GEN_';

/**
 * `generate-data` writes thousands of made-up people into the services it fills. It refuses:
 * - a database it has filled before (a GEN_ service, or the audit event it leaves on each service
 *   it fills): its ids are derived from the seed, and a second run would clash with the first;
 * - a database holding any library service other than the demo one, which is taken to be real
 *   data, unless `force` (the other services are then left as they are).
 */
export async function refuseUnlessSafe(ds: DataSource, force: boolean): Promise<void> {
  const [done] = await ds.query(
    `SELECT (SELECT string_agg(code, ', ' ORDER BY code) FROM (SELECT code FROM library_service WHERE code LIKE $1 ORDER BY code LIMIT 3) c) AS codes,
            EXISTS (SELECT 1 FROM audit_event WHERE entity_type = 'LibraryService' AND purpose LIKE $2) AS marked`,
    [`${GENERATED_CODE_PREFIX.replace('_', '\\_')}%`, `${GENERATED_PURPOSE_PREFIX}%`],
  );
  if (done.codes || done.marked) {
    throw new ConflictError(
      `this database already holds generated data (${done.codes ? `library services ${done.codes}…` : 'the demo service was filled'}); ` +
        'generate-data fills a database once: run it on a new one (createdb and migrate, or a new DATA_DIR)',
    );
  }
  if (force) return;
  const others: { name: string; total: number }[] = await ds.query(
    `SELECT name, count(*) OVER ()::int AS total FROM library_service WHERE code <> 'DEMO' ORDER BY name LIMIT 3`,
  );
  if (others.length) {
    const more = others[0].total > others.length ? ` and ${others[0].total - others.length} more` : '';
    throw new ConflictError(
      `this database holds library services other than the demo service (${others.map((o) => o.name).join(', ')}${more}): it may hold real data. ` +
        'generate-data adds made-up people, incidents and cases; run it on a database of its own, or give --force to add them here anyway',
    );
  }
}
