import autocannon from 'autocannon';
import type { Fixtures } from './fixtures.js';
import type { Scenario } from './operations.js';
import { cpuMeter, postgresMeter, sampleMemory, TICKS_PER_SECOND } from './processes.js';

/** One server under one load: what autocannon measured, and the server's peak resident memory meanwhile. */
export interface Measurement {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** Connection errors and timeouts, non-2xx answers, and GraphQL answers with `errors`. */
  errors: number;
  peakRssMb: number | null;
  /**
   * CPU milliseconds per answered request: the server's own processes, and PostgreSQL's (null on
   * the embedded database, which runs inside the service). A figure the machine's noise barely
   * moves, unlike requests per second: what a change costs or saves.
   */
  cpuMsPerRequest: number | null;
  databaseCpuMsPerRequest: number | null;
}

export interface Target {
  url: string;
  pid: number;
  /**
   * Where the database's CPU is counted: PostgreSQL's processes when absent; the process given
   * (the service's, whose embedded database the baseline uses); null when it runs inside this
   * target itself (the service on its embedded database: one figure for both).
   */
  databasePid?: number | null;
}

/** A GraphQL answer with an `errors` member (at the top level: only there is the key unescaped). */
const answeredWithErrors = (body: string) => body.includes('"errors":');

/** Drives `target` with the scenario's request from `connections` clients for `seconds`. */
export async function drive(target: Target, s: Scenario, f: Fixtures, connections: number, seconds: number): Promise<Measurement> {
  const token = s.user ? f.users[s.user].token : null;
  let failed = 0;
  const memory = sampleMemory(target.pid);
  const own = cpuMeter(target.pid);
  const database = target.databasePid === null ? null : target.databasePid ? cpuMeter(target.databasePid) : postgresMeter();
  const r = await autocannon({
    url: `${target.url}/graphql`,
    connections,
    duration: seconds,
    timeout: 120,
    requests: [
      {
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(s.headers?.(f) ?? {}) },
        body: JSON.stringify(s.body(f)),
        onResponse: (status, body) => {
          if (status < 200 || status > 299 || answeredWithErrors(body)) failed++;
        },
      },
    ],
  });
  const peakRssMb = memory.stop();
  const perRequest = (ticks: number | null | undefined) => (ticks == null || !r.requests.total ? null : (ticks * 1000) / TICKS_PER_SECOND / r.requests.total);
  return {
    requests: r.requests.total,
    perSecond: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    // Connection errors and timeouts (autocannon counts timeouts among its errors), and failed answers.
    errors: r.errors + failed,
    peakRssMb,
    cpuMsPerRequest: perRequest(own.used()),
    databaseCpuMsPerRequest: perRequest(database?.used()),
  };
}
