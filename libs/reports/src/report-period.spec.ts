import { checkPeriod, previousPeriod, words, yearBefore } from './report-period.js';
import { monthsOf } from './summary-page/summary-html.js';
import { stackedBarChart } from './summary-page/svg-chart.js';

const d = (iso: string) => new Date(iso);

describe('report periods', () => {
  it('compare with the period of the same length just before, and the same dates a year before', () => {
    const march = { from: d('2026-03-01T00:00:00Z'), to: d('2026-04-01T00:00:00Z') };
    expect(previousPeriod(march)).toEqual({ from: d('2026-01-29T00:00:00Z'), to: d('2026-03-01T00:00:00Z') });
    expect(yearBefore(march)).toEqual({ from: d('2025-03-01T00:00:00Z'), to: d('2025-04-01T00:00:00Z') });
  });

  it('refuse an empty, back-to-front or over-three-years period', () => {
    expect(() => checkPeriod({ from: d('2026-01-01T00:00:00Z'), to: d('2026-01-01T00:00:00Z') })).toThrow(/from must be before to/);
    expect(() => checkPeriod({ from: d('2026-02-01T00:00:00Z'), to: d('2026-01-01T00:00:00Z') })).toThrow(/from must be before to/);
    expect(() => checkPeriod({ from: d('2020-01-01T00:00:00Z'), to: d('2023-01-05T00:00:00Z') })).toThrow(/at most 1098 days/);
    expect(() => checkPeriod({ from: d('2020-01-01T00:00:00Z'), to: d('2023-01-01T00:00:00Z') })).not.toThrow();
  });

  it('list the months of a period on the UK calendar', () => {
    // 23:00 UTC on 31 March 2026 is midnight in summer time: April is not in it.
    expect(monthsOf(d('2026-01-01T00:00:00Z'), d('2026-03-31T23:00:00Z')).map((m) => m.key)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(monthsOf(d('2026-01-01T00:00:00Z'), d('2026-04-01T00:00:00Z')).map((m) => m.key)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(words('ANTISOCIAL_BEHAVIOUR')).toBe('Antisocial behaviour');
  });

  it('draw a stacked bar per month, escaping labels', () => {
    const svg = stackedBarChart('A <chart>', [{ key: '2026-01', label: 'Jan 26' }], [{ label: 'R&D', values: [3], colour: 0 }]);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('A &lt;chart&gt;');
    expect(svg).toContain('R&amp;D');
    expect(svg.match(/<rect /g)).toHaveLength(2); // the bar and its legend swatch
  });
});
