import { addYears, CLOCK_SKEW_MS } from '../../../common/src/index.js';
import { DEFAULT_CRIMINAL_OFFENCE_CONDITION } from '../../../governance/src/index.js';

/**
 * An incident with a police crime reference is criminal offence data (UK GDPR Article 10); it
 * records the council's usual Schedule 1 condition (DEFAULT_CRIMINAL_OFFENCE_CONDITION) unless another is given.
 */
export { DEFAULT_CRIMINAL_OFFENCE_CONDITION };

/** The criminal offence condition to store: the one given, else the default when there is a crime reference. */
export function criminalOffenceConditionFor(crimeReferenceNumber: string | null | undefined, given: string | null | undefined): string | null {
  if (given) return given;
  return crimeReferenceNumber ? DEFAULT_CRIMINAL_OFFENCE_CONDITION : null;
}

/** Problems with an incident's times, for a BAD_USER_INPUT message; empty when fine. */
export function incidentTimeProblems(occurredAt: Date, reportedAt: Date, now: Date = new Date()): string[] {
  const problems: string[] = [];
  const latest = now.getTime() + CLOCK_SKEW_MS;
  if (occurredAt.getTime() > latest) problems.push('occurredAt must not be in the future');
  if (reportedAt.getTime() > latest) problems.push('reportedAt must not be in the future');
  if (reportedAt.getTime() < occurredAt.getTime()) problems.push('reportedAt must be on or after occurredAt (an incident is reported after it happens)');
  return problems;
}

/** When nothing says otherwise, the report is made now, and never before the incident (clock skew). */
export function defaultReportedAt(occurredAt: Date, now: Date = new Date()): Date {
  return occurredAt.getTime() > now.getTime() ? occurredAt : now;
}

/**
 * Incident records are kept `years` after the incident: the service's INCIDENT policy
 * (retentionYearsFor; default 6, docs/domain.md#retention-defaults).
 */
export function incidentRetainUntil(occurredAt: Date, years: number): string {
  return addYears(occurredAt, years);
}
