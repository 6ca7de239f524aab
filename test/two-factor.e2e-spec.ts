import { hotp, totpStep } from '../libs/access/src/auth/totp.js';
import { auditRows, createUser, demoServiceId } from './support/builders.js';
import { codeOf, startTestApp, type TestApp } from './support/test-app.js';

const SESSION = 'accessToken expiresAt refreshToken refreshTokenExpiresAt user { id role }';
const LOGIN = `mutation($e: String!, $p: String!, $c: String) { login(email: $e, password: $p, twoFactorCode: $c) { ${SESSION} knownDeviceToken } }`;
const START = `mutation($t: String) { startTwoFactorEnrolment(input: { enrolmentToken: $t }) { otpauthUri secret } }`;
const CONFIRM = `mutation($t: String, $c: String!) { confirmTwoFactorEnrolment(input: { enrolmentToken: $t, code: $c }) { recoveryCodes session { ${SESSION} } } }`;
const REFRESH = `mutation($r: String!) { refreshSession(input: { refreshToken: $r }) { ${SESSION} } }`;
const SIGN_OUT = `mutation($r: String!) { signOut(input: { refreshToken: $r }) }`;
const RESET = `mutation($id: ID!, $v: Int!) { resetTwoFactor(input: { id: $id, version: $v }) { id twoFactorEnabled } }`;
const DEACTIVATE = `mutation($id: ID!, $v: Int!) { deactivateUser(input: { id: $id, version: $v }) { id isActive } }`;
const ME = `query { me { id role twoFactorEnabled } }`;

/** The authenticator app: the code of a time step for a base32 secret. */
function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of text) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}
const codeAt = (secret: string, step: number) => hotp(base32Decode(secret), step);

