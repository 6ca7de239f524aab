import { auditIdentity, type Handler, unsupported } from './context.js';
import { auditInsert, BadRequest, iso, Params } from './sql.js';

/** RETENTION_YEARS.INCIDENT (libs/governance retention.ts): the period when the service has no INCIDENT policy. */
const DEFAULT_INCIDENT_YEARS = 6;
/** CLOCK_SKEW_MS (libs/common validation.ts). */
const CLOCK_SKEW_MS = 2 * 60_000;
const CATEGORIES = [
  'VERBAL_ABUSE',
  'THREATENING_BEHAVIOUR',
  'VIOLENCE',
  'ANTISOCIAL_BEHAVIOUR',
  'DAMAGE',
  'THEFT',
  'DRUGS_OR_ALCOHOL',
  'HARASSMENT',
  'SOCIAL_MEDIA_AUDITOR',
  'OTHER',
];
const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ANSWERED = ['branchId', 'occurredAt', 'category', 'description', 'reportedAt', 'severity', 'locationInBuilding', 'actionsTaken', 'reportedToPolice'];

const text = (value: unknown, max: number): string | null => {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.trim().length > max) throw new BadRequest(`text of at most ${max} characters expected`);
  return value.trim();
};

/**
 * `recordIncident` with what a desk records (when, where, what kind, what happened, and the
 * optional severity, place, actions and police report), as IncidentService.record checks and
 * writes it, in one statement: the branch must be the reader's service's (and, for staff, one of
 * theirs), the retention date is the incident's date plus the service's INCIDENT period (as
 * addYears counts it: 29 February rolls to 1 March), the incident and its CREATE audit row are
 * written together. Staff, people and evidence lists are not answered here.
 */
export const recordIncident: Handler = async (ctx, v) => {
  const input = (v.input ?? {}) as Record<string, unknown>;
  for (const k of Object.keys(input)) if (!ANSWERED.includes(k) && input[k] !== undefined && input[k] !== null) unsupported(`recordIncident with ${k}`);
  const p = ctx.principal;
  const branchId = String(input.branchId ?? '');
  if (!UUID.test(branchId)) throw new BadRequest('branchId must be a UUID');
  const allowed = p.role === 'MANAGER' || p.role === 'OUTREACH_WORKER' || (p.role === 'STAFF' && p.branchIds.includes(branchId));
  if (!allowed) throw new BadRequest('You may not record an incident at this branch (staff record incidents at their own branches)', 'FORBIDDEN');
  if (!CATEGORIES.includes(String(input.category))) throw new BadRequest(`category must be one of ${CATEGORIES.join(', ')}`);
  if (input.severity != null && !SEVERITIES.includes(String(input.severity))) throw new BadRequest('severity must be one of LOW, MEDIUM, HIGH, CRITICAL');
  const description = text(input.description, 20000);
  if (!description) throw new BadRequest('description must not be empty');
  const occurredAt = new Date(String(input.occurredAt));
  if (Number.isNaN(occurredAt.getTime())) throw new BadRequest('occurredAt must be a date-time');
  const now = Date.now();
  const reportedAt = input.reportedAt ? new Date(String(input.reportedAt)) : new Date(Math.max(occurredAt.getTime(), now));
  if (occurredAt.getTime() > now + CLOCK_SKEW_MS || reportedAt.getTime() > now + CLOCK_SKEW_MS)
    throw new BadRequest('occurredAt and reportedAt must not be in the future');
  if (reportedAt < occurredAt) throw new BadRequest('reportedAt must be on or after occurredAt (an incident is reported after it happens)');

  const q = new Params();
  const service = q.add(p.libraryServiceId, 'uuid');
  const occurred = q.add(occurredAt, 'timestamptz');
  const day = `(${occurred} AT TIME ZONE 'UTC')::date`;
  const years = `coalesce((SELECT rp.retain_years FROM retention_policy rp WHERE rp.library_service_id = ${service} AND rp.record_type = 'INCIDENT'), ${DEFAULT_INCIDENT_YEARS})`;
  const sql = `
    WITH inc AS (
      INSERT INTO incident (library_service_id, branch_id, occurred_at, reported_at, location_in_building, category, severity, description, actions_taken,
                            reported_to_police, recorded_by_id, lawful_basis, retain_until)
      SELECT ${service}, b.id, ${occurred}, ${q.add(reportedAt, 'timestamptz')}, ${q.add(text(input.locationInBuilding, 500), 'text')},
             ${q.add(input.category, 'text')}, ${q.add(input.severity ?? null, 'text')}, ${q.add(description, 'text')}, ${q.add(text(input.actionsTaken, 10000), 'text')},
             ${q.add(input.reportedToPolice === true, 'boolean')}, ${q.add(p.id, 'uuid')}, 'PUBLIC_TASK',
             make_date(extract(year FROM ${day})::int + ${years}, extract(month FROM ${day})::int, 1) + (extract(day FROM ${day})::int - 1)
        FROM branch b WHERE b.id = ${q.add(branchId, 'uuid')} AND b.library_service_id = ${service}
      RETURNING id, library_service_id, version, occurred_at, reported_at, category, branch_id, description),
    audit AS (${auditInsert(q, auditIdentity(ctx), 'CREATE', `SELECT 'Incident' AS t, id::text AS id, library_service_id AS svc FROM inc`)})
    SELECT (SELECT json_build_object('data', json_build_object('recordIncident', json_build_object(
             'id', i.id, 'version', i.version, 'occurredAt', ${iso('i.occurred_at')}, 'reportedAt', ${iso('i.reported_at')}, 'category', i.category,
             'branchId', i.branch_id, 'description', i.description)))::text FROM inc i) AS body`;
  const { rows } = await ctx.pool.query(sql, q.values);
  if (!rows[0].body) throw new BadRequest(`branchId ${branchId} is not a branch of your library service`);
  return rows[0].body;
};
