import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Done, SummaryRow, words, Disclosure } from '../components/forms';
import { AgreementDocument, AgreementsDocument, type AgreementStatus, type DataCategory } from '../graphql/generated';
import { Link, usePath } from '../router';
import { AgreementActions } from './AgreementActions';
import { AgreementForm } from './AgreementForm';
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

/** A status as GOV.UK's tag, coloured by what it means for sharing. */
const TAG: Record<AgreementStatus, string> = { DRAFT: 'grey', ACTIVE: 'green', SUSPENDED: 'yellow', EXPIRED: 'red', TERMINATED: 'red' };
export const StatusTag = ({ status }: { status: AgreementStatus }) => <strong className={`govuk-tag govuk-tag--${TAG[status]}`}>{words(status)}</strong>;

const date = (d: string | null | undefined) =>
  d ? new Date(`${d}T12:00:00`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }) : 'not set';

/** Data sharing agreements of the service, newest first, paged; and drafting a new one. */
export function Agreements() {
  const [after, setAfter] = useState<string | null>(null);
  const { data, error } = useQuery(AgreementsDocument, { variables: { after } });
  const { go } = usePath();
  if (error) return <p className="govuk-body">The agreements could not be loaded. Reload the page to try again.</p>;
  if (!data) return <Loading />;
  const list = data.dataSharingAgreements;
  return (
    <>
      <h1 className="govuk-heading-l">Data sharing agreements</h1>
      <p className="govuk-body">{list.totalCount} agreements, newest first.</p>
      <Disclosure summary="Draft an agreement">
        <AgreementForm onSaved={(id) => go(`/agreements/${id}`)} />
      </Disclosure>
      <ul className="govuk-list govuk-list--spaced">
        {list.edges.map(({ node }) => (
          <li key={node.id}>
            <Link to={`/agreements/${node.id}`}>{node.title}</Link>
            <br />
            <span className="govuk-hint govuk-!-margin-bottom-0">
              <StatusTag status={node.status} /> with {node.parties.map((p) => p.name).join(', ') || 'no party yet'}; review {date(node.reviewOn)}
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

/**
 * One agreement: who it is with, its status and the moves that status allows, what it covers, the
 * branches whose alarms go out, its dates and signatories; a draft's terms may be changed.
 */
export function Agreement({ id }: { id: string }) {
  const { data, error, refetch } = useQuery(AgreementDocument, { variables: { id } });
  const [editing, setEditing] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  if (error)
    return (
      <>
        <h1 className="govuk-heading-l">Page not found</h1>
        <p className="govuk-body">This agreement does not exist or you may not see it.</p>
      </>
    );
  if (!data) return <Loading />;
  const a = data.dataSharingAgreement;
  if (editing)
    return (
      <>
        <span className="govuk-caption-l">Change the draft</span>
        <h1 className="govuk-heading-l">{a.title}</h1>
        <AgreementForm
          agreement={a}
          onSaved={() => (setEditing(false), setDone('Draft saved'), void refetch())}
          onCancel={() => setEditing(false)}
          onReload={() => void refetch()}
        />
      </>
    );
  return (
    <>
      {done && <Done message={done} />}
      <span className="govuk-caption-l">Data sharing agreement</span>
      <h1 className="govuk-heading-l">{a.title}</h1>
      <dl className="govuk-summary-list">
        <SummaryRow term="With">{a.parties.map((p) => p.name).join(', ') || 'No party yet'}</SummaryRow>
        <SummaryRow term="Status">
          <StatusTag status={a.status} />
          {a.statusReason && <p className="govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-0">{a.statusReason}</p>}
        </SummaryRow>
        <SummaryRow term="Purpose">{a.purpose}</SummaryRow>
        <SummaryRow term="Lawful basis">
          {words(a.lawfulBasis)}
          {a.lawfulBasisDetails && `: ${a.lawfulBasisDetails}`}
        </SummaryRow>
        <SummaryRow term="Categories covered">
          <ul className="govuk-list govuk-!-margin-bottom-0" aria-label="Categories covered">
            {a.categories.map((c) => (
              <li key={c}>{CATEGORY_WORDS[c]}</li>
            ))}
          </ul>
        </SummaryRow>
        {a.specialCategoryCondition && <SummaryRow term="Special category condition">{a.specialCategoryCondition}</SummaryRow>}
        {a.criminalOffenceCondition && <SummaryRow term="Criminal offence condition">{a.criminalOffenceCondition}</SummaryRow>}
        <SummaryRow term="Branches (alarms)">{a.alertBranches.map((b) => b.name).join(', ') || 'None'}</SummaryRow>
        <SummaryRow term="In force">
          {date(a.startsOn)} to {a.endsOn ? date(a.endsOn) : 'no end date'}
        </SummaryRow>
        <SummaryRow term="Review date">{date(a.reviewOn)}</SummaryRow>
        <SummaryRow term="Signed by">
          {a.signatories.length === 0
            ? 'Nobody yet'
            : a.signatories.map((s) => (
                <p key={s.id} className="govuk-body govuk-!-margin-bottom-1">
                  {s.name} for {s.onBehalfOf}, {date(s.signedOn)}
                </p>
              ))}
        </SummaryRow>
      </dl>
      <AgreementActions
        agreement={a}
        onEdit={() => (setDone(null), setEditing(true))}
        onDone={(message) => (setDone(message), void refetch())}
        onReload={() => void refetch()}
      />
      <p className="govuk-body">
        <Link to="/agreements">All agreements</Link>
      </p>
    </>
  );
}
