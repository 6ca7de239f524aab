import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { useQuery } from '@apollo/client/react';
import { type FormEvent, useMemo, useState } from 'react';
import { fetchWithToken, saveFile } from '../api';
import { describedBy, ErrorSummary, Field, type FormErrors, formErrors, noErrors } from '../components/forms';
import { BarChart } from '../components/reports';
import { IncidentReportDocument, type MeQuery } from '../graphql/generated';
import type { ApiError } from '../session';
import { PeriodReports } from './ActivityReports';
import { AnonymisedSummary } from './AnonymisedSummary';
import { Loading } from './Home';

/** YYYY-MM-DD of a date, on the browser's calendar. */
const isoDay = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

/** The period's bounds as the API takes them: from the first day's start to the day after the last. */
const period = (from: string, to: string) => ({
  from: new Date(`${from}T00:00:00`).toISOString(),
  to: new Date(new Date(`${to}T00:00:00`).getTime() + 86_400_000).toISOString(),
});

/**
 * The reports of a period (managers and the DPO): incidents by month and category (a table, a bar
 * chart of the months, the CSV and the printable summary; both files need the token, so they are
 * fetched with it), then bans, partner engagement and staff welfare, and for a manager the
 * anonymised summary for a partner.
 */
export function Reports({ me }: { me: MeQuery['me'] }) {
  const today = new Date();
  const [form, setForm] = useState({ from: isoDay(new Date(today.getFullYear(), today.getMonth() - 5, 1)), to: isoDay(today) });
  const [asked, setAsked] = useState<{ from: string; to: string } | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [refused, setRefused] = useState<string | null>(null);
  const { data, loading, error } = useQuery(IncidentReportDocument, { variables: asked ?? { from: '', to: '' }, skip: !asked });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  function show(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!form.from) missing.from = 'Enter the first day of the period';
    if (!form.to) missing.to = 'Enter the last day of the period';
    else if (form.from && form.to < form.from) missing.to = 'The last day must be on or after the first';
    if (Object.keys(missing).length) return (setAsked(null), setErrors({ ...noErrors, fields: missing }));
    setErrors(noErrors);
    setAsked(period(form.from, form.to));
  }

  // The API's refusal of the period (more than three years, say), against the field it names.
  // Kept while the error is the same one, so the summary takes focus once, not on every render.
  const shown = useMemo(() => {
    if (!error) return errors;
    const found = formErrors(CombinedGraphQLErrors.is(error) ? (error.errors as ApiError[]) : [{ message: 'The report could not be made. Try again.' }]);
    return { ...found, fields: Object.fromEntries(Object.entries(found.fields).map(([k, v]) => [k.replace(/^input\./, ''), v])) };
  }, [error, errors]);

  const query = (p: { from: string; to: string }, extra: Record<string, string> = {}) => new URLSearchParams({ ...p, ...extra }).toString();
  const download = async () => {
    const file = asked && (await fetchWithToken(`/exports/incident-statistics.csv?${query(asked, { groupBy: 'MONTH,CATEGORY' })}`));
    if (file) saveFile(file, 'incident-statistics.csv');
    setRefused(file ? null : 'The CSV could not be downloaded. Try again.');
  };
  const printable = async () => {
    // Opened before the fetch, while the click still counts as the user's: a window opened later is blocked.
    const w = window.open('', '_blank');
    const file = asked && (await fetchWithToken(`/reports/summary.html?${query(asked)}`));
    if (!w || !file) {
      w?.close();
      return setRefused('The printable summary could not be opened. Try again.');
    }
    setRefused(null);
    const url = URL.createObjectURL(new Blob([file], { type: 'text/html' }));
    w.location.href = url;
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };

  const stats = asked && !error ? data?.incidentStatistics : undefined;
  const months = new Map<string, { label: string; count: number }>();
  for (const g of stats ? stats.groups : []) {
    const m = g.keys[0];
    const v = months.get(m.value ?? '') ?? { label: m.label, count: 0 };
    months.set(m.value ?? '', { ...v, count: v.count + g.count });
  }
  const labels = { from: 'From', to: 'To' };
  return (
    <>
      <ErrorSummary errors={shown} labels={labels} />
      <h1 className="govuk-heading-l">Reports</h1>
      <p className="govuk-body">Incidents, bans, partner engagement and staff welfare of your library service in a period: counts only, nobody named.</p>
      <form onSubmit={show} noValidate>
        <Field id="from" label={labels.from} hint="The first day of the period" error={shown.fields.from}>
          <input
            className={`govuk-input govuk-input--width-10${shown.fields.from ? ' govuk-input--error' : ''}`}
            id="from"
            type="date"
            value={form.from}
            onChange={set('from')}
            aria-describedby={describedBy('from', true, shown.fields.from)}
          />
        </Field>
        <Field id="to" label={labels.to} hint="The last day of the period" error={shown.fields.to}>
          <input
            className={`govuk-input govuk-input--width-10${shown.fields.to ? ' govuk-input--error' : ''}`}
            id="to"
            type="date"
            value={form.to}
            onChange={set('to')}
            aria-describedby={describedBy('to', true, shown.fields.to)}
          />
        </Field>
        <button type="submit" className="govuk-button" disabled={loading}>
          Show report
        </button>
      </form>
      {loading && <Loading />}
      {stats && asked && (
        <>
          <h2 className="govuk-heading-m">{stats.total} incidents</h2>
          {refused && (
            <p className="govuk-error-message" role="alert">
              {refused}
            </p>
          )}
          <div className="govuk-button-group">
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void download()}>
              Download as CSV
            </button>
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void printable()}>
              Open the printable summary
            </button>
          </div>
          {months.size > 0 && <BarChart id="incidents-chart" title="Incidents per month" bars={[...months.values()]} />}
          <table className="govuk-table govuk-table--small-text-until-tablet">
            <caption className="govuk-table__caption govuk-table__caption--s">Incidents by month and kind</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Month
                </th>
                <th scope="col" className="govuk-table__header">
                  Kind
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Incidents
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {stats.groups.map((g) => (
                <tr key={g.keys.map((k) => k.value).join('|')} className="govuk-table__row">
                  <td className="govuk-table__cell">{g.keys[0]?.label}</td>
                  <td className="govuk-table__cell">{g.keys[1]?.label}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{g.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <PeriodReports period={asked} />
          {me.role === 'MANAGER' && <AnonymisedSummary period={asked} />}
        </>
      )}
    </>
  );
}
