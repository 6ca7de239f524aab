import type { EntityManager } from 'typeorm';
import { BadInputError, calendarDateProblem, parseIsoDateTime } from '../../../common/src/index.js';
import { AuditAction } from '../audit/audit-action.enum.js';
import type { AuditActor, AuditService } from '../audit/audit.service.js';
import type { PersonalDataCatalog } from '../processing/personal-data-catalog.js';
import { ident, returning } from '../processing/schema-catalog.js';
import type { CorrectionInput } from './dto/rights-request.inputs.js';
import type { RightsOutcome } from './rights-request.entity.js';
import { auditedRecords, type SubjectGraph } from './subject-graph.js';

const CASTABLE = /^(text|varchar|character varying|date|timestamptz|timestamp with time zone|boolean|integer|int|smallint|bigint|uuid|numeric)$/;

function dateProblem(type: string, value: string): string | null {
  if (type === 'date') return calendarDateProblem(value);
  if (/^timestamp/.test(type)) {
    const parsed = parseIsoDateTime(value);
    return typeof parsed === 'string' ? parsed : null;
  }
  return null;
}

/**
 * Carries out a rectification (Article 16) inside the caller's transaction: each correction is a
 * declared, correctable field of one of the person's records; the record's version moves on,
 * the rectification table says who corrected what and why, the audit trail has an UPDATE.
 */
export async function carryOutRectification(
  m: EntityManager,
  deps: { graph: SubjectGraph; catalog: PersonalDataCatalog; audit: AuditService },
  request: { id: string; subjectId: string; libraryServiceId: string },
  corrections: CorrectionInput[],
  who: AuditActor,
): Promise<RightsOutcome['corrected']> {
  const g = await deps.graph.crawl(m, request.subjectId, request.libraryServiceId);
  const theirs = new Set(auditedRecords(g).map((r) => `${r.entityType}:${r.id}`));
  const entries = await deps.catalog.all(m);
  const corrected: NonNullable<RightsOutcome['corrected']> = [];
  for (const c of corrections) {
    const entry = entries.find((e) => e.auditEntityType === c.entityType);
    if (!entry)
      throw new BadInputError(
        `${c.entityType} is not a record type that declares personal data; use one of ${entries.map((e) => e.auditEntityType).join(', ')}`,
      );
    if (!theirs.has(`${c.entityType}:${c.id}`)) throw new BadInputError(`${c.entityType} ${c.id} is not one of this person's records`);
    const field = entry.rectifiable.get(c.field);
    if (!field || !CASTABLE.test(field.type)) {
      const can = [...entry.rectifiable].filter(([, f]) => CASTABLE.test(f.type)).map(([p]) => p);
      throw new BadInputError(`${c.field} of ${c.entityType} cannot be corrected here; fields that can: ${can.join(', ') || 'none'}`);
    }
    // PostgreSQL's own cast takes year 0 and dates without a zone: hold a correction to the rules the API's inputs keep.
    const problem = c.value == null ? null : dateProblem(field.type, c.value);
    if (problem) throw new BadInputError(`${c.field} of ${c.entityType} ${problem}`, { field: c.field });
    const sets = [`${ident(field.column)} = CAST($1 AS ${field.type})`];
    if (entry.hasVersion) sets.push('version = version + 1');
    if (entry.hasUpdatedAt) sets.push('updated_at = now()');
    try {
      await returning(m, `UPDATE ${ident(entry.table)} SET ${sets.join(', ')} WHERE id = $2 RETURNING id`, [c.value ?? null, c.id]);
    } catch (err) {
      const code = (err as { driverError?: { code?: string } }).driverError?.code ?? '';
      if (!/^(22|23|P0)/.test(code)) throw err;
      throw new BadInputError(
        `${c.entityType} ${c.id} refused the correction of ${c.field}: the value is not valid for it or breaks one of its rules, or the record cannot be edited (add a correcting record instead)`,
      );
    }
    await m.query(
      `INSERT INTO rectification (library_service_id, rights_request_id, entity_type, entity_id, field, reason, corrected_by_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [request.libraryServiceId, request.id, c.entityType, c.id, c.field, c.reason, who.userId],
    );
    await deps.audit.record(
      m,
      { ...who, purpose: `rectification: rights request ${request.id}: ${c.reason}`.slice(0, 1000) },
      {
        action: AuditAction.UPDATE,
        entityType: c.entityType,
        entityIds: [c.id],
        libraryServiceId: request.libraryServiceId,
      },
    );
    corrected.push({ entityType: c.entityType, id: c.id, field: c.field });
  }
  return corrected;
}
