import { useMutation, useQuery } from '@apollo/client/react';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { type FormEvent, useState } from 'react';
import { describedBy, ErrorSummary, Field, Fieldset, type FormErrors, mutationErrors, noErrors, personName, Disclosure } from '../components/forms';
import {
  type AgeBand,
  CreateSubjectDocument,
  type LawfulBasis,
  PossibleDuplicatesDocument,
  type PersonQuery,
  UpdateSubjectDocument,
} from '../graphql/generated';
import { Link, usePath } from '../router';

/** An estimated age band in words: AGE_18_24 → "aged 18 to 24". */
export const age = (band: AgeBand) =>
  band === 'UNDER_10' ? 'under 10' : band === 'AGE_65_PLUS' ? 'aged 65 or over' : band.replace(/^AGE_(\d+)_(\d+)$/, 'aged $1 to $2');

const AGE_BANDS: AgeBand[] = ['UNDER_10', 'AGE_10_13', 'AGE_14_17', 'AGE_18_24', 'AGE_25_34', 'AGE_35_49', 'AGE_50_64', 'AGE_65_PLUS'];
/** The bases the API allows for a person's record: every Article 6(1) basis but legitimate interests (a public authority's tasks). */
const BASES: [LawfulBasis, string][] = [
  ['PUBLIC_TASK', 'Public task: the library service’s safeguarding and community safety work'],
  ['CONSENT', 'Consent: the person agreed to be recorded'],
  ['VITAL_INTERESTS', 'Vital interests: to protect someone’s life'],
  ['LEGAL_OBLIGATION', 'Legal obligation: a law requires it'],
  ['CONTRACT', 'Contract: for a contract with the person'],
];

const LABELS = {
  name: 'Name',
  description: 'Description',
  aliases: 'Other names they use',
  dateOfBirth: 'Date of birth',
  ageBand: 'Age, if the date of birth is not known',
  notes: 'Notes',
  'dataProtection.lawfulBasis': 'Why the service may record them (lawful basis)',
};

interface PersonValues {
  name: string;
  description: string;
  aliases: string;
  dateOfBirth: string;
  ageBand: AgeBand | '';
  isAdultAtRisk: boolean;
  isChildSafeguarding: boolean;
  notes: string;
  lawfulBasis: LawfulBasis;
}

/** The form's values as the API takes them (blank is null; one alias a line). */
const asInput = (f: PersonValues) => ({
  name: f.name.trim() || null,
  description: f.description.trim() || null,
  aliases: f.aliases
    .split('\n')
    .map((a) => a.trim())
    .filter(Boolean),
  dateOfBirth: f.dateOfBirth || null,
  ageBand: f.ageBand || null,
  isAdultAtRisk: f.isAdultAtRisk,
  isChildSafeguarding: f.isChildSafeguarding,
  notes: f.notes.trim() || null,
  dataProtection: { lawfulBasis: f.lawfulBasis },
});

/** What the browser can tell before asking the API: a name or a description, and not both ways of giving an age. */
function missing(f: PersonValues): FormErrors {
  const fields: Record<string, string> = {};
  if (!f.name.trim() && !f.description.trim()) {
    fields.name = 'Enter their name, or describe them if the name is not known';
  }
  if (f.dateOfBirth && f.ageBand) fields.ageBand = 'Give the date of birth or an age, not both';
  return { ...noErrors, fields };
}

