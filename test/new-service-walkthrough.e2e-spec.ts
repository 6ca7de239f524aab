import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProgram } from '../apps/cli/program.js';
import { hotp, totpStep } from '../libs/access/src/auth/totp.js';
import { loadConfig } from '../libs/common/src/index.js';
import { linkToken, startTestSmtp, type TestSmtp } from './support/smtp.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * A new library service from nothing, as the README's quick start describes it by hand: the
 * platform operator creates the service and its administrator with the CLI while the server runs;
 * the administrator signs up from the emailed invitation, enrols an authenticator app, sets up
 * branches and invites colleagues, who sign up (the manager with a second factor); partners come in
 * from the library's Open Referral UK directory; an outreach worker refers a person to a partner
 * with no login, and the library records the partner's acceptance, given by phone.
 */
describe('a new library service from nothing (e2e over HTTP, a real SMTP server, two-factor sign-in on)', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  const PASSWORD = 'a long and private passphrase';

  const ok = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const r = await t.gql(query, variables, token);
    if (r.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(r.errors)}`);
    return r.data;
  };

  /** The authenticator app: the code of a step for a base32 secret. */
  const code = (secret: string, step: number) => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    let bits = 0;
    let value = 0;
    const bytes: number[] = [];
    for (const ch of secret) {
      value = (value << 5) | alphabet.indexOf(ch);
      bits += 5;
      if (bits >= 8) {
        bytes.push((value >>> (bits - 8)) & 255);
        bits -= 8;
      }
    }
    return hotp(Buffer.from(bytes), step);
  };

  /** Accepts the invitation in the newest email to `email`, then signs in, enrolling in 2FA when the sign-in asks for it. */
  async function signUp(email: string, since: number): Promise<string> {
    const token = linkToken(await smtp.next(email, since));
    await ok(`mutation($t: String!, $p: String!) { acceptInvitation(input: { token: $t, password: $p }) }`, { t: token, p: PASSWORD });
    const login = await t.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`, { e: email, p: PASSWORD });
    if (login.data?.login) return login.data.login.accessToken;
    const enrolmentToken = login.errors![0].extensions!.enrolmentToken as string;
    const { secret } = (await ok(`mutation($t: String) { startTwoFactorEnrolment(input: { enrolmentToken: $t }) { secret } }`, { t: enrolmentToken }))
      .startTwoFactorEnrolment;
    const confirmed = await ok(
      `mutation($t: String, $c: String!) { confirmTwoFactorEnrolment(input: { enrolmentToken: $t, code: $c }) { recoveryCodes session { accessToken } } }`,
      { t: enrolmentToken, c: code(secret, totpStep()) },
    );
    expect(confirmed.confirmTwoFactorEnrolment.recoveryCodes).toHaveLength(10);
    return confirmed.confirmTwoFactorEnrolment.session.accessToken;
  }

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestApp({ SMTP_URL: smtp.url, TWO_FACTOR_ROLES: 'ADMIN,MANAGER,DPO,PARTNER', SEED_DEMO: 'false' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('walks from an empty database to a referral accepted on a partner’s behalf', async () => {
    // 1. The platform operator: the service and its administrator, with the CLI, while the server runs.
    const config = loadConfig({ SMTP_URL: smtp.url });
    const out: string[] = [];
    let since = smtp.received.length;
    await buildProgram(
      async (fn) => fn(t.running.db),
      (l) => out.push(l),
      process.stderr,
      () => config,
    ).parseAsync([
      'node',
      'cli',
      'create-service',
      '--name',
      'Riverton Libraries',
      '--code',
      'RIVERTON',
      '--admin-email',
      'ada@riverton.example',
      '--admin-name',
      'Ada Riverton',
    ]);
    expect(out[0]).toMatch(/^created library service [0-9a-f-]{36}/);

    // 2. The administrator signs up (and must enrol an authenticator app), then sets up branches and colleagues.
    const admin = await signUp('ada@riverton.example', since);
    const central = (await ok(`mutation { createBranch(input: { name: "Riverton Central Library", address: "1 Bridge Street" }) { id } }`, {}, admin))
      .createBranch;
    await ok(`mutation { createBranch(input: { name: "Eastside Library" }) { id } }`, {}, admin);
    const invite = `mutation($i: InviteUserInput!) { inviteUser(input: $i) { id } }`;
    since = smtp.received.length;
    await ok(invite, { i: { email: 'morgan@riverton.example', displayName: 'Morgan Riverton', role: 'MANAGER' } }, admin);
    const manager = await signUp('morgan@riverton.example', since);
    since = smtp.received.length;
    await ok(invite, { i: { email: 'olu@riverton.example', displayName: 'Olu Riverton', role: 'OUTREACH_WORKER', branchIds: [central.id] } }, admin);
    const outreach = await signUp('olu@riverton.example', since);
    const colleagues = (await ok(`{ users(first: 10) { edges { node { displayName role email } } } }`, {}, outreach)).users.edges.map((e: any) => e.node);
    expect(colleagues).toEqual([
      { displayName: 'Ada Riverton', role: 'ADMIN', email: null },
      { displayName: 'Morgan Riverton', role: 'MANAGER', email: null },
      { displayName: 'Olu Riverton', role: 'OUTREACH_WORKER', email: 'olu@riverton.example' },
    ]);

    // 3. Partners (none of them with a login), from the library's Open Referral UK directory; one record is bad and refused alone.
    const document = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'open-referral-uk.json'), 'utf8');
    const report = (
      await ok(`mutation($d: String!) { importPartnerDirectory(input: { document: $d }) { created updated refused { sourceId } } }`, { d: document }, admin)
    ).importPartnerDirectory;
    expect(report).toEqual({ created: 4, updated: 0, refused: [{ sourceId: 'oruk-org-bad' }] });
    // The outreach worker finds the partner for a need in the directory.
    const found = (await ok(`{ partnerOrganisations(first: 5, filter: { text: "food" }) { edges { node { id name } } } }`, {}, outreach)).partnerOrganisations
      .edges;
    expect(found.map((e: any) => e.node.name)).toEqual(['Hastings Community Pantry']);
    const partner = found[0].node;

    // 4. The outreach worker refers a person to the partner, with their consent, and sends it.
    const subject = (await ok(`mutation { createSubject(input: { name: "R. Walker", ageBand: AGE_35_49 }) { id } }`, {}, outreach)).createSubject;
    const draft = (
      await ok(
        `mutation($i: CreateReferralInput!) { createReferral(input: $i) { id version } }`,
        {
          i: {
            subjectId: subject.id,
            partnerOrganisationId: partner.id,
            needs: ['FOOD'],
            reason: 'Has not eaten today; asked where to get a food parcel',
            urgency: 'SOON',
            contactRoute: 'At Riverton Central Library most mornings',
            consent: 'GIVEN',
            consentMethod: 'Verbally, in person',
            consentRecordedAt: new Date(Date.now() - 3_600_000).toISOString(),
          },
        },
        outreach,
      )
    ).createReferral;
    const sent = (
      await ok(`mutation($i: VersionedIdInput!) { sendReferral(input: $i) { id version status } }`, { i: { id: draft.id, version: draft.version } }, outreach)
    ).sendReferral;
    expect(sent.status).toBe('SENT');

    // 5. The partner phones back to accept: the library records it on their behalf.
    const accepted = (
      await ok(
        `mutation($i: ReferralOnBehalfInput!) { acceptReferralOnBehalf(input: $i) { status transitions { toStatus actorRole recordedOnBehalf { answeredBy channel } } } }`,
        {
          i: {
            id: sent.id,
            version: sent.version,
            onBehalf: { partnerOrganisationId: partner.id, answeredBy: 'Pantry coordinator', channel: 'PHONE', answeredAt: new Date().toISOString() },
          },
        },
        outreach,
      )
    ).acceptReferralOnBehalf;
    expect(accepted.status).toBe('ACCEPTED');
    expect(accepted.transitions.at(-1)).toEqual({
      toStatus: 'ACCEPTED',
      actorRole: 'OUTREACH_WORKER',
      recordedOnBehalf: { answeredBy: 'Pantry coordinator', channel: 'PHONE' },
    });
    // It counts in the statistics like an answer given in the app.
    const window = { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() };
    const stats = await ok(
      `query($from: DateTime!, $to: DateTime!) { referralStatistics(from: $from, to: $to, groupBy: PARTNER) { total { accepted awaitingAnswer } } }`,
      window,
      manager,
    );
    expect(stats.referralStatistics.total).toEqual({ accepted: 1, awaitingAnswer: 0 });
  });
});
