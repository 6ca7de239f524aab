import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import {
  describedBy,
  ErrorSummary,
  Field,
  Fieldset,
  type FormErrors,
  isForbidden,
  mutationErrors,
  noErrors,
  personName,
  SavedBanner,
  when,
  words,
  SummaryRow,
} from '../components/forms';
import {
  AcceptReferralOnBehalfDocument,
  type AnswerChannel,
  CloseReferralDocument,
  DeclineReferralOnBehalfDocument,
  type ReferralDeclineReason,
  ReferralDocument,
  type ReferralOutcome,
  type ReferralQuery,
  StartReferralOnBehalfDocument,
} from '../graphql/generated';
import { Link } from '../router';
import { Loading } from './Home';
import { NotFound } from './People';
import { ReferralMessages } from './ReferralMessages';

type ReferralRecord = ReferralQuery['referral'];

const CHANNELS: [AnswerChannel, string][] = [
  ['PHONE', 'By phone'],
  ['EMAIL', 'By email'],
  ['MEETING', 'At a meeting'],
  ['LETTER', 'By letter'],
  ['OTHER', 'Another way'],
];
const DECLINE_REASONS: ReferralDeclineReason[] = [
  'NOT_ELIGIBLE',
  'NO_CAPACITY',
  'OUTSIDE_AREA',
  'ALREADY_SUPPORTED',
  'PERSON_DECLINED',
  'UNABLE_TO_CONTACT',
  'OTHER',
];
const OUTCOMES: [ReferralOutcome, string][] = [
  ['NEEDS_MET', 'Their needs were met'],
  ['PARTLY_MET', 'Their needs were partly met'],
  ['NOT_MET', 'Their needs were not met'],
  ['DISENGAGED', 'They stopped taking part'],
  ['REFERRED_ON', 'They were referred on elsewhere'],
];

const LABELS = {
  answer: 'What the partner said',
  reason: 'Why they declined',
  details: 'More about why',
  'onBehalf.answeredBy': 'Who answered',
  'onBehalf.channel': 'How they answered',
  'onBehalf.answeredAt': 'When they answered',
  outcome: 'Outcome',
  notes: 'Notes on the outcome',
  body: 'Message to the partner',
};

/**
 * The API's refusal (FORBIDDEN) of a step recorded for the partner, in words. Who may record one
 * is the API's rule (its one home), so the page explains it when refused rather than guessing.
 */
const NOT_YOURS =
  'You may not record the partner’s answer on this referral: only the worker who made it, or a manager, may record it for them. Ask them to record it, or send the partner a message below.';

/**
 * A referral followed to its outcome: the partner's answer given outside the app (accepted,
 * declined, started) recorded on its behalf, then the outcome. Each step is taken at the
 * version read, so a change made meanwhile (the partner answering in the app) is a CONFLICT.
 */
export function ReferralPage({ id }: { id: string }) {
  const [updatesAfter, setUpdatesAfter] = useState<string | null>(null);
  const { data, error, refetch } = useQuery(ReferralDocument, { variables: { id, updatesAfter } });
  const [saved, setSaved] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  if (error && !data) return <NotFound />;
  if (!data) return <Loading />;
  const r = data.referral;
  const step = {
    errors,
    setErrors: (e: FormErrors) => (setSaved(null), setErrors(e)),
    onSaved: (text: string) => (setErrors(noErrors), setSaved(text), void refetch()),
  };
  const rows: [string, React.ReactNode][] = [
    ['Person', r.subject ? <Link to={`/people/${r.subject.id}`}>{personName(r.subject)}</Link> : 'Not yours to see'],
    ['Needs', `${r.needs.map(words).join(', ')} (${words(r.urgency)})`],
    ['Why', r.reason],
    ['How the partner can reach them', r.contactRoute ?? 'Not given'],
    ['Consent', words(r.consent)],
    ['Sent', r.sentAt ? when(r.sentAt) : 'Not sent'],
  ];
  if (r.responseDueAt && r.status === 'SENT') rows.push(['Answer due', `${when(r.responseDueAt)}${r.isOverdue ? ' (overdue)' : ''}`]);
  if (r.declineReason) rows.push(['Declined because', words(r.declineReason)]);
  if (r.outcome) rows.push(['Outcome', `${words(r.outcome)}${r.outcomeNotes ? `: ${r.outcomeNotes}` : ''}`]);
  return (
    <>
      <ErrorSummary errors={errors} labels={LABELS} onReload={() => (setErrors(noErrors), void refetch())} />
      <SavedBanner text={saved} />
      <span className="govuk-caption-l">Referral</span>
      <h1 className="govuk-heading-l">
        To {r.partnerOrganisation?.name ?? 'a partner'} <strong className="govuk-tag">{words(r.status)}</strong>
      </h1>
      <dl className="govuk-summary-list">
        {rows.map(([k, v]) => (
          <SummaryRow key={k} term={k}>
            {v}
          </SummaryRow>
        ))}
      </dl>
      {(r.status === 'SENT' || r.status === 'ACCEPTED') && <PartnerAnswer key={r.version} referral={r} {...step} />}
      {r.status === 'IN_PROGRESS' && <Outcome key={r.version} referral={r} {...step} />}
      <ReferralMessages key={`messages:${r.updates.totalCount}`} referral={r} after={updatesAfter} onPage={setUpdatesAfter} {...step} />
      <h2 className="govuk-heading-m">What has happened</h2>
      <ol className="govuk-list govuk-list--spaced">
        {r.transitions.map((t) => (
          <li key={t.id}>
            {when(t.recordedOnBehalf?.answeredAt ?? t.at)}: {words(t.toStatus)}
            {t.recordedOnBehalf && ` (${t.recordedOnBehalf.answeredBy}, ${words(t.recordedOnBehalf.channel)}; recorded for them)`}
          </li>
        ))}
      </ol>
      <p className="govuk-body">
        <Link to="/referrals">Your referrals</Link>
      </p>
    </>
  );
}

