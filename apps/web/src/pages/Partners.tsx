import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Confirm, day, Done, ErrorSummary, type FormErrors, mutationErrors, noErrors, SummaryRow, words, Disclosure } from '../components/forms';
import {
  ArchiveContactDocument,
  ArchivePartnerContactDocument,
  ArchivePartnerDocument,
  CompleteFollowUpDocument,
  type MeQuery,
  PartnerDocument,
  PartnersDocument,
} from '../graphql/generated';
import { Link, usePath } from '../router';
import { Loading } from './Home';
import { AddContact, ChangeContact, channel, CorrectContact, RecordContact } from './ContactForms';
import { PartnerForm } from './PartnerForm';

/** A manager's partner organisations, by name and paged, with the follow-ups that are overdue first. */
export function Partners() {
  const [after, setAfter] = useState<string | null>(null);
  const { data, error } = useQuery(PartnersDocument, { variables: { after } });
  const { go } = usePath();
  if (error) return <p className="govuk-body">The partners could not be loaded. Reload the page to try again.</p>;
  if (!data) return <Loading />;
  const overdue = data.overdueFollowUps;
  return (
    <>
      <h1 className="govuk-heading-l">Partners</h1>
      <h2 className="govuk-heading-m" id="overdue">
        Overdue follow-ups ({overdue.totalCount})
      </h2>
      {overdue.totalCount === 0 ? (
        <p className="govuk-body">No follow-up is overdue.</p>
      ) : (
        <ul className="govuk-list govuk-list--spaced">
          {overdue.edges.map(({ node }) => (
            <li key={node.id}>
              <strong className="govuk-tag govuk-tag--red">Due {day(node.dueOn)}</strong> {node.description}
              {node.contactLog && (
                <>
                  {' '}
                  (<Link to={`/partners/${node.contactLog.partnerOrganisationId}`}>{node.contactLog.partnerOrganisation?.name ?? 'the partner'}</Link>)
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <h2 className="govuk-heading-m">Partner organisations</h2>
      <p className="govuk-body">{data.partnerOrganisations.totalCount} partner organisations.</p>
      <Disclosure summary="Add a partner organisation">
        <PartnerForm onSaved={(id) => go(`/partners/${id}`)} />
      </Disclosure>
      <ul className="govuk-list govuk-list--spaced">
        {data.partnerOrganisations.edges.map(({ node }) => (
          <li key={node.id}>
            <Link to={`/partners/${node.id}`}>{node.name}</Link>
            <br />
            <span className="govuk-hint govuk-!-margin-bottom-0">
              {words(node.type)}
              {node.status !== 'ACTIVE' ? `, ${words(node.status)}` : ''}
            </span>
          </li>
        ))}
      </ul>
      {data.partnerOrganisations.pageInfo.hasNextPage && (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setAfter(data.partnerOrganisations.pageInfo.endCursor ?? null)}>
          Next page
        </button>
      )}
    </>
  );
}

/**
 * One partner: its details (changed or archived by a manager), its contacts (changed or archived),
 * its contact log (newest first, paged; an entry corrected or archived), recording a contact, follow-ups done.
 */
export function Partner({ id, me }: { id: string; me: MeQuery['me'] }) {
  const [after, setAfter] = useState<string | null>(null);
  const { data, error, refetch } = useQuery(PartnerDocument, { variables: { id, after } });
  const [complete] = useMutation(CompleteFollowUpDocument);
  const [archivePartner, { loading: archivingPartner }] = useMutation(ArchivePartnerDocument);
  const [archiveContact, { loading: archivingContact }] = useMutation(ArchivePartnerContactDocument);
  const [archiveEntry, { loading: archivingEntry }] = useMutation(ArchiveContactDocument);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [done, setDone] = useState<string | null>(null);
  // What is open for change or archiving: "partner", or "contact:<id>" or "log:<id>" (one at a time).
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  if (error)
    return (
      <>
        <h1 className="govuk-heading-l">Page not found</h1>
        <p className="govuk-body">This partner organisation does not exist or you may not see it.</p>
      </>
    );
  if (!data) return <Loading />;
  const p = data.partnerOrganisation;
  const log = data.contactLogs;
  const archived = p.status === 'ARCHIVED';
  const saved = (message: string) => {
    setEditing(null);
    setConfirming(null);
    setErrors(noErrors);
    setDone(message);
    void refetch();
  };
  const open = (what: 'edit' | 'archive', key: string) => {
    setDone(null);
    setErrors(noErrors);
    setEditing(what === 'edit' ? key : null);
    setConfirming(what === 'archive' ? key : null);
  };
  const attempt = async (run: () => Promise<unknown>, message: string) => {
    try {
      await run();
      saved(message);
    } catch (err) {
      setConfirming(null);
      setErrors(mutationErrors(err, 'Not saved. Try again.'));
    }
  };
  const markDone = async (fid: string, version: number) => {
    try {
      await complete({ variables: { id: fid, version } });
      setErrors(noErrors);
      setDone('Follow-up marked done');
    } catch (err) {
      setErrors(mutationErrors(err, 'Not saved. Try again.'));
    }
    await refetch();
  };
  const reload = () => (setErrors(noErrors), void refetch());
  return (
    <>
      <ErrorSummary errors={errors} labels={{}} onReload={reload} />
      {done && <Done message={done} />}
      <span className="govuk-caption-l">{words(p.type)}</span>
      <h1 className="govuk-heading-l">{p.name}</h1>
      <dl className="govuk-summary-list">
        <SummaryRow term="Relationship">{words(p.relationship)}</SummaryRow>
        <SummaryRow term="Status">{words(p.status)}</SummaryRow>
        {p.phone && <SummaryRow term="Phone">{p.phone}</SummaryRow>}
        {p.email && <SummaryRow term="Email">{p.email}</SummaryRow>}
        {p.website && <SummaryRow term="Website">{p.website}</SummaryRow>}
      </dl>
      {archived ? (
        <p className="govuk-inset-text">This organisation is archived: its details, contacts and contact log can no longer change.</p>
      ) : editing === 'partner' ? (
        <>
          <h2 className="govuk-heading-m">Change the details</h2>
          <PartnerForm partner={p} onSaved={() => saved('Details saved')} onCancel={() => setEditing(null)} onReload={() => void refetch()} />
        </>
      ) : confirming === 'partner' ? (
        <Confirm
          warning={`${p.name} will be archived: no more contacts can be logged with it and it leaves the partner list. This cannot be undone.`}
          yes="Yes, archive the organisation"
          busy={archivingPartner}
          onYes={() => void attempt(() => archivePartner({ variables: { id: p.id, version: p.version } }), `${p.name} archived`)}
          onCancel={() => setConfirming(null)}
        />
      ) : (
        <div className="govuk-button-group">
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => open('edit', 'partner')}>
            Change the details
          </button>
          <button type="button" className="govuk-button govuk-button--warning" onClick={() => open('archive', 'partner')}>
            Archive the organisation
          </button>
        </div>
      )}
      <h2 className="govuk-heading-m">Contacts</h2>
      {p.contacts.length === 0 ? (
        <p className="govuk-body">No contacts recorded.</p>
      ) : (
        <ul className="govuk-list govuk-list--spaced">
          {p.contacts.map((c) => (
            <li key={c.id}>
              <strong>{c.name}</strong>
              {c.jobTitle ? `, ${c.jobTitle}` : ''}
              {c.phone && (
                <>
                  <br />
                  {c.phone}
                </>
              )}
              {c.email && (
                <>
                  <br />
                  {c.email}
                </>
              )}
              {editing === `contact:${c.id}` ? (
                <ChangeContact
                  contact={c}
                  onSaved={() => saved(`${c.name}’s details saved`)}
                  onCancel={() => setEditing(null)}
                  onReload={() => void refetch()}
                />
              ) : confirming === `contact:${c.id}` ? (
                <Confirm
                  warning={`${c.name} will no longer be listed as a contact (the record is kept until its retention date).`}
                  yes={`Yes, archive ${c.name}`}
                  busy={archivingContact}
                  onYes={() => void attempt(() => archiveContact({ variables: { id: c.id, version: c.version } }), `${c.name} archived`)}
                  onCancel={() => setConfirming(null)}
                />
              ) : (
                !archived && (
                  <div className="govuk-button-group govuk-!-margin-top-2 govuk-!-margin-bottom-0">
                    <button type="button" className="app-link-button govuk-link" onClick={() => open('edit', `contact:${c.id}`)}>
                      Change<span className="govuk-visually-hidden"> {c.name}</span>
                    </button>
                    <button type="button" className="app-link-button govuk-link" onClick={() => open('archive', `contact:${c.id}`)}>
                      Archive<span className="govuk-visually-hidden"> {c.name}</span>
                    </button>
                  </div>
                )
              )}
            </li>
          ))}
        </ul>
      )}
      {!archived && (
        <>
          <AddContact partnerOrganisationId={p.id} onAdded={(name) => (setDone(`${name} added as a contact`), setErrors(noErrors), void refetch())} />
          <RecordContact
            partnerOrganisationId={p.id}
            me={me}
            onRecorded={() => (setDone('Contact recorded'), setErrors(noErrors), setAfter(null), void refetch())}
          />
        </>
      )}
      <h2 className="govuk-heading-m">Contact log</h2>
      <p className="govuk-body">{log.totalCount} contacts, newest first.</p>
      {log.edges.map(({ node }) => {
        const title = `${new Date(node.occurredAt).toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short' })}: ${channel(node.channel)}`;
        return (
          <div key={node.id} className="govuk-summary-card">
            <div className="govuk-summary-card__title-wrapper">
              <h3 className="govuk-summary-card__title">{title}</h3>
              {!archived && editing !== `log:${node.id}` && (
                <ul className="govuk-summary-card__actions">
                  <li className="govuk-summary-card__action">
                    <button type="button" className="app-link-button govuk-link" onClick={() => open('edit', `log:${node.id}`)}>
                      Correct<span className="govuk-visually-hidden"> the contact of {title}</span>
                    </button>
                  </li>
                  <li className="govuk-summary-card__action">
                    <button type="button" className="app-link-button govuk-link" onClick={() => open('archive', `log:${node.id}`)}>
                      Archive<span className="govuk-visually-hidden"> the contact of {title}</span>
                    </button>
                  </li>
                </ul>
              )}
            </div>
            <div className="govuk-summary-card__content">
              {editing === `log:${node.id}` ? (
                <CorrectContact entry={node} onSaved={() => saved('Contact corrected')} onCancel={() => setEditing(null)} onReload={() => void refetch()} />
              ) : (
                <p className="govuk-body">{node.summary}</p>
              )}
              {confirming === `log:${node.id}` && (
                <Confirm
                  warning="This contact and its follow-ups will leave the log (the record is kept until its retention date)."
                  yes="Yes, archive this contact"
                  busy={archivingEntry}
                  onYes={() => void attempt(() => archiveEntry({ variables: { id: node.id, version: node.version } }), 'Contact archived')}
                  onCancel={() => setConfirming(null)}
                />
              )}
              {node.followUpActions.map((f) => (
                <div key={f.id} className="govuk-inset-text">
                  <p className="govuk-body govuk-!-margin-bottom-2">
                    Follow-up: {f.description}. Due {day(f.dueOn)}.{' '}
                    {f.completedAt ? (
                      <strong className="govuk-tag govuk-tag--green">Done</strong>
                    ) : f.isOverdue ? (
                      <strong className="govuk-tag govuk-tag--red">Overdue</strong>
                    ) : null}
                  </p>
                  {!f.completedAt && (
                    <button
                      type="button"
                      className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                      onClick={() => void markDone(f.id, f.version)}
                    >
                      Mark done<span className="govuk-visually-hidden">: {f.description}</span>
                    </button>
                  )}
                </div>
              ))}
            </div>
          </div>
        );
      })}
      {log.pageInfo.hasNextPage && (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setAfter(log.pageInfo.endCursor ?? null)}>
          Older contacts
        </button>
      )}
      <p className="govuk-body">
        <Link to="/partners">All partners</Link>
      </p>
    </>
  );
}
