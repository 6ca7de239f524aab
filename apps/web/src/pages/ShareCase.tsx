import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { describedBy, Done, ErrorSummary, Field, Fieldset, type FormErrors, mutationErrors, noErrors, Select, SummaryRow } from '../components/forms';
import { type DataCategory, EndCaseShareDocument, ShareCaseDocument, ShareChoicesDocument } from '../graphql/generated';
import { Link } from '../router';
import { CATEGORY_WORDS } from './Agreements';
import { Loading } from './Home';

/**
 * Share a case with a partner under an active agreement, by category: only the agreement's categories
 * can be chosen (identity always goes). The case's shares are listed, and a live one can be ended.
 * At /cases/<id>/share, apart from the case pages, which link here by address.
 */
export function ShareCase({ caseId }: { caseId: string }) {
  const { data, error, refetch } = useQuery(ShareChoicesDocument, { variables: { caseId } });
  const [share, { loading }] = useMutation(ShareCaseDocument);
  const [end] = useMutation(EndCaseShareDocument);
  const [form, setForm] = useState({ agreementId: '', partnerOrganisationId: '', categories: [] as DataCategory[], reason: '' });
  const [endReasons, setEndReasons] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [done, setDone] = useState<string | null>(null);
  if (error)
    return (
      <>
        <h1 className="govuk-heading-l">Page not found</h1>
        <p className="govuk-body">This case does not exist or you may not see it.</p>
      </>
    );
  if (!data) return <Loading />;
  const c = data.case;
  const agreements = data.dataSharingAgreements.edges.map((e) => e.node);
  const agreement = agreements.find((a) => a.id === form.agreementId);
  const recipients = (agreement?.parties ?? []).flatMap((p) => (p.partnerOrganisationId ? [{ id: p.partnerOrganisationId, name: p.name }] : []));
  const choosable = (agreement?.categories ?? []).filter((k) => k !== 'IDENTITY');
  const recipient = recipients.length === 1 ? recipients[0].id : form.partnerOrganisationId;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!form.agreementId) missing.agreementId = 'Choose the agreement you share under';
    else if (!recipient) missing.partnerOrganisationId = 'Choose who to share with';
    if (!form.reason.trim()) missing.reason = 'Say why you are sharing this case';
    if (Object.keys(missing).length) return setErrors({ ...noErrors, fields: missing });
    try {
      await share({
        variables: {
          input: {
            caseId,
            agreementId: form.agreementId,
            partnerOrganisationId: recipient,
            categories: ['IDENTITY', ...form.categories],
            reason: form.reason.trim(),
          },
        },
      });
      setErrors(noErrors);
      setDone('Case shared');
      setForm({ agreementId: '', partnerOrganisationId: '', categories: [], reason: '' });
    } catch (err) {
      setErrors(mutationErrors(err, 'The case could not be shared. Try again.'));
    }
    await refetch();
  }

  async function endShare(id: string, version: number) {
    const reason = endReasons[id]?.trim();
    if (!reason) return setErrors({ ...noErrors, fields: { [`end-${id}`]: 'Say why the share ends' } });
    try {
      await end({ variables: { id, version, reason } });
      setErrors(noErrors);
      setDone('Share ended');
    } catch (err) {
      setErrors(mutationErrors(err, 'The share could not be ended. Try again.'));
    }
    await refetch();
  }

  const labels = { agreementId: 'Agreement', partnerOrganisationId: 'Share with', categories: 'What to share', reason: 'Why you are sharing' };
  const shares = data.caseShares.edges.map((e) => e.node);
  return (
    <>
      <ErrorSummary errors={errors} labels={{ ...labels, ...Object.fromEntries(shares.map((s) => [`end-${s.id}`, 'Why the share ends'])) }} />
      {done && <Done message={done} />}
      <span className="govuk-caption-l">Case</span>
      <h1 className="govuk-heading-l">Share with a partner</h1>
      <dl className="govuk-summary-list">
        <SummaryRow term="Case">{c.title}</SummaryRow>
        <SummaryRow term="About">{c.subject?.name ?? c.subject?.description ?? 'A person you may not see'}</SummaryRow>
        <SummaryRow term="Subject reference">{c.subjectId}</SummaryRow>
      </dl>

      <h2 className="govuk-heading-m">Shares of this case ({data.caseShares.totalCount})</h2>
      {shares.length === 0 && <p className="govuk-body">This case is not shared.</p>}
      {shares.map((s) => (
        <div key={s.id} className="govuk-summary-card">
          <div className="govuk-summary-card__title-wrapper">
            <h3 className="govuk-summary-card__title">
              {s.partnerOrganisation?.name ?? s.recipientName ?? 'A recipient'}: {s.isLive ? 'live' : s.revokedAt ? 'ended' : 'not live'}
            </h3>
          </div>
          <div className="govuk-summary-card__content">
            <dl className="govuk-summary-list">
              <SummaryRow term="Under">{s.agreement?.title ?? 'An agreement'}</SummaryRow>
              <SummaryRow term="Categories">{s.categories.map((k) => CATEGORY_WORDS[k]).join(', ')}</SummaryRow>
              <SummaryRow term="From">{new Date(s.startsAt).toLocaleDateString('en-GB')}</SummaryRow>
            </dl>
            {!s.revokedAt && (
              <>
                <Field id={`end-${s.id}`} label="Why the share ends" error={errors.fields[`end-${s.id}`]}>
                  <input
                    className={`govuk-input${errors.fields[`end-${s.id}`] ? ' govuk-input--error' : ''}`}
                    id={`end-${s.id}`}
                    value={endReasons[s.id] ?? ''}
                    onChange={(e) => setEndReasons({ ...endReasons, [s.id]: e.target.value })}
                    aria-describedby={describedBy(`end-${s.id}`, false, errors.fields[`end-${s.id}`])}
                  />
                </Field>
                <button type="button" className="govuk-button govuk-button--warning" onClick={() => void endShare(s.id, s.version)}>
                  End this share<span className="govuk-visually-hidden"> with {s.partnerOrganisation?.name ?? s.recipientName}</span>
                </button>
              </>
            )}
          </div>
        </div>
      ))}

      <h2 className="govuk-heading-m">Share this case</h2>
      {agreements.length === 0 ? (
        <p className="govuk-body">There is no active agreement to share under.</p>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Select
            id="agreementId"
            label={labels.agreementId}
            value={form.agreementId}
            onChange={(agreementId) => setForm({ ...form, agreementId, partnerOrganisationId: '', categories: [] })}
            options={agreements.map((a) => ({ id: a.id, name: a.title }))}
            error={errors.fields.agreementId}
          />
          {agreement && (
            <>
              <p className="govuk-body">It covers: {agreement.categories.map((k) => CATEGORY_WORDS[k]).join(', ')}.</p>
              {recipients.length === 1 ? (
                <p className="govuk-body">Shared with {recipients[0].name}.</p>
              ) : (
                <Select
                  id="partnerOrganisationId"
                  label={labels.partnerOrganisationId}
                  value={form.partnerOrganisationId}
                  onChange={(partnerOrganisationId) => setForm({ ...form, partnerOrganisationId })}
                  options={recipients}
                  error={errors.fields.partnerOrganisationId}
                />
              )}
              <Fieldset id="categories" legend={`${labels.categories} (identity is always shared)`} error={errors.fields.categories}>
                <div className="govuk-checkboxes govuk-checkboxes--small" id="categories">
                  {choosable.map((k) => (
                    <div key={k} className="govuk-checkboxes__item">
                      <input
                        className="govuk-checkboxes__input"
                        id={`category-${k}`}
                        type="checkbox"
                        checked={form.categories.includes(k)}
                        onChange={(e) => setForm({ ...form, categories: e.target.checked ? [...form.categories, k] : form.categories.filter((x) => x !== k) })}
                      />
                      <label className="govuk-label govuk-checkboxes__label" htmlFor={`category-${k}`}>
                        {CATEGORY_WORDS[k]}
                      </label>
                    </div>
                  ))}
                </div>
              </Fieldset>
            </>
          )}
          <Field id="reason" label={labels.reason} error={errors.fields.reason}>
            <textarea
              className={`govuk-textarea${errors.fields.reason ? ' govuk-textarea--error' : ''}`}
              id="reason"
              rows={3}
              value={form.reason}
              onChange={(e) => setForm({ ...form, reason: e.target.value })}
              aria-describedby={describedBy('reason', false, errors.fields.reason)}
            />
          </Field>
          <button type="submit" className="govuk-button" disabled={loading}>
            Share case
          </button>
        </form>
      )}
      <p className="govuk-body">
        <Link to={`/cases/${caseId}`}>Back to the case</Link>
      </p>
    </>
  );
}
