import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { describedBy, Done, ErrorSummary, Field, type FormErrors, mutationErrors, Pager, noErrors, onlyFields } from '../components/forms';
import { BranchesDocument, CreateBranchDocument } from '../graphql/generated';
import { Loading } from './Home';

/** An administrator's branches of their library service (closed ones too), paged, and adding one. */
export function Branches() {
  const [after, setAfter] = useState<string | null>(null);
  const { data, error, refetch } = useQuery(BranchesDocument, { variables: { after } });
  const [form, setForm] = useState({ name: '', address: '' });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [done, setDone] = useState<string | null>(null);
  const [create, { loading }] = useMutation(CreateBranchDocument);
  const labels = { name: 'Name', address: 'Address (optional)' };
  if (error) return <p className="govuk-body">The branches could not be loaded. Reload the page to try again.</p>;
  if (!data) return <Loading />;

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
      const found = mutationErrors(err, 'The branch could not be added. Try again.');
      // A name already used answers CONFLICT: it belongs next to the name, not as "someone else changed it".
      setErrors(
        found.conflict ? { ...noErrors, fields: { name: found.form ?? 'A branch of your library service already has this name' } } : onlyFields(found, labels),
      );
    }
  }

  return (
    <>
      <ErrorSummary errors={errors} labels={labels} />
      {done && <Done message={done} />}
      <h1 className="govuk-heading-l">Branches</h1>
      <p className="govuk-body">{data.branches.totalCount} branches.</p>
      <ul className="govuk-list govuk-list--spaced">
        {data.branches.edges.map(({ node }) => (
          <li key={node.id}>
            <strong>{node.name}</strong>
            {!node.isActive && <strong className="govuk-tag govuk-tag--grey govuk-!-margin-left-2">Closed</strong>}
            {node.address && (
              <>
                <br />
                <span className="govuk-hint govuk-!-margin-bottom-0">{node.address}</span>
              </>
            )}
          </li>
        ))}
      </ul>
      <Pager pageInfo={data.branches.pageInfo} after={after} onPage={setAfter} />
      <h2 className="govuk-heading-m">Add a branch</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field id="name" label={labels.name} error={errors.fields.name}>
          <input
            className={`govuk-input govuk-input--width-20${errors.fields.name ? ' govuk-input--error' : ''}`}
            id="name"
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
            aria-describedby={describedBy('name', false, errors.fields.name)}
          />
        </Field>
        <Field id="address" label={labels.address} error={errors.fields.address}>
          <textarea
            className={`govuk-textarea${errors.fields.address ? ' govuk-textarea--error' : ''}`}
            id="address"
            rows={2}
            value={form.address}
            onChange={(e) => setForm({ ...form, address: e.target.value })}
            aria-describedby={describedBy('address', false, errors.fields.address)}
          />
        </Field>
        <button type="submit" className="govuk-button" disabled={loading}>
          Add branch
        </button>
      </form>
    </>
  );
}
