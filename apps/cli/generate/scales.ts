/**
 * How much `generate-data` writes at each scale (README "Benchmarks"). Totals over every library
 * service, the demo service ("Demo Shire Libraries") included: it is always the first service and
 * the largest (`demoWeight` of the people, incidents, cases, referrals and bans), so the demo users
 * (manager@demo.test, pcso@demo.test…) see a service of that size. The other services are new,
 * with codes `GEN_001`…, and share the rest with varying sizes.
 */
export interface Scale {
  /** Library services, the demo service included. */
  services: number;
  /** Branches in all, the demo service's included. */
  branches: number;
  /** Branches of the demo service (it has three; the rest are added). */
  demoBranches: number;
  /** The demo service's share of people, incidents, cases, referrals and bans. */
  demoWeight: number;
  incidents: number;
  people: number;
  referrals: number;
  bans: number;
  cases: number;
  /** Demo cases with a live share to the demo police team (pcso@demo.test sees them in `sharedCases`). */
  demoSharedCases: number;
}

export const SCALES = {
  /** For the tests: the demo service and one generated service, a few seconds on the embedded database. */
  tiny: {
    services: 2,
    branches: 8,
    demoBranches: 5,
    demoWeight: 0.6,
    incidents: 1_000,
    people: 250,
    referrals: 120,
    bans: 50,
    cases: 40,
    demoSharedCases: 12,
  },
  small: {
    services: 1,
    branches: 12,
    demoBranches: 12,
    demoWeight: 1,
    incidents: 10_000,
    people: 2_000,
    referrals: 1_000,
    bans: 500,
    cases: 200,
    demoSharedCases: 100,
  },
  medium: {
    services: 20,
    branches: 300,
    demoBranches: 40,
    demoWeight: 0.2,
    incidents: 100_000,
    people: 20_000,
    referrals: 10_000,
    bans: 5_000,
    cases: 2_000,
    demoSharedCases: 200,
  },
  national: {
    services: 176,
    branches: 3_000,
    demoBranches: 60,
    demoWeight: 0.2,
    incidents: 1_000_000,
    people: 200_000,
    referrals: 100_000,
    bans: 50_000,
    cases: 20_000,
    demoSharedCases: 2_000,
  },
} as const satisfies Record<string, Scale>;

export type ScaleName = keyof typeof SCALES;
export const SCALE_NAMES = Object.keys(SCALES) as ScaleName[];

/** Rows per statement (and per transaction) for the large families. */
export const BATCH_ROWS = 20_000;

/** Of the cases of a generated service: shared with its police team, and with the next generated service. */
export const POLICE_SHARE_FRACTION = 0.1;
export const CROSS_SERVICE_SHARE_FRACTION = 0.02;
