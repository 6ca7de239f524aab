import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import {
  describedBy,
  ErrorSummary,
  Field,
  Fieldset,
  type FormErrors,
  mutationErrors,
  noErrors,
  Pager,
  SavedBanner,
  when,
  words,
  SummaryRow,
} from '../components/forms';
import {
  IncidentDocument,
  type IncidentFilterInput,
  type IncidentQuery,
  IncidentsDocument,
  RecordIncidentDebriefDocument,
  type WelfareCheckItem,
} from '../graphql/generated';
import { Link } from '../router';
import { Loading } from './Home';
import { ChangeIncident, Evidence, FollowUpActions, INCIDENT_LABELS, PeopleInvolved } from './IncidentCasework';
import { NotFound } from './People';

/** The staff welfare checklist, in the order a manager asks it. */
export const WELFARE: [WelfareCheckItem, string][] = [
  ['PHYSICALLY_HURT', 'Were they physically hurt?'],
  ['NEEDS_TIME_OFF', 'Do they need time off?'],
  ['OFFERED_COUNSELLING', 'Were they offered counselling?'],
  ['OFFERED_EMPLOYEE_ASSISTANCE_PROGRAMME', 'Were they offered the Employee Assistance Programme?'],
  ['TRADE_UNION_INFORMED', 'Has their trade union been informed (if they wish)?'],
  ['RISK_ASSESSMENT_TO_REVISE', 'Does a risk assessment need revising?'],
];

/** The first and last moment of a month ("2026-11") in local time, as the API's from and to. */
function monthRange(month: string): Pick<IncidentFilterInput, 'from' | 'to'> {
  const [y, m] = month.split('-').map(Number);
  return { from: new Date(y, m - 1, 1).toISOString(), to: new Date(new Date(y, m, 1).getTime() - 1).toISOString() };
}

