import { buildProgram } from '../apps/cli/program.js';
import { loadConfig } from '../libs/common/src/index.js';
import { auditRows, createBranch, createLibraryService, createUser } from './support/builders.js';
import { linkToken, startTestSmtp, type TestSmtp } from './support/smtp.js';
import { codeOf, signInDemoUsers, startTestApp, type TestApp } from './support/test-app.js';

const USER = 'id email displayName role branchIds partnerOrganisationId isActive invitationPending version';
const INVITE = `mutation($i: InviteUserInput!) { inviteUser(input: $i) { ${USER} } }`;
const RESEND = `mutation($id: ID!, $v: Int!) { resendInvitation(input: { id: $id, version: $v }) { ${USER} } }`;
const ACCEPT = `mutation($t: String!, $p: String!) { acceptInvitation(input: { token: $t, password: $p }) }`;
const REQUEST_RESET = `mutation($e: String!) { requestPasswordReset(input: { email: $e }) }`;
const RESET = `mutation($t: String!, $p: String!) { resetPassword(input: { token: $t, password: $p }) }`;
const ROLE = `mutation($i: ChangeUserRoleInput!) { changeUserRole(input: $i) { ${USER} } }`;
const BRANCHES = `mutation($i: SetUserBranchesInput!) { setUserBranches(input: $i) { ${USER} } }`;
const DEACTIVATE = `mutation($id: ID!, $v: Int!) { deactivateUser(input: { id: $id, version: $v }) { ${USER} } }`;
const REACTIVATE = `mutation($id: ID!, $v: Int!) { reactivateUser(input: { id: $id, version: $v }) { ${USER} } }`;
const USERS = `query($f: UserFilterInput) { users(filter: $f, first: 100) { totalCount edges { node { ${USER} branches { name } } } } }`;
const BRANCH = 'id name address isActive version';
const CREATE_BRANCH = `mutation($i: CreateBranchInput!) { createBranch(input: $i) { ${BRANCH} } }`;
const UPDATE_BRANCH = `mutation($i: UpdateBranchInput!) { updateBranch(input: $i) { ${BRANCH} } }`;
const CLOSE_BRANCH = `mutation($id: ID!, $v: Int!) { closeBranch(input: { id: $id, version: $v }) { ${BRANCH} } }`;
const REOPEN_BRANCH = `mutation($id: ID!, $v: Int!) { reopenBranch(input: { id: $id, version: $v }) { ${BRANCH} } }`;
const ME = `query { me { id role } }`;
const PASSWORD = 'correct horse battery staple';

