import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { ErrorSummary, type FormErrors, noErrors, mutationErrors } from '../components/forms';
import { BansToDecideDocument, type BanStatus, DecideBanDocument } from '../graphql/generated';
import { Loading } from './Home';

/** A manager confirms a proposed ban, or lifts one under review, at the version they read. */
export function BanDecisions() {
  const [after, setAfter] = useState<string | null>(null);
  const { data, refetch } = useQuery(BansToDecideDocument, { variables: { after } });
  const [decide] = useMutation(DecideBanDocument);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [done, setDone] = useState<string | null>(null);
  const [notes, setNotes] = useState<Record<string, string>>({});
  if (!data) return <Loading />;
  const act = async (id: string, version: number, to: BanStatus, what: string) => {
    try {
      await decide({ variables: { id, version, to, note: notes[id] || null } });
      setErrors(noErrors);
      setDone(what);
    } catch (err) {
      setErrors(mutationErrors(err, 'Not saved. Try again.'));
    }
    await refetch();
  };
  return (
    <>
      <ErrorSummary errors={errors} labels={{}} />
      {done && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="status" aria-labelledby="done-title">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="done-title">
              Done
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">{done}</p>
          </div>
        </div>
      )}
      <h1 className="govuk-heading-l">Bans to decide</h1>
      <p className="govuk-body">{data.bans.totalCount} bans proposed or under review.</p>
      {data.bans.edges.map(({ node }) => (
        <div key={node.id} className="govuk-summary-card">
          <div className="govuk-summary-card__title-wrapper">
            <h2 className="govuk-summary-card__title">
              {node.subjectLabel ?? 'Person'}: {node.status === 'PROPOSED' ? 'proposed' : 'under review'}
            </h2>
          </div>
          <div className="govuk-summary-card__content">
            <p className="govuk-body">{node.reason}</p>
            <p className="govuk-body">
              {node.startsOn} to {node.endsOn ?? 'no end date'}, {node.scope === 'ALL_BRANCHES' ? 'every branch' : 'some branches'}
            </p>
            <div className="govuk-form-group">
              <label className="govuk-label" htmlFor={`note-${node.id}`}>
                Note (needed to lift the ban)
              </label>
              <textarea
                className="govuk-textarea"
                id={`note-${node.id}`}
                rows={2}
                value={notes[node.id] ?? ''}
                onChange={(e) => setNotes({ ...notes, [node.id]: e.target.value })}
              />
            </div>
            <div className="govuk-button-group">
              {node.status === 'PROPOSED' && (
                <button type="button" className="govuk-button" onClick={() => void act(node.id, node.version, 'ACTIVE', 'Ban confirmed')}>
                  Confirm ban<span className="govuk-visually-hidden"> of {node.subjectLabel ?? 'this person'}</span>
                </button>
              )}
              <button type="button" className="govuk-button govuk-button--warning" onClick={() => void act(node.id, node.version, 'LIFTED', 'Ban lifted')}>
                Lift ban<span className="govuk-visually-hidden"> of {node.subjectLabel ?? 'this person'}</span>
              </button>
            </div>
          </div>
        </div>
      ))}
      {data.bans.pageInfo.hasNextPage && (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setAfter(data.bans.pageInfo.endCursor ?? null)}>
          Next page
        </button>
      )}
    </>
  );
}
