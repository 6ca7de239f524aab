import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import {
  Confirm,
  describedBy,
  Done,
  ErrorSummary,
  Field,
  type FormErrors,
  isClash,
  mutationErrors,
  Pager,
  noErrors,
  onlyFields,
  SaveOrCancel,
} from '../components/forms';
import {
  type BranchFieldsFragment,
  BranchesDocument,
  CloseBranchDocument,
  CreateBranchDocument,
  ReopenBranchDocument,
  UpdateBranchDocument,
} from '../graphql/generated';
import { Loading } from './Home';

type Branch = BranchFieldsFragment;
const labels = { name: 'Name', address: 'Address (optional)' };

/**
 * What a refused branch form means: a name already used answers CONFLICT too, and belongs next to
 * the name; only a stale version is "someone else changed it".
 */
const branchErrors = (err: unknown, otherwise: string): FormErrors => {
  const found = mutationErrors(err, otherwise);
  if (isClash(err)) return { ...noErrors, fields: { name: found.form ?? 'A branch of your library service already has this name' } };
  return onlyFields(found, labels);
};

/** An administrator's branches of their library service (closed ones too), paged: adding, changing, closing and reopening one. */
export function Branches() {
  const [after, setAfter] = useState<string | null>(null);
  const { data, error, refetch } = useQuery(BranchesDocument, { variables: { after } });
  const [form, setForm] = useState({ name: '', address: '' });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [done, setDone] = useState<string | null>(null);
  const [editing, setEditingNow] = useState<string | null>(null);
  // The list and a branch's form replace each other, as pages do: each starts at the top.
  const setEditing = (id: string | null) => (setEditingNow(id), scrollTo(0, 0));
  const [closing, setClosing] = useState<string | null>(null);
  const [create, { loading }] = useMutation(CreateBranchDocument);
  const [close, { loading: closingNow }] = useMutation(CloseBranchDocument);
  const [reopen] = useMutation(ReopenBranchDocument);
  if (error) return <p className="govuk-body">The branches could not be loaded. Reload the page to try again.</p>;
  if (!data) return <Loading />;
  const reload = () => (setErrors(noErrors), void refetch());

  const edited = data.branches.edges.find(({ node }) => node.id === editing)?.node;
  if (edited) {
    return (
      // Keyed by version: reloaded after a conflict, the form starts again from the other person's change.
      <EditBranch
        key={`${edited.id}-${edited.version}`}
        branch={edited}
        onSaved={(name) => (setEditing(null), setErrors(noErrors), setDone(`${name} saved`))}
        onCancel={() => setEditing(null)}
        onReload={() => void refetch()}
      />
    );
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!form.name.trim()) return setErrors({ ...noErrors, fields: { name: 'Enter the branch’s name' } });
    try {
      const { data: made } = await create({
        variables: { input: { name: form.name.trim(), ...(form.address.trim() ? { address: form.address.trim() } : {}) } },
      });
      setErrors(noErrors);
      setForm({ name: '', address: '' });
      setDone(`${made?.createBranch.name ?? 'The branch'} added`);
      setAfter(null);
      await refetch();
    } catch (err) {
      setDone(null);
      setErrors(branchErrors(err, 'The branch could not be added. Try again.'));
    }
  }

  /** Closing or reopening at the version read; a stale one offers the reload. */
  async function setOpen(branch: Branch, open: boolean) {
    try {
      await (open ? reopen : close)({ variables: { id: branch.id, version: branch.version } });
      setErrors(noErrors);
      setDone(open ? `${branch.name} reopened` : `${branch.name} closed: its records stay, and no new staff can be given it`);
    } catch (err) {
      setDone(null);
      setErrors(mutationErrors(err, 'Not saved. Try again.'));
    }
    setClosing(null);
    await refetch();
  }

  return (
    <>
      <ErrorSummary errors={errors} labels={labels} onReload={reload} />
      {done && <Done message={done} />}
      <h1 className="govuk-heading-l">Branches</h1>
      <p className="govuk-body">{data.branches.totalCount} branches.</p>
      <ul className="govuk-list govuk-list--spaced">
        {data.branches.edges.map(({ node }) => (
          <li key={node.id} className="govuk-!-margin-bottom-4">
            <strong>{node.name}</strong>
            {!node.isActive && <strong className="govuk-tag govuk-tag--grey govuk-!-margin-left-2">Closed</strong>}
            {node.address && (
              <>
                <br />
                <span className="govuk-hint govuk-!-margin-bottom-0">{node.address}</span>
              </>
            )}
            <div className="govuk-button-group govuk-!-margin-top-2 govuk-!-margin-bottom-0">
              <button type="button" className="app-link-button govuk-link" onClick={() => (setDone(null), setEditing(node.id))}>
                Change<span className="govuk-visually-hidden"> {node.name}</span>
              </button>
              {node.isActive ? (
                closing !== node.id && (
                  <button type="button" className="app-link-button govuk-link" onClick={() => (setDone(null), setClosing(node.id))}>
                    Close<span className="govuk-visually-hidden"> {node.name}</span>
                  </button>
                )
              ) : (
                <button type="button" className="app-link-button govuk-link" onClick={() => void setOpen(node, true)}>
                  Reopen<span className="govuk-visually-hidden"> {node.name}</span>
                </button>
              )}
            </div>
            {closing === node.id && (
              <Confirm
                warning={`Close ${node.name}? Its incidents, bans and agreements keep naming it, and no new staff can be given it until it reopens.`}
                yes={`Yes, close ${node.name}`}
                busy={closingNow}
                onYes={() => void setOpen(node, false)}
                onCancel={() => setClosing(null)}
              />
            )}
          </li>
        ))}
      </ul>
      <Pager pageInfo={data.branches.pageInfo} after={after} onPage={setAfter} />
      <h2 className="govuk-heading-m">Add a branch</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <BranchFields form={form} errors={errors} onChange={setForm} />
        <button type="submit" className="govuk-button" disabled={loading}>
          Add branch
        </button>
      </form>
    </>
  );
}

