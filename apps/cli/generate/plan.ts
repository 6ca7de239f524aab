import type { DataSource } from 'typeorm';
import { RETENTION_YEARS, type RetainedRecordType } from '../../../libs/governance/src/index.js';
import { gid, planRandom } from './sql.js';
import { type Scale, CROSS_SERVICE_SHARE_FRACTION, POLICE_SHARE_FRACTION } from './scales.js';

/**
 * The partner organisations of every service, in this order (the demo base seeds the same types).
 * `receivesReferrals`: it has a partner user, who answers the referrals sent to it.
 */
export const PARTNER_KINDS = [
  {
    type: 'POLICE_NEIGHBOURHOOD_TEAM',
    name: '{place} Neighbourhood Policing Team',
    relationship: 'FORMAL_PARTNERSHIP',
    user: 'pcso',
    userTitle: 'PCSO',
    receivesReferrals: true,
  },
  {
    type: 'YOUTH_JUSTICE_SERVICE',
    name: '{place} Youth Justice Service',
    relationship: 'FORMAL_PARTNERSHIP',
    user: 'yjs',
    userTitle: 'Youth justice officer',
    receivesReferrals: true,
  },
  { type: 'SCHOOL_OR_COLLEGE', name: '{place} Academy', relationship: 'COLLABORATIVE_RELATIONSHIP', user: null, userTitle: null, receivesReferrals: false },
  {
    type: 'COMMUNITY_SAFETY_PARTNERSHIP',
    name: '{place} Community Safety Partnership',
    relationship: 'FORMAL_PARTNERSHIP',
    user: null,
    userTitle: null,
    receivesReferrals: false,
  },
  {
    type: 'BUSINESS_CRIME_REDUCTION_PARTNERSHIP',
    name: '{place} Business Crime Reduction Partnership',
    relationship: 'COLLABORATIVE_RELATIONSHIP',
    user: null,
    userTitle: null,
    receivesReferrals: false,
  },
  {
    type: 'BUSINESS_IMPROVEMENT_DISTRICT',
    name: '{place} Business Improvement District',
    relationship: 'COLLABORATIVE_RELATIONSHIP',
    user: null,
    userTitle: null,
    receivesReferrals: false,
  },
  {
    type: 'CHARITY',
    name: '{place} Foodbank',
    relationship: 'COLLABORATIVE_RELATIONSHIP',
    user: 'foodbank',
    userTitle: 'Foodbank coordinator',
    receivesReferrals: true,
  },
  {
    type: 'MENTAL_HEALTH_SERVICE',
    name: 'Mind in {place}',
    relationship: 'COLLABORATIVE_RELATIONSHIP',
    user: 'mind',
    userTitle: 'Mental health support worker',
    receivesReferrals: true,
  },
  {
    type: 'HOUSING_SERVICE',
    name: '{place} Housing Options',
    relationship: 'FORMAL_PARTNERSHIP',
    user: 'housing',
    userTitle: 'Housing options officer',
    receivesReferrals: true,
  },
  {
    type: 'COUNCIL_TEAM',
    name: '{place} Council Public Health Team',
    relationship: 'FORMAL_PARTNERSHIP',
    user: 'publichealth',
    userTitle: 'Public health officer',
    receivesReferrals: true,
  },
  { type: 'TRADE_UNION', name: 'UNISON {place} Branch', relationship: 'COLLABORATIVE_RELATIONSHIP', user: null, userTitle: null, receivesReferrals: false },
  { type: 'OTHER', name: '{place} Street Pastors', relationship: 'COLLABORATIVE_RELATIONSHIP', user: null, userTitle: null, receivesReferrals: false },
] as const;
export const POLICE = 0;

