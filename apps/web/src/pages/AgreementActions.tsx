import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Confirm, describedBy, ErrorSummary, Field, type FormErrors, mutationErrors, noErrors, onlyFields } from '../components/forms';
import {
  ActivateAgreementDocument,
  type AgreementQuery,
  type AgreementStatus,
  SuspendAgreementDocument,
  TerminateAgreementDocument,
} from '../graphql/generated';

type Move = 'edit' | 'activate' | 'suspend' | 'terminate';

/** The moves each status allows, as the API's state machine has them (it refuses any other); a draft's terms may change too. */
const MOVES: Record<AgreementStatus, Move[]> = {
  DRAFT: ['edit', 'activate', 'terminate'],
  ACTIVE: ['suspend', 'terminate'],
  SUSPENDED: ['activate', 'terminate'],
  EXPIRED: ['terminate'],
  TERMINATED: [],
};

const MEANS: Record<AgreementStatus, string> = {
  DRAFT: 'Being written: nothing may be shared under it until it is activated.',
  ACTIVE: 'Signed and in effect: shares under it work from its start date.',
  SUSPENDED: 'Paused: shares under it stop working until it is activated again.',
  EXPIRED: 'Its end date has passed: nothing is shared under it.',
  TERMINATED: 'Ended early: this is final, and nothing more can be done with it.',
};

/** What a manager may do with an agreement in its status: change the draft, activate, suspend (with why), terminate (with why, after a warning). */
export function AgreementActions({
  agreement: a,
  onEdit,
  onDone,
  onReload,
}: {
  agreement: AgreementQuery['dataSharingAgreement'];
  onEdit: () => void;
  onDone: (message: string) => void;
  onReload: () => void;
}) {
  const [activate, { loading: activating }] = useMutation(ActivateAgreementDocument);
  const [suspend, { loading: suspending }] = useMutation(SuspendAgreementDocument);
  const [terminate, { loading: terminating }] = useMutation(TerminateAgreementDocument);
  const [asking, setAsking] = useState<'suspend' | 'terminate' | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const moves = MOVES[a.status];
  const labels = { reason: asking === 'suspend' ? 'Why it is suspended' : 'Why it is terminated' };

  const run = async (move: () => Promise<unknown>, message: string) => {
    try {
      await move();
      setErrors(noErrors);
      setAsking(null);
      setReason('');
      onDone(message);
    } catch (err) {
      setErrors(onlyFields(mutationErrors(err, 'The agreement was not changed. Try again.'), asking ? labels : {}));
    }
  };
  const withReason = (move: 'suspend' | 'terminate') => {
    if (!reason.trim()) return setErrors({ ...noErrors, fields: { reason: `Say why the agreement is ${move === 'suspend' ? 'suspended' : 'terminated'}` } });
    const variables = { id: a.id, version: a.version, reason: reason.trim() };
    return move === 'suspend' ? run(() => suspend({ variables }), 'Agreement suspended') : run(() => terminate({ variables }), 'Agreement terminated');
  };
  const ask = (move: 'suspend' | 'terminate') => (setErrors(noErrors), setReason(''), setAsking(move));

  return (
    <>
      <h2 className="govuk-heading-m">What you can do</h2>
      <ErrorSummary errors={errors} labels={labels} onReload={() => (setErrors(noErrors), onReload())} />
      <p className="govuk-body">{MEANS[a.status]}</p>
      {asking ? (
        <>
          <Field id="reason" label={labels.reason} error={errors.fields.reason}>
            <textarea
              className={`govuk-textarea${errors.fields.reason ? ' govuk-textarea--error' : ''}`}
              id="reason"
              rows={3}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-describedby={describedBy('reason', false, errors.fields.reason)}
            />
          </Field>
          {asking === 'suspend' ? (
            <div className="govuk-button-group">
              <button type="button" className="govuk-button" disabled={suspending} onClick={() => void withReason('suspend')}>
                Suspend the agreement
              </button>
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setAsking(null)}>
                Cancel
              </button>
            </div>
          ) : (
            <Confirm
              warning="Terminating ends the agreement for good: every share under it stops, and it cannot be activated again."
              yes="Yes, terminate the agreement"
              busy={terminating}
              onYes={() => void withReason('terminate')}
              onCancel={() => setAsking(null)}
            />
          )}
        </>
      ) : (
        moves.length > 0 && (
          <div className="govuk-button-group">
            {moves.includes('edit') && (
              <button type="button" className="govuk-button govuk-button--secondary" onClick={onEdit}>
                Change the draft
              </button>
            )}
            {moves.includes('activate') && (
              <button
                type="button"
                className="govuk-button"
                disabled={activating}
                onClick={() => void run(() => activate({ variables: { id: a.id, version: a.version } }), 'Agreement activated')}
              >
                Activate the agreement
              </button>
            )}
            {moves.includes('suspend') && (
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => ask('suspend')}>
                Suspend the agreement
              </button>
            )}
            {moves.includes('terminate') && (
              <button type="button" className="govuk-button govuk-button--warning" onClick={() => ask('terminate')}>
                Terminate the agreement
              </button>
            )}
          </div>
        )
      )}
    </>
  );
}
