import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { SummaryRow, words } from '../components/forms';
import { AgreementDocument, AgreementsDocument, type DataCategory } from '../graphql/generated';
import { Link } from '../router';
import { Loading } from './Home';

/** What each category of data covers, as the API documents it (shown wherever categories are chosen). */
export const CATEGORY_WORDS: Record<DataCategory, string> = {
  IDENTITY: 'identity (always shared)',
  INCIDENTS: 'incidents',
  BANS: 'bans',
  REFERRALS: 'referrals',
  INTELLIGENCE: 'intelligence',
  CONTACT: 'contact routes',
  SPECIAL_CATEGORY: 'special category data',
  CRIMINAL_OFFENCE: 'criminal offence data',
};

const date = (d: string | null | undefined) =>
  d ? new Date(`${d}T12:00:00`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }) : 'not set';

/** Data sharing agreements of the service, newest first, paged. */
export function Agreements() {
  const [after, setAfter] = useState<string | null>(null);
  const { data, error } = useQuery(AgreementsDocument, { variables: { after } });
  if (error) return <p className="govuk-body">The agreements could not be loaded. Reload the page to try again.</p>;
  if (!data) return <Loading />;
  const list = data.dataSharingAgreements;
  return (
    <>
      <h1 className="govuk-heading-l">Data sharing agreements</h1>
      <p className="govuk-body">{list.totalCount} agreements, newest first.</p>
      <ul className="govuk-list govuk-list--spaced">
        {list.edges.map(({ node }) => (
          <li key={node.id}>
            <Link to={`/agreements/${node.id}`}>{node.title}</Link>
            <br />
            <span className="govuk-hint govuk-!-margin-bottom-0">
              {words(node.status)}, with {node.parties.map((p) => p.name).join(', ') || 'no party yet'}; review {date(node.reviewOn)}
            </span>
          </li>
        ))}
      </ul>
      {list.pageInfo.hasNextPage && (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setAfter(list.pageInfo.endCursor ?? null)}>
          Next page
        </button>
      )}
    </>
  );
}

/** One agreement: who it is with, its status, what it covers, the branches whose alarms go out, its dates. */
export function Agreement({ id }: { id: string }) {
  const { data, error } = useQuery(AgreementDocument, { variables: { id } });
  if (error)
    return (
      <>
        <h1 className="govuk-heading-l">Page not found</h1>
        <p className="govuk-body">This agreement does not exist or you may not see it.</p>
      </>
    );
  if (!data) return <Loading />;
  const a = data.dataSharingAgreement;
  return (
    <>
      <span className="govuk-caption-l">Data sharing agreement</span>
      <h1 className="govuk-heading-l">{a.title}</h1>
      <dl className="govuk-summary-list">
        <SummaryRow term="With">{a.parties.map((p) => p.name).join(', ') || 'No party yet'}</SummaryRow>
        <SummaryRow term="Status">{words(a.status)}</SummaryRow>
        <SummaryRow term="Purpose">{a.purpose}</SummaryRow>
        <SummaryRow term="Lawful basis">{words(a.lawfulBasis)}</SummaryRow>
        <SummaryRow term="Categories covered">
          <ul className="govuk-list govuk-!-margin-bottom-0" aria-label="Categories covered">
            {a.categories.map((c) => (
              <li key={c}>{CATEGORY_WORDS[c]}</li>
            ))}
          </ul>
        </SummaryRow>
        <SummaryRow term="Branches (alarms)">{a.alertBranches.map((b) => b.name).join(', ') || 'None'}</SummaryRow>
        <SummaryRow term="In force">
          {date(a.startsOn)} to {a.endsOn ? date(a.endsOn) : 'no end date'}
        </SummaryRow>
        <SummaryRow term="Review date">{date(a.reviewOn)}</SummaryRow>
      </dl>
      <p className="govuk-body">
        <Link to="/agreements">All agreements</Link>
      </p>
    </>
  );
}
