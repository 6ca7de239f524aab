import type { EntityManager } from 'typeorm';
import { AuditAction, type AuditActor, auditRowsFrom, RETENTION_YEARS } from '../../../governance/src/index.js';
import { Incident } from './incident.entity.js';

/**
 * A new incident in one statement (recordIncident is the desk's hot write): an INSERT … SELECT
 * that writes it only if its branch is one of its library service's, takes its keep-until date
 * from the service's INCIDENT policy (or the default) as addYears counts it (the UTC date of
 * occurredAt plus the years; 29 February rolls to 1 March), and, for a historic incident not on
 * legal hold, only if that date is not already before `today`. It replaces a branch query and a
 * policy query before the insert. The values are the entity's, by its column metadata, read as a
 * row of the table (jsonb_populate_record), so each takes its column's type. On success the entity
 * gets what the database gave it (id, version, timestamps, keep-until date); null when a condition
 * failed and nothing was written: the caller's checks then say which. With `audit`, its CREATE
 * audit row is written by the same statement (a data-modifying WITH), so the one statement is the
 * whole write, atomic without a transaction around it.
 */
export async function insertIncident(m: EntityManager, incident: Incident, today: string, audit?: AuditActor): Promise<Incident | null> {
  const meta = m.getRepository(Incident).metadata;
  const generated = meta.columns.filter((c) => c.isGenerated || c.isCreateDate || c.isUpdateDate || c.isVersion);
  const given = meta.columns.filter((c) => !generated.includes(c) && c.databaseName !== RETAIN_UNTIL && c.getEntityValue(incident) !== undefined);
  const names = given.map((c) => `"${c.databaseName}"`);
  const d = incident.occurredAt;
  const insert = `INSERT INTO incident (${names.join(', ')}, ${RETAIN_UNTIL})
     SELECT ${names.map((n) => `r.${n}`).join(', ')}, k.retain_until
       FROM jsonb_populate_record(NULL::incident, $1::jsonb) r
       JOIN branch b ON b.id = r.branch_id AND b.library_service_id = r.library_service_id
       CROSS JOIN LATERAL (
         SELECT make_date($2::int + coalesce((SELECT p.retain_years FROM retention_policy p WHERE p.library_service_id = r.library_service_id AND p.record_type = 'INCIDENT'), $5::int),
                          $3::int, 1) + ($4::int - 1) AS retain_until) k
      WHERE NOT (coalesce(r.historic, false) AND NOT coalesce(r.legal_hold, false) AND k.retain_until < $6::date)
     RETURNING ${generated.map((c) => `"${c.databaseName}"`).join(', ')}, library_service_id, ${RETAIN_UNTIL}::text AS ${RETAIN_UNTIL}`;
  const params: unknown[] = [
    JSON.stringify(Object.fromEntries(given.map((c) => [c.databaseName, c.getEntityValue(incident)]))),
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    RETENTION_YEARS.INCIDENT,
    today,
  ];
  let sql = insert;
  if (audit) {
    const row = auditRowsFrom('inc', audit, AuditAction.CREATE, 'Incident', params.length + 1);
    sql = `WITH inc AS (${insert}), audit AS (${row.sql}) SELECT * FROM inc`;
    params.push(...row.params);
  }
  const rows: Record<string, unknown>[] = await m.query(sql, params);
  const [row] = rows;
  if (!row) return null;
  for (const c of generated) c.setEntityValue(incident, m.connection.driver.prepareHydratedValue(row[c.databaseName], c));
  incident.dataProtection.retainUntil = String(row[RETAIN_UNTIL]);
  return incident;
}

const RETAIN_UNTIL = 'retain_until';
