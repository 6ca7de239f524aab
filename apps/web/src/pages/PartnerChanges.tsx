import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { ErrorSummary, Field, type FormErrors, isStale, mutationErrors, noErrors, onlyFields, renamed, TextInput, words } from '../components/forms';
import {
  type ContactChannel,
  CorrectContactDocument,
  CreatePartnerDocument,
  type PartnerOrganisationType,
  type PartnerQuery,
  type PartnerRelationship,
  type PartnerStatus,
  UpdatePartnerContactDocument,
  UpdatePartnerDocument,
} from '../graphql/generated';

export const CHANNELS: ContactChannel[] = ['MEETING', 'PHONE_CALL', 'EMAIL', 'CSP_MEETING', 'PATROL_VISIT', 'CUPPA_WITH_A_COPPA', 'OUTREACH_DAY', 'OTHER'];

/** How a contact happened, in words (the partnership meeting spelt out). */
export const channel = (c: ContactChannel) => (c === 'CSP_MEETING' ? 'community safety partnership meeting' : words(c));

/** datetime-local's value for a moment, in the browser's time zone. */
export const localInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

const TYPES: PartnerOrganisationType[] = [
  'POLICE_NEIGHBOURHOOD_TEAM',
  'COMMUNITY_SAFETY_PARTNERSHIP',
  'COUNCIL_TEAM',
  'HOUSING_SERVICE',
  'MENTAL_HEALTH_SERVICE',
  'YOUTH_JUSTICE_SERVICE',
  'CHARITY',
  'SCHOOL_OR_COLLEGE',
  'BUSINESS_CRIME_REDUCTION_PARTNERSHIP',
  'BUSINESS_IMPROVEMENT_DISTRICT',
  'TRADE_UNION',
  'OTHER',
];
const RELATIONSHIPS: PartnerRelationship[] = ['FORMAL_PARTNERSHIP', 'COLLABORATIVE_RELATIONSHIP'];

/** A select of enum values in words, "Choose" first. */
function EnumSelect<T extends string>({
  id,
  label,
  value,
  values,
  error,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  values: readonly T[];
  error?: string;
  onChange: (v: string) => void;
}) {
  return (
    <Field id={id} label={label} error={error}>
      <select
        className={`govuk-select${error ? ' govuk-select--error' : ''}`}
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <option value="">Choose</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {words(v)}
          </option>
        ))}
      </select>
    </Field>
  );
}

const optional = (v: string) => v.trim() || null;
const PARTNER_LABELS = {
  name: 'Name',
  type: 'Type of organisation',
  relationship: 'Relationship',
  status: 'Status',
  phone: 'Phone (optional)',
  email: 'Email (optional)',
  website: 'Website (optional)',
};
type PartnerField = keyof typeof PARTNER_LABELS;
const pid = (k: string) => `partner-${k}`;

/**
 * Add a partner organisation, or change one's details at the version read. A CONFLICT that is not
 * a stale version is a name already taken: the API's sentence says so.
 */
