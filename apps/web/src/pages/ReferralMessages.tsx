import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { describedBy, Field, type FormErrors, mutationErrors, noErrors, Pager, when, words } from '../components/forms';
import { AddReferralUpdateDocument, type ReferralQuery } from '../graphql/generated';

type ReferralRecord = ReferralQuery['referral'];

/** Who wrote a message: the partner (themselves, or recorded for them) or the library. */
function author(u: ReferralRecord['updates']['edges'][number]['node']): string {
  if (u.recordedOnBehalf) return `The partner (${u.recordedOnBehalf.answeredBy}, ${words(u.recordedOnBehalf.channel)}; recorded for them)`;
  return u.authorRole === 'PARTNER' ? 'The partner' : `The library (${words(u.authorRole)})`;
}

/** Messages between the library and the partner on a sent referral, oldest first, and a new one. */
export function ReferralMessages({
  referral: r,
  after,
  onPage,
  errors,
  setErrors,
  onSaved,
}: {
  referral: ReferralRecord;
  after: string | null;
  onPage: (after: string | null) => void;
  errors: FormErrors;
  setErrors: (e: FormErrors) => void;
  onSaved: (text: string) => void;
}) {
  const [add, { loading }] = useMutation(AddReferralUpdateDocument);
  const [body, setBody] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!body.trim()) return setErrors({ ...noErrors, fields: { body: 'Write the message' } });
    try {
      await add({ variables: { referralId: r.id, body: body.trim() } });
      setBody('');
      onSaved('Message sent to the partner');
    } catch (err) {
      setErrors(mutationErrors(err, 'Not sent. Try again.'));
    }
  }

  return (
    <>
      <h2 className="govuk-heading-m">Messages</h2>
      <p className="govuk-body">{r.updates.totalCount} messages, oldest first.</p>
      {r.updates.edges.map(({ node }) => (
        <div key={node.id} className="govuk-inset-text">
          <p className="govuk-body-s govuk-!-margin-bottom-1">
            {author(node)}, {when(node.createdAt)}
          </p>
          <p className="govuk-body govuk-!-margin-bottom-0">{node.body}</p>
        </div>
      ))}
      <Pager pageInfo={r.updates.pageInfo} after={after} onPage={onPage} of="the messages" />
      {r.status !== 'DRAFT' && (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Field id="body" label="Message to the partner" hint="The partner sees it with the referral" error={errors.fields.body}>
            <textarea
              className="govuk-textarea"
              id="body"
              rows={3}
              maxLength={10000}
              value={body}
              onChange={(e) => setBody(e.target.value)}
              aria-describedby={describedBy('body', true, errors.fields.body)}
            />
          </Field>
          <button type="submit" className="govuk-button govuk-button--secondary" id="send-message" disabled={loading}>
            Send the message
          </button>
        </form>
      )}
    </>
  );
}
