import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import {
  besideField,
  Confirm,
  day,
  describedBy,
  ErrorSummary,
  Field,
  type FormErrors,
  isRecordId,
  mutationErrors,
  noErrors,
  onlyFields,
  Select,
} from '../components/forms';
import { LiftLegalHoldDocument, PlaceLegalHoldDocument } from '../graphql/generated';

const labels = { recordType: 'Type of record', recordId: 'Record id', holdReason: 'Why' };

/**
 * The DPO places a legal hold on one record (the sweep and erasure keep it while a claim, complaint
 * or investigation needs it) or lifts one, by record type and id, with the reason the audit trail
 * keeps. Lifting asks first: once past its date, the next sweep deletes or anonymises the record.
 */
export function LegalHolds({
  recordTypes,
  onChanged,
}: {
  recordTypes: { recordType: string; title: string }[];
  /** What changed (null once something fails), for the page's one success banner. */
  onChanged: (message: string | null) => void;
}) {
  const empty = { recordType: '', recordId: '', holdReason: '' };
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [lifting, setLifting] = useState(false);
  const [place, { loading: placing }] = useMutation(PlaceLegalHoldDocument);
  const [lift, { loading: liftingNow }] = useMutation(LiftLegalHoldDocument);
  const title = recordTypes.find((t) => t.recordType === form.recordType)?.title ?? 'record';

  /** What is missing, before anything is sent. */
  function missing(): boolean {
    const found: Record<string, string> = {};
    if (!form.recordType) found.recordType = 'Choose the type of record';
    if (!isRecordId(form.recordId.trim())) found.recordId = 'Enter the record id, as the record’s page shows it';
    if (!form.holdReason.trim()) found.holdReason = 'Enter why, for example the claim or investigation';
    setErrors({ ...noErrors, fields: found });
    return Object.keys(found).length > 0;
  }

  async function send(hold: boolean) {
    setLifting(false);
    const input = { recordType: form.recordType, id: form.recordId.trim(), reason: form.holdReason.trim() };
    try {
      const view = hold ? (await place({ variables: { input } })).data?.placeLegalHold : (await lift({ variables: { input } })).data?.liftLegalHold;
      setErrors(noErrors);
      setForm(empty);
      onChanged(
        hold
          ? `Legal hold placed on ${title} ${input.id}: the sweep and erasure keep it until you lift the hold`
          : `Legal hold lifted on ${title} ${input.id}${view?.retainUntil ? `: kept until ${day(view.retainUntil)}, then swept` : ''}`,
      );
    } catch (err) {
      onChanged(null);
      // The API's "id" and "reason" are this form's "recordId" and "holdReason".
      const found = besideField(err, mutationErrors(err, 'The legal hold could not be changed. Try again.'), { ...labels, id: '', reason: '' });
      const { id, reason, ...rest } = found.fields;
      setErrors(onlyFields({ ...found, fields: { ...rest, ...(id && { recordId: id }), ...(reason && { holdReason: reason }) } }, labels));
    }
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!missing()) void send(true);
  };

  return (
    <>
      <h2 className="govuk-heading-m">Legal holds</h2>
      <p className="govuk-body">
        A record on legal hold is kept past its date, and erasure leaves it alone, until the hold is lifted. Find the record id on the record’s page or in the
        audit trail.
      </p>
      <ErrorSummary errors={errors} labels={labels} />
      <form onSubmit={submit} noValidate>
        <Select
          id="recordType"
          label={labels.recordType}
          value={form.recordType}
          onChange={(recordType) => setForm({ ...form, recordType })}
          options={recordTypes.map((t) => ({ id: t.recordType, name: t.title }))}
          error={errors.fields.recordType}
        />
        <Field id="recordId" label={labels.recordId} error={errors.fields.recordId}>
          <input
            className={`govuk-input govuk-input--width-30${errors.fields.recordId ? ' govuk-input--error' : ''}`}
            id="recordId"
            spellCheck={false}
            autoComplete="off"
            value={form.recordId}
            onChange={(e) => setForm({ ...form, recordId: e.target.value })}
            aria-describedby={describedBy('recordId', false, errors.fields.recordId)}
          />
        </Field>
        <Field id="holdReason" label={labels.holdReason} hint="Kept in the audit trail, with who placed or lifted the hold" error={errors.fields.holdReason}>
          <textarea
            className={`govuk-textarea${errors.fields.holdReason ? ' govuk-textarea--error' : ''}`}
            id="holdReason"
            rows={2}
            value={form.holdReason}
            onChange={(e) => setForm({ ...form, holdReason: e.target.value })}
            aria-describedby={describedBy('holdReason', true, errors.fields.holdReason)}
          />
        </Field>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" disabled={placing}>
            Place legal hold
          </button>
          {!lifting && (
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => (onChanged(null), !missing() && setLifting(true))}>
              Lift legal hold
            </button>
          )}
        </div>
      </form>
      {lifting && (
        <Confirm
          warning={`Lift the hold on ${title} ${form.recordId.trim()}? Once past its date, the next sweep deletes or anonymises it.`}
          yes="Yes, lift the hold"
          busy={liftingNow}
          onYes={() => void send(false)}
          onCancel={() => setLifting(false)}
        />
      )}
    </>
  );
}
