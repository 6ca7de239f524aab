import { words } from '../components/forms';
import { useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { AuditChoicesDocument, type AuditEventFilterInput, AuditSearchDocument } from '../graphql/generated';
import { fetchWithToken, saveFile } from '../api';
import { Loading } from './Home';

/** The DPO's search of the audit trail, by person, user, partner organisation and dates, with the CSV export. */
export function AuditTrail() {
  const { data: choices } = useQuery(AuditChoicesDocument);
  const [form, setForm] = useState({ subjectId: '', actorId: '', partnerOrganisationId: '', from: '', to: '' });
  const [filter, setFilter] = useState<AuditEventFilterInput | null>(null);
  const [after, setAfter] = useState<string | null>(null);
  const { data } = useQuery(AuditSearchDocument, { variables: { filter, after }, skip: !filter });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  const search = (e: FormEvent) => {
    e.preventDefault();
    setAfter(null);
    setFilter({
      ...(form.subjectId.trim() ? { subjectId: form.subjectId.trim() } : {}),
      ...(form.actorId ? { actorId: form.actorId } : {}),
      ...(form.partnerOrganisationId ? { partnerOrganisationId: form.partnerOrganisationId } : {}),
      ...(form.from ? { from: new Date(`${form.from}T00:00:00`).toISOString() } : {}),
      ...(form.to ? { to: new Date(`${form.to}T23:59:59`).toISOString() } : {}),
    });
  };

  /** The export is a download that needs the token, so it is fetched here and saved from memory (no token in a URL). */
  const download = async () => {
    const params = new URLSearchParams(Object.entries(filter ?? {}).map(([k, v]) => [k, String(v)]));
    const file = await fetchWithToken(`/exports/audit-events.csv?${params}`);
    if (file) saveFile(file, 'audit-events.csv');
  };

  return (
    <>
      <h1 className="govuk-heading-l">Audit trail</h1>
      <form onSubmit={search} noValidate>
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="subjectId">
            Person (record id)
          </label>
          <div id="subjectId-hint" className="govuk-hint">
            The id from the person’s record: every record linked to them is searched
          </div>
          <input
            className="govuk-input govuk-input--width-30"
            id="subjectId"
            spellCheck={false}
            value={form.subjectId}
            onChange={set('subjectId')}
            aria-describedby="subjectId-hint"
          />
        </div>
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="actorId">
            User
          </label>
          <select className="govuk-select" id="actorId" value={form.actorId} onChange={set('actorId')}>
            <option value="">Anyone</option>
            {choices?.users.edges.map(({ node }) => (
              <option key={node.id} value={node.id}>
                {node.displayName}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="partnerOrganisationId">
            Partner organisation
          </label>
          <select className="govuk-select" id="partnerOrganisationId" value={form.partnerOrganisationId} onChange={set('partnerOrganisationId')}>
            <option value="">Any</option>
            {choices?.partnerOrganisations.edges.map(({ node }) => (
              <option key={node.id} value={node.id}>
                {node.name}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="from">
            From
          </label>
          <input className="govuk-input govuk-input--width-10" id="from" type="date" value={form.from} onChange={set('from')} />
        </div>
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="to">
            To
          </label>
          <input className="govuk-input govuk-input--width-10" id="to" type="date" value={form.to} onChange={set('to')} />
        </div>
        <button type="submit" className="govuk-button">
          Search
        </button>
      </form>
      {filter && !data && <Loading />}
      {data && (
        <>
          <p className="govuk-body">
            {data.auditEvents.totalCount} events.{' '}
            <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => void download()}>
              Download as CSV
            </button>
          </p>
          <table className="govuk-table">
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  When
                </th>
                <th scope="col" className="govuk-table__header">
                  Who
                </th>
                <th scope="col" className="govuk-table__header">
                  Did
                </th>
                <th scope="col" className="govuk-table__header">
                  Purpose
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {data.auditEvents.edges.map(({ node }) => (
                <tr key={node.id} className="govuk-table__row">
                  <td className="govuk-table__cell">{new Date(node.occurredAt).toLocaleString('en-GB')}</td>
                  <td className="govuk-table__cell">
                    {node.actor?.displayName ?? 'The system'}
                    {node.actor?.partnerOrganisationName ? ` (${node.actor.partnerOrganisationName})` : ''}
                  </td>
                  <td className="govuk-table__cell">
                    {words(node.action)} {node.entityType}
                  </td>
                  <td className="govuk-table__cell">{node.purpose}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.auditEvents.pageInfo.hasNextPage && (
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setAfter(data.auditEvents.pageInfo.endCursor ?? null)}>
              Next page
            </button>
          )}
        </>
      )}
    </>
  );
}
