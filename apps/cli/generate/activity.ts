import type { Family, Gen } from './context.js';
import type { ServicePlan } from './plan.js';
import { plusYears, utcDate } from './sql.js';

/**
 * Last, a person's record takes the dates of what was recorded about them: created by their first
 * incident at the latest, last active at their latest incident, case, referral or ban. That is the
 * clock of their retention (SUBJECT, from the latest activity), so their keep-until date follows.
 * Only generated people: the demo story's keep their own dates.
 */
export const activity: Family = {
  name: 'people’s latest activity',
  estimate: (s) => s.people.count,
  async run(g: Gen, s: ServicePlan) {
    if (!s.people.count) return;
    await g.batch(`${s.code}: people’s latest activity`, [
      {
        sql: `
          UPDATE subject s SET created_at = least(s.created_at, a.first), updated_at = greatest(s.updated_at, a.last),
                 retain_until = ${plusYears(utcDate('greatest(s.updated_at, a.last)'), s.retention.SUBJECT)}
            FROM (SELECT subject_id, min(began) AS first, max(ended) AS last FROM (
                    SELECT isub.subject_id, i.occurred_at AS began, i.occurred_at AS ended
                      FROM incident_subject isub JOIN incident i ON i.id = isub.incident_id WHERE isub.library_service_id = $1
                    UNION ALL SELECT subject_id, opened_at, updated_at FROM case_file WHERE library_service_id = $1
                    UNION ALL SELECT subject_id, created_at, updated_at FROM referral WHERE library_service_id = $1
                    UNION ALL SELECT subject_id, proposed_at, updated_at FROM ban WHERE library_service_id = $1) x GROUP BY subject_id) a
           WHERE s.id = a.subject_id AND s.library_service_id = $1 AND (a.first < s.created_at OR a.last > s.updated_at)
             AND s.id IN (SELECT ${g.rng('subject').id('subject', 'n')} FROM generate_series($2::bigint, $3::bigint) n)`,
        params: [s.id, s.people.lo, s.people.lo + s.people.count - 1],
      },
    ]);
  },
};
