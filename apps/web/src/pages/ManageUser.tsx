import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import {
  Confirm,
  ErrorSummary,
  Field,
  Fieldset,
  describedBy,
  type FormErrors,
  mutationErrors,
  noErrors,
  onlyFields,
  Select,
  SummaryRow,
} from '../components/forms';
import {
  type AdminUserFieldsFragment,
  ChangeUserRoleDocument,
  DeactivateUserDocument,
  InviteChoicesDocument,
  ReactivateUserDocument,
  ResendInvitationDocument,
  ResetTwoFactorDocument,
  type Role,
  SetUserBranchesDocument,
} from '../graphql/generated';

export const ROLES: Role[] = ['STAFF', 'MANAGER', 'OUTREACH_WORKER', 'DPO', 'ADMIN', 'PARTNER'];

/** A role in words ("OUTREACH_WORKER" → "outreach worker"; DPO spelt out). */
export const roleName = (r: Role) => (r === 'DPO' ? 'data protection officer' : r.toLowerCase().replace(/_/g, ' '));

type User = AdminUserFieldsFragment;
const labels = { role: 'Role', partnerOrganisationId: 'Partner organisation', branchIds: 'Branches' };

/** The branches a user works at, as checkboxes of the open branches (and any closed one they still have). */
export function BranchChoices({
  branches,
  value,
  onChange,
  legend,
  error,
}: {
  branches: { id: string; name: string; isActive: boolean }[];
  value: string[];
  onChange: (ids: string[]) => void;
  legend: string;
  error?: string;
}) {
  return (
    <Fieldset id="branchIds" legend={legend} error={error}>
      <div className="govuk-checkboxes govuk-checkboxes--small" id="branchIds">
        {branches
          .filter((b) => b.isActive || value.includes(b.id))
          .map((b) => (
            <div key={b.id} className="govuk-checkboxes__item">
              <input
                className="govuk-checkboxes__input"
                id={`branch-${b.id}`}
                type="checkbox"
                checked={value.includes(b.id)}
                onChange={(e) => onChange(e.target.checked ? [...value, b.id] : value.filter((id) => id !== b.id))}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor={`branch-${b.id}`}>
                {b.name}
              </label>
            </div>
          ))}
      </div>
    </Fieldset>
  );
}

/**
 * One user, for an administrator: their role and branches, and their sign-in (the invitation again,
 * the second factor reset, deactivated or reactivated). The actions that lock someone out ask first.
 * Every change is made at the version read; a stale one offers the reload.
 */
