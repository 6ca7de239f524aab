import { type Family, type Gen, chunks } from './context.js';
import { SAFEGUARDING_CONDITION } from './people.js';
import type { ServicePlan } from './plan.js';
import { BATCH_ROWS } from './scales.js';
import { lit, pick, plusYears, ukMoment, utcDate, weighted } from './sql.js';
import { REFERRAL_MESSAGES, REFERRAL_REASONS } from './words.js';

/** The main need, and the partner (PARTNER_KINDS index, 1-based) a library refers it to. */
const NEEDS: [string, number, number][] = [
  ['HOUSING', 22, 9],
  ['MENTAL_HEALTH', 18, 8],
  ['FOOD', 14, 7],
  ['ADDICTION', 10, 10],
  ['FINANCIAL', 8, 7],
  ['EMPLOYMENT', 7, 10],
  ['YOUTH_SUPPORT', 8, 2],
  ['FAMILY_SUPPORT', 6, 10],
  ['PHYSICAL_HEALTH', 3, 10],
  ['LEGAL', 2, 7],
  ['OTHER', 2, 1],
];
const HEALTH_NEEDS = `ARRAY['MENTAL_HEALTH','ADDICTION','PHYSICAL_HEALTH']`;

/**
 * Referrals in every status of the flow (draft, sent, accepted, declined, withdrawn, in progress,
 * closed with an outcome), each with its transitions (who moved it, when) and, once answered, the
 * messages between the library and the partner. The partner answering is the partner user of the
 * organisation the need goes to. What sending requires holds for every one that was sent: a
 * contact route, consent recorded or another lawful basis with its justification, the special
 * category condition for a health need.
 */
