import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, assertAllowed } from '../../../access/src/index.js';
import { LAWFUL_BASES } from '../data-protection/data-protection.defaults.js';
import { LawfulBasis } from '../data-protection/lawful-basis.enum.js';
import { RetentionPolicyService } from '../retention/retention-policy.service.js';
import { type CatalogEntry, PersonalDataCatalog } from './personal-data-catalog.js';
import { activeRecipients } from './recipients.js';
import type { LawfulBasisUse, ProcessingActivity, ProcessingRecipient, RecordOfProcessing } from './record-of-processing.types.js';
import { ident } from './schema-catalog.js';

/**
 * The record of processing activities, never written by hand: each activity is an entity's
 * declaration, completed with what the live records of the service show (lawful bases and
 * conditions in use, counts), the retention policy in force and the recipients.
 */
@Injectable()
export class RecordOfProcessingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalog: PersonalDataCatalog,
    private readonly policies: RetentionPolicyService,
  ) {}

  async build(actor: Actor): Promise<RecordOfProcessing> {
    const libraryServiceId = actor.principal.libraryServiceId;
    // The DPO's accountability documents share the audit trail's permission.
    assertAllowed(actor, 'read', 'AuditEvent', { libraryServiceId });
    const [[service], entries, policies, shared] = await Promise.all([
      this.db.query('SELECT name FROM library_service WHERE id = $1', [libraryServiceId]),
      this.catalog.all(),
      this.policies.effective(this.db, libraryServiceId),
      activeRecipients(this.db, libraryServiceId),
    ]);
    const activities: ProcessingActivity[] = [];
    for (const entry of entries) {
      const policy = entry.retention ? policies.get(entry.retention)! : null;
      activities.push({
        ...(await this.live(entry, libraryServiceId)),
        recordType: entry.recordType,
        entityType: entry.auditEntityType,
        title: entry.title,
        purpose: entry.declaration.purpose,
        dataSubjectCategories: entry.declaration.dataSubjectCategories,
        dataCategories: entry.declaration.dataCategories,
        specialCategory: Boolean(entry.declaration.specialCategory),
        criminalOffence: Boolean(entry.declaration.criminalOffence),
        retention: policy ? this.policies.view(policy, entries) : null,
        retentionNote: entry.declaration.retentionNote ?? null,
        recipients: entry.declaration.sharedWithPartners ? shared.recipients : [],
      });
    }
    return {
      libraryServiceId,
      controller: service?.name ?? '',
      generatedAt: new Date(),
      activities,
      recipients: shared.recipients,
      recipientsNote: shared.note,
    };
  }

  /** What the records themselves say: bases and conditions in use, how many, and what looks wrong. */
  private async live(
    entry: CatalogEntry,
    libraryServiceId: string,
  ): Promise<Pick<ProcessingActivity, 'lawfulBasesInUse' | 'specialCategoryConditionsInUse' | 'criminalOffenceConditionsInUse' | 'records' | 'warnings'>> {
    const t = ident(entry.table);
    const scope = entry.hasService ? 'WHERE library_service_id = $1' : 'WHERE TRUE';
    const params = entry.hasService ? [libraryServiceId] : [];
    const [{ n: records }] = await this.db.query(`SELECT count(*)::int AS n FROM ${t} ${scope}`, params);
    const warnings: string[] = [];
    if (!entry.hasLawfulBasis) {
      const declared = entry.declaration.lawfulBases ?? [];
      if (!declared.length) warnings.push('No lawful basis is recorded or declared for these records');
      return {
        lawfulBasesInUse: declared.map((lawfulBasis) => ({ lawfulBasis, records: null })),
        specialCategoryConditionsInUse: [],
        criminalOffenceConditionsInUse: [],
        records,
        warnings,
      };
    }
    const bases: LawfulBasisUse[] = (await this.db.query(`SELECT lawful_basis, count(*)::int AS n FROM ${t} ${scope} GROUP BY 1 ORDER BY 1`, params)).map(
      (r: { lawful_basis: LawfulBasis; n: number }) => ({ lawfulBasis: r.lawful_basis, records: r.n }),
    );
    const distinct = async (column: string) =>
      (await this.db.query(`SELECT DISTINCT ${column} AS c FROM ${t} ${scope} AND ${column} IS NOT NULL ORDER BY 1`, params)).map((r: { c: string }) => r.c);
    const special = await distinct('special_category_condition');
    const criminal = await distinct('criminal_offence_condition');
    const allowed: readonly LawfulBasis[] | undefined = (LAWFUL_BASES as Record<string, readonly LawfulBasis[]>)[entry.recordType];
    for (const use of bases) {
      // A type without an entry in LAWFUL_BASES keeps the one rule that holds for every public task.
      if (allowed ? allowed.includes(use.lawfulBasis) : use.lawfulBasis !== LawfulBasis.LEGITIMATE_INTERESTS) continue;
      warnings.push(
        use.lawfulBasis === LawfulBasis.LEGITIMATE_INTERESTS
          ? `${use.records} records rely on legitimate interests, which a public authority cannot use for its public tasks`
          : `${use.records} records rely on ${use.lawfulBasis}, which ${entry.recordType} records do not allow (${allowed!.join(', ')})`,
      );
    }
    const missing = async (column: string) =>
      (await this.db.query(`SELECT count(*)::int AS n FROM ${t} ${scope} AND ${column} IS NULL`, params))[0].n as number;
    if (entry.declaration.specialCategory) {
      const n = await missing('special_category_condition');
      if (n) warnings.push(`${n} records hold special category data without an Article 9(2) condition`);
    }
    if (entry.declaration.criminalOffence) {
      const n = await missing('criminal_offence_condition');
      if (n) warnings.push(`${n} records hold criminal offence data without an Article 10 condition`);
    }
    return { lawfulBasesInUse: bases, specialCategoryConditionsInUse: special, criminalOffenceConditionsInUse: criminal, records, warnings };
  }
}

export type { ProcessingRecipient };
