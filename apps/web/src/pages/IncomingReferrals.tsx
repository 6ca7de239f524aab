import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { ErrorSummary, type FormErrors, noErrors, mutationErrors, words } from '../components/forms';
import { AcceptReferralDocument, IncomingReferralsDocument } from '../graphql/generated';
import { Loading } from './Home';

/** Referrals sent to the partner's organisation; accepting one takes the version it was read at. */
export function IncomingReferrals() {
  const [after, setAfter] = useState<string | null>(null);
  const { data, refetch } = useQuery(IncomingReferralsDocument, { variables: { after } });
  const [accept] = useMutation(AcceptReferralDocument);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  if (!data) return <Loading />;
  const onAccept = async (id: string, version: number) => {
    try {
      await accept({ variables: { id, version } });
      setErrors(noErrors);
    } catch (err) {
      setErrors(mutationErrors(err, 'Not saved. Try again.'));
    }
    await refetch();
  };
  return (
    <>
      <ErrorSummary errors={errors} labels={{}} />
      <h1 className="govuk-heading-l">Referrals to your organisation</h1>
      <p className="govuk-body">{data.incomingReferrals.totalCount} referrals.</p>
      <table className="govuk-table">
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Needs
            </th>
            <th scope="col" className="govuk-table__header">
              Urgency
            </th>
            <th scope="col" className="govuk-table__header">
              Status
            </th>
            <th scope="col" className="govuk-table__header">
              <span className="govuk-visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {data.incomingReferrals.edges.map(({ node }) => (
            <tr key={node.id} className="govuk-table__row">
              <td className="govuk-table__cell">{node.needs.map(words).join(', ')}</td>
              <td className="govuk-table__cell">{words(node.urgency)}</td>
              <td className="govuk-table__cell">
                <strong className="govuk-tag">{words(node.status)}</strong>
              </td>
              <td className="govuk-table__cell">
                {node.status === 'SENT' && (
                  <button type="button" className="govuk-button govuk-!-margin-bottom-0" onClick={() => void onAccept(node.id, node.version)}>
                    Accept<span className="govuk-visually-hidden"> referral for {node.needs.map(words).join(', ')}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.incomingReferrals.pageInfo.hasNextPage && (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setAfter(data.incomingReferrals.pageInfo.endCursor ?? null)}>
          Next page
        </button>
      )}
    </>
  );
}
