import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { DpoTodayDocument, ManagerTodayDocument, OutreachTodayDocument, PartnerTodayDocument, type MeQuery } from '../graphql/generated';
import { Link } from '../router';

type Me = MeQuery['me'];

/** "What needs me today": a count and a link for each thing waiting, by role, in one request. */
export function Home({ me }: { me: Me }) {
  return (
    <>
      <h1 className="govuk-heading-l">What needs you today</h1>
      <p className="govuk-body">Signed in as {me.displayName}.</p>
      {me.role === 'MANAGER' && <ManagerToday />}
      {me.role === 'OUTREACH_WORKER' && <OutreachToday />}
      {me.role === 'DPO' && <DpoToday />}
      {me.role === 'PARTNER' && <PartnerToday />}
      {(me.role === 'STAFF' || me.role === 'MANAGER') && (
        <Items>
          <Item to="/incidents/new" label="Record an incident" />
          <Item to="/bans" label="Who is banned from your branches" />
        </Items>
      )}
    </>
  );
}

function ManagerToday() {
  const { data } = useQuery(ManagerTodayDocument);
  if (!data) return <Loading />;
  return (
    <Items>
      <Count n={data.bansDueForReview.totalCount} label="bans due for review in the next 14 days" />
      <Count n={data.agreementsDueForReview.totalCount} label="data sharing agreements due for review in the next 30 days" />
      <Count n={data.overdueFollowUps.totalCount} label="partner follow-ups overdue" to="/partners" />
      <Count n={data.overdueReferrals.totalCount} label="referrals waiting past their response date" />
    </Items>
  );
}

function OutreachToday() {
  const { data } = useQuery(OutreachTodayDocument);
  if (!data) return <Loading />;
  return (
    <Items>
      <Count n={data.overdueReferrals.totalCount} label="referrals waiting past their response date" />
      <Count n={data.overdueFollowUps.totalCount} label="partner follow-ups overdue" />
    </Items>
  );
}

function DpoToday() {
  const { data } = useQuery(DpoTodayDocument);
  if (!data) return <Loading />;
  const soon = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const due = data.rightsRequests.edges.filter((e) => e.node.dueOn <= soon).length;
  return (
    <Items>
      <Count n={data.rightsRequests.totalCount} label="rights requests open" to="/rights-requests" />
      <Count n={due} label="rights requests due within 7 days" to="/rights-requests" />
    </Items>
  );
}

function PartnerToday() {
  const { data } = useQuery(PartnerTodayDocument);
  if (!data) return <Loading />;
  return (
    <Items>
      <Item to="/referrals/incoming" label={`${data.incomingReferrals.totalCount} referrals waiting for your answer`} />
      <Item to="/shared-cases" label="Cases shared with your organisation" />
    </Items>
  );
}

const Items = ({ children }: { children: ReactNode }) => <ul className="govuk-list govuk-list--spaced">{children}</ul>;
const Item = ({ to, label }: { to: string; label: string }) => (
  <li>
    <Link to={to}>{label}</Link>
  </li>
);
const Count = ({ n, label, to }: { n: number; label: string; to?: string }) => (
  <li>
    <strong className="govuk-!-font-size-24">{n}</strong> {to ? <Link to={to}>{label}</Link> : label}
  </li>
);
export const Loading = () => (
  <p className="govuk-body" role="status">
    Loading…
  </p>
);
