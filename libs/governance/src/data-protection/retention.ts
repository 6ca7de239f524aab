import { addYears } from '../../../common/src/index.js';

/**
 * Default retention periods, in years after the date that starts the clock. Pure: unit-tested,
 * and the single place the defaults live (docs/domain.md#retention-defaults lists them in words,
 * and retention.spec.ts checks that it still matches).
 */
export const RETENTION_YEARS = {
  INCIDENT: 6, // after the incident
  BAN: 2, // after the ban ends
  REFERRAL: 6, // after closure
  CONTACT_LOG: 6, // after the contact
  PARTNER_CONTACT: 2, // after the contact details were last confirmed or archived
  AUDIT_EVENT: 7,
  CASE: 6, // after the case is closed (while open: after its latest activity)
  SUBJECT: 6, // after the latest activity recorded about the person
  INTELLIGENCE: 1, // 12 months after the last linked activity, unless renewed
  RIGHTS_REQUEST: 6, // after the decision on a data subject's request
} as const;

export type RetainedRecordType = keyof typeof RETENTION_YEARS;

/**
 * The audit trail is kept at least this long whatever a policy says (the evidence of who saw what,
 * asked for by a complaint or a tribunal years later). The database holds the same floor
 * (audit_retention_floor(), LeastPrivilege migration); this constant only gives the clearer message first.
 */
export const AUDIT_RETENTION_FLOOR_YEARS = 6;

/**
 * `retainUntil` for a record whose retention clock starts at `from`, by the DEFAULT period only.
 * Contexts use retainUntilFor / retentionYearsFor (retain-until-for.ts), which honour the service's policy.
 */
export function retainUntil(type: RetainedRecordType, from: Date): string {
  return addYears(from, RETENTION_YEARS[type]);
}
