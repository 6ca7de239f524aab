import { type ReactNode, useEffect, useRef } from 'react';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import type { ApiError } from '../session';

/** What a refused request means for a form: a message per field, and one for the whole form. */
export interface FormErrors {
  fields: Record<string, string>;
  form: string | null;
  conflict: boolean;
}

/** An enum value as words ("MENTAL_HEALTH" → "mental health"). */
export const words = (s: string) => s.toLowerCase().replace(/_/g, ' ');

/** A moment as staff read it ("3 Dec 2026, 14:05"). */
export const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** A person as a page may name them: their name, or the description recorded when it is unknown. */
export const personName = (p: { name?: string | null; description?: string | null } | null | undefined) => p?.name ?? p?.description ?? 'Person';

/** A date (YYYY-MM-DD) in words: "3 December 2026". */
export const day = (d: string) => new Date(`${d}T12:00:00`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

/** A record id as the API makes them (a UUID). */
export const isRecordId = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** What a failed mutation means for the form: the API's errors, or `otherwise` when it never answered. */
export const mutationErrors = (err: unknown, otherwise: string): FormErrors =>
  formErrors(CombinedGraphQLErrors.is(err) ? (err.errors as ApiError[]) : [{ message: otherwise }]);

/**
 * A CONFLICT that is no stale version (a name already used, already on hold, already archived):
 * the API's own words say what clashed; only a stale version is "someone else changed it".
 */
export const isClash = (err: unknown) =>
  CombinedGraphQLErrors.is(err) && err.errors.some((e) => e.extensions?.code === 'CONFLICT' && e.extensions.currentVersion === undefined);

/**
 * A refusal naming one of this form's fields in `extensions.field` (a rule of the service, such as
 * the audit trail's floor, rather than a `problems` list) moved next to that field.
 */
export function besideField(err: unknown, errors: FormErrors, labels: Record<string, string>): FormErrors {
  const named = CombinedGraphQLErrors.is(err)
    ? err.errors.find((e) => typeof e.extensions?.field === 'string' && (e.extensions.field as string) in labels)
    : undefined;
  if (!named) return errors;
  const message = named.message.charAt(0).toUpperCase() + named.message.slice(1);
  return { ...errors, fields: { ...errors.fields, [named.extensions!.field as string]: message }, form: errors.form === named.message ? null : errors.form };
}

export const noErrors: FormErrors = { fields: {}, form: null, conflict: false };

/**
 * The API's errors as the form shows them: `extensions.problems` name the fields; a stale version
 * (a CONFLICT that gives the record's `currentVersion`) offers a reload, and any other CONFLICT is
 * told in the API's words.
 */
export function formErrors(errors: readonly ApiError[] | undefined): FormErrors {
  if (!errors?.length) return noErrors;
  const fields: Record<string, string> = {};
  let form: string | null = null;
  let conflict = false;
  for (const e of errors) {
    const problems = e.extensions?.problems ?? [];
    for (const p of problems) {
      // Validation gives "field message" strings; a referral that cannot be sent gives { field, message }.
      const [, field, rest] = typeof p === 'string' ? (/^([\w.]+):? (.*)$/.exec(p) ?? []) : [null, p.field, p.message];
      if (field && rest) fields[field] ??= rest.charAt(0).toUpperCase() + rest.slice(1);
    }
    if (e.extensions?.code === 'CONFLICT' && e.extensions.currentVersion !== undefined) conflict = true;
    if (!problems.length) form ??= e.message;
  }
  return { fields, form, conflict };
}

/**
 * GOV.UK's error summary: focused when it appears, each message a link to its field. Given
 * `onReload`, a CONFLICT offers to load the record again (with the other person's change).
 */
export function ErrorSummary({ errors, labels, onReload }: { errors: FormErrors; labels: Record<string, string>; onReload?: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors.fields);
  const shown = entries.length > 0 || errors.form !== null;
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [errors, shown]);
  if (!shown) return null;
  return (
    <div className="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.form && (
              <li>
                {errors.conflict ? 'Someone else changed this record since you opened it. Reload it to see their change, then make yours again.' : errors.form}
              </li>
            )}
            {entries.map(([field, message]) => (
              <li key={field}>
                <a href={`#${field}`}>{labels[field] ? `${labels[field]}: ${message}` : message}</a>
              </li>
            ))}
          </ul>
          {errors.conflict && onReload && (
            <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={onReload}>
              Reload the record
            </button>
          )}
        </div>
      </div>
    </div>
  );
}

/** GOV.UK's success banner headed "Saved", after a change is saved (nothing when there is no text). */
export const SavedBanner = ({ text }: { text: string | null }) => (text ? <Done title="Saved" message={text} /> : null);

/** The next page of a list, by the API's cursor; and back to the first once past it. `of` names the list where a page has two. */
export function Pager({
  pageInfo,
  after,
  onPage,
  of,
}: {
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  after: string | null;
  onPage: (after: string | null) => void;
  of?: string;
}) {
  if (!pageInfo.hasNextPage && !after) return null;
  return (
    <div className="govuk-button-group">
      {after && (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => onPage(null)}>
          First page{of && <span className="govuk-visually-hidden"> of {of}</span>}
        </button>
      )}
      {pageInfo.hasNextPage && (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => onPage(pageInfo.endCursor ?? null)}>
          Next page{of && <span className="govuk-visually-hidden"> of {of}</span>}
        </button>
      )}
    </div>
  );
}

