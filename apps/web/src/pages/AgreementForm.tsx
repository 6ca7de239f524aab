import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import {
  ErrorSummary,
  Field,
  Fieldset,
  type FormErrors,
  mutationErrors,
  noErrors,
  onlyFields,
  renamed,
  Select,
  TextInput,
  words,
  SaveOrCancel,
} from '../components/forms';
import {
  AgreementChoicesDocument,
  type AgreementQuery,
  type DataCategory,
  DraftAgreementDocument,
  type LawfulBasis,
  UpdateAgreementDocument,
} from '../graphql/generated';
import { CATEGORY_WORDS } from './Agreements';

/** The bases a library service may share on: a public authority cannot rely on legitimate interests (the API refuses it). */
const BASES: LawfulBasis[] = ['PUBLIC_TASK', 'LEGAL_OBLIGATION', 'VITAL_INTERESTS', 'CONTRACT', 'CONSENT'];
/** Identity goes with every share, so every agreement covers it: the others are chosen (read when drawn: Agreements imports this file). */
const choosable = () => (Object.keys(CATEGORY_WORDS) as DataCategory[]).filter((c) => c !== 'IDENTITY');

const LABELS = {
  title: 'Title',
  purpose: 'Purpose',
  partner: 'Partner organisation',
  categories: 'Categories of data it covers',
  lawfulBasis: 'Lawful basis',
  lawfulBasisDetails: 'Lawful basis details (optional)',
  specialCategoryCondition: 'Special category condition',
  criminalOffenceCondition: 'Criminal offence condition',
  startsOn: 'Start date (optional while a draft)',
  endsOn: 'End date (optional)',
  reviewOn: 'Review date (optional)',
  'signatory-name': 'Signed by (optional while a draft)',
  'signatory-onBehalfOf': 'On behalf of',
  'signatory-signedOn': 'Signed on',
};
type Key = keyof typeof LABELS;

/** The API's names for the fields (a party list, a signatory by its place) as this form's. */
const fieldId = (k: string) => (k.startsWith('partnerOrganisationIds') ? 'partner' : k.replace(/^signatories\.0\./, 'signatory-'));

/**
 * Draft a data sharing agreement, or change a draft at the version read: the terms, one partner,
 * the dates, and the signatory activation needs (others already recorded are kept).
 */
