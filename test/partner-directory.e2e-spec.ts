import { readFileSync } from 'node:fs';
import { buildProgram } from '../apps/cli/program.js';
import type { OpenDatabase } from '../libs/database/src/index.js';
import { auditRows, createBranch, createLibraryService, createPartner, createReferral, createSubject, createUser, demoServiceId } from './support/builders.js';
import { codeOf, startTestApp, type TestApp } from './support/test-app.js';

const FIXTURE = readFileSync(new URL('./fixtures/open-referral-uk.json', import.meta.url), 'utf8');
const FIXTURE_IDS = ['oruk-org-advice', 'oruk-org-hastings-pantry', 'oruk-org-listening', 'oruk-org-youth'];

const ORGS = `query($f: PartnerOrganisationFilterInput, $first: Int, $after: String) {
  partnerOrganisations(filter: $f, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id name type sourceId servicesOffered areasCovered } } } }`;
const IMPORT = `mutation($d: String!) { importPartnerDirectory(input: { document: $d }) {
  created updated unchanged contactsCreated contactsUpdated refused { index sourceId reason } } }`;
const SUGGEST = `query($id: ID!, $first: Int) { suggestedPartners(referralId: $id, first: $first) { id name } }`;
const names = (r: any) => r.data.partnerOrganisations.edges.map((e: any) => e.node.name);

type Json = Record<string, any>;
const sorted = (values: (string | undefined | null)[]) => [...new Set(values.filter((v): v is string => !!v))].sort();
/** The core fields of a directory, as the import reads them: what a round trip must keep. */
function core(document: Json, ids = FIXTURE_IDS) {
  return document.organizations
    .filter((o: Json) => ids.includes(o.id))
    .map((o: Json) => {
      const services = o.services ?? [];
      const contacts = [...(o.contacts ?? []), ...services.flatMap((s: Json) => s.contacts ?? [])];
      return {
        id: o.id,
        name: o.name,
        email: o.email ?? null,
        website: o.website ?? o.url ?? null,
        phone: o.phones?.[0]?.number ?? null,
        services: sorted(services.map((s: Json) => s.name)),
        areas: sorted([
          ...services.flatMap((s: Json) => (s.service_areas ?? []).map((a: Json) => a.name ?? a.service_area)),
          ...(o.locations ?? []).map((l: Json) => l.name),
          ...services.flatMap((s: Json) => (s.service_at_locations ?? []).map((l: Json) => l.location?.name)),
        ]),
        contacts: [...new Map(contacts.map((c: Json) => [c.name, [c.name, c.title ?? null, c.email ?? null, c.phones?.[0]?.number ?? null]])).values()].sort(),
      };
    })
    .sort((a: Json, b: Json) => a.id.localeCompare(b.id));
}

