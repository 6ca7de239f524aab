import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { describedBy, ErrorSummary, Field, type FormErrors, mutationErrors, noErrors, onlyFields, when } from '../components/forms';
import { LiftSubjectRestrictionDocument, SubjectRestrictionDocument } from '../graphql/generated';

// Its own id: a request being decided on the same page has a "reason" of its own.
const labels = { liftReason: 'Why the restriction ends' };

/**
 * The person's restriction of processing while it is on (whatever request led to it), and lifting
 * it with the reason: from then on staff see the person's records again.
 */
export function SubjectRestriction({ subjectId, onLifted }: { subjectId: string; onLifted: (what: string) => void }) {
  // Asked again each time the page shows it: a decision just recorded may have restricted the person.
  const { data, refetch } = useQuery(SubjectRestrictionDocument, { variables: { subjectId }, fetchPolicy: 'cache-and-network' });
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [lift, { loading }] = useMutation(LiftSubjectRestrictionDocument);
  const restriction = data?.subjectRestriction;
  if (!restriction) return null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) return setErrors({ ...noErrors, fields: { liftReason: 'Enter why the restriction ends, for example that the accuracy was verified' } });
    try {
      await lift({ variables: { input: { subjectId, reason: reason.trim() } } });
      setErrors(noErrors);
      onLifted('Restriction lifted: staff see this person’s records again');
      await refetch();
    } catch (err) {
      const found = mutationErrors(err, 'The restriction could not be lifted. Try again.');
      const { reason: said, ...rest } = found.fields;
      setErrors(onlyFields({ ...found, fields: said ? { ...rest, liftReason: said } : rest }, labels));
    }
  }

  return (
    <>
      <h2 className="govuk-heading-m">Restriction of processing</h2>
      <p className="govuk-body">
        Since {when(restriction.restrictedAt)}, only you see this person’s records: {restriction.reason}
      </p>
      <ErrorSummary errors={errors} labels={labels} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field id="liftReason" label={labels.liftReason} hint="Kept with the restriction and in the audit trail" error={errors.fields.liftReason}>
          <textarea
            className={`govuk-textarea${errors.fields.liftReason ? ' govuk-textarea--error' : ''}`}
            id="liftReason"
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-describedby={describedBy('liftReason', true, errors.fields.liftReason)}
          />
        </Field>
        <button type="submit" className="govuk-button govuk-button--secondary" disabled={loading}>
          Lift the restriction
        </button>
      </form>
    </>
  );
}
