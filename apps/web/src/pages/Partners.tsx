import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { day, describedBy, Done, ErrorSummary, Field, type FormErrors, mutationErrors, noErrors, SummaryRow, words } from '../components/forms';
import {
  AddPartnerContactDocument,
  CompleteFollowUpDocument,
  type ContactChannel,
  type MeQuery,
  PartnerDocument,
  PartnersDocument,
  RecordContactDocument,
} from '../graphql/generated';
import { Link } from '../router';
import { Loading } from './Home';

const CHANNELS: ContactChannel[] = ['MEETING', 'PHONE_CALL', 'EMAIL', 'CSP_MEETING', 'PATROL_VISIT', 'CUPPA_WITH_A_COPPA', 'OUTREACH_DAY', 'OTHER'];

/** How a contact happened, in words (the partnership meeting spelt out). */
const channel = (c: ContactChannel) => (c === 'CSP_MEETING' ? 'community safety partnership meeting' : words(c));

/** A manager's partner organisations, by name and paged, with the follow-ups that are overdue first. */
export function Partners() {
  const [after, setAfter] = useState<string | null>(null);
  const { data, error } = useQuery(PartnersDocument, { variables: { after } });
  if (error) return <p className="govuk-body">The partners could not be loaded. Reload the page to try again.</p>;
  if (!data) return <Loading />;
  const overdue = data.overdueFollowUps;
  return (
    <>
      <h1 className="govuk-heading-l">Partners</h1>
      <h2 className="govuk-heading-m" id="overdue">
        Overdue follow-ups ({overdue.totalCount})
      </h2>
      {overdue.totalCount === 0 ? (
        <p className="govuk-body">No follow-up is overdue.</p>
      ) : (
        <ul className="govuk-list govuk-list--spaced">
          {overdue.edges.map(({ node }) => (
            <li key={node.id}>
              <strong className="govuk-tag govuk-tag--red">Due {day(node.dueOn)}</strong> {node.description}
              {node.contactLog && (
                <>
                  {' '}
                  (<Link to={`/partners/${node.contactLog.partnerOrganisationId}`}>{node.contactLog.partnerOrganisation?.name ?? 'the partner'}</Link>)
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <h2 className="govuk-heading-m">Partner organisations</h2>
      <p className="govuk-body">{data.partnerOrganisations.totalCount} partner organisations.</p>
      <ul className="govuk-list govuk-list--spaced">
        {data.partnerOrganisations.edges.map(({ node }) => (
          <li key={node.id}>
            <Link to={`/partners/${node.id}`}>{node.name}</Link>
            <br />
            <span className="govuk-hint govuk-!-margin-bottom-0">
              {words(node.type)}
              {node.status !== 'ACTIVE' ? `, ${words(node.status)}` : ''}
            </span>
          </li>
        ))}
      </ul>
      {data.partnerOrganisations.pageInfo.hasNextPage && (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setAfter(data.partnerOrganisations.pageInfo.endCursor ?? null)}>
          Next page
        </button>
      )}
    </>
  );
}

/** One partner: its contacts, its contact log (newest first, paged), recording a contact, follow-ups done. */
export function Partner({ id, me }: { id: string; me: MeQuery['me'] }) {
  const [after, setAfter] = useState<string | null>(null);
  const { data, error, refetch } = useQuery(PartnerDocument, { variables: { id, after } });
  const [complete] = useMutation(CompleteFollowUpDocument);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [done, setDone] = useState<string | null>(null);
  if (error)
    return (
      <>
        <h1 className="govuk-heading-l">Page not found</h1>
        <p className="govuk-body">This partner organisation does not exist or you may not see it.</p>
      </>
    );
  if (!data) return <Loading />;
  const p = data.partnerOrganisation;
  const log = data.contactLogs;
  const markDone = async (fid: string, version: number) => {
    try {
      await complete({ variables: { id: fid, version } });
      setErrors(noErrors);
      setDone('Follow-up marked done');
    } catch (err) {
      setErrors(mutationErrors(err, 'Not saved. Try again.'));
    }
    await refetch();
  };
  return (
    <>
      <ErrorSummary errors={errors} labels={{}} />
      {done && <Done message={done} />}
      <span className="govuk-caption-l">{words(p.type)}</span>
      <h1 className="govuk-heading-l">{p.name}</h1>
      <dl className="govuk-summary-list">
        <SummaryRow term="Relationship">{words(p.relationship)}</SummaryRow>
        <SummaryRow term="Status">{words(p.status)}</SummaryRow>
        {p.phone && <SummaryRow term="Phone">{p.phone}</SummaryRow>}
        {p.email && <SummaryRow term="Email">{p.email}</SummaryRow>}
        {p.website && <SummaryRow term="Website">{p.website}</SummaryRow>}
      </dl>
      <h2 className="govuk-heading-m">Contacts</h2>
      {p.contacts.length === 0 ? (
        <p className="govuk-body">No contacts recorded.</p>
      ) : (
        <ul className="govuk-list govuk-list--spaced">
          {p.contacts.map((c) => (
            <li key={c.id}>
              <strong>{c.name}</strong>
              {c.jobTitle ? `, ${c.jobTitle}` : ''}
              {c.phone && (
                <>
                  <br />
                  {c.phone}
                </>
              )}
              {c.email && (
                <>
                  <br />
                  {c.email}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <AddContact partnerOrganisationId={p.id} onAdded={(name) => (setDone(`${name} added as a contact`), setErrors(noErrors), void refetch())} />
      <RecordContact
        partnerOrganisationId={p.id}
        me={me}
        onRecorded={() => (setDone('Contact recorded'), setErrors(noErrors), setAfter(null), void refetch())}
      />
      <h2 className="govuk-heading-m">Contact log</h2>
      <p className="govuk-body">{log.totalCount} contacts, newest first.</p>
      {log.edges.map(({ node }) => (
        <div key={node.id} className="govuk-summary-card">
          <div className="govuk-summary-card__title-wrapper">
            <h3 className="govuk-summary-card__title">
              {new Date(node.occurredAt).toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short' })}: {channel(node.channel)}
            </h3>
          </div>
          <div className="govuk-summary-card__content">
            <p className="govuk-body">{node.summary}</p>
            {node.followUpActions.map((f) => (
              <div key={f.id} className="govuk-inset-text">
                <p className="govuk-body govuk-!-margin-bottom-2">
                  Follow-up: {f.description}. Due {day(f.dueOn)}.{' '}
                  {f.completedAt ? (
                    <strong className="govuk-tag govuk-tag--green">Done</strong>
                  ) : f.isOverdue ? (
                    <strong className="govuk-tag govuk-tag--red">Overdue</strong>
                  ) : null}
                </p>
                {!f.completedAt && (
                  <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => void markDone(f.id, f.version)}>
                    Mark done<span className="govuk-visually-hidden">: {f.description}</span>
                  </button>
                )}
              </div>
            ))}
          </div>
        </div>
      ))}
      {log.pageInfo.hasNextPage && (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setAfter(log.pageInfo.endCursor ?? null)}>
          Older contacts
        </button>
      )}
      <p className="govuk-body">
        <Link to="/partners">All partners</Link>
      </p>
    </>
  );
}

/** datetime-local's value for a moment, in the browser's time zone. */
const localInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/** Record a contact with the partner: when, how, what was said, and optionally one follow-up (yours). */
function RecordContact({ partnerOrganisationId, me, onRecorded }: { partnerOrganisationId: string; me: MeQuery['me']; onRecorded: () => void }) {
  const empty = { occurredAt: localInput(new Date()), channel: '', summary: '', followUp: '', dueOn: '' };
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [record, { loading }] = useMutation(RecordContactDocument);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!form.occurredAt) missing.occurredAt = 'Enter when the contact happened';
    if (!form.channel) missing.channel = 'Choose how you were in contact';
    if (!form.summary.trim()) missing.summary = 'Say what was discussed';
    if (form.dueOn && !form.followUp.trim()) missing.followUp = 'Say what is to be done, or clear the due date';
    if (form.followUp.trim() && !form.dueOn) missing.dueOn = 'Enter when the follow-up is due';
    if (Object.keys(missing).length) return setErrors({ ...noErrors, fields: missing });
    try {
      await record({
        variables: {
          input: {
            partnerOrganisationId,
            occurredAt: new Date(form.occurredAt).toISOString(),
            channel: form.channel as ContactChannel,
            summary: form.summary.trim(),
            ...(form.followUp.trim() ? { followUpActions: [{ description: form.followUp.trim(), dueOn: form.dueOn, ownerId: me.id }] } : {}),
          },
        },
      });
      setErrors(noErrors);
      setForm({ ...empty, occurredAt: localInput(new Date()) });
      onRecorded();
    } catch (err) {
      // The API names a follow-up's fields by their place in the list: shown against the one follow-up here.
      const found = mutationErrors(err, 'The contact could not be saved. Try again.');
      const fields = Object.fromEntries(
        Object.entries(found.fields).map(([k, v]) => [k.replace(/^followUpActions\.0\.(description)$/, 'followUp').replace(/^followUpActions\.0\./, ''), v]),
      );
      setErrors({ ...found, fields });
    }
  }

  const labels = { occurredAt: 'When', channel: 'How', summary: 'What was discussed', followUp: 'Follow-up', dueOn: 'Follow-up due' };
  return (
    <>
      <h2 className="govuk-heading-m">Record a contact</h2>
      <ErrorSummary errors={errors} labels={labels} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field id="occurredAt" label={labels.occurredAt} error={errors.fields.occurredAt}>
          <input
            className={`govuk-input govuk-input--width-20${errors.fields.occurredAt ? ' govuk-input--error' : ''}`}
            id="occurredAt"
            type="datetime-local"
            value={form.occurredAt}
            onChange={set('occurredAt')}
            aria-describedby={describedBy('occurredAt', false, errors.fields.occurredAt)}
          />
        </Field>
        <Field id="channel" label={labels.channel} error={errors.fields.channel}>
          <select
            className={`govuk-select${errors.fields.channel ? ' govuk-select--error' : ''}`}
            id="channel"
            value={form.channel}
            onChange={set('channel')}
            aria-describedby={describedBy('channel', false, errors.fields.channel)}
          >
            <option value="">Choose</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {channel(c)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="summary" label={labels.summary} error={errors.fields.summary}>
          <textarea
            className={`govuk-textarea${errors.fields.summary ? ' govuk-textarea--error' : ''}`}
            id="summary"
            rows={3}
            value={form.summary}
            onChange={set('summary')}
            aria-describedby={describedBy('summary', false, errors.fields.summary)}
          />
        </Field>
        <Field
          id="followUp"
          label="Follow-up (optional)"
          hint="Something to do after the contact: it is yours, with its due date"
          error={errors.fields.followUp}
        >
          <input
            className={`govuk-input${errors.fields.followUp ? ' govuk-input--error' : ''}`}
            id="followUp"
            value={form.followUp}
            onChange={set('followUp')}
            aria-describedby={describedBy('followUp', true, errors.fields.followUp)}
          />
        </Field>
        <Field id="dueOn" label="Follow-up due (optional)" error={errors.fields.dueOn}>
          <input
            className={`govuk-input govuk-input--width-10${errors.fields.dueOn ? ' govuk-input--error' : ''}`}
            id="dueOn"
            type="date"
            value={form.dueOn}
            onChange={set('dueOn')}
            aria-describedby={describedBy('dueOn', false, errors.fields.dueOn)}
          />
        </Field>
        <button type="submit" className="govuk-button" disabled={loading}>
          Record contact
        </button>
      </form>
    </>
  );
}

const CONTACT_FIELDS = { name: 'Name', jobTitle: 'Job title (optional)', phone: 'Phone (optional)', email: 'Email (optional)' };
type ContactField = keyof typeof CONTACT_FIELDS;

/** A manager adds a person to a partner's contacts (their work details: the lawful basis is public task). */
function AddContact({ partnerOrganisationId, onAdded }: { partnerOrganisationId: string; onAdded: (name: string) => void }) {
  const empty: Record<ContactField, string> = { name: '', jobTitle: '', phone: '', email: '' };
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [add, { loading }] = useMutation(AddPartnerContactDocument);
  // Ids of their own on the page, which also holds the contact log's form.
  const id = (k: ContactField) => `contact-${k}`;
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!form.name.trim()) return setErrors({ ...noErrors, fields: { [id('name')]: 'Enter the contact’s name' } });
    try {
      const optional = (v: string) => v.trim() || null;
      await add({
        variables: {
          input: { partnerOrganisationId, name: form.name.trim(), jobTitle: optional(form.jobTitle), phone: optional(form.phone), email: optional(form.email) },
        },
      });
      setErrors(noErrors);
      setForm(empty);
      onAdded(form.name.trim());
    } catch (err) {
      const found = mutationErrors(err, 'The contact was not added. Try again.');
      setErrors({ ...found, fields: Object.fromEntries(Object.entries(found.fields).map(([k, v]) => [k in CONTACT_FIELDS ? id(k as ContactField) : k, v])) });
    }
  }
  const labels = Object.fromEntries(Object.entries(CONTACT_FIELDS).map(([k, v]) => [id(k as ContactField), v]));
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Add a contact</span>
      </summary>
      <div className="govuk-details__text">
        <ErrorSummary errors={errors} labels={labels} />
        <form onSubmit={(e) => void submit(e)} noValidate>
          {(Object.keys(CONTACT_FIELDS) as ContactField[]).map((k) => (
            <Field key={k} id={id(k)} label={CONTACT_FIELDS[k]} error={errors.fields[id(k)]}>
              <input
                className={`govuk-input${errors.fields[id(k)] ? ' govuk-input--error' : ''}`}
                id={id(k)}
                type={k === 'email' ? 'email' : k === 'phone' ? 'tel' : 'text'}
                autoComplete="off"
                value={form[k]}
                onChange={(e) => setForm({ ...form, [k]: e.target.value })}
                aria-describedby={describedBy(id(k), false, errors.fields[id(k)])}
              />
            </Field>
          ))}
          <button type="submit" className="govuk-button govuk-button--secondary" disabled={loading}>
            Add contact
          </button>
        </form>
      </div>
    </details>
  );
}
