import type { Family, Gen } from './context.js';
import type { ServicePlan } from './plan.js';
import { lit, plusYears, ukMoment, utcDate, weighted } from './sql.js';

/**
 * Rights requests the DPO logged, one for about every 500 people (the last people of a service,
 * who have no case, so nothing shared is about them): access requests answered, rectification and
 * erasure requests waiting or refused, restriction requests granted (the person's records then
 * drop out of every list but the DPO's), some lifted since.
 */
export const rights: Family = {
  name: 'rights requests and restrictions',
  estimate: (s) => s.rights.count * 1.2,
  async run(g: Gen, s: ServicePlan) {
    if (!s.rights.count || !s.people.count) return;
    const r = g.rng('rights_request');
    const sql = `
      WITH base AS MATERIALIZED (
        SELECT n, n - ${s.rights.lo} AS t, ${r.id('rights_request', 'n')} AS id, ${g.today} - (2 + floor(${r.u('received')} * 300)::int) AS received,
               ${weighted(r.u('type'), [
                 ['ACCESS', 45],
                 ['RECTIFICATION', 20],
                 ['ERASURE', 15],
                 ['RESTRICTION', 20],
               ])} AS type, ${r.u('decision')} AS d
          FROM generate_series($2::bigint, $3::bigint) n),
      src AS MATERIALIZED (
        SELECT b.*, ${r.id('subject', `${s.people.lo + s.people.count - 1} - (t % ${s.people.count})`)} AS subject,
               CASE WHEN received >= ${g.today} - 11 THEN 'RECEIVED'
                    WHEN type = 'ACCESS' THEN CASE WHEN d < 0.7 THEN 'GRANTED' ELSE 'RECEIVED' END
                    WHEN type = 'RESTRICTION' THEN CASE WHEN d < 0.6 THEN 'GRANTED' WHEN d < 0.8 THEN 'RECEIVED' ELSE 'REFUSED' END
                    ELSE CASE WHEN d < 0.5 THEN 'RECEIVED' ELSE 'REFUSED' END END AS status
          FROM base b),
      dated AS MATERIALIZED (
        SELECT src.*, ${ukMoment('received', '600')} AS created, CASE WHEN status <> 'RECEIVED' THEN ${ukMoment('received + 10', '840')} END AS decided
          FROM src),
      requests AS (
        INSERT INTO rights_request (id, library_service_id, subject_id, type, received_on, due_on, details, status, decision_reason, refusal_ground,
                                    logged_by_id, decided_by_id, decided_at, lawful_basis, retain_until, created_at, updated_at)
        SELECT id, $1, subject, type, received, (received + interval '1 month')::date,
               CASE type WHEN 'ACCESS' THEN ${lit('Asked at the desk for a copy of everything the library holds about them.')}
                         WHEN 'RECTIFICATION' THEN ${lit('Says the date of an incident is wrong.')}
                         WHEN 'ERASURE' THEN ${lit('Wants their records deleted now that the ban has ended.')}
                         ELSE ${lit('Disputes what the incident reports say and asks that their records are not used meanwhile.')} END,
               status,
               CASE WHEN status = 'REFUSED' THEN ${lit('The records are still needed: the retention period has not passed.')} END,
               CASE WHEN status = 'REFUSED' THEN 'RETENTION_DUTY' END,
               $4, CASE WHEN decided IS NOT NULL THEN $4::uuid END, decided,
               'LEGAL_OBLIGATION', ${plusYears(utcDate('coalesce(decided, created)'), s.retention.RIGHTS_REQUEST)}, created, coalesce(decided, created)
          FROM dated RETURNING 1),
      restrictions AS (
        INSERT INTO subject_restriction (id, library_service_id, subject_id, rights_request_id, reason, restricted_by_id, restricted_at, lifted_at, lifted_by_id, lift_reason)
        SELECT ${r.id('subject_restriction', 'n')}, $1, subject, id, ${lit('The accuracy of the records is contested (UK GDPR Article 18(1)(a)).')}, $4, decided,
               CASE WHEN lifted THEN decided + interval '30 days' END, CASE WHEN lifted THEN $4::uuid END,
               CASE WHEN lifted THEN ${lit('The records were checked and found accurate.')} END
          FROM dated, LATERAL (SELECT received < ${g.today} - 45 AND ${r.chance('lifted', 0.3)} AS lifted) l
         WHERE type = 'RESTRICTION' AND status = 'GRANTED'
        RETURNING 1)
      SELECT (SELECT count(*) FROM requests) + (SELECT count(*) FROM restrictions) AS rows`;
    const hi = s.rights.lo + s.rights.count - 1;
    await g.batch(`${s.code}: rights requests`, [{ sql, params: [s.id, s.rights.lo, hi, s.dpo] }]);
  },
};
