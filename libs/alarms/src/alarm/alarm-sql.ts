import { Injectable, type OnModuleInit } from '@nestjs/common';
import { SqlConditions } from '../../../access/src/index.js';
import { SERVICE_TIME_ZONE } from '../../../common/src/index.js';

/**
 * `alertPartnerOrganisationId` (alarms.rules.ts): an agreement of the alarm's service names the
 * organisation as a party and the alarm's branch in `alert_branch_ids`, covers INCIDENTS (an alarm is
 * the first record of one), and data may flow under it
 * today (ACTIVE, started, not ended: the same rule as the live_case_share view). Decided at read
 * time, so suspending or ending the agreement stops the alarms at once.
 */
export function alertPartnerSql(a: string, p: string): string {
  return `EXISTS (SELECT 1 FROM data_sharing_agreement ad JOIN data_sharing_agreement_party adp ON adp.agreement_id = ad.id
    WHERE ad.library_service_id = ${a}.library_service_id AND ${a}.branch_id = ANY (ad.alert_branch_ids)
      AND adp.partner_organisation_id IN ${p} AND ad.status = 'ACTIVE' AND 'INCIDENTS' = ANY (ad.categories)
      AND ad.starts_on <= (now() AT TIME ZONE '${SERVICE_TIME_ZONE}')::date
      AND (ad.ends_on IS NULL OR ad.ends_on >= (now() AT TIME ZONE '${SERVICE_TIME_ZONE}')::date))`;
}

@Injectable()
export class AlarmSqlConditions implements OnModuleInit {
  constructor(private readonly conditions: SqlConditions) {}

  onModuleInit(): void {
    this.conditions.register('Alarm', 'alertPartnerOrganisationId', alertPartnerSql);
  }
}
