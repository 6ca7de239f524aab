import { useQuery } from '@apollo/client/react';
import { Scroll, when, words } from '../components/forms';
import { RecordOfProcessingDocument } from '../graphql/generated';
import { Loading } from './Home';
import { keptFor } from './Retention';

/** The record of processing activities (UK GDPR Article 30), as the API reads it from the records held. */
export function RecordOfProcessing() {
  const { data, error } = useQuery(RecordOfProcessingDocument);
  if (error) return <p className="govuk-body">The record of processing could not be loaded. Reload the page to try again.</p>;
  if (!data) return <Loading />;
  const ropa = data.recordOfProcessing;
  const warnings = ropa.activities.flatMap((a) => a.warnings.map((w) => ({ title: a.title, w })));
  return (
    <>
      <h1 className="govuk-heading-l">Record of processing</h1>
      <p className="govuk-body">
        Controller: {ropa.controller}. Read from the records held on {when(ropa.generatedAt)}.
      </p>
      {warnings.length > 0 && (
        <div className="govuk-inset-text">
          <h2 className="govuk-heading-s">To look at</h2>
          <ul className="govuk-list govuk-list--bullet">
            {warnings.map(({ title, w }) => (
              <li key={`${title}-${w}`}>
                {title}: {w}
              </li>
            ))}
          </ul>
        </div>
      )}
      <Scroll label="Processing activities">
        <table className="govuk-table govuk-table--small-text-until-tablet">
          <caption className="govuk-table__caption govuk-table__caption--m">Processing activities</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Records
              </th>
              <th scope="col" className="govuk-table__header">
                Purpose
              </th>
              <th scope="col" className="govuk-table__header">
                About whom, and what
              </th>
              <th scope="col" className="govuk-table__header">
                Lawful basis
              </th>
              <th scope="col" className="govuk-table__header">
                Kept for
              </th>
              <th scope="col" className="govuk-table__header">
                Shared with
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Held
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {ropa.activities.map((a) => (
              <tr key={a.recordType} className="govuk-table__row">
                <th scope="row" className="govuk-table__header">
                  {a.title}
                  {a.specialCategory && <span className="govuk-hint govuk-!-margin-bottom-0">Special category</span>}
                  {a.criminalOffence && <span className="govuk-hint govuk-!-margin-bottom-0">Criminal offence data</span>}
                </th>
                <td className="govuk-table__cell">{a.purpose}</td>
                <td className="govuk-table__cell">
                  {a.dataSubjectCategories.join(', ')}: {a.dataCategories.join(', ')}
                </td>
                <td className="govuk-table__cell">
                  {a.lawfulBasesInUse
                    .map((b) => `${words(b.lawfulBasis)}${b.records === null || b.records === undefined ? '' : ` (${b.records})`}`)
                    .join('; ') || 'None recorded'}
                  {[...a.specialCategoryConditionsInUse, ...a.criminalOffenceConditionsInUse].length > 0 && (
                    <span className="govuk-hint govuk-!-margin-bottom-0">
                      Conditions: {[...a.specialCategoryConditionsInUse, ...a.criminalOffenceConditionsInUse].map(words).join(', ')}
                    </span>
                  )}
                </td>
                <td className="govuk-table__cell">{a.retention ? keptFor(a.retention) : (a.retentionNote ?? 'No policy')}</td>
                <td className="govuk-table__cell">{a.recipients.map((r) => r.name).join(', ') || 'No one'}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{a.records}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      <h2 className="govuk-heading-m">Recipients</h2>
      {ropa.recipients.length === 0 ? (
        <p className="govuk-body">No partner organisation has an active data sharing agreement.</p>
      ) : (
        <ul className="govuk-list govuk-list--bullet">
          {ropa.recipients.map((r) => (
            <li key={r.partnerOrganisationId}>
              {r.name} ({words(r.type)})
            </li>
          ))}
        </ul>
      )}
      {ropa.recipientsNote && <p className="govuk-body">{ropa.recipientsNote}</p>}
    </>
  );
}