describe('two-factor sign-in and rotating refresh tokens (e2e over HTTP)', () => {
  let t: TestApp;
  let service: string;
  let adminToken: string;
  const login = (email: string, code?: string, password = 'demo-password') => t.gql(LOGIN, { e: email, p: password, c: code ?? null });
  const version = async (id: string) => (await t.db.query('SELECT version FROM app_user WHERE id = $1', [id]))[0].version;

  /** Enrols a user whose role needs it, from the sign-in: their secret, recovery codes and session. */
  async function enrol(email: string) {
    const first = await login(email);
    expect(first.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', twoFactorEnrolmentRequired: true });
    const enrolmentToken = first.errors![0].extensions!.enrolmentToken as string;
    const { secret } = (await t.gql(START, { t: enrolmentToken })).data.startTwoFactorEnrolment;
    const confirmed = (await t.gql(CONFIRM, { t: enrolmentToken, c: codeAt(secret, totpStep()) })).data.confirmTwoFactorEnrolment;
    return { secret, enrolmentToken, ...confirmed };
  }

  beforeAll(async () => {
    t = await startTestApp({ TWO_FACTOR_ROLES: 'ADMIN,MANAGER,DPO,PARTNER', LOGIN_MAX_FAILURES: '3' });
    service = await demoServiceId(t.db);
  });
  afterAll(() => t.close());

  it('a role that needs it must enrol first: the password earns an enrolment token, which reads nothing', async () => {
    const r = await login('manager@demo.test');
    expect(r.data).toBeNull();
    const ext = r.errors![0].extensions!;
    expect(ext).toMatchObject({ code: 'UNAUTHENTICATED', twoFactorEnrolmentRequired: true });
    expect(codeOf(await t.gql(ME, {}, ext.enrolmentToken as string))).toBe('UNAUTHENTICATED');
    expect(codeOf(await t.gql(START, { t: 'not-a-token' }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await t.gql(START, { t: null }))).toBe('UNAUTHENTICATED');
    // The wrong password never gets that far.
    const wrong = await login('manager@demo.test', undefined, 'wrong-password');
    expect(wrong.errors![0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it('enrols with an otpauth URI and a code from the app, gives ten recovery codes and the session; a wrong code is refused and audited', async () => {
    const first = await login('manager@demo.test');
    const enrolmentToken = first.errors![0].extensions!.enrolmentToken as string;
    const started = (await t.gql(START, { t: enrolmentToken })).data.startTwoFactorEnrolment;
    expect(started.otpauthUri).toMatch(
      /^otpauth:\/\/totp\/Safer%20Libraries%3Amanager%40demo\.test\?secret=[A-Z2-7]{32}&issuer=Safer%20Libraries&algorithm=SHA1&digits=6&period=30$/,
    );
    expect(started.otpauthUri).toContain(started.secret);
    const [stored] = await t.db.query(`SELECT totp_pending_secret FROM app_user WHERE email = 'manager@demo.test'`);
    expect(Buffer.from(stored.totp_pending_secret).toString('latin1')).not.toContain(base32Decode(started.secret).toString('latin1'));
    const managerId = (await t.db.query(`SELECT id FROM app_user WHERE email = 'manager@demo.test'`))[0].id;
    const failuresBefore = (await auditRows(t.db, { action: 'LOGIN_FAILED', entityId: managerId })).length;
    const wrong = await t.gql(CONFIRM, { t: enrolmentToken, c: codeAt(started.secret, totpStep() + 5) });
    expect(codeOf(wrong)).toBe('BAD_USER_INPUT');
    expect((await auditRows(t.db, { action: 'LOGIN_FAILED', entityId: managerId })).length).toBe(failuresBefore + 1);
    const ok = (await t.gql(CONFIRM, { t: enrolmentToken, c: codeAt(started.secret, totpStep()) })).data.confirmTwoFactorEnrolment;
    expect(ok.recoveryCodes).toHaveLength(10);
    expect(new Set(ok.recoveryCodes).size).toBe(10);
    for (const c of ok.recoveryCodes) expect(c).toMatch(/^[A-Z2-7]{5}-[A-Z2-7]{5}$/);
    const stored2 = await t.db.query('SELECT code_hash FROM recovery_code WHERE user_id = $1', [managerId]);
    expect(stored2).toHaveLength(10);
    expect(JSON.stringify(stored2)).not.toContain(ok.recoveryCodes[0]);
    expect((await t.gql(ME, {}, ok.session.accessToken)).data.me).toEqual({ id: managerId, role: 'MANAGER', twoFactorEnabled: true });
    expect((await auditRows(t.db, { action: 'UPDATE', entityType: 'User', entityId: managerId })).length).toBeGreaterThanOrEqual(2);
    expect(codeOf(await t.gql(START, { t: enrolmentToken }))).toBe('CONFLICT');
  });

  it('then asks for the code at every sign-in: a code works once, a wrong one is a failed sign-in, recovery codes work once each', async () => {
    const { secret, recoveryCodes } = await enrol('dpo@demo.test');
    const asked = await login('dpo@demo.test');
    expect(asked.errors![0].extensions).toEqual({ code: 'UNAUTHENTICATED', twoFactorRequired: true });
    // The code used to confirm enrolment is spent; the next one works, once.
    const [{ totp_last_step: spent }] = await t.db.query(`SELECT totp_last_step FROM app_user WHERE email = 'dpo@demo.test'`);
    expect(codeOf(await login('dpo@demo.test', codeAt(secret, Number(spent))))).toBe('UNAUTHENTICATED');
    const next = codeAt(secret, Number(spent) + 1);
    const signedIn = await login('dpo@demo.test', next);
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data.login.user.role).toBe('DPO');
    const replay = await login('dpo@demo.test', next);
    expect(replay.errors![0].message).toMatch(/not right, or has been used already/);
    expect(codeOf(await login('dpo@demo.test', recoveryCodes[0].toLowerCase().replace('-', ' ')))).toBeUndefined();
    expect(codeOf(await login('dpo@demo.test', recoveryCodes[0]))).toBe('UNAUTHENTICATED');
  });

  it('wrong codes count toward the wait like wrong passwords', async () => {
    const { secret } = await enrol('admin@demo.test');
    for (let i = 0; i < 3; i++) expect(codeOf(await login('admin@demo.test', '000000'))).toBe('UNAUTHENTICATED');
    const refused = await login('admin@demo.test', codeAt(secret, totpStep() + 1));
    expect(refused.errors![0].message).toMatch(/Too many failed sign-in attempts/);
    expect(refused.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(0);
    await t.db.query('DELETE FROM login_throttle');
  });

  it('a role that does not need it signs in with the password, and may enrol when signed in', async () => {
    const staff = await login('staff@demo.test');
    expect(staff.errors).toBeUndefined();
    const token = staff.data.login.accessToken;
    const { secret } = (await t.gql(START, {}, token)).data.startTwoFactorEnrolment;
    const confirmed = (await t.gql(CONFIRM, { c: codeAt(secret, totpStep()) }, token)).data.confirmTwoFactorEnrolment;
    expect(confirmed.session).toBeNull();
    expect(confirmed.recoveryCodes).toHaveLength(10);
    expect((await login('staff@demo.test')).errors![0].extensions).toEqual({ code: 'UNAUTHENTICATED', twoFactorRequired: true });
  });

  it('an administrator resets a lost second factor: the user’s sessions end and they enrol again; others cannot', async () => {
    const pcsoId = (await t.db.query(`SELECT id FROM app_user WHERE email = 'pcso@demo.test'`))[0].id;
    const { session } = await enrol('pcso@demo.test');
    await createUser(t.db, { email: 'admin2@demo.test', role: 'ADMIN', serviceId: service });
    adminToken = (await enrol('admin2@demo.test')).session.accessToken;
    const outreach = (await login('outreach@demo.test')).data.login.accessToken;
    expect(codeOf(await t.gql(RESET, { id: pcsoId, v: await version(pcsoId) }, outreach))).toMatch(/FORBIDDEN|NOT_FOUND/);
    expect(codeOf(await t.gql(RESET, { id: pcsoId, v: await version(pcsoId) }, session.accessToken))).toMatch(/FORBIDDEN|NOT_FOUND/);
    const reset = await t.gql(RESET, { id: pcsoId, v: await version(pcsoId) }, adminToken);
    expect(reset.data.resetTwoFactor).toEqual({ id: pcsoId, twoFactorEnabled: false });
    expect(codeOf(await t.gql(ME, {}, session.accessToken))).toBe('UNAUTHENTICATED');
    expect(codeOf(await t.gql(REFRESH, { r: session.refreshToken }))).toBe('UNAUTHENTICATED');
    expect((await login('pcso@demo.test')).errors![0].extensions!.twoFactorEnrolmentRequired).toBe(true);
    expect(codeOf(await t.gql(RESET, { id: pcsoId, v: await version(pcsoId) }, adminToken))).toBe('CONFLICT');
    expect(await t.db.query('SELECT 1 FROM recovery_code WHERE user_id = $1', [pcsoId])).toEqual([]);
  });

  describe('refresh tokens', () => {
    let session: { accessToken: string; refreshToken: string; user: { id: string } };

    beforeAll(async () => {
      const r = await login('outreach@demo.test');
      session = r.data.login;
    });

    it('rotate: each gives a new access token and a new refresh token, and works once', async () => {
      const first = (await t.gql(REFRESH, { r: session.refreshToken })).data.refreshSession;
      expect(first.refreshToken).not.toBe(session.refreshToken);
      expect((await t.gql(ME, {}, first.accessToken)).data.me.id).toBe(session.user.id);
      const second = (await t.gql(REFRESH, { r: first.refreshToken })).data.refreshSession;
      expect((await t.gql(ME, {}, second.accessToken)).data.me.id).toBe(session.user.id);
      session = second;
    });

    it('a refresh token used twice revokes its whole family, audited', async () => {
      const before = (await auditRows(t.db, { action: 'LOGIN_FAILED', entityId: session.user.id })).length;
      const next = (await t.gql(REFRESH, { r: session.refreshToken })).data.refreshSession;
      const reused = await t.gql(REFRESH, { r: session.refreshToken });
      expect(codeOf(reused)).toBe('UNAUTHENTICATED');
      expect(reused.errors![0].message).toMatch(/used already/);
      // The thief's copy ended the user's session too: the newest token of the family no longer works.
      expect(codeOf(await t.gql(REFRESH, { r: next.refreshToken }))).toBe('UNAUTHENTICATED');
      expect((await auditRows(t.db, { action: 'LOGIN_FAILED', entityId: session.user.id })).length).toBe(before + 1);
      // Another sign-in of the same user is another family, untouched.
      const other = (await login('outreach@demo.test')).data.login;
      expect((await t.gql(REFRESH, { r: other.refreshToken })).errors).toBeUndefined();
    });

    it('signing out ends the family; unknown and malformed tokens are refused', async () => {
      const s = (await login('outreach@demo.test')).data.login;
      expect((await t.gql(SIGN_OUT, { r: s.refreshToken })).data.signOut).toBe(true);
      expect(codeOf(await t.gql(REFRESH, { r: s.refreshToken }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await t.gql(REFRESH, { r: 'A'.repeat(43) }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await t.gql(REFRESH, { r: 'short' }))).toBe('BAD_USER_INPUT');
    });

    it('an expired refresh token is refused', async () => {
      const s = (await login('outreach@demo.test')).data.login;
      await t.db.query(`UPDATE refresh_token SET expires_at = now() - interval '1 second' WHERE used_at IS NULL AND revoked_at IS NULL AND user_id = $1`, [
        s.user.id,
      ]);
      expect(codeOf(await t.gql(REFRESH, { r: s.refreshToken }))).toBe('UNAUTHENTICATED');
    });

    it('deactivation ends every session at once: access and refresh tokens', async () => {
      const id = await createUser(t.db, { email: 'temp@demo.test', role: 'OUTREACH_WORKER', serviceId: service });
      const s = (await login('temp@demo.test')).data.login;
      expect((await t.gql(DEACTIVATE, { id, v: await version(id) }, adminToken)).data.deactivateUser).toEqual({ id, isActive: false });
      expect(codeOf(await t.gql(REFRESH, { r: s.refreshToken }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await t.gql(ME, {}, s.accessToken))).toBe('UNAUTHENTICATED');
      expect(await t.db.query('SELECT 1 FROM refresh_token WHERE user_id = $1 AND revoked_at IS NULL', [id])).toEqual([]);
    });
  });
});
