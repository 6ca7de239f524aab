import { caseOpened } from './cases.js';
import type { Family, Gen } from './context.js';
import { SAFEGUARDING_CONDITION } from './people.js';
import { POLICE, type ServicePlan } from './plan.js';
import { gid, lit, pick, plusYears, ukMoment, utcDate, weighted } from './sql.js';
import { INTELLIGENCE_BODIES, WARNINGS } from './words.js';

const ALL_CATEGORIES = ['IDENTITY', 'CONTACT', 'INCIDENTS', 'BANS', 'REFERRALS', 'INTELLIGENCE', 'SPECIAL_CATEGORY', 'CRIMINAL_OFFENCE'];
/** The chance a police share includes each category besides IDENTITY (always shared). */
const POLICE_SHARE_CATEGORIES: [string, number][] = [
  ['CONTACT', 0.2],
  ['INCIDENTS', 0.9],
  ['BANS', 0.6],
  ['REFERRALS', 0.4],
  ['INTELLIGENCE', 0.5],
  ['SPECIAL_CATEGORY', 0.1],
  ['CRIMINAL_OFFENCE', 0.5],
];
const CRIMINAL_OFFENCE_CONDITION = 'DPA 2018 Schedule 1 Part 2 paragraph 10 (preventing or detecting unlawful acts)';

/** Share kinds (the last digit of a share's number): which agreement and recipient. */
const POLICE_SHARE = 0;
const CROSS_SHARE = 1;
const SUSPENDED_SHARE = 2;
const REVOKED_SHARE = 3;

/**
 * When the shares of each kind started: [at least, at most] days ago, and never before the case was
 * opened. The police agreement has been in force for 300 days, the one with the next service for
 * 200; the suspended one was suspended 30 days ago; a revoked share was revoked 10 days after it began.
 */
const SHARE_WINDOWS: Record<number, [number, number]> = {
  [POLICE_SHARE]: [2, 250],
  [CROSS_SHARE]: [2, 150],
  [SUSPENDED_SHARE]: [35, 350],
  [REVOKED_SHARE]: [12, 250],
};

/** When the police share of case `caseKey` (its global number) started (as in the shares' SQL). */
export function policeShareStart(g: Gen, caseKey: string): string {
  const [least, most] = SHARE_WINDOWS[POLICE_SHARE];
  const earliest = `greatest(${caseOpened(g, caseKey)} + interval '1 day', ${ukMoment(`${g.today} - ${most}`, '540')})`;
  return `(${earliest} + ${g.rng('case_share', caseKey).u('started')} * (${ukMoment(`${g.today} - ${least}`, '1020')} - ${earliest}))`;
}

interface Agreement {
  n: number;
  title: string;
  status: 'ACTIVE' | 'DRAFT' | 'SUSPENDED';
  categories: string[];
  partnerIndexes: number[];
  partyService: string | null;
  /** Days before today it started (null: no dates yet, a draft). */
  startedDaysAgo: number | null;
}

/** The agreements of a service: with its police team (and youth justice), a draft, sometimes a suspended one, and one with the next generated service. */
function agreementsOf(s: ServicePlan): Agreement[] {
  const list: Agreement[] = [
    {
      n: s.index * 10,
      title: `${s.place} community safety information sharing agreement (police and youth justice)`,
      status: 'ACTIVE',
      categories: ALL_CATEGORIES,
      partnerIndexes: [POLICE, 1],
      partyService: null,
      startedDaysAgo: 300,
    },
    {
      n: s.index * 10 + 1,
      title: `${s.place} support referrals information sharing agreement`,
      status: 'DRAFT',
      categories: ['IDENTITY', 'CONTACT', 'REFERRALS'],
      partnerIndexes: [7, 8],
      partyService: null,
      startedDaysAgo: null,
    },
  ];
  if (s.index % 5 === 2) {
    list.push({
      n: s.index * 10 + 2,
      title: `${s.place} town centre retail information sharing agreement`,
      status: 'SUSPENDED',
      categories: ['IDENTITY', 'BANS'],
      partnerIndexes: [4],
      partyService: null,
      startedDaysAgo: 400,
    });
  }
  if (s.nextService) {
    list.push({
      n: s.index * 10 + 3,
      title: `${s.place} and neighbouring library services information sharing agreement`,
      status: 'ACTIVE',
      categories: ['IDENTITY', 'INCIDENTS', 'BANS'],
      partnerIndexes: [],
      partyService: s.nextService,
      startedDaysAgo: 200,
    });
  }
  return list;
}

