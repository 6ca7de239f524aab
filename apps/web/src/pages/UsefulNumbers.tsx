import { useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Field, Pager, words } from '../components/forms';
import { UsefulNumbersDocument } from '../graphql/generated';
import { Loading } from './Home';

/**
 * The useful-numbers list at the desk: the partner organisations of the service (the police team,
 * youth justice, the shelter) with their numbers and their contacts', searched by name. The search
 * stays in the page, not the address.
 */
export function UsefulNumbers() {
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState<string | null>(null);
  const [after, setAfter] = useState<string | null>(null);
  const { data } = useQuery(UsefulNumbersDocument, { variables: { after, search } });
  const find = (e: FormEvent) => {
    e.preventDefault();
    setSearch(typed.trim() || null);
    setAfter(null);
  };
  return (
    <>
      <h1 className="govuk-heading-l">Useful numbers</h1>
      <form onSubmit={find} noValidate role="search">
        <Field id="search" label="Organisation name (optional)">
          <input className="govuk-input govuk-input--width-20" id="search" value={typed} onChange={(e) => setTyped(e.target.value)} />
        </Field>
        <button type="submit" className="govuk-button govuk-button--secondary">
          Search
        </button>
      </form>
      {!data ? (
        <Loading />
      ) : (
        <>
          <p className="govuk-body">{data.partnerOrganisations.totalCount} organisations.</p>
          {data.partnerOrganisations.edges.map(({ node }) => (
            <div key={node.id} className="govuk-summary-card">
              <div className="govuk-summary-card__title-wrapper">
                <h2 className="govuk-summary-card__title">
                  {node.name} <span className="govuk-caption-m">{words(node.type)}</span>
                </h2>
              </div>
              <div className="govuk-summary-card__content">
                <ul className="govuk-list">
                  {node.phone && (
                    <li>
                      Phone: <a href={`tel:${node.phone.replace(/[^\d+]/g, '')}`}>{node.phone}</a>
                    </li>
                  )}
                  {node.email && <li>Email: {node.email}</li>}
                  {node.contacts.map((c) => (
                    <li key={c.id}>
                      {c.name}
                      {c.jobTitle ? `, ${c.jobTitle}` : ''}
                      {c.phone && (
                        <>
                          : <a href={`tel:${c.phone.replace(/[^\d+]/g, '')}`}>{c.phone}</a>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            </div>
          ))}
          <Pager pageInfo={data.partnerOrganisations.pageInfo} after={after} onPage={setAfter} of="organisations" />
        </>
      )}
    </>
  );
}
