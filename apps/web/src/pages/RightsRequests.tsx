import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { saveFile } from '../api';
import {
  day,
  describedBy,
  Done,
  ErrorSummary,
  Field,
  Fieldset,
  type FormErrors,
  isRecordId,
  mutationErrors,
  Pager,
  noErrors,
  onlyFields,
  SummaryRow,
  when,
  words,
  Disclosure,
} from '../components/forms';
import {
  DecideRightsRequestDocument,
  LogRightsRequestDocument,
  type RefusalGround,
  type RightsDecision,
  RightsRequestDocument,
  type RightsRequestQuery,
  type RightsRequestRowFragment,
  RightsRequestsDocument,
  type RightsRequestType,
  SubjectAccessExportDocument,
} from '../graphql/generated';
import { Link, usePath } from '../router';
import { Loading } from './Home';
import { SubjectRestriction } from './SubjectRestriction';

const TYPES: RightsRequestType[] = ['ERASURE', 'RECTIFICATION', 'RESTRICTION', 'ACCESS'];
const GROUNDS: RefusalGround[] = ['RETENTION_DUTY', 'LEGAL_HOLD', 'MANIFESTLY_UNFOUNDED_OR_EXCESSIVE', 'OTHER_EXEMPTION'];
const today = () => new Date().toISOString().slice(0, 10);

/** A request's name in a list: its type and when it came (never the person's name: it is a link's text). */
const requestName = (r: RightsRequestRowFragment) => {
  const type = words(r.type);
  return `${type.charAt(0).toUpperCase()}${type.slice(1)} request received ${day(r.receivedOn)}`;
};

