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
 * `retainUntil` for a record whose retention clock starts at `from`, by the DEFAULT period only.
 * Contexts use retainUntilFor / retentionYearsFor (retain-until-for.ts), which honour the service's policy.
 */
export function retainUntil(type: RetainedRecordType, from: Date): string {
  return addYears(from, RETENTION_YEARS[type]);
}