export const referrals: Family = {
  name: 'referrals',
  estimate: (s) => s.referrals.count * 5.8,
  async run(g: Gen, s: ServicePlan) {
    const r = g.rng('referral');
    const referrers = [...s.outreach, ...s.managers];
    const np = s.people.count;
    const partnerOf = `(CASE need ${NEEDS.map(([need, , p]) => `WHEN ${lit(need)} THEN ${p}`).join(' ')} END)`;
    const days = (salt: string, from: number, spread: number) => `(${from} + ${spread} * ${r.u(salt)}) * age * interval '1 day'`;
    for (const [lo, hi] of chunks(s.referrals, BATCH_ROWS / 2)) {
      const sql = `
        WITH base AS MATERIALIZED (
          SELECT n, ${r.id('referral', 'n')} AS id, need, status, ${partnerOf} AS p,
                 1 + floor(${r.u('referrer')} * ${referrers.length})::int AS ri,
                 CASE WHEN status IN ('DRAFT','SENT') THEN 1 + floor(20 * ${r.u('age')})::int ELSE 10 + floor(690 * ${r.u('age')})::int END AS age,
                 ${weighted(r.u('consent'), [
                   ['GIVEN', 75],
                   ['REFUSED', 5],
                   ['NOT_ASKED', 10],
                   ['NOT_POSSIBLE', 10],
                 ])} AS consent
            FROM generate_series($2::bigint, $3::bigint) n,
                 LATERAL (SELECT ${weighted(
                   r.u('need'),
                   NEEDS.map(([need, w]) => [need, w]),
                 )} AS need,
                                 ${weighted(r.u('status'), [
                                   ['DRAFT', 8],
                                   ['SENT', 12],
                                   ['ACCEPTED', 8],
                                   ['DECLINED', 10],
                                   ['WITHDRAWN', 5],
                                   ['IN_PROGRESS', 20],
                                   ['CLOSED', 37],
                                 ])} AS status) x),
        timed AS MATERIALIZED (
          SELECT b.*, created, sent, answered, started, started + ${days('closed', 0.1, 0.5)} AS closing
            FROM base b,
                 LATERAL (SELECT ${ukMoment(`${g.today} - b.age`, `540 + floor(${r.u('time')} * 480)`)} AS created) c,
                 LATERAL (SELECT created + ${days('sent', 0.02, 0.03)} AS sent) s,
                 LATERAL (SELECT sent + ${days('answered', 0.02, 0.08)} AS answered) a,
                 LATERAL (SELECT answered + ${days('started', 0.02, 0.08)} AS started) t),
        src AS MATERIALIZED (
          SELECT t.id, t.n, t.need, t.status, t.consent, t.created,
                 ($4::uuid[])[t.p] AS partner, ($5::uuid[])[t.p] AS partner_user, ($6::uuid[])[t.p] AS contact,
                 ($7::uuid[])[t.ri] AS referrer, CASE WHEN t.ri <= ${s.outreach.length} THEN 'OUTREACH_WORKER' ELSE 'MANAGER' END AS referrer_role,
                 CASE WHEN t.status <> 'DRAFT' THEN t.sent END AS sent_at,
                 CASE WHEN t.status IN ('ACCEPTED','IN_PROGRESS','CLOSED') THEN t.answered END AS accepted_at,
                 CASE WHEN t.status = 'DECLINED' THEN t.answered END AS declined_at,
                 CASE WHEN t.status = 'WITHDRAWN' THEN t.answered END AS withdrawn_at,
                 CASE WHEN t.status IN ('IN_PROGRESS','CLOSED') THEN t.started END AS started_at,
                 CASE WHEN t.status = 'CLOSED' THEN t.closing END AS closed_at,
                 CASE WHEN ${r.chance('second_need', 0.25)} THEN ${weighted(
                   r.u('second'),
                   NEEDS.map(([need, w]) => [need, w]),
                 )} END AS second_need
            FROM timed t),
        dated AS MATERIALIZED (
          SELECT src.*, greatest(created, sent_at, accepted_at, declined_at, withdrawn_at, started_at, closed_at) AS last_move,
                 ${plusYears(utcDate('coalesce(closed_at, withdrawn_at, declined_at, created)'), s.retention.REFERRAL)} AS retain,
                 CASE WHEN second_need IS NOT NULL AND second_need <> need THEN ARRAY[need, second_need] ELSE ARRAY[need] END AS needs
            FROM src),
        referrals AS (
          INSERT INTO referral (id, library_service_id, subject_id, referred_by_id, partner_organisation_id, partner_contact_id, needs, reason, urgency,
                                contact_route, consent, consent_recorded_at, consent_method, lawful_basis_justification, status, outcome, outcome_notes,
                                decline_reason, decline_details, withdrawal_reason, sent_at, accepted_at, declined_at, withdrawn_at, started_at, closed_at,
                                lawful_basis, special_category_condition, retain_until, created_at, updated_at)
          SELECT id, $1, ${r.id('subject', `${s.people.lo} + floor(${np} * power(${r.u('who')}, 2))::bigint`)}, referrer, partner,
                 CASE WHEN ${r.chance('contact', 0.7)} THEN contact END, needs, ${pick(r.u('reason'), REFERRAL_REASONS)},
                 ${weighted(r.u('urgency'), [
                   ['ROUTINE', 60],
                   ['SOON', 30],
                   ['URGENT', 10],
                 ])},
                 CASE WHEN status <> 'DRAFT' OR ${r.chance('route', 0.6)} THEN ${pick(r.u('route'), [
                   'Phone, after 10am',
                   'Through the outreach worker at the library',
                   'At the Tuesday drop-in at the branch',
                   'Email through their support worker',
                 ])} END,
                 consent, CASE WHEN consent IN ('GIVEN','REFUSED') THEN created END,
                 CASE WHEN consent IN ('GIVEN','REFUSED') THEN ${pick(r.u('method'), ['Verbally, at the library', 'Signed consent form'])} END,
                 CASE WHEN consent <> 'GIVEN' THEN ${lit('Consent could not be relied on; the person needed help quickly and the referral is part of our public task.')} END,
                 status,
                 CASE WHEN status = 'CLOSED' THEN ${weighted(r.u('outcome'), [
                   ['NEEDS_MET', 40],
                   ['PARTLY_MET', 25],
                   ['NOT_MET', 10],
                   ['DISENGAGED', 15],
                   ['REFERRED_ON', 10],
                 ])} END,
                 CASE WHEN status = 'CLOSED' THEN ${lit('Closed after the support plan ended.')} END,
                 CASE WHEN status = 'DECLINED' THEN ${weighted(r.u('decline'), [
                   ['NOT_ELIGIBLE', 25],
                   ['NO_CAPACITY', 20],
                   ['OUTSIDE_AREA', 15],
                   ['ALREADY_SUPPORTED', 15],
                   ['UNABLE_TO_CONTACT', 15],
                   ['PERSON_DECLINED', 5],
                   ['OTHER', 5],
                 ])} END,
                 CASE WHEN status = 'DECLINED' THEN ${lit('Explained to the outreach worker by phone.')} END,
                 CASE WHEN status = 'WITHDRAWN' THEN ${lit('The person found support elsewhere.')} END,
                 sent_at, accepted_at, declined_at, withdrawn_at, started_at, closed_at,
                 CASE WHEN consent = 'GIVEN' THEN ${weighted(r.u('basis'), [
                   ['CONSENT', 50],
                   ['PUBLIC_TASK', 50],
                 ])} ELSE ${weighted(r.u('basis'), [
                   ['PUBLIC_TASK', 85],
                   ['VITAL_INTERESTS', 15],
                 ])} END,
                 CASE WHEN needs && ${HEALTH_NEEDS} THEN ${lit(SAFEGUARDING_CONDITION)} END,
                 retain, created, last_move
            FROM dated RETURNING 1),
        transitions AS (
          INSERT INTO referral_transition (id, library_service_id, referral_id, from_status, to_status, actor_id, actor_role, at)
          SELECT ${r.id('referral_transition', 'd.n * 8 + m.step')}, $1, d.id, m.from_status, m.to_status, m.actor, m.role, m.at
            FROM dated d CROSS JOIN LATERAL (VALUES
                   (1, NULL, 'DRAFT', d.created, d.referrer, d.referrer_role),
                   (2, 'DRAFT', 'SENT', d.sent_at, d.referrer, d.referrer_role),
                   (3, 'SENT', 'ACCEPTED', d.accepted_at, d.partner_user, 'PARTNER'),
                   (4, 'SENT', 'DECLINED', d.declined_at, d.partner_user, 'PARTNER'),
                   (5, 'SENT', 'WITHDRAWN', d.withdrawn_at, d.referrer, d.referrer_role),
                   (6, 'ACCEPTED', 'IN_PROGRESS', d.started_at, d.partner_user, 'PARTNER'),
                   (7, 'IN_PROGRESS', 'CLOSED', d.closed_at, d.partner_user, 'PARTNER')) AS m(step, from_status, to_status, at, actor, role)
           WHERE m.at IS NOT NULL
          RETURNING 1),
        updates AS (
          INSERT INTO referral_update (id, library_service_id, referral_id, partner_organisation_id, author_id, author_role, body, lawful_basis, retain_until, created_at)
          SELECT ${r.id('referral_update', 'd.n * 4 + j')}, $1, d.id, d.partner,
                 CASE WHEN j % 2 = 1 THEN d.partner_user ELSE d.referrer END, CASE WHEN j % 2 = 1 THEN 'PARTNER' ELSE d.referrer_role END,
                 ${pick(r.u('message', 'd.n * 4 + j'), REFERRAL_MESSAGES)}, 'PUBLIC_TASK', d.retain,
                 d.sent_at + (j::float8 / 4) * (d.last_move - d.sent_at)
            FROM dated d, generate_series(1, CASE WHEN d.status IN ('ACCEPTED','IN_PROGRESS','CLOSED') THEN floor(${r.u('messages', 'd.n')} * 4)::int ELSE 0 END) j
          RETURNING 1)
        SELECT (SELECT count(*) FROM referrals) + (SELECT count(*) FROM transitions) + (SELECT count(*) FROM updates) AS rows`;
      await g.batch(`${s.code}: referrals`, [{ sql, params: [s.id, lo, hi, s.partners, s.partnerUsers, s.contacts, referrers] }]);
    }
  },
};
