import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The built files the benchmark runs (npm run bench builds first). */
export const DIST = join(import.meta.dirname, '..', '..');
export const SERVICE_MAIN = join(DIST, 'apps', 'api', 'main.js');
export const BASELINE_MAIN = join(DIST, 'bench', 'baseline', 'main.js');
export const CLI_MAIN = join(DIST, 'apps', 'cli', 'main.js');

/** Settings of the parent's environment that would point a child at another database: never inherited. */
const DATABASE_SETTINGS = ['DATABASE_URL', 'MIGRATION_DATABASE_URL', 'DATABASE_SCHEMA', 'DATA_DIR', 'REDIS_URL', 'SEED_DEMO', 'PORT', 'NODE_ENV', 'LOG_LEVEL'];

export function childEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !DATABASE_SETTINGS.includes(k)) env[k] = v;
  return { ...env, ...extra };
}

export interface Child {
  name: string;
  process: ChildProcess;
  url: string;
  pid: number;
  /** What it wrote to stderr (the last 20,000 characters), for the message when it fails. */
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * Starts a node process and waits for the line naming its URL on stdout (`ready` matches it,
 * capturing the URL). Refused when it exits or stays silent for `timeoutMs`.
 */
export function startChild(
  name: string,
  script: string,
  env: Record<string, string>,
  ready: RegExp,
  nodeArgs: string[] = [],
  timeoutMs = 120_000,
): Promise<Child> {
  const child = spawn(process.execPath, [...nodeArgs, script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  let out = '';
  child.stderr!.on('data', (d: Buffer) => {
    err = (err + d.toString()).slice(-20_000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${timeoutMs / 1000} s\n${err}`));
    }, timeoutMs);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before it was ready\n${out}\n${err}`));
    };
    child.once('exit', onExit);
    child.stdout!.on('data', (d: Buffer) => {
      out = (out + d.toString()).slice(-20_000);
      const m = ready.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      resolve({
        name,
        process: child,
        url: m[1].replace('localhost', '127.0.0.1').replace(/\/graphql$/, ''),
        pid: child.pid!,
        stderr: () => err,
        stop: () => stopChild(child),
      });
    });
  });
}

/** SIGTERM, then SIGKILL if it has not exited within 15 s. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** A process and its descendants (the service's API_WORKERS), from /proc/<pid>/task/<tid>/children; [pid] off Linux. */
function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    try {
      for (const task of readdirSync(`/proc/${tree[i]}/task`)) {
        const children = readFileSync(`/proc/${tree[i]}/task/${task}/children`, 'utf8').trim();
        if (children) tree.push(...children.split(' ').map(Number));
      }
    } catch {
      // gone, or not Linux
    }
  }
  return tree;
}

/** Resident memory of a process with its workers, in MB (VmRSS of /proc/<pid>/status, summed); null off Linux or once it is gone. */
export function residentMb(pid: number): number | null {
  let total: number | null = null;
  for (const p of processTree(pid)) {
    try {
      const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) total = (total ?? 0) + Number(m[1]) / 1024;
    } catch {
      // gone between the listing and the read
    }
  }
  return total;
}

/** Samples a process's resident memory every `everyMs` until stopped; the peak, in MB. */
export function sampleMemory(pid: number, everyMs = 200): { stop(): number | null } {
  let peak: number | null = residentMb(pid);
  const timer = setInterval(() => {
    const mb = residentMb(pid);
    if (mb !== null && (peak === null || mb > peak)) peak = mb;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

/** CPU time a process and its workers have used, in clock ticks (utime + stime of /proc/<pid>/stat); null off Linux or once it is gone. */
function cpuTicks(pid: number): number | null {
  let total: number | null = null;
  for (const p of processTree(pid)) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total = (total ?? 0) + Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return total;
}

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux). */
export const TICKS_PER_SECOND = 100;

/** What a CPU figure has used since it was started, in clock ticks; null when it cannot be read (off Linux, or gone). */
export interface CpuMeter {
  used(): number | null;
}

/** The CPU of a process and its workers from now on. */
export function cpuMeter(pid: number): CpuMeter {
  const before = cpuTicks(pid);
  return {
    used: () => {
      const after = cpuTicks(pid);
      return after === null || before === null ? null : after - before;
    },
  };
}

/**
 * The CPU of every PostgreSQL server process on this machine (the local server the benchmark
 * uses) from now on: a process that ends meanwhile takes its figure with it, one that begins
 * counts whole. The two servers take turns, so what PostgreSQL used in a run was that run's server's.
 */
export function postgresMeter(): CpuMeter {
  const before = postgresTicks();
  return {
    used: () => {
      const after = postgresTicks();
      if (!before || !after) return null;
      let used = 0;
      for (const [pid, t] of after) used += t - (before.get(pid) ?? 0);
      return used;
    },
  };
}

/** CPU time of each PostgreSQL server process, in clock ticks by pid; null off Linux. */
function postgresTicks(): Map<number, number> | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return null;
  }
  const ticks = new Map<number, number>();
  for (const p of entries) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(Number(p), Number(fields[11]) + Number(fields[12]));
    } catch {
      // gone
    }
  }
  return ticks;
}

/**
 * Waits until the processes have gone quiet (under a tenth of a CPU over half a second) and
 * `busy()` (the database's active statements) says nothing runs: requests cut off at the end of
 * a run go on being answered after their client has gone, and must not weigh on the next run.
 * Gives up after `maxMs` (a machine busy with other work never looks quiet).
 */
export async function waitQuiet(pids: number[], busy: () => Promise<boolean> = async () => false, maxMs = 60_000): Promise<void> {
  const until = Date.now() + maxMs;
  while (Date.now() < until) {
    const before = pids.map(cpuTicks);
    await new Promise((r) => setTimeout(r, 500));
    const used = pids.map((pid, i) => ((cpuTicks(pid) ?? 0) - (before[i] ?? 0)) / (TICKS_PER_SECOND * 0.5));
    if (used.every((u) => u < 0.1) && !(await busy())) return;
  }
}

/** Runs a command of the CLI (node dist/apps/cli/main.js …) to its end; its stderr progress goes to ours. */
export function runCli(args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_MAIN, ...args], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`cli ${args.join(' ')} exited with ${code}`))));
  });
}