export function PartnerForm({
  partner,
  onSaved,
  onCancel,
  onReload,
}: {
  partner?: PartnerQuery['partnerOrganisation'];
  onSaved: (id: string, name: string) => void;
  onCancel?: () => void;
  onReload?: () => void;
}) {
  const [form, setForm] = useState<Record<PartnerField, string>>({
    name: partner?.name ?? '',
    type: partner?.type ?? '',
    relationship: partner?.relationship ?? '',
    status: partner?.status ?? 'ACTIVE',
    phone: partner?.phone ?? '',
    email: partner?.email ?? '',
    website: partner?.website ?? '',
  });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [create, { loading: creating }] = useMutation(CreatePartnerDocument);
  const [update, { loading: updating }] = useMutation(UpdatePartnerDocument);
  const set = (k: PartnerField) => (v: string) => setForm({ ...form, [k]: v });
  const labels = Object.fromEntries(Object.entries(PARTNER_LABELS).map(([k, v]) => [pid(k), v]));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!form.name.trim()) missing[pid('name')] = 'Enter the organisation’s name';
    if (!form.type) missing[pid('type')] = 'Choose the type of organisation';
    if (!form.relationship) missing[pid('relationship')] = 'Choose the relationship';
    if (Object.keys(missing).length) return setErrors({ ...noErrors, fields: missing });
    const details = {
      name: form.name.trim(),
      type: form.type as PartnerOrganisationType,
      relationship: form.relationship as PartnerRelationship,
      status: form.status as PartnerStatus,
      phone: optional(form.phone),
      email: optional(form.email),
      website: optional(form.website),
    };
    try {
      if (partner) {
        await update({ variables: { input: { id: partner.id, version: partner.version, ...details } } });
        onSaved(partner.id, details.name);
      } else {
        const { data } = await create({ variables: { input: details } });
        if (data) onSaved(data.createPartnerOrganisation.id, details.name);
      }
      setErrors(noErrors);
    } catch (err) {
      const found = onlyFields(renamed(mutationErrors(err, 'The organisation was not saved. Try again.'), pid), labels);
      setErrors({ ...found, conflict: found.conflict && isStale(err) });
    }
  }

  return (
    <>
      <ErrorSummary errors={errors} labels={labels} onReload={onReload && (() => (setErrors(noErrors), onReload()))} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextInput id={pid('name')} label={PARTNER_LABELS.name} value={form.name} onChange={set('name')} error={errors.fields[pid('name')]} />
        <EnumSelect id={pid('type')} label={PARTNER_LABELS.type} value={form.type} values={TYPES} onChange={set('type')} error={errors.fields[pid('type')]} />
        <EnumSelect
          id={pid('relationship')}
          label={PARTNER_LABELS.relationship}
          value={form.relationship}
          values={RELATIONSHIPS}
          onChange={set('relationship')}
          error={errors.fields[pid('relationship')]}
        />
        {partner && (
          <EnumSelect
            id={pid('status')}
            label={PARTNER_LABELS.status}
            value={form.status}
            values={['ACTIVE', 'INACTIVE'] as const}
            onChange={set('status')}
            error={errors.fields[pid('status')]}
          />
        )}
        <TextInput id={pid('phone')} label={PARTNER_LABELS.phone} type="tel" value={form.phone} onChange={set('phone')} error={errors.fields[pid('phone')]} />
        <TextInput id={pid('email')} label={PARTNER_LABELS.email} type="email" value={form.email} onChange={set('email')} error={errors.fields[pid('email')]} />
        <TextInput
          id={pid('website')}
          label={PARTNER_LABELS.website}
          type="url"
          value={form.website}
          onChange={set('website')}
          error={errors.fields[pid('website')]}
        />
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" disabled={creating || updating}>
            {partner ? 'Save details' : 'Add organisation'}
          </button>
          {onCancel && (
            <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
              Cancel
            </button>
          )}
        </div>
      </form>
    </>
  );
}

type Contact = PartnerQuery['partnerOrganisation']['contacts'][number];
const CONTACT_LABELS = { name: 'Name', jobTitle: 'Job title (optional)', phone: 'Phone (optional)', email: 'Email (optional)' };
type ContactField = keyof typeof CONTACT_LABELS;
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
  const labels = Object.fromEntries(Object.entries(CONTACT_LABELS).map(([k, v]) => [cid(k), v]));
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
        {(Object.keys(CONTACT_LABELS) as ContactField[]).map((k) => (
          <TextInput
            key={k}
            id={cid(k)}
            label={CONTACT_LABELS[k]}
            type={k === 'email' ? 'email' : k === 'phone' ? 'tel' : 'text'}
            value={form[k]}
            onChange={(v) => setForm({ ...form, [k]: v })}
            error={errors.fields[cid(k)]}
          />
        ))}
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" disabled={loading}>
            Save contact
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
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
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" disabled={loading}>
            Save correction
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </>
  );
}
