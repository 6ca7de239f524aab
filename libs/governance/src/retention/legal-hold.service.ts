import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, assertAllowed, auditActor } from '../../../access/src/index.js';
import { BadInputError, ConflictError, NotFoundError } from '../../../common/src/index.js';
import { AuditAction } from '../audit/audit-action.enum.js';
import { AuditService } from '../audit/audit.service.js';
import { type CatalogEntry, PersonalDataCatalog } from '../processing/personal-data-catalog.js';
import { ident, returning, tableColumns } from '../processing/schema-catalog.js';
import type { LegalHoldInput } from './dto/legal-hold.inputs.js';
import type { LegalHoldView } from './retention.types.js';

/**
 * Legal holds (docs/domain.md#legal-hold): the DPO keeps a record past its retention date while a
 * claim, complaint or investigation needs it. Any declared record type with a `legal_hold` column,
 * by record type and id; a record of another library service is NOT_FOUND. The reason stays on
 * the record while the hold is on; placing and lifting are audited (UPDATE) with their reasons.
 */
@Injectable()
export class LegalHoldService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly catalog: PersonalDataCatalog,
  ) {}

  place(actor: Actor, input: LegalHoldInput): Promise<LegalHoldView> {
    return this.set(actor, input, true);
  }

  lift(actor: Actor, input: LegalHoldInput): Promise<LegalHoldView> {
    return this.set(actor, input, false);
  }

  private async holdable(recordType: string): Promise<CatalogEntry> {
    const columns = await tableColumns(this.db);
    // A hold keeps its reason: a table added later with legal_hold and no legal_hold_reason is not holdable until it has one.
    const entries = (await this.catalog.all()).filter((e) => e.hasLegalHold && e.hasService && columns.get(e.table)?.has('legal_hold_reason'));
    const entry = entries.find((e) => e.recordType === recordType);
    if (!entry) {
      const types = [...new Set(entries.map((e) => e.recordType))].sort();
      throw new BadInputError(`${recordType} records cannot be put on legal hold; record types that can: ${types.join(', ')}`, { field: 'recordType' });
    }
    return entry;
  }

  private async set(actor: Actor, input: LegalHoldInput, hold: boolean): Promise<LegalHoldView> {
    const libraryServiceId = actor.principal.libraryServiceId;
    assertAllowed(actor, 'update', 'LegalHold', { libraryServiceId });
    const entry = await this.holdable(input.recordType);
    const t = ident(entry.table);
    return this.db.transaction(async (m) => {
      const [row] = await m.query(`SELECT legal_hold FROM ${t} WHERE id = $1 AND library_service_id = $2 FOR UPDATE`, [input.id, libraryServiceId]);
      if (!row) throw new NotFoundError(entry.auditEntityType, input.id);
      if (row.legal_hold === hold) throw new ConflictError(`${entry.auditEntityType} ${input.id} is ${hold ? 'already' : 'not'} on legal hold`);
      const sets = ['legal_hold = $2', 'legal_hold_reason = $3'];
      // The version moves on (an edit from before the hold is stale); updated_at does not: a hold is no activity about the person, and it starts retention clocks.
      if (entry.hasVersion) sets.push('version = version + 1');
      const [updated] = await returning<{ legal_hold: boolean; legal_hold_reason: string | null; retain_until: string | null }>(
        m,
        `UPDATE ${t} SET ${sets.join(', ')} WHERE id = $1 RETURNING legal_hold, legal_hold_reason, ${entry.hasRetainUntil ? "to_char(retain_until, 'YYYY-MM-DD')" : 'NULL'} AS retain_until`,
        [input.id, hold, hold ? input.reason : null],
      );
      await this.audit.record(
        m,
        { ...auditActor(actor), purpose: `legal hold ${hold ? 'placed' : 'lifted'}: ${input.reason}` },
        { action: AuditAction.UPDATE, entityType: entry.auditEntityType, entityIds: [input.id], libraryServiceId },
      );
      return {
        recordType: entry.recordType,
        entityType: entry.auditEntityType,
        id: input.id,
        legalHold: updated.legal_hold,
        reason: updated.legal_hold_reason,
        retainUntil: updated.retain_until,
      };
    });
  }
}
