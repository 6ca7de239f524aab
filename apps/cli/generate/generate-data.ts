import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../../libs/access/src/index.js';
import { calendarDate } from '../../../libs/common/src/index.js';
import { DEMO_PASSWORD, seedDemo } from '../../api/seed/demo-seed.js';
import { activity } from './activity.js';
import { bans } from './bans.js';
import { cases } from './cases.js';
import { type Family, Gen } from './context.js';
import { refuseUnlessSafe } from './guard.js';
import { incidents } from './incidents.js';
import { partners } from './partners.js';
import { people } from './people.js';
import { buildPlan, demoFacts, type Plan } from './plan.js';
import { Progress } from './progress.js';
import { referrals } from './referrals.js';
import { rights } from './rights.js';
import { SCALES, type ScaleName } from './scales.js';
import { sharing } from './sharing.js';
import { tenancy } from './tenancy.js';

/** In the order they depend on each other; each runs for every service before the next begins. */
const FAMILIES: Family[] = [tenancy, partners, people, incidents, cases, referrals, bans, sharing, rights, activity];

export interface GenerateOptions {
  scale: ScaleName;
  seed: number;
  /** Run although the database holds library services other than the demo one. */
  force: boolean;
  /** Where the progress line goes (stderr), and whether it is a terminal (redrawn in place). */
  progress: { write(text: string): void; isTTY?: boolean };
  logger: Logger;
  /** The UK calendar date the data is relative to; today unless given (tests). */
  today?: string;
}

export interface GenerateResult {
  plan: Plan;
  rows: number;
  seconds: number;
}

/**
 * `generate-data`: fills the database with made-up records at a scale (scales.ts), the same for the
 * same seed. Builds on the demo base (seeding it when missing). Each batch is one set-based
 * statement in a transaction of its own; the progress line counts the rows written.
 */
export async function generateData(ds: DataSource, o: GenerateOptions): Promise<GenerateResult> {
  await refuseUnlessSafe(ds, o.force);
  const [demo] = await ds.query(`SELECT id FROM library_service WHERE code = 'DEMO'`);
  if (!demo) await seedDemo(ds, o.logger, 'base');
  const plan = buildPlan(SCALES[o.scale], o.seed, await demoFacts(ds), o.today ?? calendarDate(), await hashPassword(DEMO_PASSWORD));
  const estimate = FAMILIES.reduce((sum, f) => sum + plan.services.reduce((t, s) => t + f.estimate(s), 0), 0);
  const progress = new Progress(Math.round(estimate), (t) => o.progress.write(t), Boolean(o.progress.isTTY));
  const g = new Gen(ds, plan, progress);
  for (const family of FAMILIES) {
    for (const service of plan.services) await family.run(g, service);
  }
  // Fresh statistics, so the first queries on the new data get good plans (an owner's job: another role's ANALYZE skips the tables).
  await ds.query('ANALYZE');
  progress.finish();
  return { plan, rows: progress.rows, seconds: progress.seconds };
}
