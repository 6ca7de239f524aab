import type { Family, Gen } from './context.js';
import { PARTNER_KINDS, type ServicePlan } from './plan.js';
import { insertUsers, longAgo } from './tenancy.js';
import { gid, lit, pick, plusYears, ukMoment, utcDate, weighted } from './sql.js';
import { CONTACT_SUMMARIES, FIRST_NAMES, LAST_NAMES } from './words.js';

const JOB_TITLES = ['Duty officer', 'Team leader', 'Safeguarding lead', 'Coordinator', 'Support worker', 'Partnership officer'];
const CONTACT_METHODS = ['EMAIL', 'PHONE', 'PHONE', 'IN_PERSON', 'TEXT_MESSAGE'];

/** Which partner a contact log is with, by PARTNER_KINDS index (1-based in SQL): mostly the police. */
const LOG_PARTNER_WEIGHTS: [number, number][] = [
  [1, 30],
  [2, 8],
  [3, 8],
  [4, 10],
  [5, 8],
  [6, 8],
  [7, 6],
  [8, 6],
  [9, 6],
  [10, 5],
  [11, 2],
  [12, 3],
];

/**
 * Partner organisations (the twelve kinds the demo has, named after the service's place) with one
 * or two contacts each, a partner user for each partner that answers referrals, and contact logs
 * with follow-up actions over the last two years.
 */
export const partners: Family = {
  name: 'partners, contacts and contact logs',
  estimate: (s) => s.newPartners.length * 2.3 + s.newUsers.filter((u) => u.role === 'PARTNER').length + s.contactLogs.count * 1.4,
  async run(g: Gen, s: ServicePlan) {
    const statements: { sql: string; params?: unknown[] }[] = [];
    const created = longAgo(g);
    if (s.newPartners.length) {
      const kinds = s.newPartners.map((p) => PARTNER_KINDS[p]);
      const slug = (p: number) =>
        PARTNER_KINDS[p].name
          .replace('{place}', s.place)
          .toLowerCase()
          .replace(/[^a-z]+/g, '-');
      statements.push({
        sql: `INSERT INTO partner_organisation (id, library_service_id, name, type, relationship, services_offered, areas_covered, phone, email, created_at, updated_at)
              SELECT p.id, $1, p.name, p.type, p.relationship, '{}', ARRAY[$2], '01632 960' || lpad((p.k * 37 % 1000)::text, 3, '0'), p.email, ${created}, ${created}
                FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[]) AS p(id, name, type, relationship, email, k)`,
        params: [
          s.id,
          s.place,
          s.newPartners.map((p) => s.partners[p]),
          kinds.map((k) => k.name.replace('{place}', s.place)),
          kinds.map((k) => k.type),
          kinds.map((k) => k.relationship),
          s.newPartners.map((p) => `enquiries@${slug(p)}.example`),
          s.newPartners.map((p) => s.index * 100 + p),
        ],
      });
    }
    if (s.newContacts.length) {
      const contacts: { id: string; partner: string; name: string; job: string; method: string; k: number }[] = [];
      for (const p of s.newContacts) {
        const count = (s.index + p) % 3 === 0 ? 2 : 1;
        for (let j = 0; j < count; j++) {
          const k = (s.index * 100 + p) * 4 + j;
          contacts.push({
            id: j === 0 ? s.contacts[p] : gid(g.seed, 'partner_contact', k),
            partner: s.partners[p],
            name: `${FIRST_NAMES[(k * 7) % FIRST_NAMES.length]} ${LAST_NAMES[(k * 13) % LAST_NAMES.length]}`,
            job: JOB_TITLES[k % JOB_TITLES.length],
            method: CONTACT_METHODS[k % CONTACT_METHODS.length],
            k,
          });
        }
      }
      // Details confirmed within the last year, kept two years from then (PARTNER_CONTACT).
      const confirmed = ukMoment(`${g.today} - (c.k * 17 % 300) - 1`, '600');
      statements.push({
        sql: `INSERT INTO partner_contact (id, library_service_id, partner_organisation_id, name, job_title, phone, email, preferred_contact, lawful_basis, retain_until, created_at, updated_at)
              SELECT c.id, $1, c.partner, c.name, c.job, '07700 900' || lpad((c.k % 1000)::text, 3, '0'),
                     lower(replace(c.name, ' ', '.')) || '@partner.example', c.method, 'PUBLIC_TASK',
                     ${plusYears(utcDate(confirmed), s.retention.PARTNER_CONTACT)}, ${confirmed}, ${confirmed}
                FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::int[]) AS c(id, partner, name, job, method, k)`,
        params: [s.id, ...(['id', 'partner', 'name', 'job', 'method', 'k'] as const).map((f) => contacts.map((c) => c[f]))],
      });
    }
    const partnerUsers = s.newUsers.filter((u) => u.role === 'PARTNER');
    if (partnerUsers.length) statements.push(insertUsers(g, s, partnerUsers));
    if (statements.length) await g.batch(`${s.code}: partners`, statements);
    await contactLogs(g, s);
  },
};

