import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../libs/notifications/src/index.js';
import { createAgreement, createCase, createSubject, demoServiceId } from './support/builders.js';
import { NOTIFY_ENV, waitFor } from './support/notifications.js';
import { startTestSmtp, type TestSmtp } from './support/smtp.js';
import { codeOf, signInDemoUsers, startTestApp, type TestApp } from './support/test-app.js';

/**
 * Signed webhooks to a partner organisation's own system: a real HTTP receiver on this machine
 * checks each POST's signature with the shared secret, as a partner would; refused deliveries
 * are retried like email; the secret is written, never read back.
 */

const SECRET = 'a-shared-secret-of-at-least-32-characters!';
const SET = `mutation($i: SetPartnerWebhookInput!) { setPartnerWebhook(input: $i) { partnerOrganisationId url version updatedAt } }`;
const GET = `query($p: ID!) { partnerWebhook(partnerOrganisationId: $p) { partnerOrganisationId url version } }`;
const REMOVE = `mutation($i: RemovePartnerWebhookInput!) { removePartnerWebhook(input: $i) }`;
const SHARE = `mutation($i: ShareCaseInput!) { shareCase(input: $i) { id } }`;

interface Received {
  headers: IncomingMessage['headers'];
  raw: string;
}

describe('partner webhooks (e2e, real HTTP receiver)', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let receiver: Server;
  let hookUrl: string;
  const received: Received[] = [];
  /** Status codes to answer with, in turn; 204 once they run out. */
  const answers: number[] = [];
  const tok: Record<string, string> = {};
  const uid: Record<string, string> = {};
  let demo: string;
  let police: string;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
        res.statusCode = answers.shift() ?? 204;
        res.end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/safer-libraries`;
    smtp = await startTestSmtp();
    t = await startTestApp(NOTIFY_ENV(smtp.url));
    await signInDemoUsers(t, tok, uid);
    demo = await demoServiceId(t.db);
    [{ id: police }] = await t.db.query(`SELECT id FROM partner_organisation WHERE type = 'POLICE_NEIGHBOURHOOD_TEAM' AND library_service_id = $1`, [demo]);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
    await new Promise((r) => receiver.close(r));
  });

  it('a manager sets it; the secret is never returned, and is not even a field of the API', async () => {
    const set = await t.gql(SET, { i: { partnerOrganisationId: police, url: hookUrl, secret: SECRET } }, tok.manager);
    expect(set.errors).toBeUndefined();
    expect(set.data.setPartnerWebhook).toMatchObject({ partnerOrganisationId: police, url: hookUrl, version: 1 });
    expect(JSON.stringify(set)).not.toContain(SECRET);
    expect((await t.gql(GET, { p: police }, tok.manager)).data.partnerWebhook).toEqual({ partnerOrganisationId: police, url: hookUrl, version: 1 });
    expect(codeOf(await t.gql(`query($p: ID!) { partnerWebhook(partnerOrganisationId: $p) { secret } }`, { p: police }, tok.manager))).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
  });

  it('only managers and administrators set or read it', async () => {
    for (const who of ['outreach', 'staff', 'pcso', 'dpo']) {
      expect([who, codeOf(await t.gql(SET, { i: { partnerOrganisationId: police, url: hookUrl, secret: SECRET } }, tok[who]))]).toEqual([who, 'FORBIDDEN']);
      expect([who, codeOf(await t.gql(GET, { p: police }, tok[who]))]).toEqual([who, 'FORBIDDEN']);
    }
    const [{ url }] = await t.db.query('SELECT url FROM partner_webhook WHERE partner_organisation_id = $1', [police]);
    expect(url).toBe(hookUrl);
  });

  it('refuses plain http anywhere but this machine, credentials in the URL, and a short secret', async () => {
    const refused = async (url: string, secret = SECRET) => codeOf(await t.gql(SET, { i: { partnerOrganisationId: police, url, secret } }, tok.manager));
    expect(await refused('http://partner.example/hook')).toBe('BAD_USER_INPUT');
    expect(await refused('http://10.0.0.5/hook')).toBe('BAD_USER_INPUT');
    expect(await refused('ftp://partner.example/hook')).toBe('BAD_USER_INPUT');
    expect(await refused('https://user:pass@partner.example/hook')).toBe('BAD_USER_INPUT');
    expect(await refused('not a url')).toBe('BAD_USER_INPUT');
    expect(await refused('https://partner.example/hook', 'short')).toBe('BAD_USER_INPUT');
    expect(await refused('https://partner.example/hook', SECRET)).toBeUndefined();
    // Back to the local receiver for the rest.
    expect(await refused(hookUrl)).toBeUndefined();
  });

  it('a case shared with the organisation is POSTed, signed over the raw body, with ids and the kind only; a refusal is retried', async () => {
    answers.push(500); // the partner's system is down for the first try
    const before = received.length;
    const subject = await createSubject(t.db, { serviceId: demo, name: 'Sentinel Person Quinn', createdById: uid.manager, retainUntil: '2032-01-01' });
    const caseId = await createCase(t.db, { serviceId: demo, subjectId: subject, ownerId: uid.manager, title: 'Sentinel case title' });
    const agreementId = await createAgreement(t.db, { serviceId: demo, createdById: uid.manager, categories: ['IDENTITY'], organisationIds: [police] });
    const share = await t.gql(
      SHARE,
      { i: { caseId, agreementId, partnerOrganisationId: police, categories: ['IDENTITY'], reason: 'Sentinel reason' } },
      tok.manager,
    );
    expect(share.errors).toBeUndefined();

    await waitFor('the retried delivery', async () => received.length >= before + 2);
    const [refusedTry, delivered] = received.slice(before);
    expect(refusedTry.raw).toBe(delivered.raw.replace(/"sentAt":"[^"]+"/, refusedTry.raw.match(/"sentAt":"[^"]+"/)![0]));
    for (const r of [refusedTry, delivered]) {
      const header = r.headers[SIGNATURE_HEADER.toLowerCase()] as string;
      expect(header).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(verifySignature(SECRET, r.raw, header)).toBe(true);
      expect(verifySignature('another-secret-of-at-least-32-characters', r.raw, header)).toBe(false);
      expect(verifySignature(SECRET, r.raw.replace(caseId, police), header)).toBe(false);
      expect(new Date(r.headers[TIMESTAMP_HEADER.toLowerCase()] as string).getTime()).toBeGreaterThan(Date.now() - 60_000);
    }
    const body = JSON.parse(delivered.raw);
    expect(body).toEqual({
      id: expect.stringMatching(/^CASE_SHARED:/),
      kind: 'CASE_SHARED',
      recordType: 'SharedCase',
      recordId: caseId,
      partnerOrganisationId: police,
      sentAt: expect.any(String),
    });
    expect(delivered.raw).not.toMatch(/Sentinel|Quinn/);
    // Sent once it succeeded: nothing more arrives for this event.
    // Marked sent once its batch is done (after the receiver answered): waited for, not assumed.
    const job = await waitFor('the job marked sent', async () => {
      const [row] = await t.db.query(`SELECT attempts, sent_at FROM notification_job WHERE channel = 'WEBHOOK' AND payload->>'recordId' = $1`, [caseId]);
      return row?.sent_at ? row : null;
    });
    expect(job.attempts).toBe(2);
    expect(received.slice(before).filter((r) => r.raw.includes(caseId))).toHaveLength(2);
  });

  it('removed: nothing more is sent to it', async () => {
    expect((await t.gql(REMOVE, { i: { partnerOrganisationId: police } }, tok.manager)).data.removePartnerWebhook).toBe(true);
    expect((await t.gql(GET, { p: police }, tok.manager)).data.partnerWebhook).toBeNull();
    expect((await t.gql(REMOVE, { i: { partnerOrganisationId: police } }, tok.manager)).data.removePartnerWebhook).toBe(false);
    const subject = await createSubject(t.db, { serviceId: demo, name: 'Another Person', createdById: uid.manager, retainUntil: '2032-01-01' });
    const caseId = await createCase(t.db, { serviceId: demo, subjectId: subject, ownerId: uid.manager, title: 'Later case' });
    const agreementId = await createAgreement(t.db, { serviceId: demo, createdById: uid.manager, categories: ['IDENTITY'], organisationIds: [police] });
    expect(
      (await t.gql(SHARE, { i: { caseId, agreementId, partnerOrganisationId: police, categories: ['IDENTITY'], reason: 'x' } }, tok.manager)).errors,
    ).toBeUndefined();
    expect(await t.db.query(`SELECT id FROM notification_job WHERE channel = 'WEBHOOK' AND payload->>'recordId' = $1`, [caseId])).toEqual([]);
    // The in-app notification still comes.
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM notification WHERE record_id = $1 AND user_id = $2`, [caseId, uid.pcso]);
    expect(n).toBe(1);
  });
});
