import { useApolloClient, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { setPurpose } from './api';
import { Layout, type NavItem } from './components/Layout';
import { MeDocument, type MeQuery, type Role } from './graphql/generated';
import { Accessibility } from './pages/Accessibility';
import { Agreement, Agreements } from './pages/Agreements';
import { Alarms } from './pages/Alarms';
import { AuditTrail } from './pages/AuditTrail';
import { BanDecisions } from './pages/BanDecisions';
import { Branches } from './pages/Branches';
import { Bans } from './pages/Bans';
import { CasePage, Cases } from './pages/Cases';
import { DataProtectionPolicies } from './pages/DataProtectionPolicies';
import { ReferralPage } from './pages/FollowReferral';
import { Home, Loading } from './pages/Home';
import { IncidentPage, Incidents } from './pages/Incidents';
import { IncomingReferrals } from './pages/IncomingReferrals';
import { Partner, Partners } from './pages/Partners';
import { People, PersonPage } from './pages/People';
import { RecordIncident } from './pages/RecordIncident';
import { PartnerDirectory } from './pages/PartnerDirectory';
import { RecordOfProcessing } from './pages/RecordOfProcessing';
import { MyReferrals, NewReferral } from './pages/Referrals';
import { Reports } from './pages/Reports';
import { Retention } from './pages/Retention';
import { RetentionPolicies } from './pages/RetentionPolicies';
import { RightsRequestPage, RightsRequests, SubjectAccess } from './pages/RightsRequests';
import { ShareCase } from './pages/ShareCase';
import { SharedCase, SharedCases } from './pages/SharedCases';
import { Settings } from './pages/Settings';
import { UsefulNumbers } from './pages/UsefulNumbers';
import { SignIn } from './pages/SignIn';
import { Users } from './pages/Users';
import { usePath } from './router';
import { hasSession, signOut } from './session';

type Me = MeQuery['me'];

interface Page {
  path: RegExp;
  /** Its menu entry, if it has one. */
  menu?: NavItem;
  roles: readonly Role[];
  render: (me: Me, match: RegExpExecArray) => React.ReactNode;
}

const LIBRARY_STAFF: Role[] = ['STAFF', 'MANAGER'];
/** Those who work with people and their cases. */
const CASEWORK: Role[] = ['MANAGER', 'OUTREACH_WORKER'];
/** A record's id in a path: never anything that names a person. */
const ID = '([0-9a-f-]{36})';
const at = (path: string) => new RegExp(`^${path.replace(':id', ID)}$`);

/** Each page, who may open it, and its place in the menu. The API decides access again on every request. */
const PAGES: Page[] = [
  {
    path: /^\/$/,
    menu: { to: '/', label: 'Today' },
    roles: ['ADMIN', 'MANAGER', 'OUTREACH_WORKER', 'STAFF', 'DPO', 'PARTNER'],
    render: (me) => <Home me={me} />,
  },
  { path: /^\/incidents\/new$/, menu: { to: '/incidents/new', label: 'Record an incident' }, roles: LIBRARY_STAFF, render: (me) => <RecordIncident me={me} /> },
  { path: at('/incidents'), menu: { to: '/incidents', label: 'Incidents' }, roles: ['MANAGER'], render: () => <Incidents /> },
  { path: at('/incidents/:id'), roles: ['MANAGER'], render: (_me, m) => <IncidentPage id={m[1]} /> },
  { path: at('/people'), menu: { to: '/people', label: 'People' }, roles: CASEWORK, render: () => <People /> },
  { path: at('/people/:id'), roles: CASEWORK, render: (_me, m) => <PersonPage id={m[1]} /> },
  { path: at('/cases'), menu: { to: '/cases', label: 'Cases' }, roles: CASEWORK, render: () => <Cases /> },
  { path: at('/cases/:id'), roles: CASEWORK, render: (me, m) => <CasePage id={m[1]} me={me} /> },
  { path: /^\/alarm$/, menu: { to: '/alarm', label: 'Alarm' }, roles: ['STAFF', 'MANAGER', 'OUTREACH_WORKER'], render: (me) => <Alarms me={me} /> },
  {
    path: /^\/useful-numbers$/,
    menu: { to: '/useful-numbers', label: 'Useful numbers' },
    roles: ['STAFF', 'MANAGER', 'OUTREACH_WORKER'],
    render: () => <UsefulNumbers />,
  },
  { path: /^\/bans$/, menu: { to: '/bans', label: 'Bans' }, roles: LIBRARY_STAFF, render: (me) => <Bans me={me} /> },
  { path: /^\/bans\/decide$/, menu: { to: '/bans/decide', label: 'Bans to decide' }, roles: ['MANAGER'], render: () => <BanDecisions /> },
  { path: /^\/referrals$/, menu: { to: '/referrals', label: 'Your referrals' }, roles: ['OUTREACH_WORKER'], render: (me) => <MyReferrals me={me} /> },
  { path: /^\/partners$/, menu: { to: '/partners', label: 'Partners' }, roles: ['MANAGER'], render: () => <Partners /> },
  { path: /^\/partners\/([0-9a-f-]{36})$/, roles: ['MANAGER'], render: (me, m) => <Partner id={m[1]} me={me} /> },
  { path: /^\/agreements$/, menu: { to: '/agreements', label: 'Agreements' }, roles: ['MANAGER'], render: () => <Agreements /> },
  { path: /^\/agreements\/([0-9a-f-]{36})$/, roles: ['MANAGER'], render: (_me, m) => <Agreement id={m[1]} /> },
  { path: /^\/cases\/([0-9a-f-]{36})\/share$/, roles: ['MANAGER'], render: (_me, m) => <ShareCase caseId={m[1]} /> },
  { path: /^\/reports$/, menu: { to: '/reports', label: 'Reports' }, roles: ['MANAGER', 'DPO'], render: (me) => <Reports me={me} /> },
  { path: /^\/referrals\/new$/, roles: ['OUTREACH_WORKER'], render: () => <NewReferral /> },
  // The referring worker follows it; a manager may record a partner's answer too (as the API allows).
  { path: at('/referrals/:id'), roles: CASEWORK, render: (_me, m) => <ReferralPage id={m[1]} /> },
  { path: /^\/audit$/, menu: { to: '/audit', label: 'Audit trail' }, roles: ['DPO'], render: () => <AuditTrail /> },
  { path: /^\/rights-requests$/, menu: { to: '/rights-requests', label: 'Rights requests' }, roles: ['DPO'], render: () => <RightsRequests /> },
  { path: /^\/rights-requests\/([0-9a-f-]{36})$/, roles: ['DPO'], render: (_me, m) => <RightsRequestPage id={m[1]} /> },
  { path: /^\/subject-access$/, roles: ['DPO'], render: () => <SubjectAccess /> },
  { path: /^\/retention$/, menu: { to: '/retention', label: 'Retention' }, roles: ['DPO'], render: () => <Retention /> },
  {
    path: /^\/record-of-processing$/,
    menu: { to: '/record-of-processing', label: 'Record of processing' },
    roles: ['DPO'],
    render: () => <RecordOfProcessing />,
  },
  { path: /^\/admin\/branches$/, menu: { to: '/admin/branches', label: 'Branches' }, roles: ['ADMIN'], render: () => <Branches /> },
  { path: /^\/admin\/users$/, menu: { to: '/admin/users', label: 'Users' }, roles: ['ADMIN'], render: (me) => <Users me={me} /> },
  {
    path: /^\/admin\/retention-policies$/,
    menu: { to: '/admin/retention-policies', label: 'Retention policies' },
    roles: ['ADMIN'],
    render: () => <RetentionPolicies />,
  },
  {
    path: /^\/admin\/partner-directory$/,
    menu: { to: '/admin/partner-directory', label: 'Partner directory' },
    roles: ['ADMIN'],
    render: () => <PartnerDirectory />,
  },
  // Both read it: the DPO changes the audit trail's retention, administrators the criminal offence conditions.
  {
    path: /^\/data-protection-policies$/,
    menu: { to: '/data-protection-policies', label: 'Data protection policies' },
    roles: ['DPO', 'ADMIN'],
    render: (me) => <DataProtectionPolicies me={me} />,
  },
  { path: /^\/referrals\/incoming$/, menu: { to: '/referrals/incoming', label: 'Referrals' }, roles: ['PARTNER'], render: () => <IncomingReferrals /> },
  { path: /^\/shared-cases$/, menu: { to: '/shared-cases', label: 'Shared cases' }, roles: ['PARTNER'], render: () => <SharedCases /> },
  { path: /^\/shared-cases\/([0-9a-f-]{36})$/, roles: ['PARTNER'], render: (_me, m) => <SharedCase id={m[1]} /> },
];

export function App() {
  const { path, go } = usePath();
  const [signedIn, setSignedIn] = useState(hasSession());
  const client = useApolloClient();
  const { data, loading, refetch } = useQuery(MeDocument, { skip: !signedIn });
  const me = data?.me;
  const leave = async () => {
    await signOut();
    setPurpose(null);
    await client.clearStore();
    setSignedIn(false);
    go('/');
  };
  const nav = me ? PAGES.flatMap((p) => (p.menu && p.roles.includes(me.role) ? [p.menu] : [])) : [];
  return (
    <Layout nav={nav} current={path} signedIn={!!me} onSignOut={() => void leave()}>
      {path === '/accessibility' ? (
        <Accessibility />
      ) : !signedIn ? (
        <SignIn onSignedIn={() => (setSignedIn(true), void refetch())} />
      ) : loading || !me ? (
        <Loading />
      ) : path === '/settings' ? (
        <Settings onSignedOut={() => void leave()} />
      ) : (
        <Routed me={me} path={path} />
      )}
    </Layout>
  );
}

function Routed({ me, path }: { me: Me; path: string }) {
  for (const page of PAGES) {
    const match = page.path.exec(path);
    if (!match) continue;
    if (!page.roles.includes(me.role))
      return (
        <>
          <h1 className="govuk-heading-l">You cannot use this page</h1>
          <p className="govuk-body">Your role does not include it. Ask your library service’s administrator if you think it should.</p>
        </>
      );
    return <>{page.render(me, match)}</>;
  }
  return (
    <>
      <h1 className="govuk-heading-l">Page not found</h1>
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
    </>
  );
}
