/**
 * A stacked bar chart as SVG, drawn on the server (no chart library, no script): one bar per
 * month, one band per series. Colours are presentation attributes, not style, so the page's
 * content security policy need allow no inline style beyond its one stylesheet.
 */
export interface ChartSeries {
  label: string;
  /** One value per month, in the order of `months`. */
  values: number[];
  /** Its place in the palette, so a series keeps its colour whichever others are shown. */
  colour: number;
}

/** Colour-blind-safe palette (Okabe–Ito, then greys), one per incident category. */
const COLOURS = ['#0072B2', '#E69F00', '#D55E00', '#009E73', '#CC79A7', '#56B4E9', '#F0E442', '#000000', '#999999', '#666666'];

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A "nice" top for the axis: 1, 2 or 5 times a power of ten, at least `max`. */
function niceTop(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((f) => f * power).find((v) => v >= max)!;
}

export function stackedBarChart(title: string, months: { key: string; label: string }[], series: ChartSeries[]): string {
  const width = 680;
  const plot = { left: 40, top: 28, width: 620, height: 170 };
  const legendRows = Math.ceil(series.length / 4);
  const height = plot.top + plot.height + 28 + legendRows * 16 + 6;
  const totals = months.map((_, m) => series.reduce((a, s) => a + (s.values[m] ?? 0), 0));
  const top = niceTop(Math.max(0, ...totals));
  const y = (v: number) => plot.top + plot.height - (v / top) * plot.height;
  const slot = plot.width / Math.max(1, months.length);
  const bar = Math.max(2, Math.min(40, slot * 0.7));
  const parts: string[] = [];
  parts.push(`<text x="${plot.left}" y="16" font-size="13" font-weight="bold">${escape(title)}</text>`);
  for (const tick of [0, top / 2, top]) {
    parts.push(`<line x1="${plot.left}" x2="${plot.left + plot.width}" y1="${y(tick)}" y2="${y(tick)}" stroke="#ccc" stroke-width="1"/>`);
    parts.push(`<text x="${plot.left - 6}" y="${y(tick) + 4}" font-size="10" text-anchor="end">${tick}</text>`);
  }
  months.forEach((month, m) => {
    const x = plot.left + m * slot + (slot - bar) / 2;
    let base = 0;
    series.forEach((s) => {
      const v = s.values[m] ?? 0;
      if (!v) return;
      const h = (v / top) * plot.height;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${(y(base) - h).toFixed(1)}" width="${bar.toFixed(1)}" height="${h.toFixed(1)}" fill="${COLOURS[s.colour % COLOURS.length]}"><title>${escape(`${month.label}: ${s.label} ${v}`)}</title></rect>`,
      );
      base += v;
    });
    // Every label while they fit; otherwise every few months.
    const every = Math.ceil(months.length / 12);
    if (m % every === 0)
      parts.push(`<text x="${(x + bar / 2).toFixed(1)}" y="${plot.top + plot.height + 14}" font-size="10" text-anchor="middle">${escape(month.label)}</text>`);
  });
  series.forEach((s, k) => {
    const lx = plot.left + (k % 4) * 155;
    const ly = plot.top + plot.height + 30 + Math.floor(k / 4) * 16;
    parts.push(`<rect x="${lx}" y="${ly - 9}" width="10" height="10" fill="${COLOURS[s.colour % COLOURS.length]}"/>`);
    parts.push(`<text x="${lx + 14}" y="${ly}" font-size="10">${escape(s.label)}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escape(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="sans-serif">${parts.join('')}</svg>`;
}

export { escape as escapeHtml };