describe('partner directory: search, suggestions, Open Referral UK import and export (e2e over HTTP)', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let demo: string;
  let other: string;
  let cliService: string;
  const exportAs = (token?: string) => fetch(`${t.running.url}/exports/directory.json`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    t = await startTestApp();
    demo = await demoServiceId(t.db);
    for (const who of ['admin', 'manager', 'outreach', 'staff', 'pcso', 'dpo']) tok[who] = await t.login(`${who}@demo.test`);
    other = await createLibraryService(t.db, { name: 'Neighbouring Libraries' });
    await createPartner(t.db, { serviceId: other, name: 'Neighbouring Food Pantry' });
    await createUser(t.db, { email: 'admin@other.test', role: 'ADMIN', serviceId: other });
    tok.otherAdmin = await t.login('admin@other.test');
    cliService = await createLibraryService(t.db, { name: 'CLI Import Libraries' });
    await createUser(t.db, { email: 'admin@cli.test', role: 'ADMIN', serviceId: cliService });
    tok.cliAdmin = await t.login('admin@cli.test');
  });
  afterAll(() => t.close());

  describe('import (importPartnerDirectory)', () => {
    it('an administrator imports the sample: four created with their contacts, the bad record refused with its id and reason; audited', async () => {
      const r = await t.gql(IMPORT, { d: FIXTURE }, tok.admin);
      expect(r.errors).toBeUndefined();
      expect(r.data.importPartnerDirectory).toMatchObject({ created: 4, updated: 0, unchanged: 0, contactsCreated: 4, contactsUpdated: 0 });
      expect(r.data.importPartnerDirectory.refused).toEqual([
        { index: 4, sourceId: 'oruk-org-bad', reason: expect.stringMatching(/website must be an http\(s\) URL/) },
      ]);
      const [pantry] = await t.db.query(`SELECT * FROM partner_organisation WHERE library_service_id = $1 AND source_id = 'oruk-org-hastings-pantry'`, [demo]);
      expect(pantry).toMatchObject({
        name: 'Hastings Community Pantry',
        type: 'OTHER',
        relationship: 'COLLABORATIVE_RELATIONSHIP',
        services_offered: ['Emergency food parcels', 'Cooking on a budget club'],
        areas_covered: ['Hastings', 'St Leonards'],
        phone: '01424 000001',
      });
      const contacts = await t.db.query(
        `SELECT name, job_title, lawful_basis, retain_until FROM partner_contact WHERE partner_organisation_id = $1 ORDER BY name`,
        [pantry.id],
      );
      expect(contacts.map((c: any) => [c.name, c.job_title, c.lawful_basis])).toEqual([
        ['Pat Green', 'Volunteer coordinator', 'PUBLIC_TASK'],
        ['Sam Okafor', 'Manager', 'PUBLIC_TASK'],
      ]);
      expect(contacts[0].retain_until).toBeTruthy();
      expect(await auditRows(t.db, { action: 'CREATE', entityType: 'PartnerOrganisation', entityId: pantry.id })).toHaveLength(1);
      expect(await auditRows(t.db, { action: 'CREATE', entityType: 'PartnerContact' })).toHaveLength(4);
      expect(await t.db.query(`SELECT 1 FROM partner_organisation WHERE name = 'Broken Link Trust'`)).toHaveLength(0);
    });

    it('is idempotent by organisation id: the same document again changes nothing; a changed one updates in place', async () => {
      const count = async () => Number((await t.db.query('SELECT count(*) AS n FROM partner_organisation WHERE library_service_id = $1', [demo]))[0].n);
      const contacts = async () => Number((await t.db.query('SELECT count(*) AS n FROM partner_contact WHERE library_service_id = $1', [demo]))[0].n);
      const [before, contactsBefore] = [await count(), await contacts()];
      const again = await t.gql(IMPORT, { d: FIXTURE }, tok.admin);
      expect(again.data.importPartnerDirectory).toMatchObject({ created: 0, updated: 0, unchanged: 4, contactsCreated: 0 });
      expect([await count(), await contacts()]).toEqual([before, contactsBefore]);

      const doc = JSON.parse(FIXTURE);
      doc.organizations[2].name = 'Seafront Youth Hub CIC';
      doc.organizations[2].services.push({ id: 'oruk-svc-new', name: 'Holiday activities' });
      doc.organizations[1].contacts[0].title = 'Senior outreach adviser';
      const changed = await t.gql(IMPORT, { d: JSON.stringify(doc) }, tok.admin);
      expect(changed.data.importPartnerDirectory).toMatchObject({ created: 0, updated: 2, unchanged: 2, contactsUpdated: 1 });
      expect(await count()).toBe(before);
      const [youth] = await t.db.query(
        `SELECT name, services_offered, version FROM partner_organisation WHERE source_id = 'oruk-org-youth' AND library_service_id = $1`,
        [demo],
      );
      expect(youth).toMatchObject({ name: 'Seafront Youth Hub CIC', services_offered: ['Youth mentoring', 'Homework club', 'Holiday activities'], version: 2 });
      expect(await auditRows(t.db, { action: 'UPDATE', entityType: 'PartnerContact' })).toHaveLength(1);
      // Back as the sample has it, for the tests below.
      expect((await t.gql(IMPORT, { d: FIXTURE }, tok.admin)).data.importPartnerDirectory).toMatchObject({ updated: 2 });
    });

    it('refuses a record whose name another partner (not imported from it) holds, and a duplicated id, writing the rest', async () => {
      const doc = {
        organizations: [
          { id: 'oruk-clash', name: 'Hope Foodbank', services: [{ name: 'Food parcels' }] },
          { id: 'oruk-fresh', name: 'Fresh Start Mentors', services: [{ name: 'Mentoring' }] },
          { id: 'oruk-fresh', name: 'Fresh Start Mentors Again' },
          { name: 'No Id Here' },
          'not an object',
        ],
      };
      const r = await t.gql(IMPORT, { d: JSON.stringify(doc) }, tok.admin);
      expect(r.data.importPartnerDirectory.created).toBe(1);
      expect(r.data.importPartnerDirectory.refused).toEqual([
        { index: 0, sourceId: 'oruk-clash', reason: expect.stringContaining('a partner called "Hope Foodbank" already exists') },
        { index: 2, sourceId: 'oruk-fresh', reason: 'the id appears earlier in the document' },
        { index: 3, sourceId: null, reason: 'no id' },
        { index: 4, sourceId: null, reason: 'not a JSON object' },
      ]);
    });

    it('refuses malformed JSON, a document of the wrong shape and one too large (BAD_USER_INPUT), writing nothing', async () => {
      for (const d of ['{"organizations": [', '{"services": []}', '42', '']) {
        const r = await t.gql(IMPORT, { d }, tok.admin);
        expect(codeOf(r)).toBe('BAD_USER_INPUT');
        expect(JSON.stringify(r.errors)).not.toMatch(/stack|SELECT|at Object/);
      }
      const big = JSON.stringify({ organizations: [{ id: 'big', name: 'Big', description: 'x'.repeat(85_000) }] });
      expect(codeOf(await t.gql(IMPORT, { d: big }, tok.admin))).toBe('BAD_USER_INPUT');
      expect(await t.db.query(`SELECT 1 FROM partner_organisation WHERE source_id = 'big'`)).toHaveLength(0);
    });

    it('is refused to managers, staff, outreach workers, the DPO and partner users (FORBIDDEN), and unauthenticated', async () => {
      for (const who of ['manager', 'staff', 'outreach', 'dpo', 'pcso']) expect(codeOf(await t.gql(IMPORT, { d: FIXTURE }, tok[who]))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(IMPORT, { d: FIXTURE }))).toBe('UNAUTHENTICATED');
    });

    it("another service's administrator imports into their own service only, never ours", async () => {
      const r = await t.gql(IMPORT, { d: FIXTURE }, tok.otherAdmin);
      expect(r.data.importPartnerDirectory.created).toBe(4);
      const rows = await t.db.query(`SELECT library_service_id FROM partner_organisation WHERE source_id = 'oruk-org-advice' ORDER BY library_service_id`);
      expect(rows.map((x: any) => x.library_service_id).sort()).toEqual([demo, other].sort());
    });
  });

  describe('search (partnerOrganisations filter)', () => {
    it('finds by a service word, by its start: "food" finds "Emergency food parcels" and "Food parcels", not another service\'s pantry', async () => {
      const r = await t.gql(ORGS, { f: { text: 'food' } }, tok.staff);
      expect(r.errors).toBeUndefined();
      expect(names(r)).toEqual(['Hastings Community Pantry', 'Hope Foodbank']);
      expect(names(await t.gql(ORGS, { f: { text: 'parcel' } }, tok.staff))).toEqual(['Hastings Community Pantry', 'Hope Foodbank']);
      expect(names(await t.gql(ORGS, { f: { servicesOffered: ['debt'] } }, tok.outreach))).toEqual(['Citizens Advice Rother']);
    });

    it('finds by area, by type, and by combinations (all words; any of a list)', async () => {
      expect(names(await t.gql(ORGS, { f: { areasCovered: ['Hastings'] } }, tok.staff))).toEqual(['Hastings Community Pantry', 'Listening Ear Sussex']);
      expect(names(await t.gql(ORGS, { f: { areasCovered: ['St Leonards'] } }, tok.staff))).toEqual(['Hastings Community Pantry', 'Seafront Youth Hub']);
      expect(names(await t.gql(ORGS, { f: { areasCovered: ['Bexhill', 'Eastbourne'] } }, tok.staff))).toEqual([
        'Citizens Advice Rother',
        'Listening Ear Sussex',
      ]);
      expect(names(await t.gql(ORGS, { f: { text: 'food hastings' } }, tok.staff))).toEqual(['Hastings Community Pantry']);
      expect(names(await t.gql(ORGS, { f: { servicesOffered: ['food'], areasCovered: ['St Leonards'] } }, tok.staff))).toEqual(['Hastings Community Pantry']);
      // "Hastings" is an area of the pantry and in its name, not a service of anyone.
      expect(names(await t.gql(ORGS, { f: { servicesOffered: ['hastings'] } }, tok.staff))).toEqual([]);
      expect(names(await t.gql(ORGS, { f: { text: 'food', types: ['CHARITY'] } }, tok.staff))).toEqual(['Hope Foodbank']);
      expect(names(await t.gql(ORGS, { f: { types: ['OTHER'], areasCovered: ['Rye'] } }, tok.staff))).toEqual(['Citizens Advice Rother']);
      expect(names(await t.gql(ORGS, { f: { areasCovered: [] } }, tok.staff))).toEqual([]);
    });

    it('orders matches by name and pages with the cursor', async () => {
      const all = await t.gql(ORGS, { f: { text: 'hastings' }, first: 10 }, tok.manager);
      expect(all.data.partnerOrganisations.totalCount).toBe(2);
      const p1 = await t.gql(ORGS, { f: { text: 'hastings' }, first: 1 }, tok.manager);
      expect(p1.data.partnerOrganisations.pageInfo.hasNextPage).toBe(true);
      const p2 = await t.gql(ORGS, { f: { text: 'hastings' }, first: 1, after: p1.data.partnerOrganisations.pageInfo.endCursor }, tok.manager);
      expect([...names(p1), ...names(p2)]).toEqual(names(all));
      expect(p2.data.partnerOrganisations.pageInfo.hasNextPage).toBe(false);
    });

    it('is answered from the GIN index over name, services and areas', async () => {
      await t.db.transaction(async (m) => {
        await m.query('SET LOCAL enable_seqscan = off');
        const plan = await m.query(
          `EXPLAIN SELECT id FROM partner_organisation WHERE partner_directory_document(name, services_offered, areas_covered) @@ to_tsquery('simple', 'food:*B')`,
        );
        expect(JSON.stringify(plan)).toMatch(/partner_organisation_directory_idx/);
      });
    });

    it('treats search syntax as words and refuses a text without any', async () => {
      expect(names(await t.gql(ORGS, { f: { text: "food & !(x) | ':*" } }, tok.staff))).toEqual([]);
      expect(names(await t.gql(ORGS, { f: { text: 'FOOD!' } }, tok.staff))).toEqual(['Hastings Community Pantry', 'Hope Foodbank']);
      expect(codeOf(await t.gql(ORGS, { f: { text: '!!!' } }, tok.staff))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(ORGS, { f: { servicesOffered: Array(11).fill('food') } }, tok.staff))).toBe('BAD_USER_INPUT');
    });

    it('partner users search no further than their own organisation', async () => {
      expect(names(await t.gql(ORGS, { f: { text: 'food' } }, tok.pcso))).toEqual([]);
      const own = await t.gql(ORGS, { f: { types: ['POLICE_NEIGHBOURHOOD_TEAM'] } }, tok.pcso);
      expect(own.data.partnerOrganisations.totalCount).toBe(1);
      expect((await t.gql(ORGS, {}, tok.pcso)).data.partnerOrganisations.totalCount).toBe(1);
    });
  });

  describe('suggestions for a referral (suggestedPartners)', () => {
    let referralId: string;
    let hope: string;
    beforeAll(async () => {
      const branch = await createBranch(t.db, { serviceId: demo, name: 'Hastings Library', address: '13 Claremont, Hastings' });
      const worker = await createUser(t.db, { email: 'worker@demo-hastings.test', role: 'OUTREACH_WORKER', serviceId: demo, branchIds: [branch] });
      [{ id: hope }] = await t.db.query(`SELECT id FROM partner_organisation WHERE name = 'Hope Foodbank' AND library_service_id = $1`, [demo]);
      const subjectId = await createSubject(t.db, { serviceId: demo, name: 'Jo Client' });
      referralId = await createReferral(t.db, { serviceId: demo, subjectId, byId: worker, partnerId: hope, needs: ['FOOD', 'FINANCIAL'] });
    });

    it("suggests partners whose services match the needs, those covering the worker's branch first, then by relevance", async () => {
      const r = await t.gql(SUGGEST, { id: referralId }, tok.manager);
      expect(r.errors).toBeUndefined();
      // The pantry covers Hastings (the worker's branch); Hope's "Food parcels" match two of the words of FOOD, the advice centre's services one each.
      expect(r.data.suggestedPartners.map((p: any) => p.name)).toEqual(['Hastings Community Pantry', 'Hope Foodbank', 'Citizens Advice Rother']);
      expect((await t.gql(SUGGEST, { id: referralId, first: 1 }, tok.outreach)).data.suggestedPartners.map((p: any) => p.name)).toEqual([
        'Hastings Community Pantry',
      ]);
    });

    it('is NOT_FOUND for who may not read the referral; a partner user never sees another partner', async () => {
      expect(codeOf(await t.gql(SUGGEST, { id: referralId }, tok.otherAdmin))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(SUGGEST, { id: referralId }, tok.pcso))).toBe('NOT_FOUND');
      const subjectId = await createSubject(t.db, { serviceId: demo, name: 'Al Police' });
      const [{ id: manager }] = await t.db.query(`SELECT id FROM app_user WHERE email = 'manager@demo.test'`);
      const [{ id: police }] = await t.db.query(`SELECT id FROM partner_organisation WHERE type = 'POLICE_NEIGHBOURHOOD_TEAM' AND library_service_id = $1`, [
        demo,
      ]);
      const toPolice = await createReferral(t.db, { serviceId: demo, subjectId, byId: manager, partnerId: police, needs: ['FOOD'] });
      const r = await t.gql(SUGGEST, { id: toPolice }, tok.pcso);
      expect(r.errors).toBeUndefined();
      expect(r.data.suggestedPartners).toEqual([]);
      expect(codeOf(await t.gql(SUGGEST, { id: 'not-a-uuid' }, tok.manager))).toBe('BAD_USER_INPUT');
    });
  });

  describe('export (GET /exports/directory.json)', () => {
    it('managers and administrators download the directory as ORUK JSON; audited as EXPORT', async () => {
      const res = await exportAs(tok.manager);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const doc = await res.json();
      expect(core(doc)).toEqual(core(JSON.parse(FIXTURE)));
      // Partners entered here are exported under their own id.
      expect(doc.organizations.find((o: any) => o.name === 'Hope Foodbank')).toMatchObject({ services: [{ name: 'Food parcels' }, { name: 'Vouchers' }] });
      expect(doc.organizations.map((o: any) => o.name)).not.toContain('Neighbouring Food Pantry');
      const [{ id: managerId }] = await t.db.query(`SELECT id FROM app_user WHERE email = 'manager@demo.test'`);
      expect((await auditRows(t.db, { action: 'EXPORT', entityType: 'PartnerOrganisation', actorId: managerId })).length).toBe(doc.organizations.length);
      expect((await auditRows(t.db, { action: 'EXPORT', entityType: 'PartnerContact', actorId: managerId })).length).toBeGreaterThanOrEqual(4);
      expect((await exportAs(tok.admin)).status).toBe(200);
    });

    it('is refused to staff, outreach workers, the DPO and partner users (403), and without sign-in (401)', async () => {
      for (const who of ['staff', 'outreach', 'dpo', 'pcso']) {
        const res = await exportAs(tok[who]);
        expect(res.status).toBe(403);
        expect(await res.text()).not.toMatch(/Hastings/);
      }
      expect((await exportAs()).status).toBe(401);
    });

    it("another service's administrator exports their own directory, never ours", async () => {
      const doc = await (await exportAs(tok.otherAdmin)).json();
      expect(doc.organizations.map((o: any) => o.name)).toContain('Neighbouring Food Pantry');
      expect(doc.organizations.map((o: any) => o.name)).not.toContain('Hope Foodbank');
    });
  });

  describe('CLI import-directory and the round trip', () => {
    let out: string[];
    let err: string[];
    const run = (...args: string[]) =>
      buildProgram(
        async (fn) => fn({ dataSource: t.db, embedded: true } as unknown as OpenDatabase),
        (l) => out.push(l),
        { write: (s) => err.push(s), isTTY: false },
      ).parseAsync(['node', 'cli', ...args]);
    beforeEach(() => {
      out = [];
      err = [];
    });

    it('imports a file into a service, prints the report and a progress line, audited as the CLI', async () => {
      const file = new URL('./fixtures/open-referral-uk.json', import.meta.url).pathname;
      await run('import-directory', '--file', file, '--service', cliService);
      expect(out[0]).toMatch(/: 4 created, 0 updated, 0 unchanged, 1 refused; contacts 4 created, 0 updated$/);
      expect(out[1]).toMatch(/refused #4 oruk-org-bad: website must be an http\(s\) URL/);
      expect(err.join('')).toMatch(/100\.0% .* done/);
      const ids = (await t.db.query('SELECT id FROM partner_organisation WHERE library_service_id = $1', [cliService])).map((r: any) => r.id);
      expect(ids).toHaveLength(4);
      const audits = await t.db.query(
        `SELECT actor_role FROM audit_event WHERE entity_type = 'PartnerOrganisation' AND action = 'CREATE' AND entity_id = ANY($1)`,
        [ids],
      );
      expect(audits.map((a: any) => a.actor_role)).toEqual(['CLI', 'CLI', 'CLI', 'CLI']);
      await run('import-directory', '--file', file, '--service', cliService);
      expect(out[2]).toMatch(/0 created, 0 updated, 4 unchanged, 1 refused/);
    });

    it('refuses a missing file, a bad service id and an unknown service', async () => {
      await expect(run('import-directory', '--file', '/nonexistent.json', '--service', cliService)).rejects.toThrow('cannot read /nonexistent.json');
      await expect(run('import-directory', '--file', '/dev/null', '--service', 'nope')).rejects.toThrow('not a library service id');
      await expect(run('import-directory', '--file', '/dev/null', '--service', '00000000-0000-4000-8000-000000000000')).rejects.toThrow('does not exist');
    });

    it('round trip: import, export, re-import the export: nothing duplicated, the core fields kept', async () => {
      const exported = await (await exportAs(tok.cliAdmin)).json();
      expect(core(exported)).toEqual(core(JSON.parse(FIXTURE)));
      const before = await t.db.query('SELECT id, version FROM partner_organisation WHERE library_service_id = $1 ORDER BY id', [cliService]);
      const contactsBefore = await t.db.query('SELECT id, version FROM partner_contact WHERE library_service_id = $1 ORDER BY id', [cliService]);
      const r = await t.gql(IMPORT, { d: JSON.stringify(exported) }, tok.cliAdmin);
      expect(r.data.importPartnerDirectory).toMatchObject({ created: 0, updated: 0, unchanged: 4, contactsCreated: 0, contactsUpdated: 0, refused: [] });
      expect(await t.db.query('SELECT id, version FROM partner_organisation WHERE library_service_id = $1 ORDER BY id', [cliService])).toEqual(before);
      expect(await t.db.query('SELECT id, version FROM partner_contact WHERE library_service_id = $1 ORDER BY id', [cliService])).toEqual(contactsBefore);
      expect(core(await (await exportAs(tok.cliAdmin)).json())).toEqual(core(exported));
    });
  });
});
