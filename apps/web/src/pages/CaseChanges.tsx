import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { describedBy, ErrorSummary, Field, Fieldset, type FormErrors, mutationErrors, noErrors, underIds, words, Disclosure } from '../components/forms';
import {
  CloseCaseDocument,
  type CaseFileQuery,
  type CaseStatus,
  CreateCaseDocument,
  ReopenCaseDocument,
  type RiskLevel,
  UpdateCaseDocument,
} from '../graphql/generated';
import { usePath } from '../router';

type CaseRecord = CaseFileQuery['case'];

/** What each form of a case's page is given: the case as read, and the page's one error summary. */
export interface CaseStep {
  kase: CaseRecord;
  errors: FormErrors;
  setErrors: (e: FormErrors) => void;
  onSaved: (text: string) => void;
}

const RISKS: RiskLevel[] = ['LOW', 'MEDIUM', 'HIGH'];
/** The statuses a case is worked in; closing and reopening are their own steps. */
const WORKING: [CaseStatus, string][] = [
  ['OPEN', 'Open: being worked on'],
  ['MONITORING', 'Monitoring: no active work, kept under watch'],
];

/** The labels of the case forms' fields, for the page's error summary. */
export const CASE_LABELS = {
  'case-title': 'Title',
  'case-summary': 'Summary',
  'case-riskLevel': 'Risk',
  'case-status': 'Status',
  closureSummary: 'Why the case is closed',
};

/** A case's title, summary, risk and status: the fields both opening and changing a case ask for. */
function CaseFields({
  f,
  setF,
  errors,
}: {
  f: { title: string; summary: string; riskLevel: RiskLevel; status: CaseStatus };
  setF: (f: { title: string; summary: string; riskLevel: RiskLevel; status: CaseStatus }) => void;
  errors: FormErrors;
}) {
  const err = (k: string) => errors.fields[`case-${k}`];
  return (
    <>
      <Field id="case-title" label={CASE_LABELS['case-title']} hint="What the case is about, without the person’s name" error={err('title')}>
        <input
          className="govuk-input"
          id="case-title"
          maxLength={200}
          value={f.title}
          onChange={(e) => setF({ ...f, title: e.target.value })}
          aria-describedby={describedBy('case-title', true, err('title'))}
        />
      </Field>
      <Field id="case-summary" label={`${CASE_LABELS['case-summary']} (optional)`} error={err('summary')}>
        <textarea
          className="govuk-textarea"
          id="case-summary"
          rows={3}
          value={f.summary}
          onChange={(e) => setF({ ...f, summary: e.target.value })}
          aria-describedby={describedBy('case-summary', false, err('summary'))}
        />
      </Field>
      <Field id="case-riskLevel" label={CASE_LABELS['case-riskLevel']} error={err('riskLevel')}>
        <select
          className="govuk-select"
          id="case-riskLevel"
          value={f.riskLevel}
          onChange={(e) => setF({ ...f, riskLevel: e.target.value as RiskLevel })}
          aria-describedby={describedBy('case-riskLevel', false, err('riskLevel'))}
        >
          {RISKS.map((r) => (
            <option key={r} value={r}>
              {words(r)}
            </option>
          ))}
        </select>
      </Field>
      <Fieldset id="case-status" legend={CASE_LABELS['case-status']} error={err('status')}>
        <div className="govuk-radios govuk-radios--small" id="case-status">
          {WORKING.map(([value, text]) => (
            <div key={value} className="govuk-radios__item">
              <input
                className="govuk-radios__input"
                id={`case-status-${value}`}
                type="radio"
                name="case-status"
                checked={f.status === value}
                onChange={() => setF({ ...f, status: value })}
              />
              <label className="govuk-label govuk-radios__label" htmlFor={`case-status-${value}`}>
                {text}
              </label>
            </div>
          ))}
        </div>
      </Fieldset>
    </>
  );
}