/** Numbers of a service's suspended-agreement shares and revoked police shares. */
const suspendedShares = (s: ServicePlan) => (s.index % 5 === 2 ? Math.ceil(s.cases.count * 0.02) : 0);
const revokedShares = (s: ServicePlan) => Math.ceil(s.policeShares * 0.05);

/**
 * Data sharing agreements (with parties and signatories), case shares under them, what the police
 * add to the cases shared with them, intelligence, and branch warnings. The police agreement is
 * ACTIVE and names the police team, so the shares of cases 1…policeShares are live: the police
 * partner user sees them in `sharedCases` (in the demo service, pcso@demo.test). Some shares are
 * revoked, some are under a suspended agreement (not live), and generated services share a few
 * cases with the next one.
 */
export const sharing: Family = {
  name: 'agreements, shares and intelligence',
  estimate: (s) =>
    agreementsOf(s).length * 4 + (s.policeShares + revokedShares(s)) * 1.6 + s.crossShares + suspendedShares(s) + s.intelligence.count + s.warnings.count,
  async run(g: Gen, s: ServicePlan) {
    const manager = s.managers[0];
    const agreements = agreementsOf(s);
    await g.batch(
      `${s.code}: agreements`,
      agreements.flatMap((a) => agreementStatements(g, s, a, manager)),
    );
    await shares(g, s, agreements);
    await intelligence(g, s);
    await warnings(g, s);
  },
};

function agreementStatements(g: Gen, s: ServicePlan, a: Agreement, manager: string): { sql: string; params: unknown[] }[] {
  const id = gid(g.seed, 'data_sharing_agreement', a.n);
  const started = a.startedDaysAgo === null ? null : `(${g.today} - ${a.startedDaysAgo})`;
  const created = ukMoment(`${g.today} - ${(a.startedDaysAgo ?? 20) + 30}`, '600');
  const activated = started ? ukMoment(`${started} - 2`, '600') : null;
  const suspended = a.status === 'SUSPENDED' ? ukMoment(`${g.today} - 30`, '600') : null;
  const hasPolice = a.partnerIndexes.includes(POLICE);
  const statements = [
    {
      sql: `INSERT INTO data_sharing_agreement (id, library_service_id, title, purpose, lawful_basis, lawful_basis_details, uses_section_115, dpa_part_3,
              special_category_condition, criminal_offence_condition, categories, retention_agreed, security_measures, starts_on, ends_on, review_on,
              status, status_reason, created_by_id, activated_at, activated_by_id, suspended_at, created_at, updated_at)
            VALUES ($1, $2, $3, $4, 'PUBLIC_TASK', 'UK GDPR Article 6(1)(e); Crime and Disorder Act 1998 section 115', $5, $5, $6, $7, $8,
              'The parties keep shared records no longer than the library does.', 'Read in Safer Libraries only, every read audited; no copies by email.',
              ${started ?? 'NULL'}, ${started ? `${started} + 1095` : 'NULL'}, ${started ? `${g.today} + 65` : 'NULL'},
              $9, $10, $11, ${activated ?? 'NULL'}, ${activated ? '$11' : 'NULL'}, ${suspended ?? 'NULL'}, ${created}, ${suspended ?? activated ?? created})`,
      params: [
        id,
        s.id,
        a.title,
        'Preventing and reducing crime, disorder and antisocial behaviour in and around the libraries, and safeguarding people at risk.',
        hasPolice,
        a.categories.includes('SPECIAL_CATEGORY') ? SAFEGUARDING_CONDITION : null,
        a.categories.includes('CRIMINAL_OFFENCE') ? CRIMINAL_OFFENCE_CONDITION : null,
        a.categories,
        a.status,
        a.status === 'SUSPENDED' ? 'Paused while the partnership reviews how long shared records are kept.' : null,
        manager,
      ],
    },
    {
      sql: `INSERT INTO data_sharing_agreement_party (id, library_service_id, agreement_id, partner_organisation_id, party_library_service_id, created_at)
            SELECT p.id, $1, $2, p.partner, p.service, ${created} FROM unnest($3::uuid[], $4::uuid[], $5::uuid[]) AS p(id, partner, service)`,
      params: [
        s.id,
        id,
        [...a.partnerIndexes.map((p) => gid(g.seed, 'dsa_party', a.n * 10 + p)), ...(a.partyService ? [gid(g.seed, 'dsa_party', a.n * 10 + 9)] : [])],
        [...a.partnerIndexes.map((p) => s.partners[p]), ...(a.partyService ? [null] : [])],
        [...a.partnerIndexes.map(() => null), ...(a.partyService ? [a.partyService] : [])],
      ],
    },
  ];
  if (started) {
    statements.push({
      sql: `INSERT INTO data_sharing_agreement_signatory (id, library_service_id, agreement_id, name, job_title, on_behalf_of, signed_on, created_at)
            VALUES ($1, $3, $4, 'Head of Library Services', 'Head of Service', $5, ${started} - 3, ${created}),
                   ($2, $3, $4, 'Partner signatory', $6, $7, ${started} - 3, ${created})`,
      params: [
        gid(g.seed, 'dsa_signatory', a.n * 2),
        gid(g.seed, 'dsa_signatory', a.n * 2 + 1),
        s.id,
        id,
        s.name,
        hasPolice ? 'Neighbourhood Inspector' : 'Head of Service',
        hasPolice ? `${s.place} policing team` : a.partyService ? 'The neighbouring library service' : `${s.place} partner`,
      ],
    });
  }
  return statements;
}

