import { useMutation } from '@apollo/client/react';
import { type FormEvent, useEffect, useState } from 'react';
import { describedBy, ErrorSummary, Field, type FormErrors, noErrors, mutationErrors } from '../components/forms';
import { type IncidentCategory, type MeQuery, RecordIncidentDocument } from '../graphql/generated';
import { Link } from '../router';

export const CATEGORIES: [IncidentCategory, string][] = [
  ['VERBAL_ABUSE', 'Verbal abuse'],
  ['THREATENING_BEHAVIOUR', 'Threatening behaviour'],
  ['ANTISOCIAL_BEHAVIOUR', 'Antisocial behaviour'],
  ['HARASSMENT', 'Harassment'],
  ['VIOLENCE', 'Violence'],
  ['THEFT', 'Theft'],
  ['DAMAGE', 'Damage'],
  ['DRUGS_OR_ALCOHOL', 'Drugs or alcohol'],
  ['SOCIAL_MEDIA_AUDITOR', 'Filming for social media'],
  ['OTHER', 'Something else'],
];

/** What a stood-down alarm offers (its branch, time and place), taken by the next incident form. */
let draft: { branchId: string; occurredAt: string; locationInBuilding?: string | null } | null = null;
export const setDraftIncident = (d: typeof draft) => (draft = d);

/** The minute on a phone: where, when, what kind, what happened. Everything else can be added later. */
export function RecordIncident({ me }: { me: MeQuery['me'] }) {
  // Read when the form opens, forgotten once it has (so the next form starts empty).
  const [initial] = useState(() => draft);
  useEffect(() => {
    draft = null;
  }, []);
  const [branchId, setBranchId] = useState(initial?.branchId ?? me.branches[0]?.id ?? '');
  const [when, setWhen] = useState(localInput(initial ? new Date(initial.occurredAt) : new Date()));
  const [location, setLocation] = useState(initial?.locationInBuilding ?? '');
  const [category, setCategory] = useState<IncidentCategory | ''>('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [recorded, setRecorded] = useState<string | null>(null);
  const [record, { loading }] = useMutation(RecordIncidentDocument);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!category) missing.category = 'Choose what kind of incident it was';
    if (!description.trim()) missing.description = 'Say what happened';
    if (!when) missing.occurredAt = 'Enter when it happened';
    if (Object.keys(missing).length) return setErrors({ ...noErrors, fields: missing });
    try {
      const r = await record({
        variables: {
          input: {
            branchId,
            occurredAt: new Date(when).toISOString(),
            category: category as IncidentCategory,
            description,
            ...(location.trim() ? { locationInBuilding: location.trim() } : {}),
          },
        },
      });
      setErrors(noErrors);
      setRecorded(r.data!.recordIncident.id);
    } catch (err) {
      setErrors(mutationErrors(err, 'The incident could not be saved. Try again.'));
    }
  }

  if (recorded)
    return (
      <>
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">Incident recorded</h1>
          <div className="govuk-panel__body">A manager can add the people, staff and evidence later.</div>
        </div>
        <p className="govuk-body">
          <Link to="/">Back to today</Link>
        </p>
      </>
    );

  const labels = { branchId: 'Branch', occurredAt: 'When it happened', category: 'What kind of incident', description: 'What happened' };
  return (
    <>
      <ErrorSummary errors={errors} labels={labels} />
      <h1 className="govuk-heading-l">Record an incident</h1>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {me.branches.length > 1 && (
          <Field id="branchId" label={labels.branchId} error={errors.fields.branchId}>
            <select className="govuk-select" id="branchId" value={branchId} onChange={(e) => setBranchId(e.target.value)}>
              {me.branches.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field id="occurredAt" label={labels.occurredAt} error={errors.fields.occurredAt}>
          <input
            className="govuk-input govuk-input--width-20"
            id="occurredAt"
            type="datetime-local"
            value={when}
            onChange={(e) => setWhen(e.target.value)}
            aria-describedby={describedBy('occurredAt', false, errors.fields.occurredAt)}
          />
        </Field>
        <Field id="category" label={labels.category} error={errors.fields.category}>
          <select
            className="govuk-select"
            id="category"
            value={category}
            onChange={(e) => setCategory(e.target.value as IncidentCategory)}
            aria-describedby={describedBy('category', false, errors.fields.category)}
          >
            <option value="">Choose</option>
            {CATEGORIES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="locationInBuilding" label="Where in the building (optional)" error={errors.fields.locationInBuilding}>
          <input className="govuk-input" id="locationInBuilding" maxLength={200} value={location} onChange={(e) => setLocation(e.target.value)} />
        </Field>
        <Field
          id="description"
          label={labels.description}
          hint="What you saw and heard. Describe the person; their name can be added later."
          error={errors.fields.description}
        >
          <textarea
            className="govuk-textarea"
            id="description"
            rows={5}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            aria-describedby={describedBy('description', true, errors.fields.description)}
          />
        </Field>
        <button type="submit" className="govuk-button" disabled={loading}>
          Record incident
        </button>
      </form>
    </>
  );
}

/** A time as a datetime-local input wants it (local time, to the minute). */
function localInput(at: Date): string {
  const d = new Date(at);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}