/** A branch's name and address, as adding and changing one both ask for them. */
function BranchFields({
  form,
  errors,
  onChange,
}: {
  form: { name: string; address: string };
  errors: FormErrors;
  onChange: (form: { name: string; address: string }) => void;
}) {
  return (
    <>
      <Field id="name" label={labels.name} error={errors.fields.name}>
        <input
          className={`govuk-input govuk-input--width-20${errors.fields.name ? ' govuk-input--error' : ''}`}
          id="name"
          value={form.name}
          onChange={(e) => onChange({ ...form, name: e.target.value })}
          aria-describedby={describedBy('name', false, errors.fields.name)}
        />
      </Field>
      <Field id="address" label={labels.address} error={errors.fields.address}>
        <textarea
          className={`govuk-textarea${errors.fields.address ? ' govuk-textarea--error' : ''}`}
          id="address"
          rows={2}
          value={form.address}
          onChange={(e) => onChange({ ...form, address: e.target.value })}
          aria-describedby={describedBy('address', false, errors.fields.address)}
        />
      </Field>
    </>
  );
}

/** Renaming a branch or changing its address, at the version read (the list makes way for it). */
function EditBranch({ branch, onSaved, onCancel, onReload }: { branch: Branch; onSaved: (name: string) => void; onCancel: () => void; onReload: () => void }) {
  const [form, setForm] = useState({ name: branch.name, address: branch.address ?? '' });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [update, { loading }] = useMutation(UpdateBranchDocument);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!form.name.trim()) return setErrors({ ...noErrors, fields: { name: 'Enter the branch’s name' } });
    try {
      // An emptied address clears it (null), as the API reads it.
      await update({ variables: { input: { id: branch.id, version: branch.version, name: form.name.trim(), address: form.address.trim() || null } } });
      onSaved(form.name.trim());
    } catch (err) {
      setErrors(branchErrors(err, 'The branch could not be saved. Try again.'));
    }
  }

  return (
    <>
      <ErrorSummary errors={errors} labels={labels} onReload={onReload} />
      <h1 className="govuk-heading-l">Change {branch.name}</h1>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <BranchFields form={form} errors={errors} onChange={setForm} />
        <SaveOrCancel save="Save changes" busy={loading} onCancel={onCancel} />
      </form>
    </>
  );
}
