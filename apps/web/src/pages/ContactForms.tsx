import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import {
  describedBy,
  ErrorSummary,
  Field,
  type FormErrors,
  mutationErrors,
  noErrors,
  onlyFields,
  renamed,
  TextInput,
  words,
  SaveOrCancel,
  Disclosure,
} from '../components/forms';
import {
  AddPartnerContactDocument,
  type ContactChannel,
  CorrectContactDocument,
  type MeQuery,
  type PartnerQuery,
  RecordContactDocument,
  UpdatePartnerContactDocument,
} from '../graphql/generated';

const CHANNELS: ContactChannel[] = ['MEETING', 'PHONE_CALL', 'EMAIL', 'CSP_MEETING', 'PATROL_VISIT', 'CUPPA_WITH_A_COPPA', 'OUTREACH_DAY', 'OTHER'];

/** How a contact happened, in words (the partnership meeting spelt out). */
export const channel = (c: ContactChannel) => (c === 'CSP_MEETING' ? 'community safety partnership meeting' : words(c));

/** datetime-local's value for a moment, in the browser's time zone. */
const localInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

const optional = (v: string) => v.trim() || null;

/** Record a contact with the partner: when, how, what was said, and optionally one follow-up (yours). */
export function RecordContact({ partnerOrganisationId, me, onRecorded }: { partnerOrganisationId: string; me: MeQuery['me']; onRecorded: () => void }) {
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
export function AddContact({ partnerOrganisationId, onAdded }: { partnerOrganisationId: string; onAdded: (name: string) => void }) {
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
      await add({
        variables: {
          input: { partnerOrganisationId, name: form.name.trim(), jobTitle: optional(form.jobTitle), phone: optional(form.phone), email: optional(form.email) },
        },
      });
      setErrors(noErrors);
      setForm(empty);
      onAdded(form.name.trim());
    } catch (err) {
      setErrors(renamed(mutationErrors(err, 'The contact was not added. Try again.'), (k) => (k in CONTACT_FIELDS ? id(k as ContactField) : k)));
    }
  }
  const labels = Object.fromEntries(Object.entries(CONTACT_FIELDS).map(([k, v]) => [id(k as ContactField), v]));
  return (
    <Disclosure summary="Add a contact">
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
    </Disclosure>
  );
}

type Contact = PartnerQuery['partnerOrganisation']['contacts'][number];
const cid = (k: string) => `change-contact-${k}`;

/** Change a partner contact's work details at the version read. */
export function ChangeContact({ contact, onSaved, onCancel, onReload }: { contact: Contact; onSaved: () => void; onCancel: () => void; onReload: () => void }) {
  const [form, setForm] = useState<Record<ContactField, string>>({
    name: contact.name,
    jobTitle: contact.jobTitle ?? '',
    phone: contact.phone ?? '',
    email: contact.email ?? '',
  });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [update, { loading }] = useMutation(UpdatePartnerContactDocument);
  const labels = Object.fromEntries(Object.entries(CONTACT_FIELDS).map(([k, v]) => [cid(k), v]));
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!form.name.trim()) return setErrors({ ...noErrors, fields: { [cid('name')]: 'Enter the contact’s name' } });
    try {
      await update({
        variables: {
          input: {
            id: contact.id,
            version: contact.version,
            name: form.name.trim(),
            jobTitle: optional(form.jobTitle),
            phone: optional(form.phone),
            email: optional(form.email),
          },
        },
      });
      setErrors(noErrors);
      onSaved();
    } catch (err) {
      setErrors(onlyFields(renamed(mutationErrors(err, 'The contact was not saved. Try again.'), cid), labels));
    }
  }
  return (
    <div className="govuk-!-margin-top-4">
      <ErrorSummary errors={errors} labels={labels} onReload={() => (setErrors(noErrors), onReload())} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        {(Object.keys(CONTACT_FIELDS) as ContactField[]).map((k) => (
          <TextInput
            key={k}
            id={cid(k)}
            label={CONTACT_FIELDS[k]}
            type={k === 'email' ? 'email' : k === 'phone' ? 'tel' : 'text'}
            value={form[k]}
            onChange={(v) => setForm({ ...form, [k]: v })}
            error={errors.fields[cid(k)]}
          />
        ))}
        <SaveOrCancel save="Save contact" busy={loading} onCancel={onCancel} />
      </form>
    </div>
  );
}

type Entry = PartnerQuery['contactLogs']['edges'][number]['node'];
const LOG_LABELS = { occurredAt: 'When', channel: 'How', summary: 'What was discussed' };
const lid = (k: string) => `log-${k}`;

/** Correct a contact log entry (when, how, what was said) at the version read. */
export function CorrectContact({ entry, onSaved, onCancel, onReload }: { entry: Entry; onSaved: () => void; onCancel: () => void; onReload: () => void }) {
  const [form, setForm] = useState({ occurredAt: localInput(new Date(entry.occurredAt)), channel: entry.channel as string, summary: entry.summary });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [correct, { loading }] = useMutation(CorrectContactDocument);
  const labels = Object.fromEntries(Object.entries(LOG_LABELS).map(([k, v]) => [lid(k), v]));
  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!form.occurredAt) missing[lid('occurredAt')] = 'Enter when the contact happened';
    if (!form.summary.trim()) missing[lid('summary')] = 'Say what was discussed';
    if (Object.keys(missing).length) return setErrors({ ...noErrors, fields: missing });
    try {
      await correct({
        variables: {
          input: {
            id: entry.id,
            version: entry.version,
            occurredAt: new Date(form.occurredAt).toISOString(),
            channel: form.channel as ContactChannel,
            summary: form.summary.trim(),
          },
        },
      });
      setErrors(noErrors);
      onSaved();
    } catch (err) {
      setErrors(onlyFields(renamed(mutationErrors(err, 'The correction was not saved. Try again.'), lid), labels));
    }
  }
  return (
    <>
      <ErrorSummary errors={errors} labels={labels} onReload={() => (setErrors(noErrors), onReload())} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextInput
          id={lid('occurredAt')}
          label={LOG_LABELS.occurredAt}
          type="datetime-local"
          width={20}
          value={form.occurredAt}
          onChange={(v) => setForm({ ...form, occurredAt: v })}
          error={errors.fields[lid('occurredAt')]}
        />
        <Field id={lid('channel')} label={LOG_LABELS.channel} error={errors.fields[lid('channel')]}>
          <select className="govuk-select" id={lid('channel')} value={form.channel} onChange={(e) => setForm({ ...form, channel: e.target.value })}>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {channel(c)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={lid('summary')} label={LOG_LABELS.summary} error={errors.fields[lid('summary')]}>
          <textarea
            className={`govuk-textarea${errors.fields[lid('summary')] ? ' govuk-textarea--error' : ''}`}
            id={lid('summary')}
            rows={3}
            value={form.summary}
            onChange={(e) => setForm({ ...form, summary: e.target.value })}
            aria-describedby={errors.fields[lid('summary')] ? `${lid('summary')}-error` : undefined}
          />
        </Field>
        <SaveOrCancel save="Save correction" busy={loading} onCancel={onCancel} />
      </form>
    </>
  );
}
