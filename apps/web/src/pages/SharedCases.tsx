import { useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { currentPurpose, setPurpose } from '../api';
import { describedBy, ErrorSummary, Field, type FormErrors, noErrors } from '../components/forms';
import { SharedCaseDocument, SharedCasesDocument } from '../graphql/generated';
import { Link } from '../router';
import { Loading } from './Home';

/** Nothing is read until the partner says why: the purpose goes to the audit trail with every record shown. */
export function PurposeGate({ children }: { children: () => React.ReactNode }) {
  const [given, setGiven] = useState(currentPurpose());
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  if (given) return <>{children()}</>;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim().length < 3) return setErrors({ ...noErrors, fields: { purpose: 'Say why you are looking, in a few words' } });
    setPurpose(text.trim());
    setGiven(text.trim());
  };
  return (
    <>
      <ErrorSummary errors={errors} labels={{ purpose: 'Why you are looking' }} />
      <h1 className="govuk-heading-l">Why are you looking?</h1>
      <form onSubmit={submit} noValidate>
        <Field
          id="purpose"
          label="Why you are looking"
          hint="For example, ‘Patrol briefing’. It is recorded with every record you read."
          error={errors.fields.purpose}
        >
          <input
            className="govuk-input"
            id="purpose"
            value={text}
            maxLength={500}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={describedBy('purpose', true, errors.fields.purpose)}
          />
        </Field>
        <button type="submit" className="govuk-button">
          Continue
        </button>
      </form>
    </>
  );
}

export function SharedCases() {
  return <PurposeGate>{() => <SharedCaseList />}</PurposeGate>;
}

function SharedCaseList() {
  const [after, setAfter] = useState<string | null>(null);
  const { data, error } = useQuery(SharedCasesDocument, { variables: { after } });
  if (error) return <p className="govuk-body">{error.message}</p>;
  if (!data) return <Loading />;
  return (
    <>
      <h1 className="govuk-heading-l">Cases shared with you</h1>
      <p className="govuk-body">{data.sharedCases.totalCount} cases.</p>
      <table className="govuk-table">
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Shared by
            </th>
            <th scope="col" className="govuk-table__header">
              Risk
            </th>
            <th scope="col" className="govuk-table__header">
              Case
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {data.sharedCases.edges.map(({ node }) => (
            <tr key={node.id} className="govuk-table__row">
              <td className="govuk-table__cell">{node.libraryServiceName}</td>
              <td className="govuk-table__cell">{node.riskLevel}</td>
              <td className="govuk-table__cell">
                <Link to={`/shared-cases/${node.id}`}>Open case opened {node.openedAt.slice(0, 10)}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.sharedCases.pageInfo.hasNextPage && (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setAfter(data.sharedCases.pageInfo.endCursor ?? null)}>
          Next page
        </button>
      )}
    </>
  );
}

export function SharedCase({ id }: { id: string }) {
  return <PurposeGate>{() => <SharedCaseDetail id={id} />}</PurposeGate>;
}

function SharedCaseDetail({ id }: { id: string }) {
  const { data, error } = useQuery(SharedCaseDocument, { variables: { id } });
  if (error) return <NotShared />;
  if (!data) return <Loading />;
  const c = data.sharedCase;
  return (
    <>
      <span className="govuk-caption-l">Shared by {c.libraryServiceName}</span>
      <h1 className="govuk-heading-l">{c.subject?.name ?? c.subject?.description ?? 'Shared case'}</h1>
      <p className="govuk-body">Shared with you: {c.categories.join(', ').toLowerCase().replace(/_/g, ' ')}.</p>
      {c.incidents && (
        <>
          <h2 className="govuk-heading-m">Incidents</h2>
          <ul className="govuk-list">
            {c.incidents.map((i) => (
              <li key={i.id}>
                {i.occurredAt.slice(0, 10)}: {i.category.toLowerCase().replace(/_/g, ' ')} at {i.branchName}
              </li>
            ))}
          </ul>
        </>
      )}
      {c.bans && (
        <>
          <h2 className="govuk-heading-m">Bans</h2>
          <ul className="govuk-list">
            {c.bans.map((b) => (
              <li key={b.id}>
                {b.status.toLowerCase()}: {b.startsOn} to {b.endsOn ?? 'no end date'}
                {b.conditions ? ` (${b.conditions})` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="govuk-body">
        <Link to="/shared-cases">Back to shared cases</Link>
      </p>
    </>
  );
}

export const NotShared = () => (
  <>
    <h1 className="govuk-heading-l">Page not found</h1>
    <p className="govuk-body">There is no such record, or it is not shared with you.</p>
  </>
);
