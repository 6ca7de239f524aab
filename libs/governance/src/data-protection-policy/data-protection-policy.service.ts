import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, assertAllowed } from '../../../access/src/index.js';
import { BadInputError } from '../../../common/src/index.js';
import { AuditService } from '../audit/audit.service.js';
import { CRIMINAL_OFFENCE_DEFAULTS } from '../data-protection/criminal-offence-condition.js';
import { saveServicePolicy } from '../service-policy.js';
import { DataProtectionPolicy } from './data-protection-policy.entity.js';
import type { DataProtectionPolicyView } from './data-protection-policy.types.js';
import type { UpdateDataProtectionPolicyInput } from './dto/update-data-protection-policy.input.js';

const TYPE = 'DataProtectionPolicy';

/**
 * The criminal offence condition each record type records by default, per library service:
 * defaults in code (CRIMINAL_OFFENCE_DEFAULTS), a data_protection_policy row where an administrator
 * chose another. A change applies to records made from then on; a record keeps the condition it was
 * made with (a manager changes it on the record).
 */
@Injectable()
export class DataProtectionPolicyService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor): Promise<DataProtectionPolicyView[]> {
    const libraryServiceId = actor.principal.libraryServiceId;
    assertAllowed(actor, 'read', TYPE, { libraryServiceId });
    const rows = await this.db.getRepository(DataProtectionPolicy).findBy({ libraryServiceId });
    return Object.entries(CRIMINAL_OFFENCE_DEFAULTS).map(([recordType, condition]) => {
      const row = rows.find((r) => r.recordType === recordType);
      return row
        ? { recordType, criminalOffenceCondition: row.criminalOffenceCondition, isDefault: false, version: row.version, updatedAt: row.updatedAt }
        : { recordType, criminalOffenceCondition: condition, isDefault: true, version: 0, updatedAt: null };
    });
  }

  async update(actor: Actor, input: UpdateDataProtectionPolicyInput): Promise<DataProtectionPolicyView> {
    const libraryServiceId = actor.principal.libraryServiceId;
    assertAllowed(actor, 'update', TYPE, { libraryServiceId, recordType: input.recordType });
    if (!(input.recordType in CRIMINAL_OFFENCE_DEFAULTS)) {
      throw new BadInputError(
        `recordType ${input.recordType} has no criminal offence condition policy; use one of ${Object.keys(CRIMINAL_OFFENCE_DEFAULTS).join(', ')}`,
        { field: 'recordType' },
      );
    }
    const saved = await this.db.transaction((m) =>
      saveServicePolicy(m, this.audit, { entity: DataProtectionPolicy, type: TYPE }, actor, {
        recordType: input.recordType,
        version: input.version,
        values: { criminalOffenceCondition: input.criminalOffenceCondition },
      }),
    );
    return {
      recordType: saved.recordType,
      criminalOffenceCondition: saved.criminalOffenceCondition,
      isDefault: false,
      version: saved.version,
      updatedAt: saved.updatedAt,
    };
  }
}