async function shares(g: Gen, s: ServicePlan, agreements: Agreement[]): Promise<void> {
  const r = g.rng('case_share', 'c');
  const agreementId = (k: number) => {
    const a = agreements.find((x) => x.n === s.index * 10 + k);
    return a ? gid(g.seed, 'data_sharing_agreement', a.n) : null;
  };
  const policeUser = s.partnerUsers[POLICE];
  const lo = s.cases.lo;
  // Share kind by case number k (1-based within the service); a case may have more than one share.
  const kinds: [kind: number, from: number, count: number][] = [
    [POLICE_SHARE, 1, s.policeShares],
    [CROSS_SHARE, s.policeShares + 1, s.crossShares],
    [SUSPENDED_SHARE, 1, suspendedShares(s)],
    [REVOKED_SHARE, s.policeShares + s.crossShares + 1, Math.min(revokedShares(s), s.cases.count - s.policeShares - s.crossShares)],
  ];
  const window = (i: 0 | 1) =>
    `(CASE kind ${[POLICE_SHARE, CROSS_SHARE, SUSPENDED_SHARE, REVOKED_SHARE].map((k) => `WHEN ${k} THEN ${SHARE_WINDOWS[k][i]}`).join(' ')} END)`;
  const policeCategories = `array_remove(ARRAY['IDENTITY', ${POLICE_SHARE_CATEGORIES.map(([c, p]) => `CASE WHEN ${r.chance(c, p)} THEN ${lit(c)} END`).join(', ')}]::text[], NULL)`;
  const sql = `
    WITH windows AS MATERIALIZED (
      SELECT c, kind, ${r.id('case_share', 'c * 4 + kind')} AS id, ${r.id('case_file', 'c')} AS case_id,
             greatest(${caseOpened(g, 'c')} + interval '1 day', ${ukMoment(`${g.today} - ${window(1)}`, '540')}) AS earliest,
             ${ukMoment(`${g.today} - ${window(0)}`, '1020')} AS latest
        FROM unnest($2::int[], $3::int[], $4::int[]) AS k(kind, k_from, k_count), generate_series(${lo} + k_from - 1, ${lo} + k_from + k_count - 2) c),
    src AS MATERIALIZED (
      SELECT c, kind, id, case_id, earliest + ${r.u('started')} * (latest - earliest) AS starts FROM windows WHERE earliest < latest),
    shares AS (
      INSERT INTO case_share (id, library_service_id, case_id, agreement_id, partner_organisation_id, recipient_library_service_id, categories, reason,
                              shared_by_id, starts_at, until, revoked_at, revoked_by_id, revocation_reason, created_at, updated_at)
      SELECT id, $1, case_id,
             CASE kind WHEN ${CROSS_SHARE} THEN $5::uuid WHEN ${SUSPENDED_SHARE} THEN $6::uuid ELSE $7::uuid END,
             CASE kind WHEN ${CROSS_SHARE} THEN NULL WHEN ${SUSPENDED_SHARE} THEN $8::uuid ELSE $9::uuid END,
             CASE kind WHEN ${CROSS_SHARE} THEN $10::uuid END,
             CASE kind WHEN ${CROSS_SHARE} THEN array_remove(ARRAY['IDENTITY', 'INCIDENTS', CASE WHEN ${r.chance('cross_bans', 0.5)} THEN 'BANS' END]::text[], NULL)
                       WHEN ${SUSPENDED_SHARE} THEN ARRAY['IDENTITY', 'BANS']
                       ELSE ${policeCategories} END,
             ${pick(r.u('reason'), [
               'Joint problem solving: patrols at the branch at the times the incidents happen.',
               'The police are investigating; the ban covers every library.',
               'Safeguarding: the person is at risk and the partners are working together.',
               'Repeated incidents at several branches; a joint plan is needed.',
             ])},
             $11, starts,
             CASE WHEN kind <> ${REVOKED_SHARE} AND ${r.chance('until', 0.1)} THEN starts + (400 + floor(${r.u('until_days')} * 200)) * interval '1 day' END,
             CASE WHEN kind = ${REVOKED_SHARE} THEN starts + interval '10 days' END,
             CASE WHEN kind = ${REVOKED_SHARE} THEN $11::uuid END,
             CASE WHEN kind = ${REVOKED_SHARE} THEN ${lit('The police closed their investigation; no further need to share.')} END,
             starts, starts
        FROM src RETURNING 1),
    updates AS (
      INSERT INTO case_update (id, library_service_id, case_id, case_share_id, partner_organisation_id, author_library_service_id, author_id, author_role, kind,
                               body, lawful_basis, retain_until, created_at, updated_at)
      SELECT ${r.id('case_update', 'c * 4 + j')}, $1, case_id, id, $9, $1, $12, 'PARTNER', u.kind, u.body, 'PUBLIC_TASK',
             ${plusYears(utcDate('u.at'), s.retention.CASE)}, u.at, u.at
        FROM src, generate_series(1, CASE WHEN kind = ${POLICE_SHARE} AND $12::uuid IS NOT NULL AND ${r.chance('updates', 0.4)} THEN 1 + floor(${r.u('update_count')} * 2)::int ELSE 0 END) j,
             LATERAL (SELECT starts + (j::float8 / 3) * (${ukMoment(`${g.today} - 1`, '600')} - starts) AS at,
                             ${weighted(r.u('update_kind', 'c * 4 + j'), [
                               ['ACTION_TAKEN', 60],
                               ['INFORMATION', 40],
                             ])} AS kind,
                             ${pick(r.u('update_body', 'c * 4 + j'), [
                               'PCSO visited the branch after school; spoke with the group at the rear entrance.',
                               'Known to us; we will include the branch in our patrol plan this month.',
                               'Spoke with them and their family; a youth worker is now involved.',
                               'Crime report updated with the CCTV the library provided.',
                             ])} AS body) u
      RETURNING 1)
    SELECT (SELECT count(*) FROM shares) + (SELECT count(*) FROM updates) AS rows`;
  const active = kinds.filter(([, , count]) => count > 0);
  if (!active.length) return;
  await g.batch(`${s.code}: case shares`, [
    {
      sql,
      params: [
        s.id,
        active.map(([kind]) => kind),
        active.map(([, from]) => from),
        active.map(([, , count]) => count),
        agreementId(3),
        agreementId(2),
        agreementId(0),
        s.partners[4],
        s.partners[POLICE],
        s.nextService,
        s.managers[0],
        policeUser,
      ],
    },
  ]);
}

