import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AccessScopes, type Actor } from '../../../access/src/index.js';
import { IncidentCategory } from '../../../cases/src/index.js';
import { AccessDeniedError, APP_CONFIG, type AppConfig, BadInputError, calendarDate, NotFoundError } from '../../../common/src/index.js';
import { ReportAccess, scopedRows, shiftParams } from '../report-access.js';
import { ReportAudit } from '../report-audit.js';
import { checkPeriod, words } from '../report-period.js';
import type { AnonymisedSummary, AnonymisedSummaryInput, SuppressedCount } from './anonymised-summary.types.js';
import { suppress } from './suppression.js';

/** The partners a summary may be for: the community safety partnership and the council. */
const RECIPIENT_TYPES = ['COMMUNITY_SAFETY_PARTNERSHIP', 'COUNCIL_TEAM'];
const CATEGORIES = Object.values(IncidentCategory);

const count = (value: number | null): SuppressedCount => ({ value, display: value === null ? 'suppressed' : String(value) });

/**
 * A manager's summary of incidents for the community safety partnership or the council, under an
 * agreement in force with it: counts by category and branch only, small numbers suppressed
 * (suppression.ts), the threshold REPORT_SUPPRESSION_THRESHOLD. Audited as an EXPORT of the agreement.
 */
@Injectable()
export class AnonymisedSummaryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ReportAccess,
    private readonly audit: ReportAudit,
    private readonly scopes: AccessScopes,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'REPORT_SUPPRESSION_THRESHOLD'>,
  ) {}

  async summary(actor: Actor, input: AnonymisedSummaryInput): Promise<AnonymisedSummary> {
    const serviceId = await this.access.check(actor, 'share', input.branchIds);
    checkPeriod(input);
    const [agreement] = await this.db.query(
      `SELECT a.id, a.status = 'ACTIVE' AND a.starts_on <= $3::date AND (a.ends_on IS NULL OR a.ends_on >= $3::date) AS in_force,
          EXISTS (SELECT 1 FROM data_sharing_agreement_party p JOIN partner_organisation o ON o.id = p.partner_organisation_id
            WHERE p.agreement_id = a.id AND o.id = $4 AND o.type = ANY($5::text[])) AS with_recipient
        FROM data_sharing_agreement a WHERE a.id = $1 AND a.library_service_id = $2`,
      [input.agreementId, serviceId, calendarDate(), input.partnerOrganisationId, RECIPIENT_TYPES],
    );
    if (!agreement) throw new NotFoundError('DataSharingAgreement', input.agreementId);
    if (!agreement.in_force)
      throw new BadInputError('The agreement is not in force (ACTIVE, started and not ended): a summary goes only under one that is', { field: 'agreementId' });
    if (!agreement.with_recipient) {
      throw new BadInputError('The partner is not a community safety partnership or council team that is a party to the agreement', {
        field: 'partnerOrganisationId',
      });
    }
    const threshold = this.config.REPORT_SUPPRESSION_THRESHOLD;
    const branches: { id: string; name: string }[] = await this.db.query(`SELECT id, name FROM branch WHERE id = ANY($1::uuid[]) AND library_service_id = $2`, [
      input.branchIds,
      serviceId,
    ]);
    const names = new Map(branches.map((b) => [b.id, b.name]));
    const readable = await scopedRows(this.scopes, actor, 'Incident', 'Incident', ['library_service_id', 'branch_id', 'occurred_at', 'category']);
    if (!readable) throw new AccessDeniedError('You may read no incidents, so no summary of them');
    const counts: { branch_id: string; category: IncidentCategory; n: number }[] = await this.db.query(
      `WITH i AS (${readable.sql}) SELECT i.branch_id, i.category, count(*)::int AS n FROM i
        WHERE ${shiftParams('i.library_service_id = $1 AND i.occurred_at >= $2 AND i.occurred_at < $3 AND i.branch_id = ANY($4::uuid[])', readable.params.length)}
        GROUP BY i.branch_id, i.category`,
      [...readable.params, serviceId, input.from, input.to, input.branchIds],
    );
    const values = CATEGORIES.map((category) => input.branchIds.map((b) => counts.find((c) => c.branch_id === b && c.category === category)?.n ?? 0));
    const table = suppress(values, threshold);
    await this.audit.exported(
      actor,
      'DataSharingAgreement',
      input.agreementId,
      `Anonymised incident summary for partner ${input.partnerOrganisationId} (${input.from.toISOString()} to ${input.to.toISOString()}, ${input.branchIds.length} branches)`,
    );
    return {
      agreementId: input.agreementId,
      partnerOrganisationId: input.partnerOrganisationId,
      from: input.from,
      to: input.to,
      threshold,
      branches: input.branchIds.map((id) => ({ branchId: id, name: names.get(id) ?? id })),
      rows: CATEGORIES.map((category, r) => ({
        category,
        label: words(category),
        cells: table.cells[r]!.map(count),
        total: count(table.rowTotals[r]!),
      })),
      branchTotals: table.columnTotals.map(count),
      total: count(table.total),
      note: `Counts from 1 to ${threshold - 1} (fewer than ${threshold}) are suppressed, and so are some others, so that no total gives a suppressed count back; every suppressed number reads the same.`,
    };
  }
}