/** The DPO's rights requests: the open ones first (with their deadlines), then those decided; both paged. */
export function RightsRequests() {
  const [openAfter, setOpenAfter] = useState<string | null>(null);
  const [decidedAfter, setDecidedAfter] = useState<string | null>(null);
  const { data, error } = useQuery(RightsRequestsDocument, { variables: { openAfter, decidedAfter } });
  if (error) return <p className="govuk-body">The rights requests could not be loaded. Reload the page to try again.</p>;
  if (!data) return <Loading />;
  return (
    <>
      <h1 className="govuk-heading-l">Rights requests</h1>
      <p className="govuk-body">
        <Link to="/subject-access">Download a subject access export</Link> of everything held about a person.
      </p>
      <h2 className="govuk-heading-m">Open ({data.open.totalCount})</h2>
      {data.open.totalCount === 0 ? (
        <p className="govuk-body">No request is waiting for a decision.</p>
      ) : (
        <ul className="govuk-list govuk-list--spaced">
          {data.open.edges.map(({ node }) => (
            <li key={node.id}>
              <Link to={`/rights-requests/${node.id}`}>{requestName(node)}</Link>
              <br />
              <Deadline dueOn={node.dueOn} />
            </li>
          ))}
        </ul>
      )}
      <Pager pageInfo={data.open.pageInfo} after={openAfter} onPage={setOpenAfter} of="open requests" />
      <h2 className="govuk-heading-m">Decided ({data.decided.totalCount})</h2>
      {data.decided.totalCount === 0 ? (
        <p className="govuk-body">None decided yet.</p>
      ) : (
        <ul className="govuk-list govuk-list--spaced">
          {data.decided.edges.map(({ node }) => (
            <li key={node.id}>
              <Link to={`/rights-requests/${node.id}`}>{requestName(node)}</Link>
              <br />
              <span className="govuk-hint govuk-!-margin-bottom-0">
                {words(node.status)}
                {node.decidedAt ? ` on ${when(node.decidedAt)}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      <Pager pageInfo={data.decided.pageInfo} after={decidedAfter} onPage={setDecidedAfter} of="decided requests" />
      <LogRequest />
    </>
  );
}

/** The one-month deadline, red once it is past. */
const Deadline = ({ dueOn }: { dueOn: string }) =>
  dueOn < today() ? <strong className="govuk-tag govuk-tag--red">Overdue: due {day(dueOn)}</strong> : <span className="govuk-body">Due {day(dueOn)}</span>;

/** Log a request as received: the person's record id, its type, what they asked for, when it came. */
function LogRequest() {
  const { go } = usePath();
  const [form, setForm] = useState({ subjectId: '', type: '', details: '', receivedOn: today() });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [log, { loading }] = useMutation(LogRightsRequestDocument);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const labels = { subjectId: 'Person (record id)', type: 'Type of request', details: 'What they asked for', receivedOn: 'Received on' };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!isRecordId(form.subjectId.trim())) missing.subjectId = 'Enter the record id from the person’s record';
    if (!form.type) missing.type = 'Choose the type of request';
    if (!form.details.trim()) missing.details = 'Say what the person asked for';
    if (!form.receivedOn) missing.receivedOn = 'Enter when the request reached the library service';
    if (Object.keys(missing).length) return setErrors({ ...noErrors, fields: missing });
    try {
      const { data } = await log({
        variables: {
          input: { subjectId: form.subjectId.trim(), type: form.type as RightsRequestType, details: form.details.trim(), receivedOn: form.receivedOn },
        },
      });
      if (data) go(`/rights-requests/${data.logRightsRequest.id}`);
    } catch (err) {
      setErrors(onlyFields(mutationErrors(err, 'The request could not be logged. Try again.'), labels));
    }
  }

  return (
    <>
      <h2 className="govuk-heading-m">Log a request</h2>
      <ErrorSummary errors={errors} labels={labels} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field id="subjectId" label={labels.subjectId} hint="The id from the person’s record" error={errors.fields.subjectId}>
          <input
            className={`govuk-input govuk-input--width-30${errors.fields.subjectId ? ' govuk-input--error' : ''}`}
            id="subjectId"
            spellCheck={false}
            value={form.subjectId}
            onChange={set('subjectId')}
            aria-describedby={describedBy('subjectId', true, errors.fields.subjectId)}
          />
        </Field>
        <Field id="type" label={labels.type} error={errors.fields.type}>
          <select
            className={`govuk-select${errors.fields.type ? ' govuk-select--error' : ''}`}
            id="type"
            value={form.type}
            onChange={set('type')}
            aria-describedby={describedBy('type', false, errors.fields.type)}
          >
            <option value="">Choose</option>
            {TYPES.map((t) => (
              <option key={t} value={t}>
                {words(t)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="details" label={labels.details} hint="As received: how they asked, which records or details" error={errors.fields.details}>
          <textarea
            className={`govuk-textarea${errors.fields.details ? ' govuk-textarea--error' : ''}`}
            id="details"
            rows={3}
            value={form.details}
            onChange={set('details')}
            aria-describedby={describedBy('details', true, errors.fields.details)}
          />
        </Field>
        <Field id="receivedOn" label={labels.receivedOn} hint="The one-month deadline runs from it" error={errors.fields.receivedOn}>
          <input
            className={`govuk-input govuk-input--width-10${errors.fields.receivedOn ? ' govuk-input--error' : ''}`}
            id="receivedOn"
            type="date"
            value={form.receivedOn}
            onChange={set('receivedOn')}
            aria-describedby={describedBy('receivedOn', true, errors.fields.receivedOn)}
          />
        </Field>
        <button type="submit" className="govuk-button" disabled={loading}>
          Log request
        </button>
      </form>
    </>
  );
}

type Request = RightsRequestQuery['rightsRequest'];

/** One request: what was asked, the deadline, the decision (or the form to make it), and the person's export. */
export function RightsRequestPage({ id }: { id: string }) {
  const { data, error, refetch } = useQuery(RightsRequestDocument, { variables: { id } });
  const [done, setDone] = useState<string | null>(null);
  if (error)
    return (
      <>
        <h1 className="govuk-heading-l">Page not found</h1>
        <p className="govuk-body">This rights request does not exist or you may not see it.</p>
      </>
    );
  if (!data) return <Loading />;
  const r = data.rightsRequest;
  return (
    <>
      {done && <Done message={done} />}
      <span className="govuk-caption-l">Rights request</span>
      <h1 className="govuk-heading-l">{requestName(r)}</h1>
      <dl className="govuk-summary-list">
        <SummaryRow term="Person">
          {r.subject ? (r.subject.name ?? r.subject.description ?? 'Name not known') : 'No longer held'}
          <br />
          <span className="govuk-hint app-break">Record id {r.subjectId}</span>
        </SummaryRow>
        <SummaryRow term="What they asked for">{r.details}</SummaryRow>
        <SummaryRow term="Received">{day(r.receivedOn)}</SummaryRow>
        <SummaryRow term="Deadline">
          <Deadline dueOn={r.dueOn} />
        </SummaryRow>
        <SummaryRow term="Status">
          {r.status === 'RECEIVED'
            ? 'Waiting for a decision'
            : r.status === 'PARTLY_GRANTED'
              ? 'Granted in part'
              : r.status === 'GRANTED'
                ? 'Granted'
                : 'Refused'}
        </SummaryRow>
        {r.decidedAt && <SummaryRow term="Decided">{when(r.decidedAt)}</SummaryRow>}
        {r.decisionReason && <SummaryRow term="Why">{r.decisionReason}</SummaryRow>}
        {r.refusalGround && <SummaryRow term="Refusal ground">{words(r.refusalGround)}</SummaryRow>}
        {r.keptRecordTypes.length > 0 && <SummaryRow term="Record types kept">{r.keptRecordTypes.map(words).join(', ')}</SummaryRow>}
      </dl>
      {r.outcome && <Outcome outcome={r.outcome} />}
      {/* Keyed by status: shown again once a decision is recorded. */}
      {r.subject && <SubjectRestriction key={r.status} subjectId={r.subjectId} onLifted={setDone} />}
      {r.subject && <ExportButtons subjectId={r.subjectId} />}
      {r.status === 'RECEIVED' && (
        <Decide
          request={r}
          recordTypes={data.recordOfProcessing.activities}
          onDecided={(what) => (setDone(what), void refetch())}
          onReload={() => void refetch()}
        />
      )}
      <p className="govuk-body">
        <Link to="/rights-requests">All rights requests</Link>
      </p>
    </>
  );
}

function Outcome({ outcome }: { outcome: NonNullable<Request['outcome']> }) {
  return (
    <>
      <h2 className="govuk-heading-m">What the decision did</h2>
      <ul className="govuk-list govuk-list--bullet">
        {outcome.restrictionId && <li>Processing restricted: only the DPO sees this person’s records until the restriction is lifted.</li>}
        {outcome.erased.length > 0 && <li>{outcome.erased.length} records erased.</li>}
        {outcome.kept.map((k) => (
          <li key={`${k.entityType}-${k.id}`}>
            Kept {k.entityType}: {k.reason}
          </li>
        ))}
        {outcome.corrected.map((c) => (
          <li key={`${c.entityType}-${c.id}-${c.field}`}>
            Corrected {c.entityType} {c.field}
          </li>
        ))}
        {!outcome.restrictionId && !outcome.erased.length && !outcome.kept.length && !outcome.corrected.length && <li>Nothing was changed.</li>}
      </ul>
    </>
  );
}

/** The decision, with what each type needs: record types kept (erasure in part), the correction (rectification). */
function Decide({
  request,
  recordTypes,
  onDecided,
  onReload,
}: {
  request: Request;
  recordTypes: { recordType: string; title: string }[];
  onDecided: (what: string) => void;
  onReload: () => void;
}) {
  const [decision, setDecision] = useState<RightsDecision | ''>('');
  const [reason, setReason] = useState('');
  const [refusalGround, setRefusalGround] = useState<RefusalGround | ''>('');
  const [keep, setKeep] = useState<string[]>([]);
  const [fix, setFix] = useState({ entityType: 'Subject', id: request.subjectId, field: '', value: '', reason: '' });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [decide, { loading }] = useMutation(DecideRightsRequestDocument);
  const type = request.type;
  const decisions: RightsDecision[] = type === 'RESTRICTION' ? ['GRANTED', 'REFUSED'] : ['GRANTED', 'PARTLY_GRANTED', 'REFUSED'];
  const keeps = type === 'ERASURE' && (decision === 'PARTLY_GRANTED' || refusalGround === 'RETENTION_DUTY');
  const corrects = type === 'RECTIFICATION' && decision !== 'REFUSED' && decision !== '';
  const labels = {
    decision: 'Decision',
    reason: 'Why',
    refusalGround: 'Refusal ground',
    keepRecordTypes: 'Record types kept',
    field: 'Field to correct',
    value: 'Correct value',
    fixReason: 'What was wrong',
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!decision) missing.decision = 'Choose a decision';
    if (decision && decision !== 'GRANTED' && !reason.trim()) missing.reason = 'Say what is not done and why';
    if (decision === 'REFUSED' && !refusalGround) missing.refusalGround = 'Choose the ground for refusing';
    if (keeps && !keep.length) missing.keepRecordTypes = 'Choose the record types kept';
    if (corrects && !fix.field.trim()) missing.field = 'Enter the field to correct, as the API names it';
    if (corrects && !fix.reason.trim()) missing.fixReason = 'Say what was wrong and how it was checked';
    if (Object.keys(missing).length) return setErrors({ ...noErrors, fields: missing });
    try {
      await decide({
        variables: {
          input: {
            id: request.id,
            version: request.version,
            decision: decision as RightsDecision,
            ...(reason.trim() ? { reason: reason.trim() } : {}),
            ...(decision === 'REFUSED' ? { refusalGround: refusalGround as RefusalGround } : {}),
            ...(keeps ? { keepRecordTypes: keep } : {}),
            ...(corrects
              ? {
                  corrections: [
                    { entityType: fix.entityType.trim(), id: fix.id.trim(), field: fix.field.trim(), value: fix.value || null, reason: fix.reason.trim() },
                  ],
                }
              : {}),
          },
        },
      });
      setErrors(noErrors);
      onDecided(`Decision recorded: ${words(decision)}`);
    } catch (err) {
      setErrors(onlyFields(mutationErrors(err, 'The decision could not be saved. Try again.'), labels));
    }
  }

  return (
    <>
      <h2 className="govuk-heading-m">Decide</h2>
      <ErrorSummary errors={errors} labels={labels} onReload={() => (setErrors(noErrors), onReload())} />
      {type === 'ERASURE' && (
        <p className="govuk-body">Granting erases the person’s records now, in one go. Grant in part to keep record types a retention duty applies to.</p>
      )}
      {type === 'RESTRICTION' && <p className="govuk-body">Granting restricts processing: only you see the person’s records until you lift it.</p>}
      {type === 'ACCESS' && <p className="govuk-body">Send the person the export above, then record that the request was answered.</p>}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Fieldset id="decision" legend={labels.decision} error={errors.fields.decision}>
          <div className="govuk-radios" id="decision">
            {decisions.map((d) => (
              <div key={d} className="govuk-radios__item">
                <input
                  className="govuk-radios__input"
                  id={`decision-${d}`}
                  name="decision"
                  type="radio"
                  checked={decision === d}
                  onChange={() => setDecision(d)}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={`decision-${d}`}>
                  {d === 'GRANTED' ? 'Grant' : d === 'PARTLY_GRANTED' ? 'Grant in part' : 'Refuse'}
                </label>
              </div>
            ))}
          </div>
        </Fieldset>
        {decision === 'REFUSED' && (
          <Field id="refusalGround" label={labels.refusalGround} error={errors.fields.refusalGround}>
            <select
              className={`govuk-select${errors.fields.refusalGround ? ' govuk-select--error' : ''}`}
              id="refusalGround"
              value={refusalGround}
              onChange={(e) => setRefusalGround(e.target.value as RefusalGround)}
              aria-describedby={describedBy('refusalGround', false, errors.fields.refusalGround)}
            >
              <option value="">Choose</option>
              {GROUNDS.map((g) => (
                <option key={g} value={g}>
                  {words(g)}
                </option>
              ))}
            </select>
          </Field>
        )}
        {keeps && (
          <Fieldset id="keepRecordTypes" legend={labels.keepRecordTypes} error={errors.fields.keepRecordTypes}>
            <div className="govuk-checkboxes govuk-checkboxes--small" id="keepRecordTypes">
              {recordTypes.map((t) => (
                <div key={t.recordType} className="govuk-checkboxes__item">
                  <input
                    className="govuk-checkboxes__input"
                    id={`keep-${t.recordType}`}
                    type="checkbox"
                    checked={keep.includes(t.recordType)}
                    onChange={(e) => setKeep(e.target.checked ? [...keep, t.recordType] : keep.filter((k) => k !== t.recordType))}
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={`keep-${t.recordType}`}>
                    {t.title}
                  </label>
                </div>
              ))}
            </div>
          </Fieldset>
        )}
        {corrects && (
          <>
            <Field
              id="field"
              label={labels.field}
              hint="On the person’s record unless you change the record below, e.g. dateOfBirth"
              error={errors.fields.field}
            >
              <input
                className={`govuk-input govuk-input--width-20${errors.fields.field ? ' govuk-input--error' : ''}`}
                id="field"
                spellCheck={false}
                value={fix.field}
                onChange={(e) => setFix({ ...fix, field: e.target.value })}
                aria-describedby={describedBy('field', true, errors.fields.field)}
              />
            </Field>
            <Field id="value" label={labels.value} hint="Leave empty to clear it" error={errors.fields.value}>
              <input
                className={`govuk-input${errors.fields.value ? ' govuk-input--error' : ''}`}
                id="value"
                value={fix.value}
                onChange={(e) => setFix({ ...fix, value: e.target.value })}
                aria-describedby={describedBy('value', true, errors.fields.value)}
              />
            </Field>
            <Field id="fixReason" label={labels.fixReason} hint="And how it was checked" error={errors.fields.fixReason}>
              <input
                className={`govuk-input${errors.fields.fixReason ? ' govuk-input--error' : ''}`}
                id="fixReason"
                value={fix.reason}
                onChange={(e) => setFix({ ...fix, reason: e.target.value })}
                aria-describedby={describedBy('fixReason', true, errors.fields.fixReason)}
              />
            </Field>
            <Disclosure summary="Correct another record of theirs">
              <Field id="entityType" label="Record type" hint="As the audit trail names it, e.g. Subject, ContactLog">
                <input
                  className="govuk-input govuk-input--width-20"
                  id="entityType"
                  value={fix.entityType}
                  onChange={(e) => setFix({ ...fix, entityType: e.target.value })}
                  aria-describedby="entityType-hint"
                />
              </Field>
              <Field id="recordId" label="Record id">
                <input
                  className="govuk-input govuk-input--width-30"
                  id="recordId"
                  spellCheck={false}
                  value={fix.id}
                  onChange={(e) => setFix({ ...fix, id: e.target.value })}
                />
              </Field>
            </Disclosure>
          </>
        )}
        <Field
          id="reason"
          label={decision === 'GRANTED' || decision === '' ? 'Why (optional)' : labels.reason}
          hint="Needed when granting in part or refusing: what is not done and why"
          error={errors.fields.reason}
        >
          <textarea
            className={`govuk-textarea${errors.fields.reason ? ' govuk-textarea--error' : ''}`}
            id="reason"
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-describedby={describedBy('reason', true, errors.fields.reason)}
          />
        </Field>
        <button type="submit" className="govuk-button" disabled={loading}>
          Record decision
        </button>
      </form>
    </>
  );
}

/** The export of everything held about a person, as JSON and as a readable document, saved from memory. */
function ExportButtons({ subjectId }: { subjectId: string }) {
  const client = useApolloClient();
  const [refused, setRefused] = useState<string | null>(null);
  const save = async (as: 'json' | 'html') => {
    try {
      const { data } = await client.query({ query: SubjectAccessExportDocument, variables: { subjectId } });
      if (!data) throw new Error('no export');
      const e = data.subjectAccessExport;
      // The API answers it as GraphQL (with the token in the header): saved from memory, named by the record id only.
      saveFile(new Blob([as === 'json' ? e.json : e.html], { type: as === 'json' ? 'application/json' : 'text/html' }), `subject-access-${e.subjectId}.${as}`);
      setRefused(null);
    } catch {
      setRefused('The export could not be made. Try again.');
    }
  };
  return (
    <>
      <h2 className="govuk-heading-m">Subject access export</h2>
      {refused && (
        <p className="govuk-error-message" role="alert">
          {refused}
        </p>
      )}
      <div className="govuk-button-group">
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void save('json')}>
          Download as JSON
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void save('html')}>
          Download as a document (HTML)
        </button>
      </div>
    </>
  );
}

/** A subject access export from a person's record id (when there is no rights request to start from). */
export function SubjectAccess() {
  const [subjectId, setSubjectId] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const labels = { subjectId: 'Person (record id)' };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!isRecordId(subjectId.trim())) return setErrors({ ...noErrors, fields: { subjectId: 'Enter the record id from the person’s record' } });
    setErrors(noErrors);
    setChosen(subjectId.trim());
  };
  return (
    <>
      <h1 className="govuk-heading-l">Subject access export</h1>
      <ErrorSummary errors={errors} labels={labels} />
      <p className="govuk-body">Everything held about a person, as JSON and as a readable document. Making it is audited.</p>
      <form onSubmit={submit} noValidate>
        <Field id="subjectId" label={labels.subjectId} hint="The id from the person’s record" error={errors.fields.subjectId}>
          <input
            className={`govuk-input govuk-input--width-30${errors.fields.subjectId ? ' govuk-input--error' : ''}`}
            id="subjectId"
            spellCheck={false}
            value={subjectId}
            onChange={(e) => (setSubjectId(e.target.value), setChosen(null))}
            aria-describedby={describedBy('subjectId', true, errors.fields.subjectId)}
          />
        </Field>
        <button type="submit" className="govuk-button">
          Continue
        </button>
      </form>
      {chosen && <ExportButtons subjectId={chosen} />}
      <p className="govuk-body">
        <Link to="/rights-requests">Rights requests</Link>
      </p>
    </>
  );
}