const PLACE_A = ['Ash', 'Bram', 'Cal', 'Dun', 'Elm', 'Fern', 'Glen', 'Hart', 'Ivy', 'Kings', 'Lark', 'Marl'];
const PLACE_A2 = ['Nor', 'Oak', 'Pem', 'Quen', 'Ros', 'Stan', 'Thorn', 'Wex', 'Yar', 'Brook', 'Wood', 'Hazel'];
const PLACE_B = ['ford', 'ley', 'ton', 'bury', 'field', 'worth', 'wick', 'ham', 'stead', 'mouth', 'combe', 'dale'];
const PLACES = PLACE_B.length * (PLACE_A.length + PLACE_A2.length);
/** A made-up English place name, different for each k below 288. */
export function place(k: number): string {
  const a = [...PLACE_A, ...PLACE_A2];
  const i = ((k % PLACES) + PLACES) % PLACES;
  return a[i % a.length] + PLACE_B[Math.floor(i / a.length)];
}

export interface NewUser {
  id: string;
  email: string;
  displayName: string;
  role: 'ADMIN' | 'MANAGER' | 'OUTREACH_WORKER' | 'STAFF' | 'PARTNER' | 'DPO';
  partnerOrganisationId: string | null;
  branchId: string | null;
}

export interface ServicePlan {
  index: number;
  isDemo: boolean;
  id: string;
  code: string;
  name: string;
  place: string;
  /** Branch ids, busiest first; `newBranches` are the ones to insert. */
  branches: string[];
  newBranches: { id: string; name: string; address: string }[];
  /** By PARTNER_KINDS index. */
  partners: string[];
  /** PARTNER_KINDS indexes of the partners to insert (all of a generated service's; the demo's missing ones). */
  newPartners: number[];
  /** The first contact of each partner (by PARTNER_KINDS index). */
  contacts: string[];
  /** PARTNER_KINDS indexes of the partners whose contacts to insert. */
  newContacts: number[];
  managers: string[];
  outreach: string[];
  /** One per branch, same order as `branches`. */
  staff: string[];
  dpo: string;
  /** By PARTNER_KINDS index; null for a partner without a user. */
  partnerUsers: (string | null)[];
  newUsers: NewUser[];
  /** [first global number, count] of each family, for ids and randomness. */
  people: Range;
  incidents: Range;
  cases: Range;
  referrals: Range;
  bans: Range;
  contactLogs: Range;
  intelligence: Range;
  warnings: Range;
  rights: Range;
  /** Cases 1..policeShares (the most active people's) are shared with the police team. */
  policeShares: number;
  /** Cases after those shared with `nextService`. */
  crossShares: number;
  nextService: string | null;
  retention: Record<RetainedRecordType, number>;
}

export interface Range {
  lo: number;
  count: number;
}

export interface Plan {
  seed: number;
  services: ServicePlan[];
  /** The UK calendar date the data is relative to (YYYY-MM-DD). */
  today: string;
  passwordHash: string;
}

/** What the generator builds on in the demo service (seeded by `seed --base` if missing). */
export interface DemoFacts {
  id: string;
  branches: string[];
  partnersByType: Record<string, string>;
  contactsByPartner: Record<string, string>;
  managers: string[];
  outreach: string[];
  dpo: string | null;
  staffByBranch: Record<string, string>;
  partnerUsers: Record<string, string>;
  retention: Partial<Record<RetainedRecordType, number>>;
}

