import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { describedBy, ErrorSummary, Field, Fieldset, type FormErrors, noErrors, Select, mutationErrors, words } from '../components/forms';
import {
  CreateReferralDocument,
  type LawfulBasis,
  type MeQuery,
  MyReferralsDocument,
  ReferralChoicesDocument,
  type ReferralConsent,
  type ReferralNeed,
  SendReferralDocument,
} from '../graphql/generated';
import { Link } from '../router';
import { Loading } from './Home';

/** Needs that reveal health: a special category condition must be stated (UK GDPR Art. 9). */
const HEALTH: ReferralNeed[] = ['MENTAL_HEALTH', 'ADDICTION', 'PHYSICAL_HEALTH'];
const NEEDS: ReferralNeed[] = [
  'HOUSING',
  'MENTAL_HEALTH',
  'PHYSICAL_HEALTH',
  'ADDICTION',
  'FINANCIAL',
  'FOOD',
  'EMPLOYMENT',
  'FAMILY_SUPPORT',
  'YOUTH_SUPPORT',
  'LEGAL',
  'OTHER',
];

/** An outreach worker's referrals, newest first, each with where it has got to. */
export function MyReferrals({ me }: { me: MeQuery['me'] }) {
  const [after, setAfter] = useState<string | null>(null);
  const { data } = useQuery(MyReferralsDocument, { variables: { referredById: me.id, after } });
  if (!data) return <Loading />;
  return (
    <>
      <h1 className="govuk-heading-l">Your referrals</h1>
      <p className="govuk-body">
        <Link to="/referrals/new" className="govuk-button">
          Make a referral
        </Link>
      </p>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m">{data.referrals.totalCount} referrals</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              To
            </th>
            <th scope="col" className="govuk-table__header">
              Needs
            </th>
            <th scope="col" className="govuk-table__header">
              Status
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {data.referrals.edges.map(({ node }) => (
            <tr key={node.id} className="govuk-table__row">
              <td className="govuk-table__cell">
                <Link to={`/referrals/${node.id}`}>{node.partnerOrganisation?.name ?? 'A partner'}</Link>
              </td>
              <td className="govuk-table__cell">{node.needs.map(words).join(', ')}</td>
              <td className="govuk-table__cell">
                <strong className="govuk-tag">{words(node.status)}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.referrals.pageInfo.hasNextPage && (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setAfter(data.referrals.pageInfo.endCursor ?? null)}>
          Next page
        </button>
      )}
    </>
  );
}

/** A referral with consent, or the lawful basis used instead and why; saved as a draft, then sent. */
export function NewReferral() {
  const [search, setSearch] = useState('');
  const { data } = useQuery(ReferralChoicesDocument, { variables: { search: search || null } });
  const [create] = useMutation(CreateReferralDocument);
  const [send] = useMutation(SendReferralDocument);
  const [f, setF] = useState({
    subjectId: '',
    partnerOrganisationId: '',
    needs: [] as ReferralNeed[],
    reason: '',
    contactRoute: '',
    consent: '' as ReferralConsent | '',
    consentMethod: '',
    lawfulBasis: 'PUBLIC_TASK' as LawfulBasis,
    lawfulBasisJustification: '',
    specialCategoryCondition: '',
  });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [sent, setSent] = useState<string | null>(null);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!f.subjectId) missing.subjectId = 'Choose the person';
    if (!f.partnerOrganisationId) missing.partnerOrganisationId = 'Choose who the referral is to';
    if (!f.needs.length) missing.needs = 'Choose at least one need';
    if (!f.reason.trim()) missing.reason = 'Say why you are referring';
    if (!f.consent) missing.consent = 'Say whether the person agreed';
    if (Object.keys(missing).length) return setErrors({ ...noErrors, fields: missing });
    try {
      const asked = f.consent === 'GIVEN' || f.consent === 'REFUSED';
      const health = f.needs.some((n) => HEALTH.includes(n));
      const created = await create({
        variables: {
          input: {
            subjectId: f.subjectId,
            partnerOrganisationId: f.partnerOrganisationId,
            needs: f.needs,
            urgency: 'ROUTINE',
            reason: f.reason,
            contactRoute: f.contactRoute,
            consent: f.consent as ReferralConsent,
            ...(asked ? { consentMethod: f.consentMethod, consentRecordedAt: new Date().toISOString() } : {}),
            ...(f.consent !== 'GIVEN' ? { lawfulBasisJustification: f.lawfulBasisJustification } : {}),
            dataProtection: {
              lawfulBasis: f.consent === 'GIVEN' ? 'CONSENT' : f.lawfulBasis,
              ...(health ? { specialCategoryCondition: f.specialCategoryCondition } : {}),
            },
          },
        },
      });
      const r = created.data!.createReferral;
      await send({ variables: { id: r.id, version: r.version } });
      setErrors(noErrors);
      setSent(r.id);
    } catch (err) {
      setErrors(mutationErrors(err, 'Not saved. Try again.'));
    }
  }

  if (sent)
    return (
      <>
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">Referral sent</h1>
          <div className="govuk-panel__body">The organisation is told a referral is waiting for it.</div>
        </div>
        <ul className="govuk-list">
          <li>
            <Link to={`/referrals/${sent}`} id="follow-referral">
              Follow this referral
            </Link>
          </li>
          <li>
            <Link to="/referrals">Your referrals</Link>
          </li>
        </ul>
      </>
    );
  const labels = {
    subjectId: 'Person',
    partnerOrganisationId: 'Refer to',
    needs: 'Needs',
    reason: 'Why you are referring',
    contactRoute: 'How the partner can reach them',
    consent: 'Did the person agree?',
    consentMethod: 'How they answered',
    'dataProtection.lawfulBasis': 'Lawful basis instead of consent',
    lawfulBasisJustification: 'Why refer without consent',
    'dataProtection.specialCategoryCondition': 'Condition for health information',
  };
  return (
    <>
      <ErrorSummary errors={errors} labels={labels} />
      <h1 className="govuk-heading-l">Make a referral</h1>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field id="search" label="Find the person" hint="Part of a name or description">
          <input
            className="govuk-input govuk-input--width-20"
            id="search"
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            aria-describedby="search-hint"
          />
        </Field>
        <Select
          id="subjectId"
          label={labels.subjectId}
          value={f.subjectId}
          onChange={(v) => setF({ ...f, subjectId: v })}
          options={(data?.subjects.edges ?? []).map(({ node }) => ({ id: node.id, name: node.name ?? node.description ?? 'Unnamed' }))}
          error={errors.fields.subjectId}
        />
        <Select
          id="partnerOrganisationId"
          label={labels.partnerOrganisationId}
          value={f.partnerOrganisationId}
          onChange={(v) => setF({ ...f, partnerOrganisationId: v })}
          options={(data?.partnerOrganisations.edges ?? []).map(({ node }) => node)}
          error={errors.fields.partnerOrganisationId}
        />
        <Fieldset id="needs" legend={labels.needs} error={errors.fields.needs}>
          <div className="govuk-checkboxes govuk-checkboxes--small" id="needs">
            {NEEDS.map((n) => (
              <div key={n} className="govuk-checkboxes__item">
                <input
                  className="govuk-checkboxes__input"
                  id={`need-${n}`}
                  type="checkbox"
                  checked={f.needs.includes(n)}
                  onChange={(e) => setF({ ...f, needs: e.target.checked ? [...f.needs, n] : f.needs.filter((x) => x !== n) })}
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={`need-${n}`}>
                  {words(n)}
                </label>
              </div>
            ))}
          </div>
        </Fieldset>
        <Field id="reason" label={labels.reason} error={errors.fields.reason}>
          <textarea
            className="govuk-textarea"
            id="reason"
            rows={3}
            value={f.reason}
            onChange={set('reason')}
            aria-describedby={describedBy('reason', false, errors.fields.reason)}
          />
        </Field>
        <Field
          id="contactRoute"
          label={labels.contactRoute}
          hint="For example, ‘at Central Library on Tuesday mornings’, or ‘through me’"
          error={errors.fields.contactRoute}
        >
          <input
            className="govuk-input"
            id="contactRoute"
            value={f.contactRoute}
            onChange={set('contactRoute')}
            aria-describedby={describedBy('contactRoute', true, errors.fields.contactRoute)}
          />
        </Field>
        {f.needs.some((n) => HEALTH.includes(n)) && (
          <Field
            id="dataProtection.specialCategoryCondition"
            label={labels['dataProtection.specialCategoryCondition']}
            hint="The UK GDPR Article 9(2) condition, for example ‘9(2)(a) explicit consent’"
            error={errors.fields['dataProtection.specialCategoryCondition']}
          >
            <input
              className="govuk-input"
              id="dataProtection.specialCategoryCondition"
              value={f.specialCategoryCondition}
              onChange={set('specialCategoryCondition')}
              aria-describedby={describedBy('dataProtection.specialCategoryCondition', true, errors.fields['dataProtection.specialCategoryCondition'])}
            />
          </Field>
        )}
        <Fieldset id="consent" legend={labels.consent} error={errors.fields.consent}>
          <div className="govuk-radios govuk-radios--small" id="consent">
            {(
              [
                ['GIVEN', 'Yes, they agreed'],
                ['REFUSED', 'No, they refused'],
                ['NOT_POSSIBLE', 'It was not possible to ask'],
              ] as [ReferralConsent, string][]
            ).map(([value, text]) => (
              <div key={value} className="govuk-radios__item">
                <input
                  className="govuk-radios__input"
                  id={`consent-${value}`}
                  type="radio"
                  name="consent"
                  checked={f.consent === value}
                  onChange={() => setF({ ...f, consent: value })}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={`consent-${value}`}>
                  {text}
                </label>
              </div>
            ))}
          </div>
        </Fieldset>
        {(f.consent === 'GIVEN' || f.consent === 'REFUSED') && (
          <Field id="consentMethod" label={labels.consentMethod} hint="For example, ‘verbally, in person’ or ‘signed form’" error={errors.fields.consentMethod}>
            <input
              className="govuk-input"
              id="consentMethod"
              value={f.consentMethod}
              onChange={set('consentMethod')}
              aria-describedby={describedBy('consentMethod', true, errors.fields.consentMethod)}
            />
          </Field>
        )}
        {f.consent && f.consent !== 'GIVEN' && (
          <Field id="dataProtection.lawfulBasis" label={labels['dataProtection.lawfulBasis']} error={errors.fields['dataProtection.lawfulBasis']}>
            <select className="govuk-select" id="dataProtection.lawfulBasis" value={f.lawfulBasis} onChange={set('lawfulBasis')}>
              <option value="PUBLIC_TASK">Public task</option>
              <option value="VITAL_INTERESTS">Vital interests (to protect someone’s life)</option>
              <option value="LEGAL_OBLIGATION">Legal obligation</option>
            </select>
          </Field>
        )}
        {f.consent && f.consent !== 'GIVEN' && (
          <Field
            id="lawfulBasisJustification"
            label={labels.lawfulBasisJustification}
            hint="The lawful basis used instead of consent, and why it applies"
            error={errors.fields.lawfulBasisJustification}
          >
            <textarea
              className="govuk-textarea"
              id="lawfulBasisJustification"
              rows={3}
              value={f.lawfulBasisJustification}
              onChange={set('lawfulBasisJustification')}
              aria-describedby={describedBy('lawfulBasisJustification', true, errors.fields.lawfulBasisJustification)}
            />
          </Field>
        )}
        <button type="submit" className="govuk-button" id="send-referral">
          Send referral
        </button>
      </form>
    </>
  );
}
