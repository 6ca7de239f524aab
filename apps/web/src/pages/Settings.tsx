import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { describedBy, Done, ErrorSummary, Field, Fieldset, type FormErrors, mutationErrors, noErrors } from '../components/forms';
import {
  ChangePasswordDocument,
  type NotificationDelivery,
  type NotificationKind,
  NotificationPreferencesDocument,
  SetNotificationPreferenceDocument,
} from '../graphql/generated';
import { Loading } from './Home';

/** What each kind of notification is about, as the person it is for would put it. */
const KINDS: Record<NotificationKind, string> = {
  REFERRAL_RECEIVED: 'A referral is sent to your organisation',
  REFERRAL_STATUS_CHANGED: 'A referral you made moves on',
  CASE_SHARED: 'A case is shared with you',
  FOLLOW_UP_DUE: 'A follow-up of yours is due tomorrow',
  BAN_REVIEW_DUE: 'A ban is due for review tomorrow',
  AGREEMENT_REVIEW_DUE: 'A data sharing agreement is due for review tomorrow',
  RIGHTS_REQUEST_DEADLINE: 'A rights request is near its deadline',
};

const DELIVERIES: { value: NotificationDelivery; label: string }[] = [
  { value: 'IMMEDIATE', label: 'In Safer Libraries and by email at once' },
  { value: 'DAILY_DIGEST', label: 'In Safer Libraries and in one email a day' },
  { value: 'OFF', label: 'Not at all' },
];

/** Everyone's own settings: how they hear of things, and their password. */
export function Settings({ onSignedOut }: { onSignedOut: () => void }) {
  return (
    <>
      <h1 className="govuk-heading-l">Your settings</h1>
      <NotificationSettings />
      <ChangePassword onSignedOut={onSignedOut} />
    </>
  );
}

function NotificationSettings() {
  const { data } = useQuery(NotificationPreferencesDocument);
  const [save] = useMutation(SetNotificationPreferenceDocument);
  const [chosen, setChosen] = useState<Partial<Record<NotificationKind, NotificationDelivery>>>({});
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saved, setSaved] = useState(false);
  if (!data) return <Loading />;
  const current = new Map(data.notificationPreferences.map((p) => [p.kind, p.delivery]));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    try {
      // Only the kinds changed here; each is its own preference in the API.
      for (const [kind, delivery] of Object.entries(chosen) as [NotificationKind, NotificationDelivery][]) {
        if (current.get(kind) !== delivery) await save({ variables: { kind, delivery } });
      }
      setErrors(noErrors);
      setSaved(true);
    } catch (err) {
      setErrors(mutationErrors(err, 'Your preferences were not saved. Try again.'));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <h2 className="govuk-heading-m">Notifications</h2>
      <ErrorSummary errors={errors} labels={{}} />
      {saved && <Done message="Your notification preferences are saved" />}
      <p className="govuk-body">Messages say only that something is waiting for you, never who it is about.</p>
      {data.notificationPreferences.map(({ kind }) => (
        <Fieldset key={kind} id={`notify-${kind}`} legend={KINDS[kind]}>
          <div className="govuk-radios govuk-radios--small" data-module="govuk-radios">
            {DELIVERIES.map((d) => (
              <div key={d.value} className="govuk-radios__item">
                <input
                  className="govuk-radios__input"
                  id={`notify-${kind}-${d.value}`}
                  name={`notify-${kind}`}
                  type="radio"
                  checked={(chosen[kind] ?? current.get(kind)) === d.value}
                  onChange={() => setChosen({ ...chosen, [kind]: d.value })}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={`notify-${kind}-${d.value}`}>
                  {d.label}
                </label>
              </div>
            ))}
          </div>
        </Fieldset>
      ))}
      <button type="submit" className="govuk-button">
        Save notification preferences
      </button>
    </form>
  );
}

const PASSWORD_LABELS = { currentPassword: 'Current password', newPassword: 'New password' };

function ChangePassword({ onSignedOut }: { onSignedOut: () => void }) {
  const [change] = useMutation(ChangePasswordDocument);
  const [form, setForm] = useState({ currentPassword: '', newPassword: '' });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [changed, setChanged] = useState(false);
  if (changed)
    return (
      <>
        <Done message="Your password has been changed" />
        <p className="govuk-body">You have been signed out everywhere, here too. Sign in again with your new password.</p>
        <button type="button" className="govuk-button" onClick={onSignedOut}>
          Sign in again
        </button>
      </>
    );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await change({ variables: form });
      setChanged(true);
    } catch (err) {
      setErrors(mutationErrors(err, 'Your password was not changed. Try again.'));
    }
  };
  const input = (id: keyof typeof form, autoComplete: string, hint?: string) => (
    <Field id={id} label={PASSWORD_LABELS[id]} hint={hint} error={errors.fields[id]}>
      <input
        className={`govuk-input govuk-!-width-two-thirds${errors.fields[id] ? ' govuk-input--error' : ''}`}
        id={id}
        type="password"
        autoComplete={autoComplete}
        spellCheck={false}
        value={form[id]}
        onChange={(e) => setForm({ ...form, [id]: e.target.value })}
        aria-describedby={describedBy(id, !!hint, errors.fields[id])}
      />
    </Field>
  );
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <h2 className="govuk-heading-m">Change your password</h2>
      <ErrorSummary errors={errors} labels={PASSWORD_LABELS} />
      {input('currentPassword', 'current-password')}
      {input('newPassword', 'new-password', 'At least 12 characters. A few unrelated words make a good one. You will be signed out everywhere.')}
      <button type="submit" className="govuk-button">
        Change password
      </button>
    </form>
  );
}