export function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      )}
      {error && (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      {children}
    </div>
  );
}

/** aria-describedby for a field's hint and error. */
export const describedBy = (id: string, hint: boolean, error?: string) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** A group of checkboxes or radios under one legend, with its error (GOV.UK's fieldset). */
export function Fieldset({ id, legend, error, children }: { id: string; legend: string; error?: string; children: ReactNode }) {
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={error ? `${id}-error` : undefined}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        {error && (
          <p id={`${id}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        )}
        {children}
      </fieldset>
    </div>
  );
}

/** A labelled select of records by id, "Choose" first. */
export function Select({
  id,
  label,
  value,
  onChange,
  options,
  error,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { id: string; name: string }[];
  error?: string;
}) {
  return (
    <Field id={id} label={label} error={error}>
      <select className="govuk-select" id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy(id, false, error)}>
        <option value="">Choose</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** GOV.UK's success banner, after something was saved (a status: read out without moving focus). */
export function Done({ message, title = 'Done' }: { message: string; title?: string }) {
  return (
    <div className="govuk-notification-banner govuk-notification-banner--success" role="status" aria-labelledby="done-title">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="done-title">
          {title}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{message}</p>
      </div>
    </div>
  );
}

/** GOV.UK's warning before an action that cannot simply be undone: what it does, then yes or cancel. */
export function Confirm({ warning, yes, onYes, onCancel, busy }: { warning: string; yes: string; onYes: () => void; onCancel: () => void; busy?: boolean }) {
  return (
    <div className="govuk-warning-text">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <div className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        <p className="govuk-body govuk-!-font-weight-bold">{warning}</p>
        <div className="govuk-button-group">
          <button type="button" className="govuk-button govuk-button--warning" disabled={busy} onClick={onYes}>
            {yes}
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}

/** GOV.UK's details: a summary line that opens what is behind it (a form kept out of the way until asked for). */
export function Disclosure({ summary, children }: { summary: ReactNode; children: ReactNode }) {
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">{summary}</span>
      </summary>
      <div className="govuk-details__text">{children}</div>
    </details>
  );
}

/** A form's buttons: save (off while it is sending) and, where the form can be left, Cancel. */
export function SaveOrCancel({ save, busy, onCancel }: { save: ReactNode; busy?: boolean; onCancel?: () => void }) {
  return (
    <div className="govuk-button-group">
      <button type="submit" className="govuk-button" disabled={busy}>
        {save}
      </button>
      {onCancel && (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}

/** One row of GOV.UK's summary list (a term and what it is). */
export const SummaryRow = ({ term, children }: { term: string; children: ReactNode }) => (
  <div className="govuk-summary-list__row">
    <dt className="govuk-summary-list__key">{term}</dt>
    <dd className="govuk-summary-list__value">{children}</dd>
  </div>
);

/**
 * The API's field errors kept for the fields this form has; the rest (sentences about the whole
 * decision) go to the form's message, so no error links to a field that is not there.
 */
export function onlyFields(errors: FormErrors, labels: Record<string, string>): FormErrors {
  const fields = Object.fromEntries(Object.entries(errors.fields).filter(([k]) => k in labels));
  const other = Object.entries(errors.fields)
    .filter(([k]) => !(k in labels))
    .map(([k, v]) => `${k} ${v.charAt(0).toLowerCase()}${v.slice(1)}`);
  return { ...errors, fields, form: [errors.form, ...other].filter(Boolean).join('. ') || null };
}

/** A table wider than a phone scrolls inside its own region (reachable by keyboard), not the page. */
export const Scroll = ({ label, children }: { label: string; children: ReactNode }) => (
  <div className="app-scroll" role="region" aria-label={label} tabIndex={0}>
    {children}
  </div>
);

/** The API's field names as this form's ids (where two forms share a page, one prefixes its ids). */
export const renamed = (errors: FormErrors, id: (field: string) => string): FormErrors => ({
  ...errors,
  fields: Object.fromEntries(Object.entries(errors.fields).map(([k, v]) => [id(k), v])),
});

/** A labelled text input (or date, email, phone) with its hint and error. */
export function TextInput({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  type = 'text',
  width,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'tel' | 'url' | 'date' | 'datetime-local';
  width?: 10 | 20;
}) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <input
        className={`govuk-input${width ? ` govuk-input--width-${width}` : ''}${error ? ' govuk-input--error' : ''}`}
        id={id}
        type={type}
        autoComplete="off"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy(id, Boolean(hint), error)}
      />
    </Field>
  );
}

/**
 * A form's errors on a page that holds several forms: the API's field `f` is this form's field
 * with id `${prefix}-${f}`, so no two forms' fields share an id or an error.
 */
export const underIds = (errors: FormErrors, prefix: string): FormErrors => renamed(errors, (field) => `${prefix}-${field}`);

/** Whether the API refused this user the change (FORBIDDEN), for a page that then says why in its own words. */
export const isForbidden = (err: unknown) => CombinedGraphQLErrors.is(err) && (err.errors as ApiError[]).some((e) => e.extensions?.code === 'FORBIDDEN');
