import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Comparison } from './compare.js';
import type { Measurement } from './drive.js';

export interface Row {
  scenario: string;
  letter: string;
  title: string;
  concurrency: number;
  service: Measurement;
  baseline: Measurement;
  /** Service req/s over baseline req/s. */
  ratio: number;
  /** Which ran first (they alternate). */
  first: 'service' | 'baseline';
}

export interface ScaleResult {
  scale: string;
  database: 'postgres' | 'embedded';
  databaseLabel: string;
  generatedSeconds: number;
  fixtures: Record<string, unknown>;
  comparison: Comparison[];
  rows: Row[];
}

export interface Report {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string; loadAverageAtStart: number[] };
  duration: number;
  warmup: number;
  concurrencies: number[];
  /** The service's Node processes (API_WORKERS); the baseline is always one. */
  serviceWorkers: number;
  /** Statements the baseline sends per request, by scenario (bench/baseline). */
  baselineStatements: Record<string, string>;
  results: ScaleResult[];
  seconds: number;
}

export const BASELINE_STATEMENTS: Record<string, string> = {
  sharedCases: '2 (the user; the page, count, grant, sections and audit rows in one)',
  incidents: '2 (the user; the page, count, people and audit rows in one)',
  recordIncident: '2 (the user; the branch check, incident and audit row in one)',
  referrals: '2 (the user; the page, count, people, organisations and audit rows in one)',
  auditTrail: '2 (the user; the linked records, page, actors and audit row in one)',
  signIn: '2 (user and throttle counters; counters, last sign-in and audit row), around argon2',
};

export function machine(): Report['machine'] {
  const c = cpus();
  return {
    cpus: c.length,
    cpuModel: c[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

const rate = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const mb = (n: number | null) => (n === null ? '–' : n.toFixed(0));
const cpuMs = (n: number | null | undefined) => (n === null || n === undefined ? '–' : n.toFixed(n >= 10 ? 0 : 1));
/** Node's CPU per request, plus PostgreSQL's when it runs apart. */
const cpuOf = (m: Measurement) =>
  m.databaseCpuMsPerRequest == null ? cpuMs(m.cpuMsPerRequest) : `${cpuMs(m.cpuMsPerRequest)} + ${cpuMs(m.databaseCpuMsPerRequest)}`;

const HEADER = [
  'scenario',
  'conc.',
  'service req/s',
  'baseline req/s',
  'ratio',
  'service p50 / p99 ms',
  'baseline p50 / p99 ms',
  'errors (service / baseline)',
  'service peak RSS MB',
  'CPU ms per request, service / baseline (Node + PostgreSQL)',
];

/** Latencies of a run; none when no request was answered within it (each took longer than the run). */
const latencies = (m: Measurement) => (m.requests ? `${ms(m.p50)} / ${ms(m.p99)}` : 'none answered');

function cells(r: Row): string[] {
  return [
    `${r.letter} ${r.scenario}`,
    String(r.concurrency),
    rate(r.service.perSecond),
    rate(r.baseline.perSecond),
    r.baseline.perSecond ? r.ratio.toFixed(2) : '–',
    latencies(r.service),
    latencies(r.baseline),
    `${r.service.errors} / ${r.baseline.errors}`,
    mb(r.service.peakRssMb),
    `${cpuOf(r.service)} / ${cpuOf(r.baseline)}`,
  ];
}

/** The table as aligned text, for the terminal. */
export function textTable(rows: Row[]): string {
  const all = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  return all
    .map(
      (r, j) =>
        r.map((c, i) => (i < 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ') +
        (j === 0 ? `\n${'-'.repeat(widths.reduce((a, b) => a + b + 2, -2))}` : ''),
    )
    .join('\n');
}

function markdownTable(rows: Row[]): string {
  return [`| ${HEADER.join(' | ')} |`, `|${HEADER.map((_, i) => (i < 1 ? '---' : '---:')).join('|')}|`, ...rows.map((r) => `| ${cells(r).join(' | ')} |`)].join(
    '\n',
  );
}

/** How p50 and p99 grow from the smallest scale measured to the largest, per scenario and concurrency (--scale-sweep). */
export function growth(results: ScaleResult[]): string | null {
  if (results.length < 2) return null;
  const [small, large] = [results[0], results.at(-1)!];
  const lines = [
    `| scenario | conc. | ${results.map((r) => `service p50 / p99 ms at ${r.scale}`).join(' | ')} | service p99 ${large.scale} / ${small.scale} | baseline p99 ${large.scale} / ${small.scale} |`,
    `|---|---:|${results.map(() => '---:').join('|')}|---:|---:|`,
  ];
  for (const row of small.rows) {
    const at = results.map((r) => r.rows.find((x) => x.scenario === row.scenario && x.concurrency === row.concurrency));
    const last = at.at(-1);
    if (!last) continue;
    lines.push(
      `| ${row.letter} ${row.scenario} | ${row.concurrency} | ${at.map((x) => (x ? latencies(x.service) : '–')).join(' | ')} | ${growthOf(row.service, last.service)} | ${growthOf(row.baseline, last.baseline)} |`,
    );
  }
  return lines.join('\n');
}

const growthOf = (small: Measurement, large: Measurement) => (small.requests && large.requests ? (large.p99 / small.p99).toFixed(2) : '–');

export function markdown(report: Report, title: string): string {
  const m = report.machine;
  const out = [
    `# ${title}`,
    '',
    `${report.date}; ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, Node ${m.node}, load average at the start ${m.loadAverageAtStart.join(' ')}; ` +
      `${report.duration} s per server, scenario and concurrency after ${report.warmup} s of warm-up, service and baseline alternately; ${Math.round(report.seconds)} s in all.` +
      (report.serviceWorkers > 1 ? ` The service ran as ${report.serviceWorkers} Node processes (API_WORKERS), the baseline as one.` : ''),
    '',
  ];
  for (const r of report.results) {
    const differing = r.comparison.filter((c) => !c.same);
    out.push(
      `## ${r.scale} on ${r.database === 'postgres' ? 'PostgreSQL' : 'the embedded database'}`,
      '',
      `${r.databaseLabel}${r.generatedSeconds ? `, generated in ${Math.round(r.generatedSeconds)} s` : ''}. ` +
        (differing.length
          ? `The two servers' answers DIFFER: ${differing.map((c) => `${c.scenario} (${c.detail})`).join('; ')}.`
          : `The two servers answered the same (data and audit rows) for ${r.comparison.map((c) => c.scenario).join(', ')}.`),
      '',
      markdownTable(r.rows),
      '',
    );
  }
  const g = growth(report.results);
  if (g) out.push('## Growth with the data', '', g, '');
  out.push(
    '"none answered": no request finished within the run (each took longer); requests cut off at the end of a run are not counted, ' +
      'and the next run waits until both servers have finished them.',
    '',
  );
  out.push('Statements per request of the baseline:', '', ...Object.entries(report.baselineStatements).map(([k, v]) => `- ${k}: ${v}`), '');
  return out.join('\n');
}

export function writeReport(dir: string, name: string, report: Report, title: string): string[] {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, `${name}.json`);
  const md = join(dir, `${name}.md`);
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(md, markdown(report, title));
  return [json, md];
}
