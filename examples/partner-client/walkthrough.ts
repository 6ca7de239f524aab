import { PartnerClient } from './client.js';
import { AcceptReferralDocument, IncomingReferralsDocument, SharedCaseDocument, SharedCasesDocument } from './generated.js';

export interface WalkthroughResult {
  role: string;
  incomingReferrals: number;
  accepted: { id: string; status: string } | null;
  sharedCases: number;
  firstSharedCase: { id: string; categories: string[]; incidents: number | null } | null;
}

/**
 * What a partner's system does each morning: sign in, list referrals waiting for an answer,
 * accept the first, read the cases shared with the organisation. Run against the demo with
 * `npm run example:partner` (README "Querying as a partner"); test/partner-client.e2e-spec.ts
 * runs it against the running service in CI.
 */
export async function partnerWalkthrough(o: { url: string; email: string; password: string; twoFactorCode?: string }): Promise<WalkthroughResult> {
  const client = new PartnerClient({ url: o.url, purpose: 'Daily check of referrals and shared cases' });
  const me = await client.signIn(o.email, o.password, o.twoFactorCode);
  try {
    const waiting = await client.request(IncomingReferralsDocument, { first: 20, statuses: ['SENT'] });
    const first = waiting.incomingReferrals.edges[0]?.node;
    const accepted = first ? (await client.request(AcceptReferralDocument, { id: first.id, version: first.version })).acceptReferral : null;
    const shared = await client.request(SharedCasesDocument, { first: 20 });
    const firstId = shared.sharedCases.edges[0]?.node.id;
    const detail = firstId ? (await client.request(SharedCaseDocument, { id: firstId })).sharedCase : null;
    return {
      role: me.role,
      incomingReferrals: waiting.incomingReferrals.totalCount,
      accepted: accepted && { id: accepted.id, status: accepted.status },
      sharedCases: shared.sharedCases.totalCount,
      firstSharedCase: detail && { id: detail.id, categories: detail.categories, incidents: detail.incidents?.length ?? null },
    };
  } finally {
    await client.signOut();
  }
}

if (process.argv[1]?.endsWith('walkthrough.js')) {
  const [url = 'http://localhost:3000', email = 'pcso@demo.test', password = 'demo-password', twoFactorCode] = process.argv.slice(2);
  // Counts and ids only: a partner's console is no place for the personal data it may read.
  console.log(JSON.stringify(await partnerWalkthrough({ url, email, password, twoFactorCode }), null, 2));
}
