import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { ErrorSummary, Field, type FormErrors, mutationErrors, noErrors, onlyFields, renamed, TextInput, words, SaveOrCancel } from '../components/forms';
import {
  CreatePartnerDocument,
  type PartnerOrganisationType,
  type PartnerQuery,
  type PartnerRelationship,
  type PartnerStatus,
  UpdatePartnerDocument,
} from '../graphql/generated';

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
      setErrors(onlyFields(renamed(mutationErrors(err, 'The organisation was not saved. Try again.'), pid), labels));
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
        <SaveOrCancel save={partner ? 'Save details' : 'Add organisation'} busy={creating || updating} onCancel={onCancel} />
      </form>
    </>
  );
}
