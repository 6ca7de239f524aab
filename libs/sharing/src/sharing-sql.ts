import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type ShareRecipient, SqlConditions } from '../../access/src/index.js';
import { SERVICE_TIME_ZONE } from '../../common/src/index.js';

/**
 * Today as the library's staff read it (the UK calendar date): the same "today" as the code
 * (calendarDate()) and the live_case_share view, whatever the server's time zone.
 */
export const TODAY_SQL = `(now() AT TIME ZONE '${SERVICE_TIME_ZONE}')::date`;

/** The status an agreement reads as today, in SQL (see effectiveAgreementStatus). */
export function effectiveAgreementStatusSql(alias: string): string {
  return `(CASE WHEN ${alias}.status IN ('ACTIVE','SUSPENDED') AND ${alias}.ends_on < ${TODAY_SQL} THEN 'EXPIRED' ELSE ${alias}.status END)`;
}

/**
 * `live_case_share` rows addressed to a recipient, as a WHERE fragment on alias `ls`, with its
 * parameter (named `recipientId`, for raw queries with `$n` placeholders use recipientSql).
 */
export function recipientColumn(r: ShareRecipient): { column: string; id: string } {
  return 'organisationId' in r
    ? { column: 'partner_organisation_id', id: r.organisationId }
    : { column: 'recipient_library_service_id', id: r.libraryServiceId };
}

/**
 * Facts in other tables that the sharing rules (libs/access sharing.rules.ts) use as conditions:
 * each becomes an EXISTS subquery in the WHERE of the query the rules are applied to.
 */
export function registerSharingSqlConditions(conditions: SqlConditionRegistrar): void {
  conditions.register(
    'SharedCase',
    'liveShareOrganisationId',
    (a, p) => `EXISTS (SELECT 1 FROM live_case_share ls WHERE ls.case_id = ${a}.id AND ls.partner_organisation_id IN ${p})`,
  );
  conditions.register(
    'SharedCase',
    'liveShareLibraryServiceId',
    (a, p) => `EXISTS (SELECT 1 FROM live_case_share ls WHERE ls.case_id = ${a}.id AND ls.recipient_library_service_id IN ${p})`,
  );
  conditions.register(
    'DataSharingAgreement',
    'partyOrganisationId',
    (a, p) => `EXISTS (SELECT 1 FROM data_sharing_agreement_party dp WHERE dp.agreement_id = ${a}.id AND dp.partner_organisation_id IN ${p})`,
  );
  conditions.register(
    'DataSharingAgreement',
    'partyLibraryServiceId',
    (a, p) => `EXISTS (SELECT 1 FROM data_sharing_agreement_party dp WHERE dp.agreement_id = ${a}.id AND dp.party_library_service_id IN ${p})`,
  );
}

type SqlConditionRegistrar = Pick<SqlConditions, 'register'>;

/** Registers them when the app starts. */
@Injectable()
export class SharingSqlConditions implements OnModuleInit {
  constructor(private readonly conditions: SqlConditions) {}

  onModuleInit(): void {
    registerSharingSqlConditions(this.conditions);
  }
}
