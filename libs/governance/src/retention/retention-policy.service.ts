import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, assertAllowed } from '../../../access/src/index.js';
import { BadInputError } from '../../../common/src/index.js';
import { AuditService } from '../audit/audit.service.js';
import { AUDIT_RETENTION_FLOOR_YEARS, RETENTION_YEARS } from '../data-protection/retention.js';
import { type CatalogEntry, PersonalDataCatalog } from '../processing/personal-data-catalog.js';
import { ident, type Queryable, returning } from '../processing/schema-catalog.js';
import type { UpdateRetentionPolicyInput } from './dto/update-retention-policy.input.js';
import { RetentionAction } from './retention-action.enum.js';
import { retainUntilSql } from './retention-dates.js';
import { saveServicePolicy } from '../service-policy.js';
import { RetentionPolicy } from './retention-policy.entity.js';
import type { RetentionPolicyView } from './retention.types.js';

const TYPE = 'RetentionPolicy';
const RECOMPUTE_BATCH = 1000;

export interface EffectivePolicy {
  recordType: string;
  retainYears: number;
  action: RetentionAction;
  isDefault: boolean;
  version: number;
  updatedAt: Date | null;
}

/**
 * Retention policies: defaults in code (RETENTION_YEARS, action DELETE), overridden per library
 * service by a retention_policy row. Administrators change them (the DPO the audit trail's); the DPO reads them.
 */
@Injectable()
export class RetentionPolicyService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly catalog: PersonalDataCatalog,
  ) {}

  /** Every record type's policy for a service (null service: the defaults). */
  async effective(q: Queryable, libraryServiceId: string | null): Promise<Map<string, EffectivePolicy>> {
    const policies = new Map<string, EffectivePolicy>(
      Object.entries(RETENTION_YEARS).map(([recordType, retainYears]) => [
        recordType,
        { recordType, retainYears, action: RetentionAction.DELETE, isDefault: true, version: 0, updatedAt: null },
      ]),
    );
    if (!libraryServiceId) return policies;
    const rows = await q.query('SELECT record_type, retain_years, action, version, updated_at FROM retention_policy WHERE library_service_id = $1', [
      libraryServiceId,
    ]);
    for (const r of rows) {
      if (!policies.has(r.record_type)) continue; // a record type no longer in code: ignored, not guessed
      policies.set(r.record_type, {
        recordType: r.record_type,
        retainYears: r.retain_years,
        action: r.action,
        isDefault: false,
        version: r.version,
        updatedAt: r.updated_at,
      });
    }
    return policies;
  }

  async list(actor: Actor): Promise<RetentionPolicyView[]> {
    const libraryServiceId = actor.principal.libraryServiceId;
    assertAllowed(actor, 'read', TYPE, { libraryServiceId });
    const [policies, entries] = await Promise.all([this.effective(this.db, libraryServiceId), this.catalog.all()]);
    return [...policies.values()].map((p) => this.view(p, entries));
  }

  view(p: EffectivePolicy, entries: CatalogEntry[]): RetentionPolicyView {
    const governed = entries.filter((e) => e.retention === p.recordType);
    return {
      ...p,
      governs: governed.map((e) => e.auditEntityType),
      startsFrom: governed.map((e) => e.declaration.retentionClockDescription).find(Boolean) ?? null,
      canAnonymise: governed.length > 0 && governed.every((e) => e.anonymise),
    };
  }

  /**
   * Saves an override (ADMIN), then recomputes retain_until of the records it governs from each
   * record type's declared clock, in batches of their own transactions so a large table is never
   * locked at once. Records without a clock value keep their date.
   */
  async update(actor: Actor, input: UpdateRetentionPolicyInput): Promise<RetentionPolicyView> {
    const libraryServiceId = actor.principal.libraryServiceId;
    assertAllowed(actor, 'update', TYPE, { libraryServiceId, recordType: input.recordType });
    if (!(input.recordType in RETENTION_YEARS)) {
      throw new BadInputError(
        `recordType ${input.recordType} is not a record type with a retention policy; use one of ${Object.keys(RETENTION_YEARS).join(', ')}`,
        { field: 'recordType' },
      );
    }
    if (input.recordType === 'AUDIT_EVENT' && input.retainYears < AUDIT_RETENTION_FLOOR_YEARS) {
      throw new BadInputError(`the audit trail is kept at least ${AUDIT_RETENTION_FLOOR_YEARS} years`, { field: 'retainYears' });
    }
    const entries = await this.catalog.all();
    const governed = entries.filter((e) => e.retention === input.recordType);
    if (input.action === RetentionAction.ANONYMISE) {
      const cannot = governed.filter((e) => !e.anonymise).map((e) => e.auditEntityType);
      if (cannot.length || !governed.length) {
        throw new BadInputError(
          `${input.recordType} records cannot be anonymised${cannot.length ? ` (${cannot.join(', ')} declare no anonymisation)` : ''}: use DELETE`,
          { field: 'action' },
        );
      }
    }
    await this.db.transaction((m) =>
      saveServicePolicy(m, this.audit, { entity: RetentionPolicy, type: TYPE }, actor, {
        recordType: input.recordType,
        version: input.version,
        values: { retainYears: input.retainYears, action: input.action },
      }),
    );
    let recomputed = 0;
    for (const entry of governed) recomputed += await this.recompute(entry, libraryServiceId, input.retainYears);
    const policy = (await this.effective(this.db, libraryServiceId)).get(input.recordType)!;
    return { ...this.view(policy, entries), recomputedRecords: recomputed };
  }

  /** retain_until = clock + years for every record of the service, in keyset batches. Returns how many changed. */
  async recompute(entry: CatalogEntry, libraryServiceId: string, years: number): Promise<number> {
    if (!entry.hasRetainUntil || !entry.clockDate || !entry.hasService) return 0;
    const t = ident(entry.table);
    const target = retainUntilSql(entry.clockDate, '$2::int');
    let last: string | null = null;
    let changed = 0;
    for (;;) {
      const ids: string[] = await this.db.transaction(async (m) => {
        const rows: { id: string }[] = await m.query(
          `SELECT id::text AS id FROM ${t} WHERE library_service_id = $1 ${last ? 'AND id > $2' : ''} ORDER BY id LIMIT ${RECOMPUTE_BATCH} FOR UPDATE`,
          last ? [libraryServiceId, last] : [libraryServiceId],
        );
        if (!rows.length) return [];
        const updated = await returning(
          m,
          `UPDATE ${t} SET retain_until = ${target} WHERE id = ANY($1) AND ${target} IS NOT NULL AND retain_until IS DISTINCT FROM ${target} RETURNING id`,
          [rows.map((r) => r.id), years],
        );
        changed += updated.length;
        return rows.map((r) => r.id);
      });
      if (ids.length < RECOMPUTE_BATCH) break;
      last = ids.at(-1)!;
    }
    return changed;
  }
}