/** The fields a person's record has, for adding and for changing one. */
function PersonFields({ f, setF, errors }: { f: PersonValues; setF: (f: PersonValues) => void; errors: FormErrors }) {
  const text = (k: 'name' | 'description' | 'aliases' | 'notes' | 'dateOfBirth', hint: boolean) => ({
    id: k,
    value: f[k],
    onChange: (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value }),
    'aria-describedby': describedBy(k, hint, errors.fields[k]),
  });
  const flag = (k: 'isAdultAtRisk' | 'isChildSafeguarding', label: string) => (
    <div className="govuk-checkboxes__item">
      <input className="govuk-checkboxes__input" id={k} type="checkbox" checked={f[k]} onChange={(e) => setF({ ...f, [k]: e.target.checked })} />
      <label className="govuk-label govuk-checkboxes__label" htmlFor={k}>
        {label}
      </label>
    </div>
  );
  return (
    <>
      <Field id="name" label={`${LABELS.name} (if known)`} error={errors.fields.name}>
        <input className="govuk-input" maxLength={200} autoComplete="off" {...text('name', false)} />
      </Field>
      <Field
        id="description"
        label={`${LABELS.description} (needed when the name is not known)`}
        hint="For example ‘male, 30s, red jacket’"
        error={errors.fields.description}
      >
        <textarea className="govuk-textarea" rows={2} {...text('description', true)} />
      </Field>
      <Field id="aliases" label={`${LABELS.aliases} (optional)`} hint="One a line" error={errors.fields.aliases}>
        <textarea className="govuk-textarea" rows={2} {...text('aliases', true)} />
      </Field>
      <Field id="dateOfBirth" label={`${LABELS.dateOfBirth} (optional)`} error={errors.fields.dateOfBirth}>
        <input className="govuk-input govuk-input--width-10" type="date" {...text('dateOfBirth', false)} />
      </Field>
      <Field id="ageBand" label={`${LABELS.ageBand} (optional)`} error={errors.fields.ageBand}>
        <select
          className="govuk-select"
          id="ageBand"
          value={f.ageBand}
          onChange={(e) => setF({ ...f, ageBand: e.target.value as AgeBand | '' })}
          aria-describedby={describedBy('ageBand', false, errors.fields.ageBand)}
        >
          <option value="">Not known</option>
          {AGE_BANDS.map((b) => (
            <option key={b} value={b}>
              {age(b)}
            </option>
          ))}
        </select>
      </Field>
      <Fieldset id="safeguarding" legend="Safeguarding concerns">
        <div className="govuk-checkboxes govuk-checkboxes--small">
          {flag('isAdultAtRisk', 'An adult at risk')}
          {flag('isChildSafeguarding', 'A child safeguarding concern')}
        </div>
      </Fieldset>
      <Field id="notes" label={`${LABELS.notes} (optional)`} error={errors.fields.notes}>
        <textarea className="govuk-textarea" rows={3} {...text('notes', false)} />
      </Field>
      <Fieldset id="dataProtection.lawfulBasis" legend={LABELS['dataProtection.lawfulBasis']} error={errors.fields['dataProtection.lawfulBasis']}>
        <div className="govuk-radios govuk-radios--small" id="dataProtection.lawfulBasis">
          {BASES.map(([value, text]) => (
            <div key={value} className="govuk-radios__item">
              <input
                className="govuk-radios__input"
                id={`lawfulBasis-${value}`}
                type="radio"
                name="lawfulBasis"
                checked={f.lawfulBasis === value}
                onChange={() => setF({ ...f, lawfulBasis: value })}
              />
              <label className="govuk-label govuk-radios__label" htmlFor={`lawfulBasis-${value}`}>
                {text}
              </label>
            </div>
          ))}
        </div>
      </Fieldset>
    </>
  );
}

/**
 * A new person. The API answers CONFLICT when they may already be recorded: the records it found
 * are listed, and the worker adds the person anyway only once they say none of them is this person.
 */