export async function demoFacts(ds: DataSource): Promise<DemoFacts> {
  const [service] = await ds.query(`SELECT id FROM library_service WHERE code = 'DEMO'`);
  const id: string = service.id;
  const rows = async (sql: string) => (await ds.query(sql, [id])) as Record<string, string>[];
  const branches = (await rows(`SELECT id FROM branch WHERE library_service_id = $1 AND is_active ORDER BY created_at, name`)).map((r) => r.id);
  const partners = await rows(
    `SELECT DISTINCT ON (type) type, id FROM partner_organisation WHERE library_service_id = $1 AND status = 'ACTIVE' ORDER BY type, created_at, name`,
  );
  const contacts = await rows(
    `SELECT DISTINCT ON (partner_organisation_id) partner_organisation_id, id FROM partner_contact
      WHERE library_service_id = $1 AND archived_at IS NULL ORDER BY partner_organisation_id, created_at, id`,
  );
  const users = await rows(
    `SELECT u.id, u.role, u.partner_organisation_id, (SELECT min(ub.branch_id::text) FROM user_branch ub WHERE ub.user_id = u.id) AS branch_id
       FROM app_user u WHERE u.library_service_id = $1 AND u.is_active ORDER BY u.created_at, u.email`,
  );
  const policies = await rows(`SELECT record_type, retain_years::text AS years FROM retention_policy WHERE library_service_id = $1`);
  const staffByBranch: Record<string, string> = {};
  const partnerUsers: Record<string, string> = {};
  for (const u of users) {
    if (u.role === 'STAFF' && u.branch_id && !staffByBranch[u.branch_id]) staffByBranch[u.branch_id] = u.id;
    if (u.role === 'PARTNER' && !partnerUsers[u.partner_organisation_id]) partnerUsers[u.partner_organisation_id] = u.id;
  }
  return {
    id,
    branches,
    partnersByType: Object.fromEntries(partners.map((p) => [p.type, p.id])),
    contactsByPartner: Object.fromEntries(contacts.map((c) => [c.partner_organisation_id, c.id])),
    managers: users.filter((u) => u.role === 'MANAGER').map((u) => u.id),
    outreach: users.filter((u) => u.role === 'OUTREACH_WORKER').map((u) => u.id),
    dpo: users.find((u) => u.role === 'DPO')?.id ?? null,
    staffByBranch,
    partnerUsers,
    retention: Object.fromEntries(policies.map((p) => [p.record_type, Number(p.years)])),
  };
}

/** Splits `total` by `weights` into whole numbers that add up to it (largest remainder). */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    counts[i]++;
  }
  return counts;
}

