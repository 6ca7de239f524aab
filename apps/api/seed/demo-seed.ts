import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../../../libs/access/src/index.js';
import type { AppConfig, DemoSeedLevel } from '../../../libs/common/src/index.js';
import type { OpenDatabase } from '../../../libs/database/src/index.js';
// The seed only fills a brand-new service, which has no retention_policy rows yet: the defaults are its policy.
import { retainUntil } from '../../../libs/governance/src/index.js';
import { seedDemoStory } from './demo-story.js';

export const DEMO_PASSWORD = 'demo-password';

/** One user per role; the README lists the same. */
export const DEMO_USERS = [
  { email: 'admin@demo.test', displayName: 'Ada Admin', role: 'ADMIN' },
  { email: 'manager@demo.test', displayName: 'Morgan Manager', role: 'MANAGER' },
  { email: 'outreach@demo.test', displayName: 'Olu Outreach', role: 'OUTREACH_WORKER' },
  { email: 'staff@demo.test', displayName: 'Sam Staff', role: 'STAFF' },
  { email: 'pcso@demo.test', displayName: 'PCSO Priya Patel', role: 'PARTNER' },
  { email: 'dpo@demo.test', displayName: 'Dee DPO', role: 'DPO' },
] as const;

const PARTNERS: [string, string, string, string[]][] = [
  ['Town Centre Neighbourhood Policing Team', 'POLICE_NEIGHBOURHOOD_TEAM', 'FORMAL_PARTNERSHIP', ['PCSO patrols', 'Cuppa with a coppa']],
  ['County Youth Justice Service', 'YOUTH_JUSTICE_SERVICE', 'FORMAL_PARTNERSHIP', ['Youth offending support']],
  ['Riverside Academy', 'SCHOOL_OR_COLLEGE', 'COLLABORATIVE_RELATIONSHIP', ['Safeguarding lead liaison']],
  ['Demo Community Safety Partnership', 'COMMUNITY_SAFETY_PARTNERSHIP', 'FORMAL_PARTNERSHIP', ['Multi-agency meetings']],
  [
    'Town Centre Business Crime Reduction Partnership',
    'BUSINESS_CRIME_REDUCTION_PARTNERSHIP',
    'COLLABORATIVE_RELATIONSHIP',
    ['Radio link', 'Exclusion notices'],
  ],
  ['High Street Business Improvement District', 'BUSINESS_IMPROVEMENT_DISTRICT', 'COLLABORATIVE_RELATIONSHIP', ['Street rangers']],
  ['Hope Foodbank', 'CHARITY', 'COLLABORATIVE_RELATIONSHIP', ['Food parcels', 'Vouchers']],
  ['Mind in Demo Shire', 'MENTAL_HEALTH_SERVICE', 'COLLABORATIVE_RELATIONSHIP', ['Drop-in', 'Crisis café']],
  ['Demo Shire Housing Options', 'HOUSING_SERVICE', 'FORMAL_PARTNERSHIP', ['Homelessness prevention']],
  ['Council Public Health Team', 'COUNCIL_TEAM', 'FORMAL_PARTNERSHIP', ['Public health', 'Substance misuse commissioning']],
  ['UNISON Demo Shire Branch', 'TRADE_UNION', 'COLLABORATIVE_RELATIONSHIP', ['Staff welfare']],
  ['Street Pastors', 'OTHER', 'COLLABORATIVE_RELATIONSHIP', ['Night-time economy support']],
];

/**
 * What to seed at start: SEED_DEMO when set (`false`: nothing), else the full demo on the embedded
 * database's first start (a newcomer's `npm start`). Every level is idempotent.
 */
export function demoSeedLevel(config: AppConfig, db: OpenDatabase): DemoSeedLevel | null {
  if (config.SEED_DEMO !== undefined) return config.SEED_DEMO || null;
  return db.embedded && db.wasEmpty ? 'full' : null;
}

/**
 * The base (library service, branches, one user per role, partners with a duty contact, three
 * contact logs) that the tests rely on, then, at level `full`, the demo story (demo-story.ts).
 * Each part is seeded once: running it again changes nothing.
 */
export async function seedDemo(ds: DataSource, logger: Logger, level: DemoSeedLevel = 'full'): Promise<void> {
  await seedDemoBase(ds, logger);
  if (level === 'full') await seedDemoStory(ds, logger);
}

