import type { PersonalDataCatalog } from '../processing/personal-data-catalog.js';
import { foreignKeys, type Queryable } from '../processing/schema-catalog.js';

export const SUBJECT = 'subject';

/** What the crawl follows, from the catalog: the foreign keys, which tables have ids, which are records about people, which refer to the subject. */
export async function linkShape(q: Queryable, columns: Map<string, Set<string>>, catalog: PersonalDataCatalog) {
  const fks = await foreignKeys(q);
  const hasId = (t: string) => Boolean(columns.get(t)?.has('id'));
  // What a link table may lead to: records the service keeps about people (declared, with a
  // retention policy, or carrying a lawful basis): an incident, never the account of the staff
  // member who added the link, a branch or a partner organisation.
  const records = new Set([...columns].filter(([, c]) => c.has('lawful_basis')).map(([t]) => t));
  for (const e of await catalog.all(q)) {
    if (e.retention && !e.declaration.appendOnly) records.add(e.table);
    else records.delete(e.table);
  }
  const toSubject = fks.filter((fk) => fk.refTable === SUBJECT && fk.refColumn === 'id');
  const refersToSubject = new Set(toSubject.map((fk) => fk.table));
  return { fks, hasId, records, toSubject, refersToSubject };
}