/** When intelligence item `key` about a branch was recorded: within the last 330 days (it is kept a year). */
const branchItemCreated = (g: Gen, key = 'n') =>
  ukMoment(
    `${g.today} - 1 - floor(${g.rng('intelligence_item', key).u('created')} * 330)::int`,
    `540 + floor(${g.rng('intelligence_item', key).u('time')} * 480)`,
  );

/**
 * Intelligence: the police team submits some on the cases shared with it (after the share began:
 * waiting for a decision, accepted or rejected), staff record some on the service's cases (after
 * the case was opened) and some about the branches. All of it within the last 330 days.
 */
async function intelligence(g: Gen, s: ServicePlan): Promise<void> {
  const r = g.rng('intelligence_item');
  const fromPartner = Math.floor(s.policeShares * 0.5);
  const onCases = Math.ceil(s.cases.count * 0.5);
  const authors = [...s.outreach, ...s.managers];
  const policeUser = s.partnerUsers[POLICE];
  const yesterday = ukMoment(`${g.today} - 1`, '1020');
  const sql = `
    WITH base AS MATERIALIZED (
      SELECT n, n - ${s.intelligence.lo} AS t, ${r.id('intelligence_item', 'n')} AS id, ${r.u('when')} AS u_when,
             ($2::uuid[])[1 + floor(${r.u('author')} * ${authors.length})::int] AS author,
             ${weighted(r.u('status'), [
               ['SUBMITTED', 40],
               ['ACCEPTED', 40],
               ['REJECTED', 20],
             ])} AS partner_status
        FROM generate_series($3::bigint, $4::bigint) n),
    src AS MATERIALIZED (
      SELECT b.*, CASE WHEN t < ${onCases} THEN ${s.cases.lo} + (t % ${Math.max(1, s.cases.count)}) END AS case_n,
             t < ${fromPartner} AND $5::uuid IS NOT NULL AS by_partner,
             CASE WHEN t >= ${onCases} THEN t - ${onCases} + 1 END AS branch_index
        FROM base b),
    timed AS MATERIALIZED (
      SELECT src.*, CASE WHEN by_partner THEN share_start + u_when * (${yesterday} - share_start)
                         WHEN case_n IS NOT NULL THEN since + u_when * (${yesterday} - since)
                         ELSE ${branchItemCreated(g)} END AS created
        FROM src, LATERAL (SELECT CASE WHEN by_partner THEN ${policeShareStart(g, 'case_n')} END AS share_start,
                                  CASE WHEN case_n IS NOT NULL THEN greatest(${caseOpened(g, 'case_n')}, ${ukMoment(`${g.today} - 330`, '540')}) END AS since) x),
    decided AS MATERIALIZED (
      SELECT timed.*, CASE WHEN by_partner THEN partner_status ELSE 'ACCEPTED' END AS status,
             CASE WHEN NOT by_partner THEN created WHEN partner_status <> 'SUBMITTED' THEN least(created + interval '2 days', ${ukMoment(`${g.today} - 1`, '1080')}) END AS decided_at
        FROM timed),
    items AS (
      INSERT INTO intelligence_item (id, library_service_id, subject_id, case_id, branch_id, place_description, body, source_type, source_evaluation,
                                     intelligence_assessment, handling_code, handling_conditions, handling_organisation_ids, category, status, review_on,
                                     author_id, submitted_by_organisation_id, submitted_via_share_id, decided_at, decided_by_id, rejection_reason,
                                     lawful_basis, retain_until, created_at, updated_at)
      SELECT id, $1, CASE WHEN case_n IS NOT NULL THEN ${r.id('subject', `${s.people.lo} + case_n - ${s.cases.lo}`)} END,
             CASE WHEN case_n IS NOT NULL THEN ${r.id('case_file', 'case_n')} END,
             CASE WHEN branch_index IS NOT NULL THEN ($6::uuid[])[branch_index] END,
             CASE WHEN branch_index IS NOT NULL THEN ${pick(r.u('place'), ['Rear entrance and the alley behind it', 'Car park', 'Bus stop outside', 'Toilets on the ground floor'])} END,
             ${pick(r.u('body'), INTELLIGENCE_BODIES)},
             CASE WHEN by_partner THEN 'PARTNER' ELSE ${weighted(r.u('source'), [
               ['STAFF_OBSERVATION', 50],
               ['MEMBER_OF_PUBLIC', 25],
               ['CCTV', 25],
             ])} END,
             ${weighted(r.u('evaluation'), [
               [1, 40],
               [2, 45],
               [3, 15],
             ])},
             ${weighted(r.u('assessment'), [
               ['A', 20],
               ['B', 35],
               ['C', 30],
               ['D', 12],
               ['E', 3],
             ])},
             CASE WHEN ${r.chance('restricted', 0.15)} THEN 'C' ELSE 'P' END,
             CASE WHEN ${r.chance('restricted', 0.15)} THEN ${lit('For the police team only; not to be passed on.')} END,
             CASE WHEN ${r.chance('restricted', 0.15)} THEN ARRAY[$7::uuid] ELSE '{}' END,
             ${weighted(r.u('category'), [
               ['WEAPONS', 8],
               ['VIOLENCE', 12],
               ['DRUGS', 18],
               ['ANTISOCIAL_BEHAVIOUR', 25],
               ['EXPLOITATION', 8],
               ['SAFEGUARDING', 12],
               ['THEFT', 10],
               ['PUBLIC_ORDER', 4],
               ['OTHER', 3],
             ])},
             status, (coalesce(decided_at, created) AT TIME ZONE 'UTC')::date + 365,
             CASE WHEN by_partner THEN $5::uuid ELSE author END,
             CASE WHEN by_partner THEN $7::uuid END,
             CASE WHEN by_partner THEN ${r.id('case_share', `case_n * 4 + ${POLICE_SHARE}`)} END,
             decided_at, CASE WHEN decided_at IS NOT NULL THEN CASE WHEN by_partner THEN $8::uuid ELSE author END END,
             CASE WHEN status = 'REJECTED' THEN ${lit('Already known and recorded; nothing new.')} END,
             'PUBLIC_TASK', ${plusYears(utcDate('coalesce(decided_at, created)'), s.retention.INTELLIGENCE)}, created, coalesce(decided_at, created)
        FROM decided RETURNING 1)
    SELECT count(*) AS rows FROM items`;
  const hi = s.intelligence.lo + s.intelligence.count - 1;
  await g.batch(`${s.code}: intelligence`, [
    { sql, params: [s.id, authors, s.intelligence.lo, hi, policeUser, s.branches, s.partners[POLICE], s.managers[0]] },
  ]);
}

