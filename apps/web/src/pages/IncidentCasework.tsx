import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import {
  day,
  describedBy,
  Field,
  Fieldset,
  type FormErrors,
  mutationErrors,
  noErrors,
  personName,
  Select,
  underIds,
  words,
  Disclosure,
} from '../components/forms';
import {
  AddIncidentEvidenceDocument,
  AddIncidentFollowUpActionDocument,
  AddIncidentSubjectDocument,
  CompleteIncidentFollowUpActionDocument,
  type EvidenceKind,
  type IncidentCategory,
  type IncidentQuery,
  type IncidentSeverity,
  type IncidentSubjectPart,
  PersonChoicesDocument,
  RemoveIncidentEvidenceDocument,
  RemoveIncidentSubjectDocument,
  UpdateIncidentDocument,
} from '../graphql/generated';
import { Link } from '../router';
import { CATEGORIES } from './RecordIncident';

type IncidentRecord = IncidentQuery['incident'];

/** What each form of an incident's page is given: the incident as read, and the page's one error summary. */
export interface IncidentStep {
  incident: IncidentRecord;
  errors: FormErrors;
  setErrors: (e: FormErrors) => void;
  onSaved: (text: string) => void;
}

const SEVERITIES: IncidentSeverity[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const PARTS: [IncidentSubjectPart, string][] = [
  ['PERPETRATOR', 'They did it'],
  ['VICTIM', 'It was done to them'],
  ['WITNESS', 'They saw it'],
];
const EVIDENCE: [EvidenceKind, string][] = [
  ['CCTV', 'CCTV'],
  ['BODYCAM', 'Body-worn camera'],
  ['PHOTO', 'Photo'],
  ['OTHER', 'Something else'],
];

/** The labels of every field of the incident's forms, for the page's error summary. */
export const INCIDENT_LABELS = {
  category: 'What kind of incident',
  severity: 'Severity',
  locationInBuilding: 'Where in the building',
  description: 'What happened',
  actionsTaken: 'What staff did',
  reportedToPolice: 'Reported to the police',
  crimeReferenceNumber: 'Crime reference number',
  'person-subjectId': 'Person',
  'person-part': 'Their part',
  'person-notes': 'What they did or saw',
  'action-description': 'What is to be done',
  'action-ownerId': 'Who will do it',
  'action-dueOn': 'Due by',
  'evidence-kind': 'Kind of evidence',
  'evidence-reference': 'Where it is kept',
};

/** The incident's own details changed, at the version read: a change by someone else meanwhile is a CONFLICT. */
export function ChangeIncident({ incident: i, errors, setErrors, onSaved }: IncidentStep) {
  const [update, { loading }] = useMutation(UpdateIncidentDocument);
  const [f, setF] = useState({
    category: i.category,
    severity: i.severity ?? '',
    locationInBuilding: i.locationInBuilding ?? '',
    description: i.description,
    actionsTaken: i.actionsTaken ?? '',
    reportedToPolice: i.reportedToPolice,
    crimeReferenceNumber: i.crimeReferenceNumber ?? '',
  });
  const text = (k: 'locationInBuilding' | 'description' | 'actionsTaken' | 'crimeReferenceNumber') => ({
    id: k,
    value: f[k],
    onChange: (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value }),
    'aria-describedby': describedBy(k, false, errors.fields[k]),
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!f.description.trim()) return setErrors({ ...noErrors, fields: { description: 'Say what happened' } });
    try {
      await update({
        variables: {
          input: {
            id: i.id,
            version: i.version,
            category: f.category,
            ...(f.severity ? { severity: f.severity as IncidentSeverity } : {}),
            locationInBuilding: f.locationInBuilding.trim() || null,
            description: f.description.trim(),
            actionsTaken: f.actionsTaken.trim() || null,
            reportedToPolice: f.reportedToPolice,
            crimeReferenceNumber: (f.reportedToPolice && f.crimeReferenceNumber.trim()) || null,
          },
        },
      });
      onSaved('Incident changed');
    } catch (err) {
      setErrors(mutationErrors(err, 'Not saved. Try again.'));
    }
  }

  return (
    <Disclosure summary="Change the incident">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field id="category" label={INCIDENT_LABELS.category} error={errors.fields.category}>
          <select
            className="govuk-select"
            id="category"
            value={f.category}
            onChange={(e) => setF({ ...f, category: e.target.value as IncidentCategory })}
            aria-describedby={describedBy('category', false, errors.fields.category)}
          >
            {CATEGORIES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="severity" label={INCIDENT_LABELS.severity} error={errors.fields.severity}>
          <select
            className="govuk-select"
            id="severity"
            value={f.severity}
            onChange={(e) => setF({ ...f, severity: e.target.value as IncidentSeverity })}
            aria-describedby={describedBy('severity', false, errors.fields.severity)}
          >
            {!i.severity && <option value="">Not assessed</option>}
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {words(s)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="locationInBuilding" label={`${INCIDENT_LABELS.locationInBuilding} (optional)`} error={errors.fields.locationInBuilding}>
          <input className="govuk-input" maxLength={200} {...text('locationInBuilding')} />
        </Field>
        <Field id="description" label={INCIDENT_LABELS.description} error={errors.fields.description}>
          <textarea className="govuk-textarea" rows={4} {...text('description')} />
        </Field>
        <Field id="actionsTaken" label={`${INCIDENT_LABELS.actionsTaken} (optional)`} error={errors.fields.actionsTaken}>
          <textarea className="govuk-textarea" rows={3} {...text('actionsTaken')} />
        </Field>
        <div className="govuk-form-group">
          <div className="govuk-checkboxes govuk-checkboxes--small">
            <div className="govuk-checkboxes__item">
              <input
                className="govuk-checkboxes__input"
                id="reportedToPolice"
                type="checkbox"
                checked={f.reportedToPolice}
                onChange={(e) => setF({ ...f, reportedToPolice: e.target.checked })}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor="reportedToPolice">
                {INCIDENT_LABELS.reportedToPolice}
              </label>
            </div>
          </div>
        </div>
        {f.reportedToPolice && (
          <Field id="crimeReferenceNumber" label={`${INCIDENT_LABELS.crimeReferenceNumber} (optional)`} error={errors.fields.crimeReferenceNumber}>
            <input className="govuk-input govuk-input--width-20" maxLength={100} {...text('crimeReferenceNumber')} />
          </Field>
        )}
        <button type="submit" className="govuk-button" id="change-incident" disabled={loading}>
          Save the changes
        </button>
      </form>
    </Disclosure>
  );
}

/** The people involved, each removable, and one more added from the service's records with their part. */
export function PeopleInvolved({ incident: i, errors, setErrors, onSaved }: IncidentStep) {
  const [remove] = useMutation(RemoveIncidentSubjectDocument);
  const [add, { loading }] = useMutation(AddIncidentSubjectDocument);
  const [search, setSearch] = useState('');
  const { data } = useQuery(PersonChoicesDocument, { variables: { search: search.trim() || null } });
  const [f, setF] = useState({ subjectId: '', part: '' as IncidentSubjectPart | '', notes: '' });
  const people = data?.subjects.edges.map(({ node }) => ({ id: node.id, name: personName(node) })) ?? [];

  async function unlink(subjectId: string, part: IncidentSubjectPart) {
    try {
      await remove({ variables: { input: { incidentId: i.id, subjectId, part } } });
      onSaved('Person removed from the incident');
    } catch (err) {
      setErrors(mutationErrors(err, 'Not removed. Try again.'));
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!f.subjectId) missing['person-subjectId'] = 'Choose the person';
    if (!f.part) missing['person-part'] = 'Choose their part';
    else if (i.people.some((p) => p.subjectId === f.subjectId && p.part === f.part)) missing['person-part'] = `They are already recorded as ${words(f.part)}`;
    if (Object.keys(missing).length) return setErrors({ ...noErrors, fields: missing });
    try {
      await add({ variables: { input: { incidentId: i.id, subjectId: f.subjectId, part: f.part as IncidentSubjectPart, notes: f.notes.trim() || null } } });
      onSaved('Person added to the incident');
    } catch (err) {
      setErrors(underIds(mutationErrors(err, 'Not added. Try again.'), 'person'));
    }
  }

  return (
    <>
      <h2 className="govuk-heading-m">People involved</h2>
      {i.people.length === 0 ? (
        <p className="govuk-body">None linked.</p>
      ) : (
        <ul className="govuk-list govuk-list--spaced">
          {i.people.map((p) => (
            <li key={`${p.subjectId}-${p.part}`}>
              <Link to={`/people/${p.subjectId}`}>{p.label ?? 'Person'}</Link> ({words(p.part)}){p.notes ? `: ${p.notes}` : ''}{' '}
              <button type="button" className="app-link-button govuk-link" onClick={() => void unlink(p.subjectId, p.part)}>
                Remove<span className="govuk-visually-hidden">{` ${p.label ?? 'person'} as ${words(p.part)}`}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <Disclosure summary="Add a person involved">
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Field id="person-search" label="Find the person" hint="Part of a name or description. Not recorded yet? Add them under People first.">
            <input
              className="govuk-input govuk-input--width-20"
              id="person-search"
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              aria-describedby="person-search-hint"
            />
          </Field>
          <Select
            id="person-subjectId"
            label={INCIDENT_LABELS['person-subjectId']}
            value={f.subjectId}
            onChange={(v) => setF({ ...f, subjectId: v })}
            options={people}
            error={errors.fields['person-subjectId']}
          />
          <Fieldset id="person-part" legend={INCIDENT_LABELS['person-part']} error={errors.fields['person-part']}>
            <div className="govuk-radios govuk-radios--small" id="person-part">
              {PARTS.map(([value, text]) => (
                <div key={value} className="govuk-radios__item">
                  <input
                    className="govuk-radios__input"
                    id={`person-part-${value}`}
                    type="radio"
                    name="person-part"
                    checked={f.part === value}
                    onChange={() => setF({ ...f, part: value })}
                  />
                  <label className="govuk-label govuk-radios__label" htmlFor={`person-part-${value}`}>
                    {text} ({words(value)})
                  </label>
                </div>
              ))}
            </div>
          </Fieldset>
          <Field id="person-notes" label={`${INCIDENT_LABELS['person-notes']} (optional)`} error={errors.fields['person-notes']}>
            <textarea
              className="govuk-textarea"
              id="person-notes"
              rows={2}
              value={f.notes}
              onChange={(e) => setF({ ...f, notes: e.target.value })}
              aria-describedby={describedBy('person-notes', false, errors.fields['person-notes'])}
            />
          </Field>
          <button type="submit" className="govuk-button govuk-button--secondary" id="add-person" disabled={loading}>
            Add the person
          </button>
        </form>
      </Disclosure>
    </>
  );
}

/** Things to do after the incident, each with an owner and a due date, marked done by whoever does them. */
export function FollowUpActions({ incident: i, staff, errors, setErrors, onSaved }: IncidentStep & { staff: { id: string; name: string }[] }) {
  const [complete] = useMutation(CompleteIncidentFollowUpActionDocument);
  const [add, { loading }] = useMutation(AddIncidentFollowUpActionDocument);
  const [f, setF] = useState({ description: '', ownerId: '', dueOn: '' });
  const names = new Map(staff.map((s) => [s.id, s.name]));

  async function markDone(id: string, version: number) {
    try {
      await complete({ variables: { id, version } });
      onSaved('Follow-up action done');
    } catch (err) {
      setErrors(mutationErrors(err, 'Not saved. Try again.'));
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!f.description.trim()) missing['action-description'] = 'Say what is to be done';
    if (!f.ownerId) missing['action-ownerId'] = 'Choose who will do it';
    if (!f.dueOn) missing['action-dueOn'] = 'Enter when it is due';
    if (Object.keys(missing).length) return setErrors({ ...noErrors, fields: missing });
    try {
      await add({ variables: { input: { incidentId: i.id, description: f.description.trim(), ownerId: f.ownerId, dueOn: f.dueOn } } });
      onSaved('Follow-up action added');
    } catch (err) {
      setErrors(underIds(mutationErrors(err, 'Not added. Try again.'), 'action'));
    }
  }

  return (
    <>
      <h2 className="govuk-heading-m">Follow-up actions</h2>
      {i.followUpActions.length === 0 ? (
        <p className="govuk-body">None yet.</p>
      ) : (
        <ul className="govuk-list govuk-list--spaced">
          {i.followUpActions.map((a) => (
            <li key={a.id}>
              {a.description}: {names.get(a.ownerId) ?? 'a colleague'}, due {day(a.dueOn)}.{' '}
              {a.completedAt ? (
                <strong className="govuk-tag govuk-tag--green">done</strong>
              ) : (
                <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => void markDone(a.id, a.version)}>
                  Mark done<span className="govuk-visually-hidden">: {a.description}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <Disclosure summary="Add a follow-up action">
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Field id="action-description" label={INCIDENT_LABELS['action-description']} error={errors.fields['action-description']}>
            <input
              className="govuk-input"
              id="action-description"
              maxLength={2000}
              value={f.description}
              onChange={(e) => setF({ ...f, description: e.target.value })}
              aria-describedby={describedBy('action-description', false, errors.fields['action-description'])}
            />
          </Field>
          <Select
            id="action-ownerId"
            label={INCIDENT_LABELS['action-ownerId']}
            value={f.ownerId}
            onChange={(v) => setF({ ...f, ownerId: v })}
            options={staff}
            error={errors.fields['action-ownerId']}
          />
          <Field id="action-dueOn" label={INCIDENT_LABELS['action-dueOn']} error={errors.fields['action-dueOn']}>
            <input
              className="govuk-input govuk-input--width-10"
              id="action-dueOn"
              type="date"
              value={f.dueOn}
              onChange={(e) => setF({ ...f, dueOn: e.target.value })}
              aria-describedby={describedBy('action-dueOn', false, errors.fields['action-dueOn'])}
            />
          </Field>
          <button type="submit" className="govuk-button govuk-button--secondary" id="add-action" disabled={loading}>
            Add the action
          </button>
        </form>
      </Disclosure>
    </>
  );
}

/** Where the evidence is kept (references, never the footage), each removable. */
export function Evidence({ incident: i, errors, setErrors, onSaved }: IncidentStep) {
  const [remove] = useMutation(RemoveIncidentEvidenceDocument);
  const [add, { loading }] = useMutation(AddIncidentEvidenceDocument);
  const [f, setF] = useState({ kind: '' as EvidenceKind | '', reference: '' });
  const kindName = new Map(EVIDENCE);

  async function drop(id: string) {
    try {
      await remove({ variables: { id } });
      onSaved('Evidence reference removed');
    } catch (err) {
      setErrors(mutationErrors(err, 'Not removed. Try again.'));
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!f.kind) missing['evidence-kind'] = 'Choose the kind of evidence';
    if (!f.reference.trim()) missing['evidence-reference'] = 'Say where it is kept';
    if (Object.keys(missing).length) return setErrors({ ...noErrors, fields: missing });
    try {
      await add({ variables: { input: { incidentId: i.id, kind: f.kind as EvidenceKind, reference: f.reference.trim() } } });
      onSaved('Evidence reference added');
    } catch (err) {
      setErrors(underIds(mutationErrors(err, 'Not added. Try again.'), 'evidence'));
    }
  }

  return (
    <>
      <h2 className="govuk-heading-m">Evidence</h2>
      {i.evidence.length === 0 ? (
        <p className="govuk-body">No evidence recorded.</p>
      ) : (
        <ul className="govuk-list govuk-list--spaced">
          {i.evidence.map((ev) => (
            <li key={ev.id}>
              {kindName.get(ev.kind)}: {ev.reference}{' '}
              <button type="button" className="app-link-button govuk-link" onClick={() => void drop(ev.id)}>
                Remove<span className="govuk-visually-hidden">{` ${kindName.get(ev.kind)}: ${ev.reference}`}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <Disclosure summary="Add evidence">
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Select
            id="evidence-kind"
            label={INCIDENT_LABELS['evidence-kind']}
            value={f.kind}
            onChange={(v) => setF({ ...f, kind: v as EvidenceKind })}
            options={EVIDENCE.map(([id, name]) => ({ id, name }))}
            error={errors.fields['evidence-kind']}
          />
          <Field
            id="evidence-reference"
            label={INCIDENT_LABELS['evidence-reference']}
            hint="For example ‘CCTV camera 3, 14:05 to 14:20, saved to the evidence drive’. Never the footage itself."
            error={errors.fields['evidence-reference']}
          >
            <input
              className="govuk-input"
              id="evidence-reference"
              maxLength={2000}
              value={f.reference}
              onChange={(e) => setF({ ...f, reference: e.target.value })}
              aria-describedby={describedBy('evidence-reference', true, errors.fields['evidence-reference'])}
            />
          </Field>
          <button type="submit" className="govuk-button govuk-button--secondary" id="add-evidence" disabled={loading}>
            Add the evidence
          </button>
        </form>
      </Disclosure>
    </>
  );
}
