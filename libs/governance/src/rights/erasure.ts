import type { EntityManager } from 'typeorm';
import { BadInputError, ConflictError, NotFoundError } from '../../../common/src/index.js';
import { AuditAction } from '../audit/audit-action.enum.js';
import type { AuditActor, AuditService } from '../audit/audit.service.js';
import { RETENTION_YEARS } from '../data-protection/retention.js';
import type { PersonalDataCatalog } from '../processing/personal-data-catalog.js';
import { type ForeignKey, ident, returning } from '../processing/schema-catalog.js';
import { withSavepoints } from '../retention/savepoints.js';
import type { RightsOutcome } from './rights-request.entity.js';
import type { LinkedRecords, SubjectGraph } from './subject-graph.js';

export interface ErasureDeps {
  graph: SubjectGraph;
  catalog: PersonalDataCatalog;
  audit: AuditService;
}

interface Candidate {
  table: string;
  entityType: string;
  ids: string[];
}

/**
 * Carries out an erasure decision inside the caller's transaction. Deleted: the person's record,
 * records about them, and the parts of those (children first). Kept, and named in the outcome:
 * records on legal hold, record types under a retention duty the DPO names (a partial grant),
 * records shared with other people (an incident: only the link to this person goes), and
 * anything other kept records still refer to. The history and other parts of a kept record (a
 * kept ban's transitions: who proposed and who confirmed it) are kept with it; those of an erased
 * record go with it. A full grant that cannot erase everything fails whole, with the reason, and
 * changes nothing.
 */
export async function carryOutErasure(
  m: EntityManager,
  deps: ErasureDeps,
  request: { id: string; subjectId: string; libraryServiceId: string },
  full: boolean,
  keepRecordTypes: string[],
  who: AuditActor,
): Promise<RightsOutcome> {
  const outcome: Required<Pick<RightsOutcome, 'erased' | 'kept' | 'linksRemoved'>> = { erased: [], kept: [], linksRemoved: [] };
  const known = new Set([...Object.keys(RETENTION_YEARS), ...(await deps.catalog.all(m)).map((e) => e.recordType)]);
  const unknown = keepRecordTypes.filter((t) => !known.has(t));
  if (unknown.length) throw new BadInputError(`keepRecordTypes names unknown record types: ${unknown.join(', ')}`);
  let g;
  try {
    g = await deps.graph.crawl(m, request.subjectId, request.libraryServiceId);
  } catch (err) {
    if (err instanceof NotFoundError) return outcome; // already gone (erased, or swept): nothing left to erase
    throw err;
  }
  const typeOf = async (table: string) => (await deps.catalog.describeTable(table, m)).entry;
  const kept = async (t: LinkedRecords, row: Record<string, unknown>): Promise<string | null> => {
    if (row.legal_hold === true) return 'legal hold';
    const entry = await typeOf(t.table);
    const duty = entry && keepRecordTypes.find((k) => k === entry.recordType || k === entry.retention);
    return duty ? `retention duty: ${duty}` : null;
  };

  const candidates: Candidate[] = [];
  const links: LinkedRecords[] = [];
  // Records kept, by table: a part of one of them is kept with it (the crawl lists parents before their parts).
  const keptIds = new Map<string, Set<string>>();
  const keep = (t: LinkedRecords, row: Record<string, unknown>, reason: string) => {
    outcome.kept.push({ entityType: t.entityType, id: String(row.id), reason });
    if (!keptIds.has(t.table)) keptIds.set(t.table, new Set());
    keptIds.get(t.table)!.add(String(row.id));
  };
  const keptParent = (t: LinkedRecords, row: Record<string, unknown>): string | null => {
    for (const p of t.parents) {
      const ref = row[p.column];
      if (ref != null && keptIds.get(p.table)?.has(String(ref))) return p.table;
    }
    return null;
  };
  for (const t of g.tables) {
    if (t.kind === 'LINKED') {
      for (const row of t.rows) keep(t, row, 'a record about several people: only the link to this person is removed');
      continue;
    }
    if (t.kind === 'LINK') {
      links.push(t);
      continue;
    }
    const ids: string[] = [];
    for (const row of t.rows) {
      const parent = keptParent(t, row);
      const reason = parent ? `part of a kept ${(await typeOf(parent))?.title ?? parent} record` : await kept(t, row);
      if (reason) keep(t, row, reason);
      else ids.push(String(row.id));
    }
    candidates.push({ table: t.table, entityType: t.entityType, ids });
  }
  const subjectReason = await kept({ table: 'subject' } as LinkedRecords, g.subject);
  if (subjectReason) outcome.kept.push({ entityType: g.subjectEntityType, id: g.subjectId, reason: subjectReason });
  const held = outcome.kept.filter((k) => k.reason === 'legal hold');
  if (full && held.length) {
    throw new BadInputError(
      `${held.length} of the person's records are on legal hold (${held.map((k) => `${k.entityType} ${k.id}`).join(', ')}): grant in part (they are kept) or refuse naming the legal hold`,
    );
  }

  const purpose = `erasure: rights request ${request.id}`;
  const erase = async (table: string, entityType: string, ids: string[]) => {
    const result = await withSavepoints(m, ids, async (batch) =>
      (await returning<{ id: string }>(m, `DELETE FROM ${ident(table)} WHERE id = ANY($1) RETURNING id::text AS id`, [batch])).map((r) => r.id),
    );
    if (full && result.failed.length) {
      throw new ConflictError(`${entityType} ${result.failed.join(', ')} cannot be erased: other records still refer to it. Grant in part to keep it`);
    }
    for (const id of result.failed) outcome.kept.push({ entityType, id, reason: 'other kept records refer to it' });
    outcome.erased.push(...result.done.map((id) => ({ entityType, id })));
    await deps.audit.record(
      m,
      { ...who, purpose },
      { action: AuditAction.DELETE, entityType, entityIds: result.done, libraryServiceId: request.libraryServiceId },
    );
  };

  // Children before parents; merged duplicates (rows of `subject`) before the person's own record.
  for (const c of childrenFirst(candidates, g.foreignKeys)) if (c.ids.length) await erase(c.table, c.entityType, c.ids);
  if (!subjectReason) {
    for (const link of links) {
      const entry = await typeOf(link.table);
      if (entry && keepRecordTypes.some((k) => k === entry.recordType || k === entry.retention)) continue;
      const removed = await returning(m, `DELETE FROM ${ident(link.table)} WHERE ${ident(link.column!)} = $1 RETURNING 1`, [g.subjectId]);
      if (removed.length) outcome.linksRemoved.push({ table: link.table, count: removed.length });
    }
    await erase('subject', g.subjectEntityType, [g.subjectId]);
  }
  return outcome;
}

/** Orders tables so that a table referring to another comes first. */
export function childrenFirst<T extends { table: string }>(items: T[], fks: ForeignKey[]): T[] {
  const tables = new Set(items.map((i) => i.table));
  const ordered: T[] = [];
  const done = new Set<string>();
  const visit = (item: T, path: Set<string>) => {
    if (done.has(item.table) || path.has(item.table)) return;
    path.add(item.table);
    for (const fk of fks) {
      if (fk.refTable === item.table && fk.table !== item.table && tables.has(fk.table))
        visit(
          items.find((i) => i.table === fk.table)!,
          path,
        );
    }
    done.add(item.table);
    ordered.push(item);
  };
  for (const item of items) visit(item, new Set());
  return ordered;
}