async function contactLogs(g: Gen, s: ServicePlan): Promise<void> {
  const r = g.rng('contact_log');
  const staff = [...s.managers, ...s.outreach];
  const day = `(${g.today} - (1 + floor(730 * power(${r.u('day')}, 1.1))::int))`;
  const sql = `
    WITH src AS MATERIALIZED (
      SELECT n, ${r.id('contact_log', 'n')} AS id,
             ($2::uuid[])[${weighted(r.u('partner'), LOG_PARTNER_WEIGHTS)}] AS partner,
             CASE WHEN ${r.chance('branch', 0.7)} THEN ($3::uuid[])[1 + floor(power(${r.u('which')}, 1.5) * ${s.branches.length})::int] END AS branch,
             ${ukMoment(day, `540 + floor(${r.u('time')} * 540)`)} AS occurred,
             ${weighted(r.u('channel'), [
               ['MEETING', 20],
               ['PHONE_CALL', 25],
               ['EMAIL', 20],
               ['PATROL_VISIT', 15],
               ['CUPPA_WITH_A_COPPA', 5],
               ['OUTREACH_DAY', 5],
               ['CSP_MEETING', 5],
               ['OTHER', 5],
             ])} AS channel,
             ${pick(r.u('summary'), CONTACT_SUMMARIES)} AS summary,
             ($4::uuid[])[1 + floor(${r.u('by')} * ${staff.length})::int] AS recorded_by,
             ${r.chance('follow', 0.4)} AS has_follow_up,
             7 + floor(${r.u('due')} * 21)::int AS due_in,
             ${r.chance('done', 0.8)} AS done
        FROM generate_series($5::bigint, $6::bigint) n),
    logs AS (
      INSERT INTO contact_log (id, library_service_id, partner_organisation_id, branch_id, occurred_at, channel, summary, attendees, recorded_by_id,
                               lawful_basis, retain_until, created_at, updated_at)
      SELECT id, $1, partner, branch, occurred, channel, summary, CASE WHEN channel IN ('MEETING', 'CSP_MEETING') THEN 'Library manager; partner representatives' END,
             recorded_by, 'PUBLIC_TASK', ${plusYears(utcDate('occurred'), s.retention.CONTACT_LOG)}, occurred + interval '1 hour', occurred + interval '1 hour'
        FROM src RETURNING 1),
    follow_ups AS (
      INSERT INTO follow_up_action (id, library_service_id, contact_log_id, description, owner_id, due_on, completed_at, completed_by_id, created_at, updated_at)
      SELECT ${r.id('follow_up_action', 'n')}, $1, id, ${lit('Send the partner the details agreed and confirm the next date')}, recorded_by,
             (occurred AT TIME ZONE 'UTC')::date + due_in,
             CASE WHEN done AND (occurred AT TIME ZONE 'UTC')::date + due_in < ${g.today} - 3 THEN ${ukMoment(`(occurred AT TIME ZONE 'UTC')::date + due_in - 1`, '180')} END,
             CASE WHEN done AND (occurred AT TIME ZONE 'UTC')::date + due_in < ${g.today} - 3 THEN recorded_by END,
             occurred + interval '1 hour', occurred + interval '1 hour'
        FROM src WHERE has_follow_up RETURNING 1)
    SELECT (SELECT count(*) FROM logs) + (SELECT count(*) FROM follow_ups) AS rows`;
  const hi = s.contactLogs.lo + s.contactLogs.count - 1;
  await g.batch(`${s.code}: contact logs`, [{ sql, params: [s.id, s.partners, s.branches, staff, s.contactLogs.lo, hi] }]);
}
