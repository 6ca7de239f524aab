import { parseArgs } from 'node:util';
import { SCENARIOS, type ScenarioName } from './operations.js';

export const SCALES = ['tiny', 'small', 'medium', 'national'] as const;
export type Scale = (typeof SCALES)[number];
export const SWEEP: Scale[] = ['small', 'medium', 'national'];

export interface BenchOptions {
  scale: Scale;
  sweep: boolean;
  smoke: boolean;
  fresh: boolean;
  /** The service's Node processes (API_WORKERS); the baseline stays one. */
  workers: number;
  /** CPU-profile the service (node --cpu-prof) and summarise where its time went. */
  profile: boolean;
  /** Seconds each server is driven per scenario and concurrency. */
  duration: number;
  /** Seconds of warm-up before each measured run (not counted). */
  warmup: number;
  concurrencies: number[];
  scenarios: ScenarioName[];
}

export const USAGE = `npm run bench -- [options]

  --scale <s>          tiny | small | medium | national (default small)
  --scale-sweep        scenarios a and b at small, medium and national: how latency grows with the data
  --smoke              a check, not a measurement: small scale, 2 s, concurrency 10, every scenario;
                       fails when any request errors or the two servers' answers differ
  --fresh              generate the database again rather than reuse it
  --workers <n>        the service's Node processes (API_WORKERS, default 1); above 1 it needs PostgreSQL
                       and is given REDIS_URL (yours, or redis://127.0.0.1:6379). The baseline stays one process.
  --profile            CPU-profile the service through the run and write where its time went
                       (bench/results/profile-<scale>-<database>.md); best with one scenario and concurrency
  --duration <s>       seconds per server, scenario and concurrency (default 20)
  --warmup <s>         seconds of warm-up before each (default a fifth of the duration, 1 to 3)
  --concurrency <list> comma-separated (default 10,50,100); recordIncident and sign-in run at the lowest only
  --scenarios <list>   comma-separated letters or names (a sharedCases, b incidents, c recordIncident,
                       d referrals, e auditTrail, f signIn; default all)

DATABASE_URL (a PostgreSQL superuser, e.g. postgres://postgres@127.0.0.1:5432/test) selects PostgreSQL:
the data goes into the database safer_bench_<scale> on that server. Without it, the embedded database
in a data folder under the OS temp directory.`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: 'string' },
      'scale-sweep': { type: 'boolean', default: false },
      smoke: { type: 'boolean', default: false },
      fresh: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      workers: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      concurrency: { type: 'string' },
      scenarios: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const smoke = values.smoke;
  const scale = (values.scale ?? 'small') as Scale;
  if (!SCALES.includes(scale)) throw new Error(`--scale must be one of ${SCALES.join(', ')}`);
  const number = (text: string | undefined, fallback: number, name: string) => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number`);
    return n;
  };
  const duration = number(values.duration, smoke ? 2 : 20, '--duration');
  const warmup = number(values.warmup, smoke ? 1 : Math.min(3, Math.max(1, Math.round(duration / 5))), '--warmup');
  const concurrencies = values.concurrency ? values.concurrency.split(',').map((c) => number(c.trim(), 0, '--concurrency')) : smoke ? [10] : [10, 50, 100];
  const wanted = values.scenarios?.split(',').map((s) => s.trim());
  const scenarios = wanted
    ? wanted.map((w) => {
        const s = SCENARIOS.find((x) => x.letter === w || x.name === w);
        if (!s) throw new Error(`unknown scenario ${w}: ${SCENARIOS.map((x) => `${x.letter} ${x.name}`).join(', ')}`);
        return s.name;
      })
    : SCENARIOS.map((s) => s.name);
  const sweep = values['scale-sweep'];
  if (sweep && smoke) throw new Error('--smoke and --scale-sweep do not go together');
  return {
    scale: smoke && !values.scale ? 'small' : scale,
    sweep,
    smoke,
    fresh: values.fresh,
    profile: values.profile,
    workers: number(values.workers, 1, '--workers'),
    duration,
    warmup,
    concurrencies,
    scenarios: sweep && !wanted ? ['sharedCases', 'incidents'] : scenarios,
  };
}
