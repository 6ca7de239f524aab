import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import {
  besideField,
  describedBy,
  Done,
  ErrorSummary,
  Field,
  type FormErrors,
  mutationErrors,
  noErrors,
  onlyFields,
  words,
  SaveOrCancel,
} from '../components/forms';
import { type RetentionAction, RetentionPoliciesDocument, type RetentionPoliciesQuery, UpdateRetentionPolicyDocument } from '../graphql/generated';
import { Loading } from './Home';
import { keptFor } from './Retention';

type Policy = RetentionPoliciesQuery['retentionPolicies'][number];

/** The audit trail's policy is the DPO's to set, not an administrator's (the API refuses it too). */
const DPO_ONLY = 'AUDIT_EVENT';

/** An administrator's retention policies: how long each record type is kept, changed at the version read. */
export function RetentionPolicies() {
  const { data, error, refetch } = useQuery(RetentionPoliciesDocument);
  const [editing, setEditing] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (error) return <p className="govuk-body">The retention policies could not be loaded. Reload the page to try again.</p>;
  if (!data) return <Loading />;
  return (
    <>
      {done && <Done message={done} />}
      <h1 className="govuk-heading-l">Retention policies</h1>
      <p className="govuk-body">
        How long each kind of record is kept before the retention sweep deletes or anonymises it. A change recomputes the dates of the records it governs.
      </p>
      <dl className="govuk-summary-list">
        {data.retentionPolicies.map((p) => (
          <div key={p.recordType} className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{words(p.recordType)}</dt>
            <dd className="govuk-summary-list__value">
              {keptFor(p)}
              {p.isDefault && <span className="govuk-hint govuk-!-margin-bottom-0">The default</span>}
              {editing === p.recordType && (
                <ChangePolicy
                  policy={p}
                  onSaved={(msg) => (setEditing(null), setDone(msg), void refetch())}
                  onCancel={() => setEditing(null)}
                  onReload={() => void refetch()}
                />
              )}
            </dd>
            <dd className="govuk-summary-list__actions">
              {p.recordType === DPO_ONLY ? (
                <span className="govuk-hint">Set by the DPO</span>
              ) : (
                editing !== p.recordType && (
                  <button type="button" className="app-link-button govuk-link" onClick={() => (setDone(null), setEditing(p.recordType))}>
                    Change<span className="govuk-visually-hidden"> {words(p.recordType)}</span>
                  </button>
                )
              )}
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}

/** Changing one retention policy at the version read (the administrators' page, and the DPO's for the audit trail). */
export function ChangePolicy({
  policy,
  onSaved,
  onCancel,
  onReload,
}: {
  policy: Policy;
  onSaved: (msg: string) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const [years, setYears] = useState(String(policy.retainYears));
  const [action, setAction] = useState<RetentionAction>(policy.action);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [update, { loading }] = useMutation(UpdateRetentionPolicyDocument);
  const labels = { retainYears: 'Years kept', action: 'Then' };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!/^\d{1,3}$/.test(years.trim())) return setErrors({ ...noErrors, fields: { retainYears: 'Enter a whole number of years' } });
    try {
      const { data } = await update({
        variables: { input: { recordType: policy.recordType, retainYears: Number(years.trim()), action, version: policy.version } },
      });
      const n = data?.updateRetentionPolicy.recomputedRecords ?? 0;
      onSaved(`${words(policy.recordType)}: kept ${years.trim()} years now (${n} records’ dates recomputed)`);
    } catch (err) {
      setErrors(onlyFields(besideField(err, mutationErrors(err, 'The policy could not be saved. Try again.'), labels), labels));
    }
  }

  return (
    <div className="govuk-!-margin-top-4">
      <ErrorSummary errors={errors} labels={labels} onReload={() => (setErrors(noErrors), onReload())} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field id="retainYears" label={labels.retainYears} error={errors.fields.retainYears}>
          <input
            className={`govuk-input govuk-input--width-3${errors.fields.retainYears ? ' govuk-input--error' : ''}`}
            id="retainYears"
            inputMode="numeric"
            value={years}
            onChange={(e) => setYears(e.target.value)}
            aria-describedby={describedBy('retainYears', false, errors.fields.retainYears)}
          />
        </Field>
        <Field id="action" label={labels.action} error={errors.fields.action}>
          <select
            className={`govuk-select${errors.fields.action ? ' govuk-select--error' : ''}`}
            id="action"
            value={action}
            onChange={(e) => setAction(e.target.value as RetentionAction)}
            aria-describedby={describedBy('action', false, errors.fields.action)}
          >
            <option value="DELETE">delete</option>
            {policy.canAnonymise && <option value="ANONYMISE">anonymise</option>}
          </select>
        </Field>
        <SaveOrCancel save="Save policy" busy={loading} onCancel={onCancel} />
      </form>
    </div>
  );
}
