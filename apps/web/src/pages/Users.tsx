import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { describedBy, Done, ErrorSummary, Field, type FormErrors, mutationErrors, Pager, noErrors, onlyFields, Select } from '../components/forms';
import { AdminUsersDocument, InviteChoicesDocument, InviteUserDocument, type MeQuery, type Role } from '../graphql/generated';
import { Loading } from './Home';
import { BranchChoices, ManageUser, roleName, ROLES } from './ManageUser';

/** An administrator's users of their library service (deactivated ones too), paged: inviting one, managing one. */
export function Users({ me }: { me: MeQuery['me'] }) {
  const [after, setAfter] = useState<string | null>(null);
  const { data, error, refetch } = useQuery(AdminUsersDocument, { variables: { after } });
  const [done, setDone] = useState<string | null>(null);
  const [managing, setManagingNow] = useState<string | null>(null);
  // The list and a user's view replace each other, as pages do: each starts at the top.
  const setManaging = (id: string | null) => (setManagingNow(id), scrollTo(0, 0));
  if (error) return <p className="govuk-body">The users could not be loaded. Reload the page to try again.</p>;
  if (!data) return <Loading />;
  const managed = data.users.edges.find(({ node }) => node.id === managing)?.node;
  if (managed) {
    return (
      <>
        {done && <Done message={done} />}
        {/* Keyed by version: after a change or a reload, the forms start again from the user as saved. */}
        <ManageUser
          key={`${managed.id}-${managed.version}`}
          user={managed}
          isMe={managed.id === me.id}
          onDone={setDone}
          onBack={() => (setDone(null), setManaging(null))}
          onReload={() => void refetch()}
        />
      </>
    );
  }
  return (
    <>
      {done && <Done message={done} />}
      <h1 className="govuk-heading-l">Users</h1>
      <p className="govuk-body">{data.users.totalCount} users, deactivated ones included.</p>
      <ul className="govuk-list govuk-list--spaced">
        {data.users.edges.map(({ node }) => (
          <li key={node.id} className="govuk-!-margin-bottom-4">
            <strong>{node.displayName}</strong>, {roleName(node.role)}
            {node.partnerOrganisation ? ` at ${node.partnerOrganisation.name}` : ''}
            {node.isActive === false && <strong className="govuk-tag govuk-tag--grey govuk-!-margin-left-2">Deactivated</strong>}
            {node.invitationPending && <strong className="govuk-tag govuk-tag--blue govuk-!-margin-left-2">Invited</strong>}
            <br />
            <span className="govuk-hint govuk-!-margin-bottom-0 app-break">
              {node.email}
              {node.branches.length ? `. ${node.branches.map((b) => b.name).join(', ')}` : ''}
            </span>
            <br />
            <button type="button" className="app-link-button govuk-link" onClick={() => (setDone(null), setManaging(node.id))}>
              Manage<span className="govuk-visually-hidden"> {node.displayName}</span>
            </button>
          </li>
        ))}
      </ul>
      <Pager pageInfo={data.users.pageInfo} after={after} onPage={setAfter} />
      <InviteUser onInvited={(name) => (setDone(`${name} invited: they are emailed a link to choose a password`), setAfter(null), void refetch())} />
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
                {roleName(r)}
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
          <BranchChoices
            branches={choices?.branches.edges.map(({ node }) => node) ?? []}
            value={branchIds}
            onChange={setBranchIds}
            legend="Branches they work at (optional)"
            error={errors.fields.branchIds}
          />
        )}
        <button type="submit" className="govuk-button" disabled={loading}>
          Send invitation
        </button>
      </form>
    </>
  );
}
