import { type FormEvent, useState } from 'react';
import { describedBy, ErrorSummary, Field, formErrors, type FormErrors, noErrors } from '../components/forms';
import { ConfirmTwoFactorEnrolmentDocument, SignInDocument, StartTwoFactorEnrolmentDocument } from '../graphql/generated';
import { keepSession, post } from '../session';

type Step =
  { kind: 'password' } | { kind: 'code' } | { kind: 'enrol'; enrolmentToken: string; secret: string; uri: string } | { kind: 'recovery'; codes: string[] };

/** Sign in: the password, then the authenticator's code where the role needs one (setting it up the first time). */
export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      if (step.kind === 'enrol') {
        const r = await post(ConfirmTwoFactorEnrolmentDocument, { enrolmentToken: step.enrolmentToken, code });
        if (r.errors) return setErrors({ ...noErrors, fields: { code: r.errors[0].message } });
        keepSession(r.data!.confirmTwoFactorEnrolment.session!);
        return setStep({ kind: 'recovery', codes: r.data!.confirmTwoFactorEnrolment.recoveryCodes });
      }
      const r = await post(SignInDocument, { email, password, twoFactorCode: step.kind === 'code' ? code : undefined });
      const ext = r.errors?.[0]?.extensions;
      if (ext?.twoFactorEnrolmentRequired) {
        const enrolmentToken = String(ext.enrolmentToken);
        const started = await post(StartTwoFactorEnrolmentDocument, { enrolmentToken });
        setErrors(noErrors);
        return setStep({
          kind: 'enrol',
          enrolmentToken,
          secret: started.data!.startTwoFactorEnrolment.secret,
          uri: started.data!.startTwoFactorEnrolment.otpauthUri,
        });
      }
      if (ext?.twoFactorRequired && step.kind === 'password') {
        setErrors(noErrors);
        return setStep({ kind: 'code' });
      }
      if (r.errors) return setErrors(step.kind === 'code' ? { ...noErrors, fields: { code: r.errors[0].message } } : formErrors(r.errors));
      keepSession(r.data!.login);
      onSignedIn();
    } finally {
      setBusy(false);
    }
  }

  if (step.kind === 'recovery')
    return (
      <>
        <h1 className="govuk-heading-l">Your recovery codes</h1>
        <p className="govuk-body">
          Each code works once, in place of your app’s code, if you lose your phone. Keep them somewhere safe: they are shown only now.
        </p>
        <ul className="govuk-list app-codes">
          {step.codes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <button type="button" className="govuk-button" onClick={onSignedIn}>
          Continue
        </button>
      </>
    );

  const labels = { email: 'Email address', password: 'Password', code: 'Code' };
  return (
    <>
      <ErrorSummary errors={errors} labels={labels} />
      <h1 className="govuk-heading-l">
        {step.kind === 'password' ? 'Sign in to Safer Libraries' : step.kind === 'code' ? 'Enter your code' : 'Set up your authenticator app'}
      </h1>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {step.kind === 'password' && (
          <>
            <Field id="email" label={labels.email} error={errors.fields.email}>
              <input
                className="govuk-input"
                id="email"
                type="email"
                autoComplete="username"
                spellCheck={false}
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                aria-describedby={describedBy('email', false, errors.fields.email)}
              />
            </Field>
            <Field id="password" label={labels.password} error={errors.fields.password}>
              <input
                className="govuk-input"
                id="password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                aria-describedby={describedBy('password', false, errors.fields.password)}
              />
            </Field>
          </>
        )}
        {step.kind === 'enrol' && (
          <div className="govuk-inset-text">
            <p className="govuk-body">
              Your role signs in with a second step. In your authenticator app, add an account with this key, then enter the 6-digit code it shows.
            </p>
            <p className="govuk-body app-secret">{step.secret}</p>
            <p className="govuk-body">
              <a className="govuk-link" href={step.uri}>
                Open in the authenticator app on this phone
              </a>
            </p>
          </div>
        )}
        {step.kind !== 'password' && (
          <Field id="code" label={labels.code} hint="The 6 digits your authenticator app shows, or one of your recovery codes" error={errors.fields.code}>
            <input
              className="govuk-input govuk-input--width-10"
              id="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              spellCheck={false}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              aria-describedby={describedBy('code', true, errors.fields.code)}
            />
          </Field>
        )}
        <button type="submit" className="govuk-button" disabled={busy}>
          {step.kind === 'password' ? 'Sign in' : 'Continue'}
        </button>
      </form>
      <p className="govuk-body">
        <a className="govuk-link" href="/account/set-password">
          Forgotten your password?
        </a>
      </p>
    </>
  );
}