export function ManageUser({
  user,
  isMe,
  onDone,
  onBack,
  onReload,
}: {
  user: User;
  isMe: boolean;
  /** What was saved (null once something fails): the page shows it, as this form starts again from the saved user. */
  onDone: (message: string | null) => void;
  onBack: () => void;
  onReload: () => void;
}) {
  const { data: choices } = useQuery(InviteChoicesDocument);
  const [role, setRole] = useState<{ role: Role; partnerOrganisationId: string }>({
    role: user.role,
    partnerOrganisationId: user.partnerOrganisation?.id ?? '',
  });
  const [branchIds, setBranchIds] = useState(user.branches.map((b) => b.id));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [confirming, setConfirming] = useState<'deactivate' | 'resetTwoFactor' | null>(null);
  const [changeRole] = useMutation(ChangeUserRoleDocument);
  const [setBranches] = useMutation(SetUserBranchesDocument);
  const [deactivate] = useMutation(DeactivateUserDocument);
  const [reactivate] = useMutation(ReactivateUserDocument);
  const [resend] = useMutation(ResendInvitationDocument);
  const [resetTwoFactor] = useMutation(ResetTwoFactorDocument);
  const [busy, setBusy] = useState(false);
  const { id, version, displayName: name } = user;

  /** Runs one change; the mutation's answer (the user) updates the cache, so the page shows it at once. */
  async function act(run: () => Promise<unknown>, message: string) {
    setBusy(true);
    try {
      await run();
      setErrors(noErrors);
      onDone(message);
    } catch (err) {
      onDone(null);
      setErrors(onlyFields(mutationErrors(err, 'Not saved. Try again.'), labels));
    }
    setBusy(false);
    setConfirming(null);
  }

  function submitRole(e: FormEvent) {
    e.preventDefault();
    if (role.role === 'PARTNER' && !role.partnerOrganisationId)
      return setErrors({ ...noErrors, fields: { partnerOrganisationId: 'Choose the partner organisation' } });
    const input = { id, version, role: role.role, ...(role.role === 'PARTNER' ? { partnerOrganisationId: role.partnerOrganisationId } : {}) };
    void act(() => changeRole({ variables: { input } }), `${name} is now ${roleName(role.role)}: they sign in again to continue`);
  }

  function submitBranches(e: FormEvent) {
    e.preventDefault();
    void act(() => setBranches({ variables: { input: { id, version, branchIds } } }), `${name}’s branches saved`);
  }

  const status = !user.isActive ? 'Deactivated: cannot sign in' : user.invitationPending ? 'Invited, not yet signed up' : 'Active';
  return (
    <>
      <ErrorSummary errors={errors} labels={labels} onReload={() => (setErrors(noErrors), onReload())} />
      <h1 className="govuk-heading-l">{name}</h1>
      <dl className="govuk-summary-list">
        <SummaryRow term="Email address">
          <span className="app-break">{user.email}</span>
        </SummaryRow>
        <SummaryRow term="Role">
          {roleName(user.role)}
          {user.partnerOrganisation ? ` at ${user.partnerOrganisation.name}` : ''}
        </SummaryRow>
        {user.role !== 'PARTNER' && <SummaryRow term="Branches">{user.branches.map((b) => b.name).join(', ') || 'None'}</SummaryRow>}
        <SummaryRow term="Signing in">{status}</SummaryRow>
        <SummaryRow term="Second factor">{user.twoFactorEnabled ? 'Authenticator app set up' : 'Not set up'}</SummaryRow>
      </dl>

      {isMe ? (
        <p className="govuk-body">You cannot change your own role or account; ask another administrator.</p>
      ) : (
        <>
          <h2 className="govuk-heading-m">Role</h2>
          <form onSubmit={submitRole} noValidate>
            <Field id="role" label={labels.role} hint="They are signed out, and sign in again as their new role" error={errors.fields.role}>
              <select
                className={`govuk-select${errors.fields.role ? ' govuk-select--error' : ''}`}
                id="role"
                value={role.role}
                onChange={(e) => setRole({ ...role, role: e.target.value as Role })}
                aria-describedby={describedBy('role', true, errors.fields.role)}
              >
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {roleName(r)}
                  </option>
                ))}
              </select>
            </Field>
            {role.role === 'PARTNER' && (
              <Select
                id="partnerOrganisationId"
                label={labels.partnerOrganisationId}
                value={role.partnerOrganisationId}
                onChange={(v) => setRole({ ...role, partnerOrganisationId: v })}
                options={choices?.partnerOrganisations.edges.map(({ node }) => node) ?? []}
                error={errors.fields.partnerOrganisationId}
              />
            )}
            <button type="submit" className="govuk-button" disabled={busy}>
              Change role
            </button>
          </form>
        </>
      )}

      {user.role !== 'PARTNER' && (
        <>
          <h2 className="govuk-heading-m">Branches</h2>
          <form onSubmit={submitBranches} noValidate>
            <BranchChoices
              branches={choices?.branches.edges.map(({ node }) => node) ?? []}
              value={branchIds}
              onChange={setBranchIds}
              legend="Branches they work at"
              error={errors.fields.branchIds}
            />
            <button type="submit" className="govuk-button" disabled={busy}>
              Save branches
            </button>
          </form>
        </>
      )}

      {!isMe && (
        <>
          <h2 className="govuk-heading-m">Signing in</h2>
          <div className="govuk-button-group">
            {user.isActive && user.invitationPending && (
              <button
                type="button"
                className="govuk-button govuk-button--secondary"
                disabled={busy}
                onClick={() => void act(() => resend({ variables: { id, version } }), `${name} is emailed a new invitation: the earlier link no longer works`)}
              >
                Send the invitation again
              </button>
            )}
            {user.twoFactorEnabled && (
              <button
                type="button"
                className="govuk-button govuk-button--secondary"
                disabled={busy}
                onClick={() => (onDone(null), setConfirming('resetTwoFactor'))}
              >
                Reset second factor
              </button>
            )}
            {user.isActive ? (
              <button type="button" className="govuk-button govuk-button--warning" disabled={busy} onClick={() => (onDone(null), setConfirming('deactivate'))}>
                Deactivate
              </button>
            ) : (
              <button
                type="button"
                className="govuk-button"
                disabled={busy}
                onClick={() => void act(() => reactivate({ variables: { id, version } }), `${name} can sign in again`)}
              >
                Reactivate
              </button>
            )}
          </div>
          {confirming === 'resetTwoFactor' && (
            <Confirm
              warning={`Reset ${name}’s second factor? They are signed out, and set up their authenticator app again when they next sign in.`}
              yes="Yes, reset the second factor"
              busy={busy}
              onYes={() =>
                void act(() => resetTwoFactor({ variables: { id, version } }), `${name}’s second factor was reset: they set it up again at their next sign-in`)
              }
              onCancel={() => setConfirming(null)}
            />
          )}
          {confirming === 'deactivate' && (
            <Confirm
              warning={`Deactivate ${name}? They are signed out at once and cannot sign in until an administrator reactivates them.`}
              yes={`Yes, deactivate ${name}`}
              busy={busy}
              onYes={() => void act(() => deactivate({ variables: { id, version } }), `${name} can no longer sign in`)}
              onCancel={() => setConfirming(null)}
            />
          )}
        </>
      )}
      <p className="govuk-body">
        <button type="button" className="app-link-button govuk-link" onClick={onBack}>
          Back to users
        </button>
      </p>
    </>
  );
}