export function AgreementForm({
  agreement,
  onSaved,
  onCancel,
  onReload,
}: {
  agreement?: AgreementQuery['dataSharingAgreement'];
  onSaved: (id: string) => void;
  onCancel?: () => void;
  onReload?: () => void;
}) {
  const { data } = useQuery(AgreementChoicesDocument);
  const signatory = agreement?.signatories[0];
  const [form, setForm] = useState<Record<Exclude<Key, 'categories'>, string> & { categories: DataCategory[] }>({
    title: agreement?.title ?? '',
    purpose: agreement?.purpose ?? '',
    partner: agreement?.parties.find((p) => p.partnerOrganisationId)?.partnerOrganisationId ?? '',
    categories: agreement?.categories.filter((c) => c !== 'IDENTITY') ?? [],
    lawfulBasis: agreement?.lawfulBasis ?? '',
    lawfulBasisDetails: agreement?.lawfulBasisDetails ?? '',
    specialCategoryCondition: agreement?.specialCategoryCondition ?? '',
    criminalOffenceCondition: agreement?.criminalOffenceCondition ?? '',
    startsOn: agreement?.startsOn ?? '',
    endsOn: agreement?.endsOn ?? '',
    reviewOn: agreement?.reviewOn ?? '',
    'signatory-name': signatory?.name ?? '',
    'signatory-onBehalfOf': signatory?.onBehalfOf ?? '',
    'signatory-signedOn': signatory?.signedOn ?? '',
  });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [draft, { loading: drafting }] = useMutation(DraftAgreementDocument);
  const [update, { loading: updating }] = useMutation(UpdateAgreementDocument);
  const set = (k: Exclude<Key, 'categories'>) => (v: string) => setForm({ ...form, [k]: v });
  const text = (k: Exclude<Key, 'categories'>) => form[k].trim() || null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!form.title.trim()) missing.title = 'Enter the agreement’s title';
    if (!form.purpose.trim()) missing.purpose = 'Say why data is shared';
    if (!form.partner) missing.partner = 'Choose the partner organisation it is with';
    if (!form.categories.length) missing.categories = 'Choose at least one category besides identity';
    if (!form.lawfulBasis) missing.lawfulBasis = 'Choose the lawful basis';
    if (form.categories.includes('SPECIAL_CATEGORY') && !form.specialCategoryCondition.trim())
      missing.specialCategoryCondition = 'Give the Article 9(2) condition, or do not cover special category data';
    if (form.categories.includes('CRIMINAL_OFFENCE') && !form.criminalOffenceCondition.trim())
      missing.criminalOffenceCondition = 'Give the Article 10 condition, or do not cover criminal offence data';
    const signed = ['signatory-name', 'signatory-onBehalfOf', 'signatory-signedOn'] as const;
    if (signed.some((k) => form[k].trim())) {
      if (!form['signatory-name'].trim()) missing['signatory-name'] = 'Enter who signed';
      if (!form['signatory-onBehalfOf'].trim()) missing['signatory-onBehalfOf'] = 'Enter the party they signed for';
      if (!form['signatory-signedOn']) missing['signatory-signedOn'] = 'Enter the date they signed';
    }
    if (Object.keys(missing).length) return setErrors({ ...noErrors, fields: missing });
    const signer = form['signatory-name'].trim()
      ? [{ name: form['signatory-name'].trim(), onBehalfOf: form['signatory-onBehalfOf'].trim(), signedOn: form['signatory-signedOn'] }]
      : [];
    const terms = {
      title: form.title.trim(),
      purpose: form.purpose.trim(),
      partnerOrganisationIds: [form.partner],
      categories: ['IDENTITY' as const, ...form.categories],
      lawfulBasis: form.lawfulBasis as LawfulBasis,
      lawfulBasisDetails: text('lawfulBasisDetails'),
      specialCategoryCondition: text('specialCategoryCondition'),
      criminalOffenceCondition: text('criminalOffenceCondition'),
      startsOn: form.startsOn || null,
      endsOn: form.endsOn || null,
      reviewOn: form.reviewOn || null,
    };
    try {
      if (agreement) {
        const others = agreement.signatories.slice(1).map(({ name, jobTitle, onBehalfOf, signedOn }) => ({ name, jobTitle, onBehalfOf, signedOn }));
        await update({ variables: { input: { id: agreement.id, version: agreement.version, ...terms, signatories: [...signer, ...others] } } });
        onSaved(agreement.id);
      } else {
        const { data: made } = await draft({ variables: { input: { ...terms, signatories: signer } } });
        if (made) onSaved(made.createDataSharingAgreement.id);
      }
      setErrors(noErrors);
    } catch (err) {
      setErrors(onlyFields(renamed(mutationErrors(err, 'The agreement was not saved. Try again.'), fieldId), LABELS));
    }
  }

  const partners = data?.partnerOrganisations.edges.map(({ node }) => node) ?? [];
  return (
    <>
      <ErrorSummary errors={errors} labels={LABELS} onReload={onReload && (() => (setErrors(noErrors), onReload()))} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextInput id="title" label={LABELS.title} value={form.title} onChange={set('title')} error={errors.fields.title} />
        <Field
          id="purpose"
          label={LABELS.purpose}
          hint="Why data is shared, for example reducing antisocial behaviour in the town centre libraries"
          error={errors.fields.purpose}
        >
          <textarea
            className={`govuk-textarea${errors.fields.purpose ? ' govuk-textarea--error' : ''}`}
            id="purpose"
            rows={3}
            value={form.purpose}
            onChange={(e) => set('purpose')(e.target.value)}
            aria-describedby={`purpose-hint${errors.fields.purpose ? ' purpose-error' : ''}`}
          />
        </Field>
        <Select id="partner" label={LABELS.partner} value={form.partner} onChange={set('partner')} options={partners} error={errors.fields.partner} />
        <Fieldset id="categories" legend={`${LABELS.categories} (identity is always covered)`} error={errors.fields.categories}>
          <div className="govuk-checkboxes govuk-checkboxes--small">
            {choosable().map((k) => (
              <div key={k} className="govuk-checkboxes__item">
                <input
                  className="govuk-checkboxes__input"
                  id={`agreement-category-${k}`}
                  type="checkbox"
                  checked={form.categories.includes(k)}
                  onChange={(e) => setForm({ ...form, categories: e.target.checked ? [...form.categories, k] : form.categories.filter((x) => x !== k) })}
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={`agreement-category-${k}`}>
                  {CATEGORY_WORDS[k]}
                </label>
              </div>
            ))}
          </div>
        </Fieldset>
        <Select
          id="lawfulBasis"
          label={LABELS.lawfulBasis}
          value={form.lawfulBasis}
          onChange={set('lawfulBasis')}
          options={BASES.map((b) => ({ id: b, name: words(b) }))}
          error={errors.fields.lawfulBasis}
        />
        <TextInput
          id="lawfulBasisDetails"
          label={LABELS.lawfulBasisDetails}
          value={form.lawfulBasisDetails}
          onChange={set('lawfulBasisDetails')}
          error={errors.fields.lawfulBasisDetails}
        />
        {form.categories.includes('SPECIAL_CATEGORY') && (
          <TextInput
            id="specialCategoryCondition"
            label={LABELS.specialCategoryCondition}
            hint="The Article 9(2) / Schedule 1 condition for sharing special category data"
            value={form.specialCategoryCondition}
            onChange={set('specialCategoryCondition')}
            error={errors.fields.specialCategoryCondition}
          />
        )}
        {form.categories.includes('CRIMINAL_OFFENCE') && (
          <TextInput
            id="criminalOffenceCondition"
            label={LABELS.criminalOffenceCondition}
            hint="The Article 10 / Schedule 1 Part 3 condition for sharing criminal offence data"
            value={form.criminalOffenceCondition}
            onChange={set('criminalOffenceCondition')}
            error={errors.fields.criminalOffenceCondition}
          />
        )}
        <TextInput
          id="startsOn"
          label={LABELS.startsOn}
          type="date"
          width={10}
          value={form.startsOn}
          onChange={set('startsOn')}
          error={errors.fields.startsOn}
        />
        <TextInput id="endsOn" label={LABELS.endsOn} type="date" width={10} value={form.endsOn} onChange={set('endsOn')} error={errors.fields.endsOn} />
        <TextInput
          id="reviewOn"
          label={LABELS.reviewOn}
          hint="One year after the start when left empty"
          type="date"
          width={10}
          value={form.reviewOn}
          onChange={set('reviewOn')}
          error={errors.fields.reviewOn}
        />
        <TextInput
          id="signatory-name"
          label={LABELS['signatory-name']}
          value={form['signatory-name']}
          onChange={set('signatory-name')}
          error={errors.fields['signatory-name']}
        />
        <TextInput
          id="signatory-onBehalfOf"
          label={LABELS['signatory-onBehalfOf']}
          hint="Your library service, or the partner’s name"
          value={form['signatory-onBehalfOf']}
          onChange={set('signatory-onBehalfOf')}
          error={errors.fields['signatory-onBehalfOf']}
        />
        <TextInput
          id="signatory-signedOn"
          label={LABELS['signatory-signedOn']}
          type="date"
          width={10}
          value={form['signatory-signedOn']}
          onChange={set('signatory-signedOn')}
          error={errors.fields['signatory-signedOn']}
        />
        <SaveOrCancel save={agreement ? 'Save the draft' : 'Save as a draft'} busy={drafting || updating} onCancel={onCancel} />
      </form>
    </>
  );
}
