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
import { CASE_LABELS, ChangeCase, CloseCase, ReopenCase } from './CaseChanges';
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

/** One case: its timeline (notes, and the person's incidents, bans and referrals), its notes, a new note or a correction, and its status. */
export function CasePage({ id, me }: { id: string; me: MeQuery['me'] }) {
  const [timelineAfter, setTimelineAfter] = useState<string | null>(null);
  const [notesAfter, setNotesAfter] = useState<string | null>(null);
  const { data, error, refetch } = useQuery(CaseFileDocument, { variables: { id, timelineAfter, notesAfter } });
  const [add] = useMutation(AddCaseNoteDocument);
  const [body, setBody] = useState('');
  // The note being corrected: notes are never edited, a correction is a new note that names it.
  const [correcting, setCorrecting] = useState<{ id: string; createdAt: string } | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saved, setSaved] = useState<string | null>(null);
  if (error && !data) return <NotFound />;
  if (!data) return <Loading />;
  const c = data.case;
  const closed = c.status === 'CLOSED';
  const step = {
    kase: c,
    errors,
    setErrors: (e: FormErrors) => (setSaved(null), setErrors(e)),
    onSaved: (text: string) => (setErrors(noErrors), setSaved(text), setTimelineAfter(null), void refetch({ id, timelineAfter: null, notesAfter })),
  };
  const written = new Map(c.notes.edges.map(({ node }) => [node.id, node.createdAt]));
  const noteLabel = correcting ? 'Correction' : 'New note';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    if (!body.trim()) return setErrors({ ...noErrors, fields: { body: correcting ? 'Write the correction' : 'Write the note' } });
    try {
      await add({ variables: { input: { caseId: id, body: body.trim(), correctsNoteId: correcting?.id ?? null } } });
      setBody('');
      setCorrecting(null);
      step.onSaved(correcting ? 'Correction added' : 'Note added');
    } catch (err) {
      setErrors(mutationErrors(err, 'Not saved. Try again.'));
    }
  }

  const correct = (note: { id: string; createdAt: string }) => {
    setCorrecting(note);
    requestAnimationFrame(() => document.getElementById('body')?.focus());
  };

  return (
    <>
      <ErrorSummary errors={errors} labels={{ ...CASE_LABELS, body: noteLabel }} onReload={() => (setErrors(noErrors), void refetch())} />
      <SavedBanner text={saved} />
      <span className="govuk-caption-l">Case</span>
      <h1 className="govuk-heading-l">{c.title}</h1>
      <dl className="govuk-summary-list">
        <SummaryRow term="Person">{c.subject ? <Link to={`/people/${c.subject.id}`}>{personName(c.subject)}</Link> : 'Not yours to see'}</SummaryRow>
        <SummaryRow term="Status">
          {words(c.status)}, {words(c.riskLevel)} risk, opened {when(c.openedAt)}
          {c.closedAt && `, closed ${when(c.closedAt)}`}
        </SummaryRow>
        {c.summary && <SummaryRow term="Summary">{c.summary}</SummaryRow>}
        {c.closureSummary && <SummaryRow term="Why it was closed">{c.closureSummary}</SummaryRow>}
      </dl>
      {me.role === 'MANAGER' && (
        <p className="govuk-body">
          <Link to={`/cases/${c.id}/share`}>Share with a partner</Link>
        </p>
      )}
      {closed ? (
        <>
          <p className="govuk-body">The case is closed: reopen it to change it or add notes. Its notes can still be corrected.</p>
          <ReopenCase key={c.version} {...step} />
        </>
      ) : (
        <>
          <ChangeCase key={`change-${c.version}`} {...step} />
          <CloseCase key={`close-${c.version}`} {...step} />
        </>
      )}
      {(!closed || correcting) && (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Field
            id="body"
            label={noteLabel}
            hint={
              correcting
                ? `Correcting the note of ${when(correcting.createdAt)}: it stays, marked as corrected by this one`
                : 'Notes are never edited: to correct one, choose ‘Correct this note’ beside it'
            }
            error={errors.fields.body}
          >
            <textarea
              className="govuk-textarea"
              id="body"
              rows={3}
              value={body}
              onChange={(e) => setBody(e.target.value)}
              aria-describedby={describedBy('body', true, errors.fields.body)}
            />
          </Field>
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button" id="add-note">
              {correcting ? 'Add the correction' : 'Add note'}
            </button>
            {correcting && (
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => (setCorrecting(null), setErrors(noErrors))}>
                Cancel the correction
              </button>
            )}
          </div>
        </form>
      )}
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
            {node.correctsNoteId &&
              (written.has(node.correctsNoteId) ? ` (corrects the note of ${when(written.get(node.correctsNoteId)!)})` : ' (corrects an earlier note)')}
          </p>
          <p className="govuk-body govuk-!-margin-bottom-1">{node.body}</p>
          {!node.isCorrected && (
            <button type="button" className="app-link-button govuk-link govuk-body-s" onClick={() => correct(node)}>
              Correct this note<span className="govuk-visually-hidden"> of {when(node.createdAt)}</span>
            </button>
          )}
        </div>
      ))}
      <Pager pageInfo={c.notes.pageInfo} after={notesAfter} onPage={setNotesAfter} of="the notes" />
    </>
  );
}