/** Everything the families need to know, decided up front from the scale and the seed. */
export function buildPlan(scale: Scale, seed: number, demo: DemoFacts, today: string, passwordHash: string): Plan {
  const rnd = planRandom(seed);
  const n = scale.services;
  // The generated services vary in size (a few large counties, many small boroughs).
  const others = Array.from({ length: n - 1 }, () => 0.3 + 2.7 * rnd() ** 2);
  const otherSum = others.reduce((a, b) => a + b, 0) || 1;
  const weights = [scale.demoWeight, ...others.map((w) => (w / otherSum) * (1 - scale.demoWeight))];
  const extraBranches = apportion(scale.branches - scale.demoBranches - 2 * (n - 1), others.length ? others : [1]);
  const branchCounts = [scale.demoBranches, ...others.map((_, i) => Math.min(280, 2 + extraBranches[i]))];
  const split = (total: number) => apportion(total, weights);
  const people = split(scale.people);
  const incidents = split(scale.incidents);
  const cases = split(scale.cases);
  const referrals = split(scale.referrals);
  const bans = split(scale.bans);
  const offsets: Record<string, number> = {};
  const range = (family: string, count: number): Range => {
    const lo = offsets[family] ?? 1;
    offsets[family] = lo + count;
    return { lo, count };
  };
  const id = (family: string, k: number) => gid(seed, family, k);

  const services: ServicePlan[] = [];
  for (let i = 0; i < n; i++) {
    const isDemo = i === 0;
    const code = isDemo ? 'DEMO' : `GEN_${String(i).padStart(3, '0')}`;
    const serviceId = isDemo ? demo.id : id('library_service', i);
    const where = isDemo ? 'Demo Shire' : place(i * 7 + 3);
    const domain = `${code.toLowerCase().replace(/_/g, '-')}.gen.test`;
    const newUsers: NewUser[] = [];
    const user = (key: string, role: NewUser['role'], displayName: string, partnerOrganisationId: string | null = null, branchId: string | null = null) => {
      const u: NewUser = { id: id('app_user', i * 10_000 + newUsers.length), email: `${key}@${domain}`, displayName, role, partnerOrganisationId, branchId };
      newUsers.push(u);
      return u.id;
    };

    const existingBranches = isDemo ? demo.branches : [];
    const newBranches: ServicePlan['newBranches'] = [];
    for (let j = existingBranches.length; j < branchCounts[i]; j++) {
      const name = !isDemo && j === 0 ? 'Central Library' : `${place(i * 5 + j + 1)} Library`;
      newBranches.push({ id: id('branch', i * 1000 + j), name, address: `${1 + ((i * 31 + j * 7) % 180)} ${place(j + i)} Road, ${where}` });
    }
    const branches = [...existingBranches, ...newBranches.map((b) => b.id)];

    const partners = PARTNER_KINDS.map((k, p) => (isDemo ? demo.partnersByType[k.type] : undefined) ?? id('partner_organisation', i * 100 + p));
    const contacts = partners.map((p, k) => (isDemo ? demo.contactsByPartner[p] : undefined) ?? id('partner_contact', (i * 100 + k) * 4));

    const managerCount = Math.max(1, Math.round(branchCounts[i] / 12));
    const outreachCount = Math.max(1, Math.round(branchCounts[i] / 6));
    const managers = isDemo ? [...demo.managers] : [];
    while (managers.length < managerCount) managers.push(user(`manager-${managers.length + 1}`, 'MANAGER', `Manager ${managers.length + 1} of ${where}`));
    const outreach = isDemo ? [...demo.outreach] : [];
    while (outreach.length < outreachCount)
      outreach.push(user(`outreach-${outreach.length + 1}`, 'OUTREACH_WORKER', `Outreach worker ${outreach.length + 1} of ${where}`));
    const staff = branches.map(
      (b, j) => (isDemo ? demo.staffByBranch[b] : undefined) ?? user(`staff-${j + 1}`, 'STAFF', `Desk staff ${j + 1} of ${where}`, null, b),
    );
    if (!isDemo) user('admin', 'ADMIN', `Administrator of ${where}`);
    const dpo = (isDemo ? demo.dpo : null) ?? user('dpo', 'DPO', `Data protection officer of ${where}`);
    const partnerUsers = PARTNER_KINDS.map((k, p) => {
      if (!k.user) return null;
      const existing = isDemo ? demo.partnerUsers[partners[p]] : undefined;
      return existing ?? user(k.user, 'PARTNER', `${k.userTitle}, ${k.name.replace('{place}', where)}`, partners[p]);
    });

    const years = Object.fromEntries(
      (Object.keys(RETENTION_YEARS) as RetainedRecordType[]).map((t) => [t, (isDemo ? demo.retention[t] : undefined) ?? RETENTION_YEARS[t]]),
    ) as Record<RetainedRecordType, number>;
    const caseCount = cases[i];
    const policeShares = isDemo ? Math.min(scale.demoSharedCases, Math.floor(caseCount * 0.6)) : Math.floor(caseCount * POLICE_SHARE_FRACTION);
    services.push({
      index: i,
      isDemo,
      id: serviceId,
      code,
      name: isDemo ? 'Demo Shire Libraries' : `${where} Libraries`,
      place: where,
      branches,
      newBranches,
      partners,
      newPartners: partners.map((_, p) => p).filter((p) => !isDemo || !demo.partnersByType[PARTNER_KINDS[p].type]),
      contacts,
      newContacts: contacts.map((_, p) => p).filter((p) => !isDemo || !demo.contactsByPartner[partners[p]]),
      managers,
      outreach,
      staff,
      dpo,
      partnerUsers,
      newUsers,
      people: range('subject', people[i]),
      incidents: range('incident', incidents[i]),
      cases: range('case_file', caseCount),
      referrals: range('referral', referrals[i]),
      bans: range('ban', bans[i]),
      contactLogs: range('contact_log', 10 + 4 * branches.length),
      intelligence: range('intelligence_item', Math.ceil(caseCount * 0.5) + branches.length),
      warnings: range('branch_warning', Math.ceil(branches.length / 3)),
      rights: range('rights_request', Math.ceil(people[i] / 500)),
      policeShares,
      crossShares: !isDemo && n > 2 ? Math.floor(caseCount * CROSS_SERVICE_SHARE_FRACTION) : 0,
      nextService: null,
      retention: years,
    });
  }
  // Each generated service shares a few cases with the next one (the last with the first).
  const generated = services.filter((s) => !s.isDemo);
  generated.forEach((s, k) => {
    if (s.crossShares > 0) s.nextService = generated[(k + 1) % generated.length].id;
  });
  return { seed, services, today, passwordHash };
}
