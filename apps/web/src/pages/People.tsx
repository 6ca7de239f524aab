import { useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { day, Field, Pager, personName, SavedBanner, when, words, SummaryRow } from '../components/forms';
import { PeopleDocument, PersonDocument } from '../graphql/generated';
import { Link } from '../router';
import { OpenCase } from './CaseChanges';
import { AddPerson, age, ChangePerson } from './PersonForm';
import { Loading } from './Home';

/** A record that does not exist, or that the API will not show this user: the same answer either way. */
export const NotFound = () => (
  <>
    <h1 className="govuk-heading-l">Page not found</h1>
    <p className="govuk-body">There is no such record, or you may not see it.</p>
  </>
);

/** Safeguarding flags as tags beside a person. */
const Flags = ({ p }: { p: { isAdultAtRisk: boolean; isChildSafeguarding: boolean } }) => (
  <>
    {p.isAdultAtRisk && <strong className="govuk-tag govuk-tag--orange govuk-!-margin-left-1">adult at risk</strong>}
    {p.isChildSafeguarding && <strong className="govuk-tag govuk-tag--red govuk-!-margin-left-1">child safeguarding</strong>}
  </>
);

/** The people the service works with, found by part of a name, alias or description. The search stays in the page, not the address. */
export function People() {
  const [text, setText] = useState('');
  const [search, setSearch] = useState<string | null>(null);
  const [after, setAfter] = useState<string | null>(null);
  const { data } = useQuery(PeopleDocument, { variables: { after, search } });
  const find = (e: FormEvent) => {
    e.preventDefault();
    setAfter(null);
    setSearch(text.trim() || null);
  };
  return (
    <>
      <h1 className="govuk-heading-l">People</h1>
      <AddPerson />
      <form onSubmit={find} noValidate>
        <Field id="search" label="Find a person" hint="Part of a name, alias or description">
          <input
            className="govuk-input govuk-input--width-20"
            id="search"
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby="search-hint"
          />
        </Field>
        <button type="submit" className="govuk-button govuk-button--secondary">
          Search
        </button>
      </form>
      {!data ? (
        <Loading />
      ) : (
        <>
          <h2 className="govuk-heading-m">{data.subjects.totalCount} people</h2>
          <ul className="govuk-list govuk-list--spaced">
            {data.subjects.edges.map(({ node }) => (
              <li key={node.id}>
                <Link to={`/people/${node.id}`}>{personName(node)}</Link>
                {node.ageBand && <span className="govuk-body-s"> ({age(node.ageBand)})</span>}
                <Flags p={node} />
              </li>
            ))}
          </ul>
          <Pager pageInfo={data.subjects.pageInfo} after={after} onPage={setAfter} />
        </>
      )}
    </>
  );
}

/** One person: what is known of them, their cases and their referrals. */
export function PersonPage({ id }: { id: string }) {
  const [referralsAfter, setReferralsAfter] = useState<string | null>(null);
  const { data, error, refetch } = useQuery(PersonDocument, { variables: { id, referralsAfter } });
  const [saved, setSaved] = useState<string | null>(null);
  if (error && !data) return <NotFound />;
  if (!data) return <Loading />;
  const p = data.subject;
  return (
    <>
      <SavedBanner text={saved} />
      <span className="govuk-caption-l">Person</span>
      <h1 className="govuk-heading-l">
        {personName(p)}
        <Flags p={p} />
      </h1>
      <dl className="govuk-summary-list">
        {p.name && p.description && <SummaryRow term="Description">{p.description}</SummaryRow>}
        <SummaryRow term="Also known as">{p.aliases.join(', ') || 'No aliases'}</SummaryRow>
        <SummaryRow term="Age">{p.dateOfBirth ? `Born ${day(p.dateOfBirth)}` : p.ageBand ? age(p.ageBand) : 'Not known'}</SummaryRow>
        {p.notes && <SummaryRow term="Notes">{p.notes}</SummaryRow>}
        <SummaryRow term="Lawful basis">{words(p.dataProtection.lawfulBasis)}</SummaryRow>
      </dl>
      <ChangePerson
        key={p.version}
        person={p}
        onSaved={() => (setSaved('Their details were changed'), void refetch())}
        onReload={() => (setSaved(null), void refetch())}
      />
      <h2 className="govuk-heading-m">Cases</h2>
      {p.cases.length === 0 ? (
        <p className="govuk-body">No cases you may see.</p>
      ) : (
        <ul className="govuk-list govuk-list--spaced">
          {p.cases.map((c) => (
            <li key={c.id}>
              <Link to={`/cases/${c.id}`}>{c.title}</Link>: {words(c.status)}, {words(c.riskLevel)} risk, opened {when(c.openedAt)}
            </li>
          ))}
        </ul>
      )}
      <OpenCase subjectId={p.id} />
      <h2 className="govuk-heading-m">Referrals</h2>
      {data.referrals.totalCount === 0 ? (
        <p className="govuk-body">No referrals.</p>
      ) : (
        <ul className="govuk-list govuk-list--spaced">
          {data.referrals.edges.map(({ node }) => (
            <li key={node.id}>
              <Link to={`/referrals/${node.id}`}>
                To {node.partnerOrganisation?.name ?? 'a partner'} for {node.needs.map(words).join(', ')}
              </Link>
              : {words(node.status)}, made {when(node.createdAt)}
            </li>
          ))}
        </ul>
      )}
      <Pager pageInfo={data.referrals.pageInfo} after={referralsAfter} onPage={setReferralsAfter} />
    </>
  );
}
