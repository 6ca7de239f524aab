import type { Fixtures } from './fixtures.js';

/**
 * The benchmark's requests: one GraphQL operation per scenario, named (the baseline routes by
 * operationName), with its variables and who sends it. The service and the baseline get the same
 * body; each request carries the token of its user.
 */
export type ScenarioName = 'sharedCases' | 'incidents' | 'recordIncident' | 'referrals' | 'auditTrail' | 'signIn';

export interface Scenario {
  name: ScenarioName;
  /** Letter of the list (a–f), for the table. */
  letter: string;
  title: string;
  /** Whose token it sends (demo users); none for sign-in. */
  user: keyof Fixtures['users'] | null;
  /** A read whose JSON the two servers must answer alike (--smoke and the test compare them). */
  read: boolean;
  /** Concurrencies it runs at when --concurrency is not given for it (writes and sign-in: the lowest only). */
  lowestOnly: boolean;
  body(f: Fixtures): { operationName: string; query: string; variables: Record<string, unknown> };
  headers?(f: Fixtures): Record<string, string>;
}

const PAGE = 50;

export const SCENARIOS: Scenario[] = [
  {
    name: 'sharedCases',
    letter: 'a',
    title: 'partner: sharedCases(first: 50) with subject, incidents, referrals',
    user: 'partner',
    read: true,
    lowestOnly: false,
    body: () => ({
      operationName: 'SharedCases',
      query: `query SharedCases($first: Int!, $purpose: String!) {
  sharedCases(first: $first, purpose: $purpose) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id title status riskLevel openedAt categories
        subject { id name aliases dateOfBirth }
        incidents { id occurredAt branchName category severity description subjectParts }
        referrals { id partnerOrganisationName needs urgency status sentAt outcome closedAt }
      }
    }
  }
}`,
      variables: { first: PAGE, purpose: 'Benchmark: neighbourhood patrol briefing' },
    }),
  },
  {
    name: 'incidents',
    letter: 'b',
    title: 'manager: incidents(first: 50) at a branch in a month, with people',
    user: 'manager',
    read: true,
    lowestOnly: false,
    body: (f) => ({
      operationName: 'Incidents',
      query: `query Incidents($first: Int!, $filter: IncidentFilterInput) {
  incidents(first: $first, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id occurredAt category severity description reportedToPolice branchId
        people { subjectId part label }
      }
    }
  }
}`,
      variables: { first: PAGE, filter: { branchIds: [f.branchId], from: f.month.from, to: f.month.to } },
    }),
  },
  {
    name: 'recordIncident',
    letter: 'c',
    title: 'staff: recordIncident',
    user: 'staff',
    read: false,
    lowestOnly: true,
    body: (f) => ({
      operationName: 'RecordIncident',
      query: `mutation RecordIncident($input: RecordIncidentInput!) {
  recordIncident(input: $input) { id version occurredAt reportedAt category branchId description }
}`,
      variables: {
        input: {
          branchId: f.staffBranchId,
          occurredAt: f.recordedOccurredAt,
          category: 'ANTISOCIAL_BEHAVIOUR',
          description: 'Benchmark: shouting at the counter',
        },
      },
    }),
  },
  {
    name: 'referrals',
    letter: 'd',
    title: 'outreach worker: referrals(first: 50) by status and urgency',
    user: 'outreach',
    read: true,
    lowestOnly: false,
    body: () => ({
      operationName: 'Referrals',
      query: `query Referrals($first: Int!, $filter: ReferralFilterInput) {
  referrals(first: $first, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id status urgency needs createdAt sentAt
        subject { id name description }
        partnerOrganisation { id name }
      }
    }
  }
}`,
      variables: { first: PAGE, filter: { statuses: ['SENT', 'ACCEPTED', 'IN_PROGRESS'], urgencies: ['URGENT', 'SOON'] } },
    }),
  },
  {
    name: 'auditTrail',
    letter: 'e',
    title: 'DPO: auditEvents(first: 50) about a person',
    user: 'dpo',
    read: true,
    lowestOnly: false,
    body: (f) => ({
      operationName: 'AuditTrail',
      query: `query AuditTrail($first: Int!, $filter: AuditEventFilterInput) {
  auditEvents(first: $first, filter: $filter) {
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id occurredAt action entityType entityId actorId actorRole purpose requestId
        actor { displayName role }
      }
    }
  }
}`,
      variables: { first: PAGE, filter: { subjectId: f.auditedSubjectId } },
    }),
  },
  {
    name: 'signIn',
    letter: 'f',
    title: 'sign-in (argon2)',
    user: null,
    read: false,
    lowestOnly: true,
    body: () => ({
      operationName: 'SignIn',
      query: `mutation SignIn($email: String!, $password: String!) {
  login(email: $email, password: $password) { accessToken expiresAt user { id role } }
}`,
      variables: { email: 'staff@demo.test', password: 'demo-password' },
    }),
  },
];
