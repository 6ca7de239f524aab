import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Confirm, Done, ErrorSummary, type FormErrors, mutationErrors, noErrors, Scroll, when, words } from '../components/forms';
import { type RetentionRunFieldsFragment, RetentionReportDocument, RunRetentionSweepDocument } from '../graphql/generated';
import { Loading } from './Home';

/** How long a policy keeps records, in words: "6 years, then delete". */
export const keptFor = (p: { retainYears: number; action: string; startsFrom?: string | null }) =>
  `${p.retainYears} ${p.retainYears === 1 ? 'year' : 'years'}${p.startsFrom ? ` from ${p.startsFrom}` : ''}, then ${words(p.action)}`;

/**
 * The DPO's retention page: what is due per record type, a dry run of the sweep (what would go,
 * changing nothing), and the real sweep behind a confirmation.
 */
export function Retention() {
  const { data, error, refetch } = useQuery(RetentionReportDocument);
  const [run, { loading }] = useMutation(RunRetentionSweepDocument);
  const [result, setResult] = useState<RetentionRunFieldsFragment | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  if (error) return <p className="govuk-body">The retention report could not be loaded. Reload the page to try again.</p>;
  if (!data) return <Loading />;
  const report = data.retentionReport;
  const sweep = async (dryRun: boolean) => {
    try {
      const { data: ran } = await run({ variables: { dryRun } });
      setResult(ran?.runRetentionSweep ?? null);
      setErrors(noErrors);
    } catch (err) {
      setErrors(mutationErrors(err, 'The sweep could not be run. Try again.'));
    }
    setConfirming(false);
    await refetch();
  };
  const overdue = report.lines.reduce((n, l) => n + l.overdue, 0);
  return (
    <>
      <ErrorSummary errors={errors} labels={{}} />
      {result && <Done message={result.dryRun ? 'Dry run done: nothing was changed' : 'Retention sweep done'} />}
      <h1 className="govuk-heading-l">Retention</h1>
      <p className="govuk-body">
        Records past their date are deleted or anonymised by the retention sweep. Counted on {report.today}: {overdue} records are past their date now.
      </p>
      <Scroll label="Retention by record type">
        <table className="govuk-table govuk-table--small-text-until-tablet">
          <caption className="govuk-table__caption govuk-table__caption--m">Due for deletion, by record type</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Records
              </th>
              <th scope="col" className="govuk-table__header">
                Kept for
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Past date
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Within 30 days
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Within 90 days
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                On legal hold
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {report.lines.map((l) => (
              <tr key={l.recordType} className="govuk-table__row">
                <th scope="row" className="govuk-table__header">
                  {l.title}
                </th>
                <td className="govuk-table__cell">{keptFor(l.policy)}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{l.overdue}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{l.dueWithin30Days}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{l.dueWithin90Days}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  {l.onHold}
                  {l.onHoldPastDate ? ` (${l.onHoldPastDate} past date)` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      <h2 className="govuk-heading-m">The sweep</h2>
      <p className="govuk-body">A dry run shows what the sweep would delete or anonymise now, and changes nothing.</p>
      <div className="govuk-button-group">
        <button type="button" className="govuk-button" disabled={loading} onClick={() => void sweep(true)}>
          Do a dry run
        </button>
        {!confirming && (
          <button type="button" className="govuk-button govuk-button--warning" disabled={loading} onClick={() => setConfirming(true)}>
            Run the sweep
          </button>
        )}
      </div>
      {confirming && (
        <Confirm
          warning={`The sweep deletes or anonymises the ${overdue} records past their date now. This cannot be undone.`}
          yes="Yes, run the sweep"
          busy={loading}
          onYes={() => void sweep(false)}
          onCancel={() => setConfirming(false)}
        />
      )}
      {result && <RunCounts run={result} caption={result.dryRun ? 'What the sweep would do now' : 'What the sweep did'} />}
      <h2 className="govuk-heading-m">Recent sweeps</h2>
      {report.lastRuns.length === 0 ? (
        <p className="govuk-body">No sweep has run yet.</p>
      ) : (
        <ul className="govuk-list govuk-list--spaced">
          {report.lastRuns.map((r) => (
            <li key={r.id}>
              {when(r.startedAt)}: {r.dryRun ? 'dry run' : 'sweep'} ({words(r.triggeredBy === 'API' ? 'by the DPO' : r.triggeredBy)}), {words(r.status)}.{' '}
              {r.counts.reduce((n, c) => n + (r.dryRun ? c.due : c.deleted + c.anonymised), 0)} records {r.dryRun ? 'due' : 'deleted or anonymised'}.
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** One run's counts per record type (a dry run's "would go"; a sweep's what went). */
function RunCounts({ run, caption }: { run: RetentionRunFieldsFragment; caption: string }) {
  const rows = run.counts.filter((c) => c.due || c.deleted || c.anonymised || c.blocked || c.onHold || c.extended);
  if (!rows.length) return <p className="govuk-body">{run.dryRun ? 'Nothing would go now.' : 'Nothing was due.'}</p>;
  return (
    <Scroll label={caption}>
      <table className="govuk-table govuk-table--small-text-until-tablet">
        <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Records
            </th>
            <th scope="col" className="govuk-table__header">
              Action
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              {run.dryRun ? 'Would go' : 'Deleted or anonymised'}
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Held or blocked
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((c) => (
            <tr key={c.recordType} className="govuk-table__row">
              <th scope="row" className="govuk-table__header">
                {words(c.recordType)}
              </th>
              <td className="govuk-table__cell">
                {words(c.action)} after {c.retainYears} years
              </td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{run.dryRun ? c.due : c.deleted + c.anonymised}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{c.onHold + c.blocked}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}