/** A manager's incidents across their service, newest first, by branch and month. */
export function Incidents() {
  const [form, setForm] = useState({ branchId: '', month: '' });
  const [filter, setFilter] = useState<IncidentFilterInput>({});
  const [after, setAfter] = useState<string | null>(null);
  const { data } = useQuery(IncidentsDocument, { variables: { after, filter } });
  const search = (e: FormEvent) => {
    e.preventDefault();
    setAfter(null);
    setFilter({ ...(form.branchId ? { branchIds: [form.branchId] } : {}), ...(form.month ? monthRange(form.month) : {}) });
  };
  return (
    <>
      <h1 className="govuk-heading-l">Incidents</h1>
      <form onSubmit={search} noValidate>
        <Field id="branchId" label="Branch">
          <select className="govuk-select" id="branchId" value={form.branchId} onChange={(e) => setForm({ ...form, branchId: e.target.value })}>
            <option value="">All branches</option>
            {data?.branches.edges.map(({ node }) => (
              <option key={node.id} value={node.id}>
                {node.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="month" label="Month" hint="Leave blank for every month">
          <input
            className="govuk-input govuk-input--width-10"
            id="month"
            type="month"
            value={form.month}
            onChange={(e) => setForm({ ...form, month: e.target.value })}
            aria-describedby="month-hint"
          />
        </Field>
        <button type="submit" className="govuk-button govuk-button--secondary">
          Show incidents
        </button>
      </form>
      {!data ? (
        <Loading />
      ) : (
        <>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m">{data.incidents.totalCount} incidents</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Incident
                </th>
                <th scope="col" className="govuk-table__header">
                  Branch
                </th>
                <th scope="col" className="govuk-table__header">
                  Debrief
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {data.incidents.edges.map(({ node }) => (
                <tr key={node.id} className="govuk-table__row">
                  <td className="govuk-table__cell">
                    <Link to={`/incidents/${node.id}`}>
                      {words(node.category)}, {when(node.occurredAt)}
                    </Link>
                  </td>
                  <td className="govuk-table__cell">{node.branch?.name}</td>
                  <td className="govuk-table__cell">
                    {node.debriefHeldAt ? (
                      <strong className="govuk-tag govuk-tag--green">held</strong>
                    ) : (
                      <strong className="govuk-tag govuk-tag--yellow">to do</strong>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager pageInfo={data.incidents.pageInfo} after={after} onPage={setAfter} />
        </>
      )}
    </>
  );
}

type IncidentRecord = IncidentQuery['incident'];

/** One incident: what happened, and the debrief with the staff welfare checklist (managers). */
export function IncidentPage({ id }: { id: string }) {
  const { data, error, refetch } = useQuery(IncidentDocument, { variables: { id } });
  const [saved, setSaved] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  if (error && !data) return <NotFound />;
  if (!data) return <Loading />;
  const i = data.incident;
  const names = new Map(data.users.edges.map(({ node }) => [node.id, node.displayName]));
  // Who may own a follow-up: the service's own staff, not partners' users.
  const staff = data.users.edges.filter(({ node }) => node.role !== 'PARTNER').map(({ node }) => ({ id: node.id, name: node.displayName }));
  // People, actions and evidence change without the incident's version: each form starts again when its list changes.
  // (Keys differ between the forms: they are siblings.)
  const listKey = (form: string, items: string[]) => `${form}:${items.join(' ')}`;
  const step = {
    errors,
    setErrors: (e: FormErrors) => (setSaved(null), setErrors(e)),
    onSaved: (text: string) => (setErrors(noErrors), setSaved(text), void refetch()),
  };
  const rows: [string, React.ReactNode][] = [
    ['When', when(i.occurredAt)],
    ['Branch', i.branch?.name ?? 'Not yours to see'],
    ['Where in the building', i.locationInBuilding ?? 'Not recorded'],
    ['Kind', words(i.category)],
    ['Severity', i.severity ? words(i.severity) : 'Not assessed'],
    ['What happened', i.description],
    ['What staff did', i.actionsTaken ?? 'Not recorded'],
    ['Reported to the police', i.reportedToPolice ? `Yes${i.crimeReferenceNumber ? `, crime reference ${i.crimeReferenceNumber}` : ''}` : 'No'],
    ['Staff involved', i.staffInvolved.map((s) => s.displayName).join(', ') || 'None recorded'],
  ];
  return (
    <>
      <ErrorSummary
        errors={errors}
        labels={{ ...INCIDENT_LABELS, heldAt: 'When the debrief was held', notes: 'Learning from the debrief' }}
        onReload={() => (setErrors(noErrors), void refetch())}
      />
      <SavedBanner text={saved} />
      <span className="govuk-caption-l">Incident</span>
      <h1 className="govuk-heading-l">
        {words(i.category)} at {i.branch?.name ?? 'a branch'}
      </h1>
      <dl className="govuk-summary-list">
        {rows.map(([k, v]) => (
          <SummaryRow key={k} term={k}>
            {v}
          </SummaryRow>
        ))}
      </dl>
      <ChangeIncident key={`change:${i.version}`} incident={i} {...step} />
      <PeopleInvolved
        key={listKey(
          'people',
          i.people.map((p) => p.subjectId + p.part),
        )}
        incident={i}
        {...step}
      />
      <FollowUpActions
        key={listKey(
          'actions',
          i.followUpActions.map((a) => `${a.id}.${a.version}`),
        )}
        incident={i}
        staff={staff}
        {...step}
      />
      <Evidence
        key={listKey(
          'evidence',
          i.evidence.map((e) => e.id),
        )}
        incident={i}
        {...step}
      />
      <h2 className="govuk-heading-m">Debrief</h2>
      {i.debriefHeldAt ? (
        <p className="govuk-body">
          Held {when(i.debriefHeldAt)}
          {i.debriefHeldById ? ` by ${names.get(i.debriefHeldById) ?? 'a colleague'}` : ''}.{i.debriefNotes ? ` ${i.debriefNotes}` : ''}
        </p>
      ) : (
        <p className="govuk-body">Not held yet.</p>
      )}
      <Debrief key={`debrief:${i.version}`} {...step} incident={i} />
    </>
  );
}

type Answers = Record<string, boolean | undefined>;
const answerKey = (staffUserId: string, item: WelfareCheckItem) => `${staffUserId}:${item}`;

/** The debrief form, at the version read: a change by someone else meanwhile is a CONFLICT. */
function Debrief({
  incident: i,
  errors,
  setErrors,
  onSaved,
}: {
  incident: IncidentRecord;
  errors: FormErrors;
  setErrors: (e: FormErrors) => void;
  onSaved: (text: string) => void;
}) {
  const [record] = useMutation(RecordIncidentDebriefDocument);
  const [heldAt, setHeldAt] = useState(i.debriefHeldAt ? toLocalInput(i.debriefHeldAt) : '');
  const [notes, setNotes] = useState(i.debriefNotes ?? '');
  const [answers, setAnswers] = useState<Answers>(() => Object.fromEntries((i.welfareChecks ?? []).map((c) => [answerKey(c.staffUserId, c.item), c.answer])));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!heldAt) return setErrors({ ...noErrors, fields: { heldAt: 'Enter when the debrief was held' } });
    const welfareChecks = Object.entries(answers).flatMap(([k, answer]) => {
      const [staffUserId, item] = k.split(':') as [string, WelfareCheckItem];
      return answer === undefined ? [] : [{ staffUserId, item, answer }];
    });
    try {
      await record({
        variables: { input: { incidentId: i.id, version: i.version, heldAt: new Date(heldAt).toISOString(), notes: notes.trim() || null, welfareChecks } },
      });
      onSaved('Debrief recorded');
    } catch (err) {
      setErrors(mutationErrors(err, 'Not saved. Try again.'));
    }
  }

  return (
    <>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field id="heldAt" label="When the debrief was held" hint="Date and time, not in the future" error={errors.fields.heldAt}>
          <input
            className="govuk-input govuk-input--width-20"
            id="heldAt"
            type="datetime-local"
            value={heldAt}
            onChange={(e) => setHeldAt(e.target.value)}
            aria-describedby={describedBy('heldAt', true, errors.fields.heldAt)}
          />
        </Field>
        <Field id="notes" label="Learning from the debrief (optional)" error={errors.fields.notes}>
          <textarea
            className="govuk-textarea"
            id="notes"
            rows={3}
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
            aria-describedby={describedBy('notes', false, errors.fields.notes)}
          />
        </Field>
        <h3 className="govuk-heading-s">Staff welfare checklist</h3>
        {i.staffInvolved.length === 0 && <p className="govuk-body">No staff are recorded as involved, so there is no one to check on.</p>}
        {i.staffInvolved.map((s) =>
          WELFARE.map(([item, question]) => {
            const key = answerKey(s.userId, item);
            const id = `welfare-${s.userId}-${item}`;
            return (
              <Fieldset key={key} id={id} legend={`${s.displayName}: ${question}`}>
                <div className="govuk-radios govuk-radios--small govuk-radios--inline">
                  {[true, false].map((yes) => (
                    <div key={String(yes)} className="govuk-radios__item">
                      <input
                        className="govuk-radios__input"
                        id={`${id}-${yes ? 'yes' : 'no'}`}
                        type="radio"
                        name={id}
                        checked={answers[key] === yes}
                        onChange={() => setAnswers({ ...answers, [key]: yes })}
                      />
                      <label className="govuk-label govuk-radios__label" htmlFor={`${id}-${yes ? 'yes' : 'no'}`}>
                        {yes ? 'Yes' : 'No'}
                      </label>
                    </div>
                  ))}
                </div>
              </Fieldset>
            );
          }),
        )}
        <button type="submit" className="govuk-button" id="record-debrief">
          Record the debrief
        </button>
      </form>
    </>
  );
}

/** An ISO moment as a datetime-local input's value, in local time. */
function toLocalInput(iso: string): string {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}