async function warnings(g: Gen, s: ServicePlan): Promise<void> {
  const r = g.rng('branch_warning');
  const onCases = Math.ceil(s.cases.count * 0.5);
  const sql = `
    WITH src AS MATERIALIZED (
      SELECT n, n - ${s.warnings.lo} AS t, ${s.intelligence.lo + onCases} + n - ${s.warnings.lo} AS item, ${r.id('branch_warning', 'n')} AS id,
             ${g.today} - 1 - floor(${r.u('published')} * 150)::int AS day,
             ${weighted(r.u('state'), [
               ['SHOWING', 60],
               ['WITHDRAWN', 20],
               ['EXPIRED', 20],
             ])} AS state
        FROM generate_series($2::bigint, $3::bigint) n),
    timed AS MATERIALIZED (
      SELECT src.*, ${ukMoment('day', `540 + floor(${r.u('time')} * 120)`)} AS published,
             CASE WHEN state = 'WITHDRAWN' AND day < ${g.today} - 10 THEN ${ukMoment('day + 5', '720')} END AS withdrawn
        FROM src),
    warnings AS (
      INSERT INTO branch_warning (id, library_service_id, branch_id, intelligence_item_id, text, published_by_id, published_at, expires_on, withdrawn_at,
                                  withdrawn_by_id, lawful_basis, retain_until, created_at, updated_at)
      SELECT id, $1, ($4::uuid[])[t + 1],
             CASE WHEN ${r.chance('linked', 0.6)} AND ${branchItemCreated(g, 'item')} < published THEN ${r.id('intelligence_item', 'item')} END,
             ${pick(r.u('text'), WARNINGS)}, $5, published,
             CASE WHEN state = 'EXPIRED' THEN least(day + 30, ${g.today} - 1) ELSE greatest(day + 30 + 30 * floor(${r.u('weeks')} * 3)::int, ${g.today} + 7) END,
             withdrawn, CASE WHEN withdrawn IS NOT NULL THEN $5::uuid END,
             'PUBLIC_TASK', ${plusYears(utcDate('coalesce(withdrawn, published)'), s.retention.INTELLIGENCE)}, published, coalesce(withdrawn, published)
        FROM timed RETURNING 1)
    SELECT count(*) AS rows FROM warnings`;
  const hi = s.warnings.lo + s.warnings.count - 1;
  await g.batch(`${s.code}: branch warnings`, [{ sql, params: [s.id, s.warnings.lo, hi, s.branches, s.managers[0]] }]);
}
