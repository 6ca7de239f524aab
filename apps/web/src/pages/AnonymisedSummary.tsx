import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { useQuery } from '@apollo/client/react';
import { type FormEvent, useMemo, useState } from 'react';
import { ErrorSummary, Fieldset, type FormErrors, formErrors, noErrors, Scroll, Select } from '../components/forms';
import { AnonymisedSummaryDocument, type AnonymisedSummaryQuery, SummaryChoicesDocument } from '../graphql/generated';
import type { ApiError } from '../session';
import { Loading } from './Home';

/** Who a summary may go to: the community safety partnership or a council team that is a party (the API checks it too). */
const RECIPIENTS = ['COMMUNITY_SAFETY_PARTNERSHIP', 'COUNCIL_TEAM'];
const LABELS = { agreementId: 'Agreement', partnerOrganisationId: 'For', branchIds: 'Branches' };

/**
 * A manager's anonymised summary of the period's incidents for the partnership or council, under
 * an agreement in force with it: categories by branch, the small numbers suppressed by the API.
 */
export function AnonymisedSummary({ period }: { period: { from: string; to: string } }) {
  const { data: choices } = useQuery(SummaryChoicesDocument);
  const [form, setForm] = useState({ agreementId: '', partnerOrganisationId: '', branchIds: [] as string[] });
  const [asked, setAsked] = useState<typeof form | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const { data, loading, error } = useQuery(AnonymisedSummaryDocument, { variables: { input: { ...period, ...(asked ?? form) } }, skip: !asked });
  const shown = useMemo(
    () =>
      error ? formErrors(CombinedGraphQLErrors.is(error) ? (error.errors as ApiError[]) : [{ message: 'The summary could not be made. Try again.' }]) : errors,
    [error, errors],
  );

  const agreements = choices?.dataSharingAgreements.edges.map(({ node }) => node) ?? [];
  const chosen = agreements.find((a) => a.id === form.agreementId);
  const recipients = (chosen?.parties ?? [])
    .filter((p) => p.partnerOrganisationId && RECIPIENTS.includes(p.partnerOrganisation?.type ?? ''))
    .map((p) => ({ id: p.partnerOrganisationId as string, name: p.name }));
  const branches = choices?.branches.edges.map(({ node }) => node) ?? [];

  function make(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!form.agreementId) missing.agreementId = 'Choose the agreement the summary goes under';
    if (!form.partnerOrganisationId) missing.partnerOrganisationId = 'Choose who the summary is for';
    if (!form.branchIds.length) missing.branchIds = 'Choose at least one branch';
    if (Object.keys(missing).length) return (setAsked(null), setErrors({ ...noErrors, fields: missing }));
    setErrors(noErrors);
    setAsked({ ...form });
  }

  const summary = asked && !error ? data?.anonymisedIncidentSummary : undefined;
  return (
    <>
      <h2 className="govuk-heading-m">Anonymised summary for a partner</h2>
      <p className="govuk-body">
        Incidents of the period by kind and branch, for the community safety partnership or the council under an agreement in force with it. Small numbers are
        suppressed, and making the summary is recorded in the audit trail.
      </p>
      <ErrorSummary errors={shown} labels={LABELS} />
      <form onSubmit={make} noValidate>
        <Select
          id="agreementId"
          label={LABELS.agreementId}
          value={form.agreementId}
          onChange={(agreementId) => setForm({ ...form, agreementId, partnerOrganisationId: '' })}
          options={agreements.map((a) => ({ id: a.id, name: a.title }))}
          error={shown.fields.agreementId}
        />
        <Select
          id="partnerOrganisationId"
          label={LABELS.partnerOrganisationId}
          value={form.partnerOrganisationId}
          onChange={(partnerOrganisationId) => setForm({ ...form, partnerOrganisationId })}
          options={recipients}
          error={shown.fields.partnerOrganisationId}
        />
        <Fieldset id="branchIds" legend={LABELS.branchIds} error={shown.fields.branchIds}>
          <div className="govuk-checkboxes govuk-checkboxes--small">
            {branches.map((b) => (
              <div key={b.id} className="govuk-checkboxes__item">
                <input
                  className="govuk-checkboxes__input"
                  id={`summary-branch-${b.id}`}
                  type="checkbox"
                  checked={form.branchIds.includes(b.id)}
                  onChange={(e) => setForm({ ...form, branchIds: e.target.checked ? [...form.branchIds, b.id] : form.branchIds.filter((x) => x !== b.id) })}
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={`summary-branch-${b.id}`}>
                  {b.name}
                </label>
              </div>
            ))}
          </div>
        </Fieldset>
        <button type="submit" className="govuk-button govuk-button--secondary" disabled={loading}>
          Make the summary
        </button>
      </form>
      {loading && <Loading />}
      {summary && <SummaryTable summary={summary} />}
    </>
  );
}

function SummaryTable({ summary: s }: { summary: AnonymisedSummaryQuery['anonymisedIncidentSummary'] }) {
  return (
    <>
      <p className="govuk-body">{s.note}</p>
      <Scroll label="Anonymised summary">
        <table className="govuk-table govuk-table--small-text-until-tablet">
          <caption className="govuk-table__caption govuk-table__caption--s">Incidents by kind and branch ({s.total.display} in all)</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Kind
              </th>
              {s.branches.map((b) => (
                <th key={b.branchId} scope="col" className="govuk-table__header govuk-table__header--numeric">
                  {b.name}
                </th>
              ))}
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                All branches
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {s.rows.map((r) => (
              <tr key={r.category} className="govuk-table__row">
                <th scope="row" className="govuk-table__header">
                  {r.label}
                </th>
                {r.cells.map((c, i) => (
                  <td key={s.branches[i]?.branchId} className="govuk-table__cell govuk-table__cell--numeric">
                    {c.display}
                  </td>
                ))}
                <td className="govuk-table__cell govuk-table__cell--numeric">{r.total.display}</td>
              </tr>
            ))}
            <tr className="govuk-table__row">
              <th scope="row" className="govuk-table__header">
                All kinds
              </th>
              {s.branchTotals.map((c, i) => (
                <td key={s.branches[i]?.branchId} className="govuk-table__cell govuk-table__cell--numeric">
                  {c.display}
                </td>
              ))}
              <td className="govuk-table__cell govuk-table__cell--numeric">{s.total.display}</td>
            </tr>
          </tbody>
        </table>
      </Scroll>
    </>
  );
}
