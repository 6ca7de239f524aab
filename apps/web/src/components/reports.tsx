import type { ReactNode } from 'react';

/** Counts as horizontal bars: an image with its numbers in words (the table beside it has them all). `id` names its title. */
export function BarChart({ id, title, bars }: { id: string; title: string; bars: { label: string; count: number }[] }) {
  const max = Math.max(1, ...bars.map((m) => m.count));
  const row = 28;
  const height = bars.length * row;
  return (
    <figure className="govuk-!-margin-0 govuk-!-margin-bottom-6">
      <svg viewBox={`0 0 300 ${height}`} width="100%" role="img" aria-labelledby={id} className="app-chart">
        <title id={id}>{`${title}: ${bars.map((m) => `${m.label} ${m.count}`).join(', ')}`}</title>
        {bars.map((m, i) => (
          <g key={m.label} transform={`translate(0 ${i * row})`}>
            <text x="0" y="18" fontSize="12" fill="#0b0c0c">
              {m.label}
            </text>
            <rect x="100" y="4" height="18" width={Math.max(1, (m.count / max) * 160)} fill="#1d70b8" />
            <text x={106 + (m.count / max) * 160} y="18" fontSize="12" fill="#0b0c0c">
              {m.count}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

/** GOV.UK's table of what was counted and how many: the head names both columns. */
export function CountsTable({ caption, what, counted = 'Number', rows }: { caption: string; what: string; counted?: string; rows: [string, ReactNode][] }) {
  return (
    <table className="govuk-table govuk-table--small-text-until-tablet">
      <caption className="govuk-table__caption govuk-table__caption--s">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            {what}
          </th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
            {counted}
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {rows.map(([label, n]) => (
          <tr key={label} className="govuk-table__row">
            <th scope="row" className="govuk-table__header">
              {label}
            </th>
            <td className="govuk-table__cell govuk-table__cell--numeric">{n}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