async function seedDemoBase(ds: DataSource, logger: Logger): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await ds.transaction(async (m) => {
    // Two processes seeding one database at once (replicas starting together) take turns.
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('safer-libraries demo seed'))`);
    const [existing] = await m.query(`SELECT id FROM library_service WHERE code = 'DEMO'`);
    if (existing) return;
    const [service] = await m.query(`INSERT INTO library_service (name, code) VALUES ('Demo Shire Libraries', 'DEMO') RETURNING id`);
    const branches: string[] = [];
    for (const [name, address] of [
      ['Central Library', '1 Market Square'],
      ['Northgate Library', '12 North Road'],
      ['Riverside Library', 'Quay Street'],
    ]) {
      const [b] = await m.query('INSERT INTO branch (library_service_id, name, address) VALUES ($1, $2, $3) RETURNING id', [service.id, name, address]);
      branches.push(b.id);
    }
    const partners: string[] = [];
    for (const [name, type, relationship, services] of PARTNERS) {
      const [p] = await m.query(
        `INSERT INTO partner_organisation (library_service_id, name, type, relationship, services_offered, areas_covered, phone, email)
         VALUES ($1, $2, $3, $4, $5, $6, '01234 567890', $7) RETURNING id`,
        [service.id, name, type, relationship, services, ['Demo Shire'], `enquiries@${type.toLowerCase().replace(/_/g, '-')}.example`],
      );
      partners.push(p.id);
      await contact(m, service.id, p.id, `Duty contact, ${name}`, 'Duty officer');
    }
    const users: Record<string, string> = {};
    for (const u of DEMO_USERS) {
      const [row] = await m.query(
        `INSERT INTO app_user (email, display_name, role, library_service_id, partner_organisation_id, password_hash) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [u.email, u.displayName, u.role, service.id, u.role === 'PARTNER' ? partners[0] : null, passwordHash],
      );
      users[u.role] = row.id;
    }
    await m.query('INSERT INTO user_branch (user_id, branch_id) VALUES ($1, $2)', [users.STAFF, branches[0]]);
    const logs: [number, string, string, number][] = [
      [0, 'CUPPA_WITH_A_COPPA', 'Cuppa with a coppa at Central: 14 visitors, concerns about groups at the rear entrance after school.', 10],
      [3, 'CSP_MEETING', 'CSP meeting: library added to the town centre problem-solving plan.', 20],
      [7, 'PHONE_CALL', 'Agreed a monthly drop-in session at Northgate.', 5],
    ];
    for (const [partnerIndex, channel, summary, daysAgo] of logs) {
      const occurred = new Date(Date.now() - daysAgo * 86_400_000);
      const [log] = await m.query(
        `INSERT INTO contact_log (library_service_id, partner_organisation_id, branch_id, occurred_at, channel, summary, recorded_by_id, lawful_basis, retain_until)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'PUBLIC_TASK', $8) RETURNING id`,
        [service.id, partners[partnerIndex], branches[0], occurred, channel, summary, users.MANAGER, retainUntil('CONTACT_LOG', occurred)],
      );
      await m.query(`INSERT INTO follow_up_action (library_service_id, contact_log_id, description, owner_id, due_on) VALUES ($1, $2, $3, $4, $5)`, [
        service.id,
        log.id,
        'Send the partner our opening hours and incident contact route',
        users.MANAGER,
        new Date(Date.now() + (7 - daysAgo) * 86_400_000).toISOString().slice(0, 10),
      ]);
    }
    logger.info({ libraryServiceId: service.id, users: DEMO_USERS.length, partners: partners.length }, 'demo data seeded');
  });
}

async function contact(m: EntityManager, serviceId: string, partnerId: string, name: string, jobTitle: string) {
  await m.query(
    `INSERT INTO partner_contact (library_service_id, partner_organisation_id, name, job_title, phone, email, preferred_contact, lawful_basis, retain_until)
     VALUES ($1, $2, $3, $4, '07700 900000', 'duty@partner.example', 'PHONE', 'PUBLIC_TASK', $5)`,
    [serviceId, partnerId, name, jobTitle, retainUntil('PARTNER_CONTACT', new Date())],
  );
}