/** A new case about this person, owned by whoever opens it; the case page opens once it is saved. */
export function OpenCase({ subjectId }: { subjectId: string }) {
  const { go } = usePath();
  const [create, { loading }] = useMutation(CreateCaseDocument);
  const [f, setF] = useState({ title: '', summary: '', riskLevel: 'LOW' as RiskLevel, status: 'OPEN' as CaseStatus });
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!f.title.trim()) return setErrors({ ...noErrors, fields: { 'case-title': 'Give the case a title' } });
    try {
      const r = await create({
        variables: { input: { subjectId, title: f.title.trim(), summary: f.summary.trim() || null, riskLevel: f.riskLevel, status: f.status } },
      });
      go(`/cases/${r.data!.createCase.id}`);
    } catch (err) {
      setErrors(underIds(mutationErrors(err, 'The case was not opened. Try again.'), 'case'));
    }
  }

  return (
    <Disclosure summary="Open a case for this person">
      <ErrorSummary errors={errors} labels={CASE_LABELS} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <CaseFields f={f} setF={setF} errors={errors} />
        <button type="submit" className="govuk-button" id="open-case" disabled={loading}>
          Open the case
        </button>
      </form>
    </Disclosure>
  );
}

/** An open or monitored case changed at the version read: a change by someone else meanwhile is a CONFLICT. */
export function ChangeCase({ kase: c, errors, setErrors, onSaved }: CaseStep) {
  const [update, { loading }] = useMutation(UpdateCaseDocument);
  const [f, setF] = useState({ title: c.title, summary: c.summary ?? '', riskLevel: c.riskLevel, status: c.status });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!f.title.trim()) return setErrors({ ...noErrors, fields: { 'case-title': 'Give the case a title' } });
    try {
      await update({
        variables: {
          input: { id: c.id, version: c.version, title: f.title.trim(), summary: f.summary.trim() || null, riskLevel: f.riskLevel, status: f.status },
        },
      });
      onSaved('Case changed');
    } catch (err) {
      setErrors(underIds(mutationErrors(err, 'Not saved. Try again.'), 'case'));
    }
  }

  return (
    <Disclosure summary="Change the case">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <CaseFields f={f} setF={setF} errors={errors} />
        <button type="submit" className="govuk-button" id="change-case" disabled={loading}>
          Save the changes
        </button>
      </form>
    </Disclosure>
  );
}

/** Closing a case, with what came of it (its retention then runs from the closure). */
export function CloseCase({ kase: c, errors, setErrors, onSaved }: CaseStep) {
  const [close, { loading }] = useMutation(CloseCaseDocument);
  const [closureSummary, setClosureSummary] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!closureSummary.trim()) return setErrors({ ...noErrors, fields: { closureSummary: 'Say why the case is closed and what came of it' } });
    try {
      await close({ variables: { input: { id: c.id, version: c.version, closureSummary: closureSummary.trim() } } });
      onSaved('Case closed');
    } catch (err) {
      setErrors(mutationErrors(err, 'Not closed. Try again.'));
    }
  }

  return (
    <Disclosure summary="Close the case">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field
          id="closureSummary"
          label={CASE_LABELS.closureSummary}
          hint="What came of it. The case’s records are then kept for the period set for closed cases."
          error={errors.fields.closureSummary}
        >
          <textarea
            className="govuk-textarea"
            id="closureSummary"
            rows={3}
            value={closureSummary}
            onChange={(e) => setClosureSummary(e.target.value)}
            aria-describedby={describedBy('closureSummary', true, errors.fields.closureSummary)}
          />
        </Field>
        <button type="submit" className="govuk-button govuk-button--warning" id="close-case" disabled={loading}>
          Close the case
        </button>
      </form>
    </Disclosure>
  );
}

/** A closed case opened again (status open), at the version read. */
export function ReopenCase({ kase: c, setErrors, onSaved }: CaseStep) {
  const [reopen, { loading }] = useMutation(ReopenCaseDocument);
  async function click() {
    try {
      await reopen({ variables: { id: c.id, version: c.version } });
      onSaved('Case reopened');
    } catch (err) {
      setErrors(mutationErrors(err, 'Not reopened. Try again.'));
    }
  }
  return (
    <button type="button" className="govuk-button govuk-button--secondary" id="reopen-case" disabled={loading} onClick={() => void click()}>
      Reopen the case
    </button>
  );
}
