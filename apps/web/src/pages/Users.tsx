import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import {
  describedBy,
  Done,
  ErrorSummary,
  Field,
  Fieldset,
  type FormErrors,
  mutationErrors,
  Pager,
  noErrors,
  onlyFields,
  Select,
  words,
} from '../components/forms';
import { AdminUsersDocument, DeactivateUserDocument, InviteChoicesDocument, InviteUserDocument, type MeQuery, type Role } from '../graphql/generated';
import { Loading } from './Home';

const ROLES: Role[] = ['STAFF', 'MANAGER', 'OUTREACH_WORKER', 'DPO', 'ADMIN', 'PARTNER'];

/** An administrator's users of their library service (deactivated ones too), paged: inviting one, deactivating one. */
export function Users({ me }: { me: MeQuery['me'] }) {
  const [after, setAfter] = useState<string | null>(null);
  const { data, error, refetch } = useQuery(AdminUsersDocument, { variables: { after } });
  const [deactivate] = useMutation(DeactivateUserDocument);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [done, setDone] = useState<string | null>(null);
  if (error) return <p className="govuk-body">The users could not be loaded. Reload the page to try again.</p>;
  if (!data) return <Loading />;
  const stop = async (id: string, version: number, name: string) => {
    try {
      await deactivate({ variables: { id, version } });
      setErrors(noErrors);
      setDone(`${name} can no longer sign in`);
    } catch (err) {
      setDone(null);
      setErrors(mutationErrors(err, 'Not saved. Try again.'));
      return;
    }
    await refetch();
  };
  return (
    <>
      <ErrorSummary errors={errors} labels={{}} onReload={() => (setErrors(noErrors), void refetch())} />
      {done && <Done message={done} />}
      <h1 className="govuk-heading-l">Users</h1>
      <p className="govuk-body">{data.users.totalCount} users, deactivated ones included.</p>
      <ul className="govuk-list govuk-list--spaced">
        {data.users.edges.map(({ node }) => (
          <li key={node.id} className="govuk-!-margin-bottom-4">
            <strong>{node.displayName}</strong>, {words(node.role)}
            {node.partnerOrganisation ? ` at ${node.partnerOrganisation.name}` : ''}
            {node.isActive === false && <strong className="govuk-tag govuk-tag--grey govuk-!-margin-left-2">Deactivated</strong>}
            {node.invitationPending && <strong className="govuk-tag govuk-tag--blue govuk-!-margin-left-2">Invited</strong>}
            <br />
            <span className="govuk-hint govuk-!-margin-bottom-0 app-break">
              {node.email}
              {node.branches.length ? `. ${node.branches.map((b) => b.name).join(', ')}` : ''}
            </span>
            {node.isActive && node.id !== me.id && (
              <button
                type="button"
                className="govuk-button govuk-button--warning govuk-!-margin-bottom-0 govuk-!-margin-top-2"
                onClick={() => void stop(node.id, node.version, node.displayName)}
              >
                Deactivate<span className="govuk-visually-hidden"> {node.displayName}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      <Pager pageInfo={data.users.pageInfo} after={after} onPage={setAfter} />
      <InviteUser
        onInvited={(name) => (setErrors(noErrors), setDone(`${name} invited: they are emailed a link to choose a password`), setAfter(null), void refetch())}
      />
    </>
  );
}

/** Invite a user: their name, email, role, and the branches (staff) or partner organisation (partner users). */
function InviteUser({ onInvited }: { onInvited: (name: string) => void }) {
  const { data: choices } = useQuery(InviteChoicesDocument);
  const empty = { displayName: '', email: '', role: '', partnerOrganisationId: '' };
  const [form, setForm] = useState(empty);
  const [branchIds, setBranchIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [invite, { loading }] = useMutation(InviteUserDocument);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const labels = { displayName: 'Name', email: 'Email address', role: 'Role', partnerOrganisationId: 'Partner organisation', branchIds: 'Branches' };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!form.displayName.trim()) missing.displayName = 'Enter the name colleagues will see';
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email.trim())) missing.email = 'Enter an email address, like name@example.org';
    if (!form.role) missing.role = 'Choose a role';
    if (form.role === 'PARTNER' && !form.partnerOrganisationId) missing.partnerOrganisationId = 'Choose the partner organisation';
    if (Object.keys(missing).length) return setErrors({ ...noErrors, fields: missing });
    try {
      await invite({
        variables: {
          input: {
            displayName: form.displayName.trim(),
            email: form.email.trim(),
            role: form.role as Role,
            ...(form.role === 'PARTNER' ? { partnerOrganisationId: form.partnerOrganisationId } : {}),
            ...(form.role !== 'PARTNER' && branchIds.length ? { branchIds } : {}),
          },
        },
      });
      setErrors(noErrors);
      setForm(empty);
      setBranchIds([]);
      onInvited(form.displayName.trim());
    } catch (err) {
      const found = mutationErrors(err, 'The invitation could not be sent. Try again.');
      // An email already in use answers CONFLICT: it belongs next to the email.
      setErrors(found.conflict ? { ...noErrors, fields: { email: found.form ?? 'Someone already uses this email address' } } : onlyFields(found, labels));
    }
  }

  return (
    <>
      <h2 className="govuk-heading-m">Invite a user</h2>
      <ErrorSummary errors={errors} labels={labels} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field id="displayName" label={labels.displayName} hint="The name colleagues see" error={errors.fields.displayName}>
          <input
            className={`govuk-input govuk-input--width-20${errors.fields.displayName ? ' govuk-input--error' : ''}`}
            id="displayName"
            autoComplete="off"
            value={form.displayName}
            onChange={set('displayName')}
            aria-describedby={describedBy('displayName', true, errors.fields.displayName)}
          />
        </Field>
        <Field id="email" label={labels.email} hint="They are emailed a link to choose a password" error={errors.fields.email}>
          <input
            className={`govuk-input${errors.fields.email ? ' govuk-input--error' : ''}`}
            id="email"
            type="email"
            autoComplete="off"
            spellCheck={false}
            value={form.email}
            onChange={set('email')}
            aria-describedby={describedBy('email', true, errors.fields.email)}
          />
        </Field>
        <Field id="role" label={labels.role} error={errors.fields.role}>
          <select
            className={`govuk-select${errors.fields.role ? ' govuk-select--error' : ''}`}
            id="role"
            value={form.role}
            onChange={set('role')}
            aria-describedby={describedBy('role', false, errors.fields.role)}
          >
            <option value="">Choose</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r === 'DPO' ? 'data protection officer' : words(r)}
              </option>
            ))}
          </select>
        </Field>
        {form.role === 'PARTNER' ? (
          <Select
            id="partnerOrganisationId"
            label={labels.partnerOrganisationId}
            value={form.partnerOrganisationId}
            onChange={(v) => setForm({ ...form, partnerOrganisationId: v })}
            options={choices?.partnerOrganisations.edges.map(({ node }) => node) ?? []}
            error={errors.fields.partnerOrganisationId}
          />
        ) : (
          <Fieldset id="branchIds" legend="Branches they work at (optional)" error={errors.fields.branchIds}>
            <div className="govuk-checkboxes govuk-checkboxes--small" id="branchIds">
              {choices?.branches.edges
                .filter(({ node }) => node.isActive)
                .map(({ node }) => (
                  <div key={node.id} className="govuk-checkboxes__item">
                    <input
                      className="govuk-checkboxes__input"
                      id={`branch-${node.id}`}
                      type="checkbox"
                      checked={branchIds.includes(node.id)}
                      onChange={(e) => setBranchIds(e.target.checked ? [...branchIds, node.id] : branchIds.filter((b) => b !== node.id))}
                    />
                    <label className="govuk-label govuk-checkboxes__label" htmlFor={`branch-${node.id}`}>
                      {node.name}
                    </label>
                  </div>
                ))}
            </div>
          </Fieldset>
        )}
        <button type="submit" className="govuk-button" disabled={loading}>
          Send invitation
        </button>
      </form>
    </>
  );
}
