import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { ErrorSummary, Field, type FormErrors, noErrors, Select, mutationErrors } from '../components/forms';
import {
  AcknowledgeAlarmDocument,
  ActiveAlarmsDocument,
  AlarmChangedDocument,
  AlarmRaisedDocument,
  type MeQuery,
  RaiseAlarmDocument,
  StandDownAlarmDocument,
} from '../graphql/generated';
import { usePath } from '../router';
import { setDraftIncident } from './RecordIncident';

const refused = (err: unknown) => mutationErrors(err, 'Not sent. Try again, or use the radio.');

/**
 * The codeword alarm: one press raises it for colleagues (and the police team named for the
 * branch); the open alarms show who has seen them; standing down opens the incident form filled in.
 */
export function Alarms({ me }: { me: MeQuery['me'] }) {
  const { go } = usePath();
  const [branchId, setBranchId] = useState(me.branches[0]?.id ?? '');
  const [codeword, setCodeword] = useState('');
  const [where, setWhere] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [raisedNow, setRaisedNow] = useState(false);
  const branchIds = me.branches.map((b) => b.id);
  const { data, refetch } = useQuery(ActiveAlarmsDocument, { variables: { branchIds: branchIds.length ? branchIds : null } });
  const [raise, { loading }] = useMutation(RaiseAlarmDocument);
  const [acknowledge] = useMutation(AcknowledgeAlarmDocument);
  const [standDown] = useMutation(StandDownAlarmDocument);
  // Live: an alarm raised or changed at one of these branches reloads the list (the event is read
  // through the API's rules, so only alarms this user may see arrive), and a new one is announced.
  const [heard, setHeard] = useState<string | null>(null);
  const watching = { variables: { branchIds }, skip: !branchIds.length };
  useSubscription(AlarmRaisedDocument, {
    ...watching,
    onData: ({ data: event }) => {
      setHeard(`New alarm at ${event.data?.alarmRaised.branch?.name ?? 'a branch'}`);
      void refetch();
    },
  });
  useSubscription(AlarmChangedDocument, { ...watching, onData: () => void refetch() });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!branchId) return setErrors({ ...noErrors, fields: { branchId: 'Choose the branch' } });
    try {
      await raise({ variables: { input: { branchId, codeword: codeword.trim() || null, locationInBuilding: where.trim() || null } } });
      setErrors(noErrors);
      setRaisedNow(true);
      await refetch();
    } catch (err) {
      setErrors(refused(err));
    }
  }

  async function act(run: () => Promise<unknown>) {
    try {
      await run();
      setErrors(noErrors);
    } catch (err) {
      setErrors(refused(err));
    }
    await refetch();
  }

  /** Stood down: the incident form opens with the alarm's branch, time and place (nothing is recorded until it is sent). */
  async function onStandDown(id: string, version: number) {
    try {
      const r = await standDown({ variables: { id, version } });
      const offered = r.data?.standDownAlarm.draftIncident;
      if (offered) {
        setDraftIncident(offered);
        return go('/incidents/new');
      }
      setErrors(noErrors);
    } catch (err) {
      setErrors(refused(err));
    }
    await refetch();
  }

  return (
    <>
      <ErrorSummary errors={errors} labels={{ branchId: 'Branch', codeword: 'Codeword', locationInBuilding: 'Where in the building' }} />
      <h1 className="govuk-heading-l">Alarm</h1>
      {raisedNow && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="raised-title">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="raised-title">
              Alarm raised
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">Colleagues at the branch have been alerted.</p>
          </div>
        </div>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate>
        {me.branches.length > 1 && (
          <Select id="branchId" label="Branch" value={branchId} onChange={setBranchId} options={me.branches} error={errors.fields.branchId} />
        )}
        <Field id="codeword" label="Codeword (optional)" error={errors.fields.codeword}>
          <input className="govuk-input govuk-input--width-20" id="codeword" maxLength={40} value={codeword} onChange={(e) => setCodeword(e.target.value)} />
        </Field>
        <Field id="locationInBuilding" label="Where in the building (optional)" error={errors.fields.locationInBuilding}>
          <input className="govuk-input" id="locationInBuilding" maxLength={200} value={where} onChange={(e) => setWhere(e.target.value)} />
        </Field>
        <button type="submit" className="govuk-button govuk-button--warning" disabled={loading}>
          Raise the alarm
        </button>
      </form>
      <h2 className="govuk-heading-m">Open alarms</h2>
      <p className="govuk-body" role="status">
        {heard}
      </p>
      {data && !data.alarms.totalCount && <p className="govuk-body">None.</p>}
      {data?.alarms.edges.map(({ node }) => (
        <div key={node.id} className="govuk-summary-card">
          <div className="govuk-summary-card__title-wrapper">
            <h3 className="govuk-summary-card__title">
              {node.branch?.name}
              {node.codeword ? `: ${node.codeword}` : ''}
            </h3>
          </div>
          <div className="govuk-summary-card__content">
            <p className="govuk-body">
              Raised {new Date(node.raisedAt).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}
              {node.locationInBuilding ? `, ${node.locationInBuilding}` : ''}. Seen by {node.timeline.filter((e) => e.kind === 'ACKNOWLEDGED').length}.
            </p>
            <div className="govuk-button-group">
              <button
                type="button"
                className="govuk-button govuk-button--secondary"
                onClick={() => void act(() => acknowledge({ variables: { id: node.id, version: node.version } }))}
              >
                I am on my way
              </button>
              <button type="button" className="govuk-button" onClick={() => void onStandDown(node.id, node.version)}>
                Stand down and record the incident
              </button>
            </div>
          </div>
        </div>
      ))}
    </>
  );
}
