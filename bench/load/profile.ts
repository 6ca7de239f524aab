import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The parts of a V8 .cpuprofile (node --cpu-prof) this reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Where a function's time is counted: the npm package it belongs to, the project's own lib or app,
 * a Node built-in, or V8's own buckets (garbage collection, idle, the engine itself).
 */
export function bucket(frame: { functionName: string; url: string }): string {
  if (!frame.url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (pkg) return pkg[1];
  if (frame.url.startsWith('node:')) return frame.url;
  const own = /\/dist\/((?:libs|apps)\/[^/]+)/.exec(frame.url);
  return own ? own[1] : '(other)';
}

export interface ProfileSummary {
  /** Milliseconds sampled in all, and of them idle (the process waiting on I/O). */
  totalMs: number;
  idleMs: number;
  /** Self time by bucket, busiest first, as a share of the busy (not idle) time. */
  buckets: { name: string; share: number }[];
  /** The busiest functions by self time. */
  functions: { name: string; share: number }[];
}

/** Sums the self time of every profile in `dir` (one per process: API_WORKERS write one each). */
export function summariseProfiles(dir: string, top = 15): ProfileSummary {
  const byBucket = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const p = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    const nodes = new Map(p.nodes.map((n) => [n.id, n.callFrame]));
    p.samples.forEach((id, i) => {
      const frame = nodes.get(id)!;
      const us = p.timeDeltas[i] ?? 0;
      total += us;
      const b = bucket(frame);
      byBucket.set(b, (byBucket.get(b) ?? 0) + us);
      const where = frame.url ? `${frame.url.replace(/^.*\/(node_modules|dist)\//, '')}:${frame.lineNumber + 1}` : '';
      const f = `${frame.functionName || '(anonymous)'} ${where}`.trim();
      byFunction.set(f, (byFunction.get(f) ?? 0) + us);
    });
  }
  const idle = byBucket.get('(idle)') ?? 0;
  const busy = total - idle || 1;
  const ranked = (m: Map<string, number>) =>
    [...m.entries()]
      .filter(([name]) => !name.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, share: us / busy }));
  return { totalMs: total / 1000, idleMs: idle / 1000, buckets: ranked(byBucket), functions: ranked(byFunction) };
}

/** The summary as Markdown: busy share, then the buckets and the functions. */
export function profileMarkdown(s: ProfileSummary, what: string): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const busy = s.totalMs ? (s.totalMs - s.idleMs) / s.totalMs : 0;
  return [
    `## Where the service's CPU goes: ${what}`,
    '',
    `Sampled ${(s.totalMs / 1000).toFixed(1)} s of the service's main thread; busy ${pct(busy)} of it (idle: waiting on I/O, and the baseline's turns and the pauses between runs, when the service has nothing to do). Shares are of the busy time, by self time.`,
    '',
    '| where (package or own code) | share |',
    '|---|---:|',
    ...s.buckets.map((b) => `| ${b.name} | ${pct(b.share)} |`),
    '',
    '| busiest functions | share |',
    '|---|---:|',
    ...s.functions.map((f) => `| \`${f.name.replace(/\|/g, '\\|')}\` | ${pct(f.share)} |`),
    '',
  ].join('\n');
}
