import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import {
  describedBy,
  ErrorSummary,
  Field,
  type FormErrors,
  mutationErrors,
  noErrors,
  onlyFields,
  SavedBanner,
  when,
  words,
  SaveOrCancel,
} from '../components/forms';
import {
  DataProtectionPoliciesDocument,
  type DataProtectionPoliciesQuery,
  type MeQuery,
  RetentionPoliciesDocument,
  UpdateDataProtectionPolicyDocument,
} from '../graphql/generated';
import { Loading } from './Home';
import { keptFor } from './Retention';
import { ChangePolicy } from './RetentionPolicies';

type Condition = DataProtectionPoliciesQuery['dataProtectionPolicies'][number];

/** The audit trail's retention record type: the DPO's to set (the evidence of everyone's access, administrators' included). */
const AUDIT_TRAIL = 'AUDIT_EVENT';

/**
 * The service's data protection policies, for the DPO and the administrators: how long the audit
 * trail is kept (the DPO changes it) and the criminal offence condition each record type records
 * by default (the administrators change them). Each shows who may change it, as the API decides.
 */
export function DataProtectionPolicies({ me }: { me: MeQuery['me'] }) {
  const conditions = useQuery(DataProtectionPoliciesDocument);
  const retention = useQuery(RetentionPoliciesDocument);
  const [editing, setEditing] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (conditions.error || retention.error) return <p className="govuk-body">The data protection policies could not be loaded. Reload the page to try again.</p>;
  if (!conditions.data || !retention.data) return <Loading />;
  const isDpo = me.role === 'DPO';
  const audit = retention.data.retentionPolicies.find((p) => p.recordType === AUDIT_TRAIL);
  const saved = (refetch: () => unknown) => (message: string) => (setEditing(null), setDone(message), void refetch());
  const change = (what: string, label: string) => (
    <button type="button" className="app-link-button govuk-link" onClick={() => (setDone(null), setEditing(what))}>
      Change<span className="govuk-visually-hidden"> {label}</span>
    </button>
  );

  return (
    <>
      <SavedBanner text={done} />
      <h1 className="govuk-heading-l">Data protection policies</h1>
      {audit && (
        <>
          <h2 className="govuk-heading-m">The audit trail</h2>
          <p className="govuk-body">Who read or changed which record, and when: the evidence of everyone’s access, administrators’ included.</p>
          <dl className="govuk-summary-list">
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Kept for</dt>
              <dd className="govuk-summary-list__value">
                {keptFor(audit)}
                {audit.isDefault && <span className="govuk-hint govuk-!-margin-bottom-0">The default</span>}
                {editing === AUDIT_TRAIL && (
                  <ChangePolicy policy={audit} onSaved={saved(retention.refetch)} onCancel={() => setEditing(null)} onReload={() => void retention.refetch()} />
                )}
              </dd>
              <dd className="govuk-summary-list__actions">
                {isDpo ? (
                  editing !== AUDIT_TRAIL && change(AUDIT_TRAIL, 'how long the audit trail is kept')
                ) : (
                  <span className="govuk-hint">Set by the DPO</span>
                )}
              </dd>
            </div>
          </dl>
        </>
      )}
      <h2 className="govuk-heading-m">Criminal offence conditions</h2>
      <p className="govuk-body">
        The Article 10 (DPA 2018 Schedule 1) condition new records of each type record, unless a manager states another on the record. A change applies to
        records made from then on.
      </p>
      <dl className="govuk-summary-list">
        {conditions.data.dataProtectionPolicies.map((c) => (
          <div key={c.recordType} className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{words(c.recordType)}</dt>
            <dd className="govuk-summary-list__value">
              {c.criminalOffenceCondition}
              <span className="govuk-hint govuk-!-margin-bottom-0">{c.isDefault ? 'The default' : c.updatedAt ? `Changed ${when(c.updatedAt)}` : ''}</span>
              {editing === c.recordType && (
                <ChangeCondition policy={c} onSaved={saved(conditions.refetch)} onCancel={() => setEditing(null)} onReload={() => void conditions.refetch()} />
              )}
            </dd>
            <dd className="govuk-summary-list__actions">
              {isDpo ? <span className="govuk-hint">Set by your administrators</span> : editing !== c.recordType && change(c.recordType, words(c.recordType))}
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}

/** An administrator changes the condition a record type records by default, at the version read. */
function ChangeCondition({
  policy,
  onSaved,
  onCancel,
  onReload,
}: {
  policy: Condition;
  onSaved: (msg: string) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const [condition, setCondition] = useState(policy.criminalOffenceCondition);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [update, { loading }] = useMutation(UpdateDataProtectionPolicyDocument);
  const labels = { criminalOffenceCondition: 'Condition' };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!condition.trim()) return setErrors({ ...noErrors, fields: { criminalOffenceCondition: 'Enter the condition, as your service states it' } });
    try {
      await update({ variables: { input: { recordType: policy.recordType, criminalOffenceCondition: condition.trim(), version: policy.version } } });
      onSaved(`${words(policy.recordType)}: new records state this condition now`);
    } catch (err) {
      setErrors(onlyFields(mutationErrors(err, 'The policy could not be saved. Try again.'), labels));
    }
  }

  return (
    <div className="govuk-!-margin-top-4">
      <ErrorSummary errors={errors} labels={labels} onReload={() => (setErrors(noErrors), onReload())} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field id="criminalOffenceCondition" label={labels.criminalOffenceCondition} error={errors.fields.criminalOffenceCondition}>
          <textarea
            className={`govuk-textarea${errors.fields.criminalOffenceCondition ? ' govuk-textarea--error' : ''}`}
            id="criminalOffenceCondition"
            rows={3}
            value={condition}
            onChange={(e) => setCondition(e.target.value)}
            aria-describedby={describedBy('criminalOffenceCondition', false, errors.fields.criminalOffenceCondition)}
          />
        </Field>
        <SaveOrCancel save="Save condition" busy={loading} onCancel={onCancel} />
      </form>
    </div>
  );
}