export function AddPerson() {
  const { go } = usePath();
  const [create, { loading }] = useMutation(CreateSubjectDocument);
  const [f, setF] = useState<PersonValues>({
    name: '',
    description: '',
    aliases: '',
    dateOfBirth: '',
    ageBand: '',
    isAdultAtRisk: false,
    isChildSafeguarding: false,
    notes: '',
    lawfulBasis: 'PUBLIC_TASK',
  });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  // The details the API matched, while it says they may be someone already recorded.
  const [matched, setMatched] = useState<ReturnType<typeof asInput> | null>(null);
  const [notDuplicate, setNotDuplicate] = useState(false);
  const { data: dupes } = useQuery(PossibleDuplicatesDocument, {
    skip: !matched,
    variables: { name: matched?.name, dateOfBirth: matched?.dateOfBirth, aliases: matched?.aliases },
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = missing(f);
    if (Object.keys(found.fields).length) return setErrors(found);
    const input = asInput(f);
    try {
      // The worker's "none of these" holds for the details the API matched, not for details changed since.
      const confirmed = notDuplicate && JSON.stringify(matched) === JSON.stringify(input);
      const r = await create({ variables: { input: { ...input, confirmNotDuplicate: confirmed } } });
      go(`/people/${r.data!.createSubject.id}`);
    } catch (err) {
      const duplicate = CombinedGraphQLErrors.is(err) && err.errors.some((x) => x.extensions?.reason === 'POSSIBLE_DUPLICATE');
      if (!duplicate) return setErrors(mutationErrors(err, 'The person was not added. Try again.'));
      setMatched(input);
      setNotDuplicate(false);
      setErrors({
        ...noErrors,
        form: 'This person may already be recorded. Check the records listed below: use one of them, or say none of them is this person and add them again.',
      });
    }
  }

  return (
    <Disclosure summary="Add a person">
      <ErrorSummary errors={errors} labels={LABELS} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <PersonFields f={f} setF={setF} errors={errors} />
        {matched && (
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <div className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              <p className="govuk-body govuk-!-font-weight-bold">They may already be recorded as:</p>
              <ul className="govuk-list govuk-list--bullet">
                {dupes?.possibleDuplicateSubjects.map((d) => (
                  <li key={d.id}>
                    <Link to={`/people/${d.id}`}>{personName(d)}</Link>
                    {d.dateOfBirth ? `, born ${d.dateOfBirth}` : ''}
                  </li>
                ))}
              </ul>
              <div className="govuk-checkboxes govuk-checkboxes--small">
                <div className="govuk-checkboxes__item">
                  <input
                    className="govuk-checkboxes__input"
                    id="notDuplicate"
                    type="checkbox"
                    checked={notDuplicate}
                    onChange={(e) => setNotDuplicate(e.target.checked)}
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor="notDuplicate">
                    I have checked: none of these is this person
                  </label>
                </div>
              </div>
            </div>
          </div>
        )}
        <button type="submit" className="govuk-button" id="add-person" disabled={loading}>
          Add the person
        </button>
      </form>
    </Disclosure>
  );
}

type PersonRecord = PersonQuery['subject'];

/** A person's details changed at the version read: a change by someone else meanwhile is a CONFLICT, with reload. */
export function ChangePerson({ person: p, onSaved, onReload }: { person: PersonRecord; onSaved: () => void; onReload: () => void }) {
  const [update, { loading }] = useMutation(UpdateSubjectDocument);
  const [f, setF] = useState<PersonValues>({
    name: p.name ?? '',
    description: p.description ?? '',
    aliases: p.aliases.join('\n'),
    dateOfBirth: p.dateOfBirth ?? '',
    ageBand: p.ageBand ?? '',
    isAdultAtRisk: p.isAdultAtRisk,
    isChildSafeguarding: p.isChildSafeguarding,
    notes: p.notes ?? '',
    lawfulBasis: p.dataProtection.lawfulBasis,
  });
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = missing(f);
    if (Object.keys(found.fields).length) return setErrors(found);
    try {
      await update({ variables: { input: { id: p.id, version: p.version, ...asInput(f) } } });
      setErrors(noErrors);
      onSaved();
    } catch (err) {
      setErrors(mutationErrors(err, 'Not saved. Try again.'));
    }
  }

  return (
    <Disclosure summary="Change their details">
      <ErrorSummary errors={errors} labels={LABELS} onReload={() => (setErrors(noErrors), onReload())} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <PersonFields f={f} setF={setF} errors={errors} />
        <button type="submit" className="govuk-button" id="change-person" disabled={loading}>
          Save the changes
        </button>
      </form>
    </Disclosure>
  );
}