describe('administration over the API: branches, users, invitations and password resets (e2e over HTTP, real SMTP server)', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let other: string;
  let otherAdmin: string;
  let otherBranch: string;
  let police: string;
  let foodbank: string;
  let central: string;

  const nodes = (r: any) => r.data.users.edges.map((e: any) => e.node);
  const userRow = async (email: string) => (await t.db.query('SELECT * FROM app_user WHERE lower(email) = lower($1)', [email]))[0];
  const invite = (input: Record<string, unknown>, token = tok.admin) => t.gql(INVITE, { i: input }, token);
  /** Invites and accepts: a signed-up user, and their token. */
  async function signedUp(email: string, role: string, extra: Record<string, unknown> = {}, by = tok.admin) {
    const since = smtp.received.length;
    const r = await invite({ email, displayName: `New ${role}`, role, ...extra }, by);
    expect(r.errors).toBeUndefined();
    expect((await t.gql(ACCEPT, { t: linkToken(await smtp.next(email, since)), p: PASSWORD })).data.acceptInvitation).toBe(true);
    return { user: r.data.inviteUser, token: await t.login(email, PASSWORD) };
  }

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://libraries.example.gov.uk/' });
    await signInDemoUsers(t, tok, ids);
    [{ id: central }] = await t.db.query(`SELECT id FROM branch WHERE name = 'Central Library'`);
    [{ id: police }] = await t.db.query(`SELECT id FROM partner_organisation WHERE type = 'POLICE_NEIGHBOURHOOD_TEAM'`);
    [{ id: foodbank }] = await t.db.query(`SELECT id FROM partner_organisation WHERE name = 'Hope Foodbank'`);
    other = await createLibraryService(t.db, { name: 'Other Shire Libraries' });
    otherBranch = await createBranch(t.db, { serviceId: other, name: 'Other Central' });
    await createUser(t.db, { email: 'admin@other.test', role: 'ADMIN', serviceId: other });
    otherAdmin = await t.login('admin@other.test');
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  describe('branches', () => {
    it('an admin creates, renames, closes and reopens a branch, each audited', async () => {
      const created = await t.gql(CREATE_BRANCH, { i: { name: '  Westgate Library ', address: '3 West Street' } }, tok.admin);
      const b = created.data.createBranch;
      expect(b).toMatchObject({ name: 'Westgate Library', address: '3 West Street', isActive: true, version: 1 });
      const renamed = (await t.gql(UPDATE_BRANCH, { i: { id: b.id, version: 1, name: 'Westgate Community Library', address: null } }, tok.admin)).data
        .updateBranch;
      expect(renamed).toMatchObject({ name: 'Westgate Community Library', address: null, version: 2 });
      const closed = (await t.gql(CLOSE_BRANCH, { id: b.id, v: 2 }, tok.admin)).data.closeBranch;
      expect(closed).toMatchObject({ isActive: false, version: 3 });
      expect(codeOf(await t.gql(CLOSE_BRANCH, { id: b.id, v: 3 }, tok.admin))).toBe('CONFLICT');
      expect((await t.gql(REOPEN_BRANCH, { id: b.id, v: 3 }, tok.admin)).data.reopenBranch).toMatchObject({ isActive: true, version: 4 });
      const audit = await auditRows(t.db, { entityType: 'Branch', entityId: b.id });
      expect(audit.map((a: any) => [a.action, a.actor_id])).toEqual([
        ['CREATE', ids.admin],
        ['UPDATE', ids.admin],
        ['UPDATE', ids.admin],
        ['UPDATE', ids.admin],
      ]);
    });

    it('refuses a duplicate name, a stale version and a blank name', async () => {
      expect(codeOf(await t.gql(CREATE_BRANCH, { i: { name: 'central library' } }, tok.admin))).toBe('CONFLICT');
      const [{ version }] = await t.db.query('SELECT version FROM branch WHERE id = $1', [central]);
      expect(codeOf(await t.gql(UPDATE_BRANCH, { i: { id: central, version: version + 5, name: 'Central' } }, tok.admin))).toBe('CONFLICT');
      expect(codeOf(await t.gql(CREATE_BRANCH, { i: { name: '   ' } }, tok.admin))).toBe('BAD_USER_INPUT');
      expect((await t.db.query('SELECT name FROM branch WHERE id = $1', [central]))[0].name).toBe('Central Library');
    });

    it('staff, managers and partners cannot administer branches; another service’s admin cannot see ours', async () => {
      for (const who of ['manager', 'staff', 'outreach', 'pcso', 'dpo']) {
        expect(codeOf(await t.gql(CREATE_BRANCH, { i: { name: `By ${who}` } }, tok[who]))).toBe('FORBIDDEN');
        expect(codeOf(await t.gql(UPDATE_BRANCH, { i: { id: central, version: 1, name: `By ${who}` } }, tok[who]))).toMatch(/FORBIDDEN|NOT_FOUND/);
      }
      expect(codeOf(await t.gql(UPDATE_BRANCH, { i: { id: central, version: 1, name: 'Taken over' } }, otherAdmin))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(CLOSE_BRANCH, { id: central, v: 1 }, otherAdmin))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(CLOSE_BRANCH, { id: otherBranch, v: 1 }, tok.admin))).toBe('NOT_FOUND');
      expect(await t.db.query(`SELECT 1 FROM branch WHERE name LIKE 'By %' OR name = 'Taken over'`)).toEqual([]);
    });
  });

  describe('invitations', () => {
    it('an admin invites a user by email; the link sets their password once, then they sign in', async () => {
      const since = smtp.received.length;
      const r = await invite({ email: 'Jo.Newstaff@demo.test', displayName: 'Jo Newstaff', role: 'STAFF', branchIds: [central] });
      expect(r.errors).toBeUndefined();
      const user = r.data.inviteUser;
      expect(user).toMatchObject({ email: 'Jo.Newstaff@demo.test', role: 'STAFF', branchIds: [central], isActive: true, invitationPending: true });
      const mail = await smtp.next('Jo.Newstaff@demo.test', since);
      expect(mail.subject).toBe('You have been invited to Safer Libraries');
      expect(mail.text).toContain('Hello Jo Newstaff,');
      expect(mail.text).toMatch(/https:\/\/libraries\.example\.gov\.uk\/account\/set-password#invitation=[A-Za-z0-9_-]{43}\n/);
      expect(mail.text).toContain('expires in 72 hours');
      // Nobody else's name, no role, no service detail: the recipient's own name only.
      for (const other of ['Ada Admin', 'STAFF', 'Central', 'Demo Shire']) expect(mail.text).not.toContain(other);
      const token = linkToken(mail);
      expect(JSON.stringify(await t.db.query('SELECT * FROM account_link'))).not.toContain(token);

      expect(codeOf(await t.gql(`mutation { login(email: "jo.newstaff@demo.test", password: "${PASSWORD}") { accessToken } }`))).toBe('UNAUTHENTICATED');
      expect(codeOf(await t.gql(ACCEPT, { t: token, p: 'too short' }))).toBe('BAD_USER_INPUT');
      expect((await t.gql(ACCEPT, { t: token, p: PASSWORD })).data.acceptInvitation).toBe(true);
      const again = await t.gql(ACCEPT, { t: token, p: 'another long password' });
      expect(codeOf(again)).toBe('BAD_USER_INPUT');
      expect(again.errors![0].message).toMatch(/expired, has been used/);
      const jo = await t.login('jo.newstaff@demo.test', PASSWORD);
      expect((await t.gql(ME, {}, jo)).data.me).toEqual({ id: user.id, role: 'STAFF' });
      expect((await t.gql(USERS, { f: { search: 'Newstaff' } }, tok.admin)).data.users.edges[0].node.invitationPending).toBe(false);
      const audit = (await auditRows(t.db, { entityType: 'User', entityId: user.id })).filter((a: any) => ['CREATE', 'UPDATE'].includes(a.action));
      expect(audit.map((a: any) => [a.action, a.actor_id])).toEqual([
        ['CREATE', ids.admin],
        ['UPDATE', user.id],
      ]);
    });

    it('an expired link does not work; a resent invitation replaces the earlier link', async () => {
      const since = smtp.received.length;
      const user = (await invite({ email: 'late@demo.test', displayName: 'Lee Late', role: 'OUTREACH_WORKER' })).data.inviteUser;
      const first = linkToken(await smtp.next('late@demo.test', since));
      await t.db.query(`UPDATE account_link SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [user.id]);
      expect(codeOf(await t.gql(ACCEPT, { t: first, p: PASSWORD }))).toBe('BAD_USER_INPUT');
      const resent = await t.gql(RESEND, { id: user.id, v: user.version }, tok.admin);
      expect(resent.errors).toBeUndefined();
      const second = linkToken(await smtp.next('late@demo.test', since + 1));
      expect(second).not.toBe(first);
      await t.db.query(`UPDATE account_link SET expires_at = now() + interval '1 hour' WHERE user_id = $1`, [user.id]);
      expect(codeOf(await t.gql(ACCEPT, { t: first, p: PASSWORD }))).toBe('BAD_USER_INPUT');
      expect((await t.gql(ACCEPT, { t: second, p: PASSWORD })).data.acceptInvitation).toBe(true);
      expect(codeOf(await t.gql(RESEND, { id: user.id, v: (await userRow('late@demo.test')).version }, tok.admin))).toBe('CONFLICT');
      expect(codeOf(await t.gql(ACCEPT, { t: 'A'.repeat(43), p: PASSWORD }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(ACCEPT, { t: 'not-a-token', p: PASSWORD }))).toBe('BAD_USER_INPUT');
    });

    it('refuses a taken email, a partner user without an organisation, branches of another service, and closed branches', async () => {
      expect(codeOf(await invite({ email: 'STAFF@demo.test', displayName: 'Dup', role: 'STAFF' }))).toBe('CONFLICT');
      expect(codeOf(await invite({ email: 'p1@demo.test', displayName: 'P', role: 'PARTNER' }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await invite({ email: 'p2@demo.test', displayName: 'P', role: 'STAFF', partnerOrganisationId: police }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await invite({ email: 'p3@demo.test', displayName: 'P', role: 'STAFF', branchIds: [otherBranch] }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await invite({ email: 'not an email', displayName: 'P', role: 'STAFF' }))).toBe('BAD_USER_INPUT');
      const closed = (await t.gql(CREATE_BRANCH, { i: { name: 'Closing Soon Library' } }, tok.admin)).data.createBranch;
      await t.gql(CLOSE_BRANCH, { id: closed.id, v: closed.version }, tok.admin);
      const refused = await invite({ email: 'p4@demo.test', displayName: 'P', role: 'STAFF', branchIds: [closed.id] });
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
      expect(refused.errors![0].message).toMatch(/not an open branch/);
      expect(await t.db.query(`SELECT 1 FROM app_user WHERE email LIKE 'p_@demo.test'`)).toEqual([]);
    });

    it('a manager invites a partner’s staff, and no one of the library’s own; staff, partners and other services cannot invite', async () => {
      const { user, token } = await signedUp('duty@foodbank.test', 'PARTNER', { partnerOrganisationId: foodbank }, tok.manager);
      expect(user).toMatchObject({ role: 'PARTNER', partnerOrganisationId: foodbank });
      expect((await t.gql(ME, {}, token)).data.me.role).toBe('PARTNER');
      expect(codeOf(await invite({ email: 'm2@demo.test', displayName: 'M', role: 'MANAGER' }, tok.manager))).toBe('FORBIDDEN');
      expect(codeOf(await invite({ email: 's2@demo.test', displayName: 'S', role: 'STAFF' }, tok.manager))).toBe('FORBIDDEN');
      for (const who of ['staff', 'outreach', 'pcso', 'dpo']) {
        expect(codeOf(await invite({ email: `${who}-made@demo.test`, displayName: 'X', role: 'PARTNER', partnerOrganisationId: police }, tok[who]))).toBe(
          'FORBIDDEN',
        );
      }
      // Another service's admin: our partner organisation is not one of theirs.
      expect(codeOf(await invite({ email: 'x@other.test', displayName: 'X', role: 'PARTNER', partnerOrganisationId: police }, otherAdmin))).toBe(
        'BAD_USER_INPUT',
      );
      expect(await t.db.query(`SELECT 1 FROM app_user WHERE email LIKE '%-made@demo.test' OR email = 'x@other.test'`)).toEqual([]);
    });

    it('the users of a partner organisation the library no longer works with cannot sign in, and their sessions stop; back when it is active again', async () => {
      const since = smtp.received.length;
      await invite({ email: 'volunteer@foodbank.test', displayName: 'Val Volunteer', role: 'PARTNER', partnerOrganisationId: foodbank }, tok.manager);
      await t.gql(ACCEPT, { t: linkToken(await smtp.next('volunteer@foodbank.test', since)), p: PASSWORD });
      const session = (await t.gql(`mutation { login(email: "volunteer@foodbank.test", password: "${PASSWORD}") { accessToken refreshToken } }`)).data.login;
      expect((await t.gql(ME, {}, session.accessToken)).data.me.role).toBe('PARTNER');
      for (const status of ['INACTIVE', 'ARCHIVED']) {
        await t.db.query('UPDATE partner_organisation SET status = $2 WHERE id = $1', [foodbank, status]);
        expect(codeOf(await t.gql(ME, {}, session.accessToken))).toBe('UNAUTHENTICATED');
        expect(codeOf(await t.gql(`mutation { login(email: "volunteer@foodbank.test", password: "${PASSWORD}") { accessToken } }`))).toBe('UNAUTHENTICATED');
        expect(codeOf(await t.gql(`mutation($r: String!) { refreshSession(input: { refreshToken: $r }) { accessToken } }`, { r: session.refreshToken }))).toBe(
          'UNAUTHENTICATED',
        );
      }
      await t.db.query(`UPDATE partner_organisation SET status = 'ACTIVE' WHERE id = $1`, [foodbank]);
      expect((await t.gql(ME, {}, session.accessToken)).data.me.role).toBe('PARTNER');
    });

    it('nothing is saved when the mail relay is down, and it works again when it is back', async () => {
      await smtp.stop();
      try {
        const r = await invite({ email: 'down@demo.test', displayName: 'Dana Down', role: 'STAFF' });
        expect(codeOf(r)).toBe('SERVICE_UNAVAILABLE');
        expect(r.errors![0].message).toMatch(/nothing was saved/);
        expect(await userRow('down@demo.test')).toBeUndefined();
      } finally {
        await smtp.start();
      }
      const since = smtp.received.length;
      expect((await invite({ email: 'down@demo.test', displayName: 'Dana Down', role: 'STAFF' })).errors).toBeUndefined();
      await smtp.next('down@demo.test', since);
    });
  });

  describe('role, branches and deactivation', () => {
    it('an admin changes a role and branches, effective on the next request; a stale version is refused', async () => {
      const { user, token } = await signedUp('promote@demo.test', 'STAFF', { branchIds: [central] });
      const changed = (await t.gql(ROLE, { i: { id: user.id, version: user.version + 1, role: 'MANAGER' } }, tok.admin)).data.changeUserRole;
      expect(changed.role).toBe('MANAGER');
      // The sessions of the old role end at once; signing in again gives the new one.
      expect(codeOf(await t.gql(ME, {}, token))).toBe('UNAUTHENTICATED');
      expect((await t.gql(ME, {}, await t.login('promote@demo.test', PASSWORD))).data.me.role).toBe('MANAGER');
      expect(codeOf(await t.gql(ROLE, { i: { id: user.id, version: changed.version - 1, role: 'STAFF' } }, tok.admin))).toBe('CONFLICT');
      const [{ id: northgate }] = await t.db.query(`SELECT id FROM branch WHERE name = 'Northgate Library'`);
      const moved = (await t.gql(BRANCHES, { i: { id: user.id, version: changed.version, branchIds: [northgate, central] } }, tok.admin)).data.setUserBranches;
      expect(new Set(moved.branchIds)).toEqual(new Set([northgate, central]));
      expect(codeOf(await t.gql(BRANCHES, { i: { id: user.id, version: moved.version, branchIds: [otherBranch] } }, tok.admin))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(ROLE, { i: { id: user.id, version: moved.version, role: 'ADMIN' } }, tok.manager))).toMatch(/FORBIDDEN|NOT_FOUND/);
      expect(codeOf(await t.gql(ROLE, { i: { id: user.id, version: moved.version, role: 'ADMIN' } }, otherAdmin))).toBe('NOT_FOUND');
      expect((await userRow('promote@demo.test')).role).toBe('MANAGER');
    });

    it('deactivation stops the user’s session at once; reactivation lets them back in', async () => {
      const { user, token } = await signedUp('leaver@demo.test', 'OUTREACH_WORKER');
      const version = (await userRow('leaver@demo.test')).version;
      const off = (await t.gql(DEACTIVATE, { id: user.id, v: version }, tok.admin)).data.deactivateUser;
      expect(off.isActive).toBe(false);
      expect(codeOf(await t.gql(ME, {}, token))).toBe('UNAUTHENTICATED');
      expect(codeOf(await t.gql(`mutation { login(email: "leaver@demo.test", password: "${PASSWORD}") { accessToken } }`))).toBe('UNAUTHENTICATED');
      expect(codeOf(await t.gql(DEACTIVATE, { id: user.id, v: off.version }, tok.admin))).toBe('CONFLICT');
      expect((await t.gql(REACTIVATE, { id: user.id, v: off.version }, tok.admin)).data.reactivateUser.isActive).toBe(true);
      expect((await t.gql(ME, {}, await t.login('leaver@demo.test', PASSWORD))).data.me.id).toBe(user.id);
    });

    it('an admin cannot demote or deactivate themselves (so a service keeps the administrator who acts)', async () => {
      const [me] = await t.db.query('SELECT version FROM app_user WHERE id = $1', [ids.admin]);
      expect(codeOf(await t.gql(DEACTIVATE, { id: ids.admin, v: me.version }, tok.admin))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(ROLE, { i: { id: ids.admin, version: me.version, role: 'STAFF' } }, tok.admin))).toBe('BAD_USER_INPUT');
      await signedUp('second-admin@demo.test', 'ADMIN');
      const second = await t.login('second-admin@demo.test', PASSWORD);
      // With two, one may step the other down, and back.
      const stepped = (await t.gql(ROLE, { i: { id: ids.admin, version: me.version, role: 'MANAGER' } }, second)).data.changeUserRole;
      expect(stepped.role).toBe('MANAGER');
      expect(codeOf(await t.gql(CREATE_BRANCH, { i: { name: 'Admin no more' } }, tok.admin))).toBe('UNAUTHENTICATED');
      expect(codeOf(await t.gql(CREATE_BRANCH, { i: { name: 'Admin no more' } }, await t.login('admin@demo.test')))).toBe('FORBIDDEN');
      expect((await t.gql(ROLE, { i: { id: ids.admin, version: stepped.version, role: 'ADMIN' } }, second)).errors).toBeUndefined();
      expect((await userRow('admin@demo.test')).role).toBe('ADMIN');
      tok.admin = await t.login('admin@demo.test');
    });

    it('managers look after partner users only; staff and partners change no one', async () => {
      const { user } = await signedUp('yjs-officer@demo.test', 'PARTNER', { partnerOrganisationId: police }, tok.manager);
      const version = (await userRow('yjs-officer@demo.test')).version;
      const off = (await t.gql(DEACTIVATE, { id: user.id, v: version }, tok.manager)).data.deactivateUser;
      expect(off.isActive).toBe(false);
      expect(codeOf(await t.gql(REACTIVATE, { id: user.id, v: off.version }, tok.staff))).toMatch(/FORBIDDEN|NOT_FOUND/);
      expect(codeOf(await t.gql(REACTIVATE, { id: user.id, v: off.version }, tok.pcso))).toMatch(/FORBIDDEN|NOT_FOUND/);
      const [staff] = await t.db.query('SELECT version FROM app_user WHERE id = $1', [ids.staff]);
      expect(codeOf(await t.gql(DEACTIVATE, { id: ids.staff, v: staff.version }, tok.manager))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(DEACTIVATE, { id: ids.staff, v: staff.version }, tok.outreach))).toBe('FORBIDDEN');
      expect((await userRow('staff@demo.test')).is_active).toBe(true);
    });
  });

  describe('the users list', () => {
    it('colleagues see name, role and branches; the admin sees email and status too', async () => {
      const asStaff = nodes(await t.gql(USERS, { f: { roles: ['STAFF'] } }, tok.staff));
      const sam = asStaff.find((u: any) => u.id === ids.staff);
      expect(sam).toMatchObject({ displayName: 'Sam Staff', role: 'STAFF', branchIds: [central], email: 'staff@demo.test' });
      const colleague = asStaff.find((u: any) => u.id !== ids.staff);
      expect(colleague).toMatchObject({ email: null, isActive: null, invitationPending: null });
      expect(colleague.displayName).toBeTruthy();
      const manager = nodes(await t.gql(USERS, { f: { roles: ['MANAGER'], search: 'morgan' } }, tok.outreach))[0];
      expect(manager).toMatchObject({ id: ids.manager, displayName: 'Morgan Manager', email: null });
      const asAdmin = nodes(await t.gql(USERS, { f: { roles: ['MANAGER'], search: 'morgan' } }, tok.admin))[0];
      expect(asAdmin).toMatchObject({ email: 'manager@demo.test', isActive: true, invitationPending: false });
      const atCentral = nodes(await t.gql(USERS, { f: { branchIds: [central] } }, tok.manager));
      expect(atCentral.map((u: any) => u.id)).toContain(ids.staff);
      expect(atCentral.every((u: any) => u.branchIds.includes(central))).toBe(true);
    });

    it('deactivated users are for administrators only; nobody sees another service’s users', async () => {
      const [officer] = await t.db.query(`SELECT id FROM app_user WHERE email = 'yjs-officer@demo.test'`);
      const ofPolice = (token: string) => t.gql(USERS, { f: { includeInactive: true, partnerOrganisationId: police } }, token);
      expect(nodes(await ofPolice(tok.admin)).map((u: any) => u.id)).toContain(officer.id);
      expect(nodes(await ofPolice(tok.manager)).map((u: any) => u.id)).toContain(officer.id);
      expect(nodes(await ofPolice(tok.staff)).map((u: any) => u.id)).not.toContain(officer.id);
      expect(nodes(await ofPolice(tok.staff)).length).toBeGreaterThan(0);
      const everyone = nodes(await t.gql(USERS, {}, tok.admin)).map((u: any) => u.email);
      expect(everyone).not.toContain('admin@other.test');
      expect(nodes(await t.gql(USERS, {}, otherAdmin)).map((u: any) => u.email)).toEqual(['admin@other.test']);
    });

    it('a partner’s staff see their own organisation’s users only', async () => {
      const seen = nodes(await t.gql(USERS, {}, tok.pcso));
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((u: any) => u.partnerOrganisationId === police)).toBe(true);
      expect(seen.map((u: any) => u.id)).not.toContain(ids.manager);
      expect(codeOf(await t.gql(`query($id: ID!) { user(id: $id) { id } }`, { id: ids.manager }, tok.pcso))).toBe('NOT_FOUND');
    });
  });

  describe('password reset', () => {
    it('emails a one-time link to an account, says the same for an unknown address, and sets the new password', async () => {
      const since = smtp.received.length;
      expect((await t.gql(REQUEST_RESET, { e: 'nobody@nowhere.test' })).data.requestPasswordReset).toBe(true);
      expect((await t.gql(REQUEST_RESET, { e: 'DPO@demo.test' })).data.requestPasswordReset).toBe(true);
      const mail = await smtp.next('dpo@demo.test', since);
      expect(smtp.received.slice(since).map((m) => m.to[0])).toEqual(['dpo@demo.test']);
      expect(mail.subject).toBe('Reset your Safer Libraries password');
      expect(mail.text).toContain('Hello Dee DPO,');
      // A second request within the minute sends nothing more (no mail bombing).
      expect((await t.gql(REQUEST_RESET, { e: 'dpo@demo.test' })).data.requestPasswordReset).toBe(true);
      const token = linkToken(mail);
      expect(codeOf(await t.gql(ACCEPT, { t: token, p: PASSWORD }))).toBe('BAD_USER_INPUT');
      expect((await t.gql(RESET, { t: token, p: 'a brand new dpo password' })).data.resetPassword).toBe(true);
      expect(codeOf(await t.gql(RESET, { t: token, p: 'yet another password!' }))).toBe('BAD_USER_INPUT');
      await expect(t.login('dpo@demo.test')).rejects.toThrow();
      // The new password ended the sessions the old one opened.
      expect(codeOf(await t.gql(ME, {}, tok.dpo))).toBe('UNAUTHENTICATED');
      expect((await t.gql(ME, {}, await t.login('dpo@demo.test', 'a brand new dpo password'))).data.me.id).toBe(ids.dpo);
      expect(smtp.received.length).toBe(since + 1);
    });
  });

  describe('a new library service from the CLI, while the server runs', () => {
    it('creates the service, its branches and its admin, who is invited, signs up and sets up branches and users', async () => {
      const out: string[] = [];
      const config = loadConfig({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://libraries.example.gov.uk' });
      const program = buildProgram(
        async (fn) => fn(t.running.db),
        (l) => out.push(l),
        process.stderr,
        () => config,
      );
      const since = smtp.received.length;
      await program.parseAsync([
        'node',
        'cli',
        'create-service',
        '--name',
        'Newtown Libraries',
        '--code',
        'newtown',
        '--admin-email',
        'ada@newtown.test',
        '--admin-name',
        'Ada Newtown',
        '--branch',
        'Newtown Central',
      ]);
      expect(out.join('\n')).toMatch(/created library service [0-9a-f-]{36} with 1 branch\(es\)\ninvited administrator [0-9a-f-]{36}: invitation email sent/);
      const [service] = await t.db.query(`SELECT id, code FROM library_service WHERE name = 'Newtown Libraries'`);
      expect(service.code).toBe('NEWTOWN');
      expect((await t.gql(ACCEPT, { t: linkToken(await smtp.next('ada@newtown.test', since)), p: PASSWORD })).data.acceptInvitation).toBe(true);
      const ada = await t.login('ada@newtown.test', PASSWORD);
      const branch = (await t.gql(CREATE_BRANCH, { i: { name: 'Newtown East' } }, ada)).data.createBranch;
      const branches = (await t.gql(`query { branches(first: 10) { edges { node { name } } } }`, {}, ada)).data.branches.edges.map((e: any) => e.node.name);
      expect(branches).toEqual(['Newtown Central', 'Newtown East']);
      expect((await invite({ email: 'sam@newtown.test', displayName: 'Sam Newtown', role: 'STAFF', branchIds: [branch.id] }, ada)).errors).toBeUndefined();
      expect(nodes(await t.gql(USERS, {}, ada)).map((u: any) => u.email)).toEqual(['ada@newtown.test', 'sam@newtown.test']);
      expect((await auditRows(t.db, { entityType: 'LibraryService', entityId: service.id }))[0]).toMatchObject({ action: 'CREATE', actor_role: 'CLI' });
      // The CLI refuses a service that exists, and a bad code.
      await expect(
        buildProgram(
          async (fn) => fn(t.running.db),
          () => undefined,
          process.stderr,
          () => config,
        ).parseAsync(['node', 'cli', 'create-service', '--name', 'Newtown Libraries', '--code', 'NT2', '--admin-email', 'b@newtown.test', '--admin-name', 'B']),
      ).rejects.toThrow(/already exists/);
      await expect(
        buildProgram(
          async (fn) => fn(t.running.db),
          () => undefined,
          process.stderr,
          () => config,
        ).parseAsync(['node', 'cli', 'create-service', '--name', 'X', '--code', 'no spaces', '--admin-email', 'c@newtown.test', '--admin-name', 'C']),
      ).rejects.toThrow(/--code/);
    });
  });
});
