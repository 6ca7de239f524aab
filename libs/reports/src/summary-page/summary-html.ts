import { createHash } from 'node:crypto';
import { IncidentCategory } from '../../../cases/src/index.js';
import { words } from '../report-period.js';
import type { IncidentPeriodComparison, IncidentStatistics } from '../incident-statistics/incident-statistics.types.js';
import { escapeHtml as e, stackedBarChart } from './svg-chart.js';

/** The page's one stylesheet: A4, margins the printer keeps, nothing that breaks onto a second page. */
export const SUMMARY_CSS = `@page { size: A4; margin: 14mm; }
* { box-sizing: border-box; }
body { font-family: sans-serif; font-size: 10.5pt; color: #111; margin: 0 auto; max-width: 182mm; }
h1 { font-size: 16pt; margin: 0 0 2mm; } h2 { font-size: 11.5pt; margin: 5mm 0 2mm; }
p { margin: 0 0 2mm; } .muted { color: #555; }
.figures { display: flex; gap: 4mm; margin: 3mm 0; }
.figure { flex: 1; border: 1px solid #bbb; padding: 2mm 3mm; }
.figure b { display: block; font-size: 15pt; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
th, td { border-bottom: 1px solid #ddd; padding: 1mm 2mm; text-align: left; } td.n, th.n { text-align: right; }
svg { max-width: 100%; height: auto; }
@media print { body { max-width: none; } .figure, table, svg { break-inside: avoid; } }`;

/** The CSP hash of the stylesheet: the page allows that style and nothing else. */
export const SUMMARY_CSS_HASH = `'sha256-${createHash('sha256').update(SUMMARY_CSS).digest('base64')}'`;

const DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });
const MONTH = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'short', year: '2-digit' });

/** Months (YYYY-MM, UK calendar) from the one `from` falls in to the one just before `to`. */
export function monthsOf(from: Date, to: Date): { key: string; label: string }[] {
  const local = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit' }).format(d).slice(0, 7);
  const last = local(new Date(to.getTime() - 1));
  const out: { key: string; label: string }[] = [];
  for (let [y, m] = local(from).split('-').map(Number) as [number, number]; ;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push({ key, label: MONTH.format(new Date(`${key}-01T00:00:00Z`)) });
    if (key >= last || out.length >= 40) return out;
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
}

const change = (c: IncidentPeriodComparison) =>
  `${c.change > 0 ? '+' : ''}${c.change}${c.changeRatio === null ? '' : ` (${c.changeRatio > 0 ? '+' : ''}${Math.round(c.changeRatio * 100)}%)`}`;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export interface SummaryPage {
  serviceName: string;
  branchNames: string[];
  preparedAt: Date;
  /** Grouped by MONTH then CATEGORY. */
  stats: IncidentStatistics;
}

/** The one-page summary: headline figures, the chart of incidents per month by category, the categories' counts. */
export function renderSummaryPage({ serviceName, branchNames, preparedAt, stats }: SummaryPage): string {
  const months = monthsOf(stats.from, stats.to);
  const cell = new Map(stats.groups.map((g) => [`${g.keys[0]!.value}|${g.keys[1]!.value}`, g.count]));
  const categories = Object.values(IncidentCategory);
  const series = categories.map((c, colour) => ({ label: words(c), colour, values: months.map((m) => cell.get(`${m.key}|${c}`) ?? 0) }));
  const byCategory = series.map((s) => ({ label: s.label, n: s.values.reduce((a, b) => a + b, 0) })).filter((c) => c.n > 0);
  const shown = series.filter((s) => s.values.some(Boolean));
  const lastDay = new Date(stats.to.getTime() - 1);
  const police = stats.policeShare === null ? '–' : `${Math.round(stats.policeShare * 100)}%`;
  const chart = stackedBarChart('Incidents per month, by category', months, shown.length ? shown : series.slice(0, 1));
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Incident summary: ${e(serviceName)}</title><style>${SUMMARY_CSS}</style></head>
<body>
<h1>Incident summary</h1>
<p>${e(serviceName)}: ${e(branchNames.length ? branchNames.join(', ') : 'all branches')}</p>
<p class="muted">${e(DATE.format(stats.from))} to ${e(DATE.format(lastDay))}. Prepared ${e(DATE.format(preparedAt))}. Counts only: nobody is named.</p>
<div class="figures">
<div class="figure"><b>${stats.total}</b>incidents</div>
<div class="figure"><b>${e(change(stats.previousPeriod))}</b>against the ${stats.previousPeriod.total} of the period before</div>
<div class="figure"><b>${e(change(stats.yearBefore))}</b>against the ${stats.yearBefore.total} a year before</div>
<div class="figure"><b>${police}</b>reported to the police</div>
</div>
<p>${plural(stats.repeatPeople, 'person was', 'people were')} involved in two or more incidents; ${plural(stats.repeatPlaces, 'place', 'places')} (a location in a branch) saw two or more.</p>
<h2>Incidents per month</h2>
${chart}
<h2>By category</h2>
<table><thead><tr><th>Category</th><th class="n">Incidents</th><th class="n">Share</th></tr></thead><tbody>
${byCategory.map((c) => `<tr><td>${e(c.label)}</td><td class="n">${c.n}</td><td class="n">${stats.total ? Math.round((c.n / stats.total) * 100) : 0}%</td></tr>`).join('\n')}
</tbody></table>
</body></html>`;
}
