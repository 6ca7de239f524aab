import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { DeskViewDocument, type MeQuery } from '../graphql/generated';
import { Loading } from './Home';

/** The desk view: who is banned from this branch now, and the branch's warnings. */
export function Bans({ me }: { me: MeQuery['me'] }) {
  const [branchId, setBranchId] = useState(me.branches[0]?.id ?? '');
  const [after, setAfter] = useState<string | null>(null);
  const { data } = useQuery(DeskViewDocument, { variables: { branchId, after }, skip: !branchId });
  if (!branchId)
    return (
      <>
        <h1 className="govuk-heading-l">Who is banned</h1>
        <p className="govuk-body">The desk view is of the branches you work at, and you work at none yet: ask your manager.</p>
      </>
    );
  const branch = me.branches.find((b) => b.id === branchId)?.name;
  return (
    <>
      <h1 className="govuk-heading-l">Banned from {branch}</h1>
      {me.branches.length > 1 && (
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="branch">
            Branch
          </label>
          <select className="govuk-select" id="branch" value={branchId} onChange={(e) => (setBranchId(e.target.value), setAfter(null))}>
            {me.branches.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {!data ? (
        <Loading />
      ) : (
        <>
          {(data.branchWarnings?.edges ?? []).map(({ node }) => (
            <div key={node.id} className="govuk-warning-text">
              <span className="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong className="govuk-warning-text__text">
                <span className="govuk-visually-hidden">Warning</span>
                {node.text}
              </strong>
            </div>
          ))}
          <p className="govuk-body">{data.activeBans?.totalCount ?? 0} active bans.</p>
          <ul className="govuk-list app-cards">
            {(data.activeBans?.edges ?? []).map(({ node }) => (
              <li key={node.id} className="govuk-summary-card">
                <div className="govuk-summary-card__title-wrapper">
                  <h2 className="govuk-summary-card__title">{node.subjectLabel ?? 'Person'}</h2>
                </div>
                <div className="govuk-summary-card__content">
                  <dl className="govuk-summary-list">
                    <Row label="What they look like" value={node.subjectDescription} />
                    <Row label="Banned" value={`${node.startsOn} to ${node.endsOn}`} />
                    <Row label="From" value={node.scope === 'ALL_BRANCHES' ? 'Every branch' : 'Some branches'} />
                    <Row label="Conditions" value={node.conditions} />
                  </dl>
                </div>
              </li>
            ))}
          </ul>
          {data.activeBans?.pageInfo.hasNextPage && (
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setAfter(data.activeBans!.pageInfo.endCursor ?? null)}>
              Next page
            </button>
          )}
        </>
      )}
    </>
  );
}

const Row = ({ label, value }: { label: string; value?: string | null }) =>
  value ? (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{value}</dd>
    </div>
  ) : null;
