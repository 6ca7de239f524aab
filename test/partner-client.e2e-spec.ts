import { readFile } from 'node:fs/promises';
import { generateClientTypes } from '../scripts/codegen.js';
import { PartnerClient, SaferLibrariesError } from '../examples/partner-client/client.js';
import { SharedCasesDocument } from '../examples/partner-client/generated.js';
import { partnerWalkthrough } from '../examples/partner-client/walkthrough.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * The partner client kit (examples/partner-client, docs/partners.md): its typed documents are what
 * GraphQL Code Generator makes of the committed schema today, and its walkthrough works against the
 * running service as the demo's PCSO.
 */
describe('the partner client example', () => {
  let t: TestApp;
  // The shortest session the service allows, so the client's refresh before expiry is exercised on every request.
  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'full', JWT_TTL_SECONDS: '60' });
  });
  afterAll(() => t?.close());

  it('holds the typed documents the generator makes of the committed schema (npm run codegen)', async () => {
    const committed = await readFile(new URL('../examples/partner-client/generated.ts', import.meta.url), 'utf8');
    expect(committed === (await generateClientTypes('partner-client'))).toBe(true);
  });

  it('signs in, lists the referrals waiting, accepts one and reads a shared case with its purpose', async () => {
    const [waiting] = await t.db.query(
      `SELECT r.id FROM referral r JOIN app_user u ON u.partner_organisation_id = r.partner_organisation_id
       WHERE u.email = 'pcso@demo.test' AND r.status = 'SENT' ORDER BY r.sent_at DESC LIMIT 1`,
    );
    expect(waiting).toBeDefined();
    const result = await partnerWalkthrough({ url: t.running.url, email: 'pcso@demo.test', password: 'demo-password' });
    expect(result.role).toBe('PARTNER');
    expect(result.incomingReferrals).toBeGreaterThanOrEqual(1);
    expect(result.accepted).toEqual({ id: waiting.id, status: 'ACCEPTED' });
    expect(result.sharedCases).toBe(3);
    expect(result.firstSharedCase?.categories.length).toBeGreaterThan(0);
    const [{ status }] = await t.db.query(`SELECT status FROM referral WHERE id = $1`, [waiting.id]);
    expect(status).toBe('ACCEPTED');
    const purposes: { purpose: string }[] = await t.db.query(
      `SELECT DISTINCT purpose FROM audit_event WHERE entity_type = 'Case' AND entity_id = $1 AND action = 'READ'`,
      [result.firstSharedCase!.id],
    );
    expect(purposes.map((p) => p.purpose)).toContain('Daily check of referrals and shared cases');
  });

  it('surfaces the service’s error codes: a wrong password, and shared cases read without a purpose', async () => {
    const sent: string[] = [];
    const recording: typeof fetch = (url, init) => {
      sent.push(/^(?:query|mutation) (\w+)/.exec(JSON.parse(String(init?.body)).query)?.[1] ?? '?');
      return fetch(url, init);
    };
    const client = new PartnerClient({ url: t.running.url, fetch: recording });
    await expect(client.signIn('pcso@demo.test', 'wrong-password')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await client.signIn('pcso@demo.test', 'demo-password');
    const refused = await client.request(SharedCasesDocument, { first: 5 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SaferLibrariesError);
    expect((refused as SaferLibrariesError).code).toBe('BAD_USER_INPUT');
    await client.signOut();
    // A 60-second session is within the client's minute of margin: it refreshed before the read.
    expect(sent).toEqual(['SignIn', 'SignIn', 'RefreshSession', 'SharedCases', 'SignOut']);
  });
});
