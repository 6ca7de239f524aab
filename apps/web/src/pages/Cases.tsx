import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import {
  describedBy,
  ErrorSummary,
  Field,
  type FormErrors,
  mutationErrors,
  noErrors,
  Pager,
  personName,
  SavedBanner,
  when,
  words,
  SummaryRow,
} from '../components/forms';
import { AddCaseNoteDocument, CaseFileDocument, CasesDocument, type CaseStatus, type MeQuery, type TimelineEntryKind } from '../graphql/generated';
import { Link } from '../router';
import { Loading } from './Home';
import { NotFound } from './People';

/** Cases the user may see, most recently opened first; open and monitored ones unless asked for closed. */
export function Cases() {
  const [closed, setClosed] = useState(false);
  const [after, setAfter] = useState<string | null>(null);
  const statuses: CaseStatus[] = closed ? ['CLOSED'] : ['OPEN', 'MONITORING'];
  const { data } = useQuery(CasesDocument, { variables: { after, statuses } });
  const show = (c: boolean) => (setAfter(null), setClosed(c));
  return (
    <>
      <h1 className="govuk-heading-l">{closed ? 'Closed cases' : 'Cases'}</h1>
      <p className="govuk-body">
        <button type="button" className="app-link-button govuk-link" onClick={() => show(!closed)}>
          {closed ? 'Show open and monitored cases' : 'Show closed cases'}
        </button>
      </p>
      {!data ? (
        <Loading />
      ) : (
        <>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m">{data.cases.totalCount} cases</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Case
                </th>
                <th scope="col" className="govuk-table__header">
                  Person
                </th>
                <th scope="col" className="govuk-table__header">
                  Risk
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {data.cases.edges.map(({ node }) => (
                <tr key={node.id} className="govuk-table__row">
                  <td className="govuk-table__cell">
                    <Link to={`/cases/${node.id}`}>{node.title}</Link>
                  </td>
                  <td className="govuk-table__cell">
                    {node.subject ? <Link to={`/people/${node.subject.id}`}>{personName(node.subject)}</Link> : 'Not yours to see'}
                  </td>
                  <td className="govuk-table__cell">{words(node.riskLevel)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager pageInfo={data.cases.pageInfo} after={after} onPage={setAfter} />
        </>
      )}
    </>
  );
}

/** Where a timeline entry leads, for those whose pages it has. */
function entryLink(kind: TimelineEntryKind, id: string, role: MeQuery['me']['role']): string | null {
  if (kind === 'INCIDENT' && role === 'MANAGER') return `/incidents/${id}`;
  if (kind === 'REFERRAL') return `/referrals/${id}`;
  return null;
}

/** One case: its timeline (notes, and the person's incidents, bans and referrals), its notes, and a new note. */
export function CasePage({ id, me }: { id: string; me: MeQuery['me'] }) {
  const [timelineAfter, setTimelineAfter] = useState<string | null>(null);
  const [notesAfter, setNotesAfter] = useState<string | null>(null);
  const { data, error, refetch } = useQuery(CaseFileDocument, { variables: { id, timelineAfter, notesAfter } });
  const [add] = useMutation(AddCaseNoteDocument);
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saved, setSaved] = useState<string | null>(null);
  if (error && !data) return <NotFound />;
  if (!data) return <Loading />;
  const c = data.case;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    if (!body.trim()) return setErrors({ ...noErrors, fields: { body: 'Write the note' } });
    try {
      await add({ variables: { input: { caseId: id, body: body.trim() } } });
      setErrors(noErrors);
      setBody('');
      setSaved('Note added');
      setTimelineAfter(null);
      await refetch({ id, timelineAfter: null, notesAfter });
    } catch (err) {
      setErrors(mutationErrors(err, 'Not saved. Try again.'));
    }
  }

  return (
    <>
      <ErrorSummary errors={errors} labels={{ body: 'New note' }} onReload={() => (setErrors(noErrors), void refetch())} />
      <SavedBanner text={saved} />
      <span className="govuk-caption-l">Case</span>
      <h1 className="govuk-heading-l">{c.title}</h1>
      <dl className="govuk-summary-list">
        <SummaryRow term="Person">{c.subject ? <Link to={`/people/${c.subject.id}`}>{personName(c.subject)}</Link> : 'Not yours to see'}</SummaryRow>
        <SummaryRow term="Status">
          {words(c.status)}, {words(c.riskLevel)} risk, opened {when(c.openedAt)}
        </SummaryRow>
        {c.summary && <SummaryRow term="Summary">{c.summary}</SummaryRow>}
      </dl>
      {me.role === 'MANAGER' && (
        <p className="govuk-body">
          <Link to={`/cases/${c.id}/share`}>Share with a partner</Link>
        </p>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field id="body" label="New note" hint="Notes are never edited: to correct one, add another that says so" error={errors.fields.body}>
          <textarea
            className="govuk-textarea"
            id="body"
            rows={3}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            aria-describedby={describedBy('body', true, errors.fields.body)}
          />
        </Field>
        <button type="submit" className="govuk-button" id="add-note">
          Add note
        </button>
      </form>
      <h2 className="govuk-heading-m">Timeline</h2>
      <p className="govuk-body">{c.timeline.totalCount} entries, newest first.</p>
      <ol className="govuk-list govuk-list--spaced">
        {c.timeline.edges.map(({ node }) => {
          const to = entryLink(node.kind, node.id, me.role);
          return (
            <li key={`${node.kind}-${node.id}`}>
              <strong className="govuk-tag govuk-tag--grey">{words(node.kind)}</strong> {when(node.at)}:{' '}
              {to ? <Link to={to}>{node.summary}</Link> : node.summary}
            </li>
          );
        })}
      </ol>
      <Pager pageInfo={c.timeline.pageInfo} after={timelineAfter} onPage={setTimelineAfter} of="the timeline" />
      <h2 className="govuk-heading-m">Notes</h2>
      <p className="govuk-body">{c.notes.totalCount} notes, oldest first.</p>
      {c.notes.edges.map(({ node }) => (
        <div key={node.id} className="govuk-inset-text">
          <p className="govuk-body-s govuk-!-margin-bottom-1">
            {when(node.createdAt)}
            {node.isCorrected ? ' (corrected by a later note)' : ''}
          </p>
          <p className="govuk-body govuk-!-margin-bottom-0">{node.body}</p>
        </div>
      ))}
      <Pager pageInfo={c.notes.pageInfo} after={notesAfter} onPage={setNotesAfter} of="the notes" />
    </>
  );
}