interface Step {
  referral: ReferralRecord;
  errors: FormErrors;
  setErrors: (e: FormErrors) => void;
  onSaved: (text: string) => void;
}

/** What the partner said outside the app: accepted or declined a sent referral, or started an accepted one. */
function PartnerAnswer({ referral: r, errors, setErrors, onSaved }: Step) {
  const [accept] = useMutation(AcceptReferralOnBehalfDocument);
  const [decline] = useMutation(DeclineReferralOnBehalfDocument);
  const [start] = useMutation(StartReferralOnBehalfDocument);
  const choices: [string, string][] =
    r.status === 'SENT'
      ? [
          ['ACCEPT', 'They accepted it'],
          ['DECLINE', 'They declined it'],
        ]
      : [['START', 'They have started work with the person']];
  const [f, setF] = useState({
    answer: '',
    reason: '' as ReferralDeclineReason | '',
    details: '',
    answeredBy: '',
    channel: 'PHONE' as AnswerChannel,
    answeredAt: '',
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!f.answer) missing.answer = 'Choose what the partner said';
    if (f.answer === 'DECLINE' && !f.reason) missing.reason = 'Choose why they declined';
    if (!f.answeredBy.trim()) missing['onBehalf.answeredBy'] = 'Say who answered at the partner, by name or role';
    if (Object.keys(missing).length) return setErrors({ ...noErrors, fields: missing });
    const onBehalf = {
      partnerOrganisationId: r.partnerOrganisation!.id,
      answeredBy: f.answeredBy.trim(),
      channel: f.channel,
      // Blank means just now: the moment of saving, so never before the step it follows.
      answeredAt: (f.answeredAt ? new Date(f.answeredAt) : new Date()).toISOString(),
    };
    const base = { id: r.id, version: r.version, onBehalf };
    try {
      if (f.answer === 'ACCEPT') await accept({ variables: { input: base } });
      if (f.answer === 'START') await start({ variables: { input: base } });
      if (f.answer === 'DECLINE')
        await decline({ variables: { input: { ...base, reason: f.reason as ReferralDeclineReason, details: f.details.trim() || null } } });
      onSaved(
        f.answer === 'ACCEPT'
          ? 'Recorded: the partner accepted the referral'
          : f.answer === 'START'
            ? 'Recorded: the partner has started work'
            : 'Recorded: the partner declined the referral',
      );
    } catch (err) {
      setErrors(isForbidden(err) ? { ...noErrors, form: NOT_YOURS } : mutationErrors(err, 'Not saved. Try again.'));
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <h2 className="govuk-heading-m">Record the partner’s answer</h2>
      <p className="govuk-body">If the partner answered by phone, email or at a meeting, record it here for them.</p>
      <Fieldset id="answer" legend={LABELS.answer} error={errors.fields.answer}>
        <div className="govuk-radios govuk-radios--small" id="answer">
          {choices.map(([value, text]) => (
            <div key={value} className="govuk-radios__item">
              <input
                className="govuk-radios__input"
                id={`answer-${value}`}
                type="radio"
                name="answer"
                checked={f.answer === value}
                onChange={() => setF({ ...f, answer: value })}
              />
              <label className="govuk-label govuk-radios__label" htmlFor={`answer-${value}`}>
                {text}
              </label>
            </div>
          ))}
        </div>
      </Fieldset>
      {f.answer === 'DECLINE' && (
        <>
          <Field id="reason" label={LABELS.reason} error={errors.fields.reason}>
            <select
              className="govuk-select"
              id="reason"
              value={f.reason}
              onChange={(e) => setF({ ...f, reason: e.target.value as ReferralDeclineReason })}
              aria-describedby={describedBy('reason', false, errors.fields.reason)}
            >
              <option value="">Choose</option>
              {DECLINE_REASONS.map((d) => (
                <option key={d} value={d}>
                  {words(d)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="details" label={LABELS.details} hint="Needed when the reason is ‘other’" error={errors.fields.details}>
            <textarea
              className="govuk-textarea"
              id="details"
              rows={2}
              value={f.details}
              onChange={(e) => setF({ ...f, details: e.target.value })}
              aria-describedby={describedBy('details', true, errors.fields.details)}
            />
          </Field>
        </>
      )}
      <Field
        id="onBehalf.answeredBy"
        label={LABELS['onBehalf.answeredBy']}
        hint="Their name or role, for example ‘duty officer’"
        error={errors.fields['onBehalf.answeredBy']}
      >
        <input
          className="govuk-input govuk-input--width-20"
          id="onBehalf.answeredBy"
          value={f.answeredBy}
          maxLength={200}
          onChange={(e) => setF({ ...f, answeredBy: e.target.value })}
          aria-describedby={describedBy('onBehalf.answeredBy', true, errors.fields['onBehalf.answeredBy'])}
        />
      </Field>
      <Fieldset id="onBehalf.channel" legend={LABELS['onBehalf.channel']} error={errors.fields['onBehalf.channel']}>
        <div className="govuk-radios govuk-radios--small" id="onBehalf.channel">
          {CHANNELS.map(([value, text]) => (
            <div key={value} className="govuk-radios__item">
              <input
                className="govuk-radios__input"
                id={`channel-${value}`}
                type="radio"
                name="channel"
                checked={f.channel === value}
                onChange={() => setF({ ...f, channel: value })}
              />
              <label className="govuk-label govuk-radios__label" htmlFor={`channel-${value}`}>
                {text}
              </label>
            </div>
          ))}
        </div>
      </Fieldset>
      <Field
        id="onBehalf.answeredAt"
        label={`${LABELS['onBehalf.answeredAt']} (optional)`}
        hint="Leave blank if it was just now"
        error={errors.fields['onBehalf.answeredAt']}
      >
        <input
          className="govuk-input govuk-input--width-20"
          id="onBehalf.answeredAt"
          type="datetime-local"
          value={f.answeredAt}
          onChange={(e) => setF({ ...f, answeredAt: e.target.value })}
          aria-describedby={describedBy('onBehalf.answeredAt', true, errors.fields['onBehalf.answeredAt'])}
        />
      </Field>
      <button type="submit" className="govuk-button" id="record-answer">
        Record their answer
      </button>
    </form>
  );
}

/** The referral closed with what came of it (the library records this itself). */
function Outcome({ referral: r, errors, setErrors, onSaved }: Step) {
  const [close] = useMutation(CloseReferralDocument);
  const [outcome, setOutcome] = useState<ReferralOutcome | ''>('');
  const [notes, setNotes] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!outcome) return setErrors({ ...noErrors, fields: { outcome: 'Choose the outcome' } });
    try {
      await close({ variables: { input: { id: r.id, version: r.version, outcome, notes: notes.trim() || null } } });
      onSaved('Outcome recorded: the referral is closed');
    } catch (err) {
      setErrors(mutationErrors(err, 'Not saved. Try again.'));
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <h2 className="govuk-heading-m">Record the outcome</h2>
      <Fieldset id="outcome" legend={LABELS.outcome} error={errors.fields.outcome}>
        <div className="govuk-radios govuk-radios--small" id="outcome">
          {OUTCOMES.map(([value, text]) => (
            <div key={value} className="govuk-radios__item">
              <input
                className="govuk-radios__input"
                id={`outcome-${value}`}
                type="radio"
                name="outcome"
                checked={outcome === value}
                onChange={() => setOutcome(value)}
              />
              <label className="govuk-label govuk-radios__label" htmlFor={`outcome-${value}`}>
                {text}
              </label>
            </div>
          ))}
        </div>
      </Fieldset>
      <Field id="notes" label={`${LABELS.notes} (optional)`} error={errors.fields.notes}>
        <textarea
          className="govuk-textarea"
          id="notes"
          rows={3}
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
          aria-describedby={describedBy('notes', false, errors.fields.notes)}
        />
      </Field>
      <button type="submit" className="govuk-button" id="record-outcome">
        Record the outcome
      </button>
    </form>
  );
}
