import { defineAbilityFor, type Actor, Role } from '../libs/access/src/index.js';
import { AuditQueryService, auditedRecords, SubjectGraph } from '../libs/governance/src/engines.js';
import { createAuditEvent, createLibraryService, createPersonRecords, createUser, demoServiceId, type PersonRecords } from './support/builders.js';
import { codeOf, signInDemoUsers, startTestApp, type TestApp } from './support/test-app.js';

const EVENTS = `query($f: AuditEventFilterInput, $first: Int, $after: String) { auditEvents(filter: $f, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id occurredAt action entityType entityId actorId actorRole purpose libraryServiceId
    actor { displayName role partnerOrganisationName } } } } }`;

/** RFC 4180 parser, for checking the export's escaping from the reader's side. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

/** The DPO's questions to the audit trail, over HTTP: filters, keyset pages, denials, CSV, and the indexes behind them. */
describe('audit queries (e2e)', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let demo: string;
  let other: string;
  let police: string;
  const users: Record<string, string> = {};
  let person: PersonRecords;
  let stranger: PersonRecords;
  const q = (sql: string, params: unknown[] = []) => t.db.query(sql, params);
  const event = (o: {
    at?: string;
    actor?: string | null;
    role?: string | null;
    action?: string;
    type: string;
    id?: string | null;
    service?: string | null;
    purpose?: string | null;
  }) =>
    createAuditEvent(t.db, {
      occurredAt: o.at,
      actorId: o.actor,
      actorRole: o.role,
      action: o.action,
      entityType: o.type,
      entityId: o.id,
      serviceId: o.service === undefined ? demo : o.service,
      purpose: o.purpose,
    });
  /** GET /exports/audit-events.csv with the filter as query parameters (lists comma-separated). */
  const csv = async (f: Record<string, unknown>, token: string, headers: Record<string, string> = {}) => {
    const params = new URLSearchParams(
      Object.entries(f).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v instanceof Date ? v.toISOString() : String(v)]),
    );
    const res = await fetch(`${t.running.url}/exports/audit-events.csv?${params}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type'), text, code: res.ok ? undefined : JSON.parse(text).errors[0].extensions.code };
  };
  const all = async (f: object, token = tok.dpo, first = 100) => {
    const seen: any[] = [];
    let after: string | null = null;
    for (;;) {
      const r: any = await t.gql(EVENTS, { f, first, after }, token);
      expect(r.errors).toBeUndefined();
      seen.push(...r.data.auditEvents.edges.map((e: any) => e.node));
      if (!r.data.auditEvents.pageInfo.hasNextPage) return seen;
      after = r.data.auditEvents.pageInfo.endCursor;
    }
  };

  beforeAll(async () => {
    t = await startTestApp();
    demo = await demoServiceId(t.db);
    await signInDemoUsers(t, tok, users);
    [{ id: police }] = await q(`SELECT id FROM partner_organisation WHERE type = 'POLICE_NEIGHBOURHOOD_TEAM' AND library_service_id = $1`, [demo]);
    const [{ id: branch }] = await q(`SELECT id FROM branch WHERE library_service_id = $1 LIMIT 1`, [demo]);
    other = await createLibraryService(t.db, { name: 'Audit Other Libraries' });
    users.otherDpo = await createUser(t.db, { email: 'dpo@audit-other.test', role: 'DPO', serviceId: other });
    tok.otherDpo = await t.login('dpo@audit-other.test');
    person = await createPersonRecords(t.db, { serviceId: demo, userId: users.manager, partnerId: police, branchId: branch, name: 'Alex Example' });
    stranger = await createPersonRecords(t.db, { serviceId: demo, userId: users.manager, partnerId: police, branchId: branch, name: 'Sam Stranger' });
  });
  afterAll(() => t.close());

  it('pages through events newest first without skipping or repeating, even when many share one microsecond', async () => {
    for (let i = 0; i < 30; i++) await event({ at: '2026-01-15T10:00:00.123456Z', type: 'TieTest', id: String(i) });
    await event({ at: '2026-01-15T10:00:00.123456Z', type: 'TieTest', id: 'elsewhere', service: other });
    const first = await t.gql(EVENTS, { f: { entityType: 'TieTest' }, first: 7 }, tok.dpo);
    expect(first.data.auditEvents.totalCount).toBe(30);
    expect(first.data.auditEvents.edges).toHaveLength(7);
    expect(first.data.auditEvents.pageInfo.hasNextPage).toBe(true);
    const paged = await all({ entityType: 'TieTest' }, tok.dpo, 7);
    expect(paged).toHaveLength(30);
    expect(new Set(paged.map((e) => e.id)).size).toBe(30);
    expect(paged.map((e) => Number(e.id))).toEqual([...paged.map((e) => Number(e.id))].sort((a, b) => b - a));
    expect(paged.every((e) => e.libraryServiceId === demo)).toBe(true);
  });

  it('filters by user, by partner organisation, by record, by action and by date', async () => {
    await t.gql(`{ partnerContacts { totalCount } }`, {}, tok.pcso, { 'x-purpose': 'Checking duty numbers' });
    await t.gql(`{ contactLogs { totalCount } }`, {}, tok.manager);
    await event({ at: '2025-03-01T09:00:00Z', actor: users.manager, role: 'MANAGER', action: 'SHARE', type: 'Case', id: person.caseId });
    await event({ at: '2025-03-02T09:00:00Z', actor: users.manager, role: 'MANAGER', action: 'EXPORT', type: 'Case', id: person.caseId });
    const byPcso = await all({ actorId: users.pcso });
    expect(byPcso.length).toBeGreaterThan(0);
    expect(byPcso.every((e) => e.actorId === users.pcso)).toBe(true);
    expect(byPcso.find((e) => e.entityType === 'PartnerContact')).toMatchObject({
      action: 'READ',
      purpose: 'Checking duty numbers',
      actor: { role: 'PARTNER', partnerOrganisationName: 'Town Centre Neighbourhood Policing Team' },
    });
    const byPolice = await all({ partnerOrganisationId: police });
    expect(byPolice.map((e) => e.id).sort()).toEqual(byPcso.map((e) => e.id).sort());
    const shares = await all({ actions: ['SHARE'] });
    expect(shares.map((e) => [e.entityType, e.entityId])).toEqual([['Case', person.caseId]]);
    const onCase = await all({ entityType: 'Case', entityId: person.caseId });
    expect(onCase.map((e) => e.action)).toEqual(['EXPORT', 'SHARE']);
    const march = await all({ from: '2025-03-01T00:00:00Z', to: '2025-03-02T00:00:00Z' });
    expect(march.map((e) => e.action)).toEqual(['SHARE']);
    const combined = await t.gql(EVENTS, { f: { actorId: users.manager, entityType: 'ContactLog', actions: ['READ'] } }, tok.dpo);
    expect(combined.data.auditEvents.totalCount).toBeGreaterThan(0);
    expect(combined.data.auditEvents.edges.every((e: any) => e.node.actorId === users.manager && e.node.entityType === 'ContactLog')).toBe(true);
  });

  it("by subject: who has seen the person's records — the person and every record linked to them, nobody else's", async () => {
    const linked: [string, string | undefined][] = [
      ['Subject', person.subject],
      ['Subject', person.duplicate],
      ['SubjectSpecialCategory', person.specialCategory],
      ['Case', person.caseId],
      ['CaseNote', person.caseNote],
      ['Referral', person.referral],
      ['ReferralUpdate', person.referralUpdate],
      ['Incident', person.incident],
      ['Ban', person.ban],
      ['CaseShare', person.caseShare],
      ['IntelligenceItem', person.intelligence],
    ];
    for (const [type, id] of linked) if (id) await event({ actor: users.outreach, role: 'OUTREACH_WORKER', type, id, purpose: `checking ${type}` });
    await event({ actor: users.pcso, role: 'PARTNER', type: 'Referral', id: person.referral, purpose: 'Following up the referral' });
    await event({ actor: users.outreach, role: 'OUTREACH_WORKER', type: 'Subject', id: stranger.subject });
    await event({ actor: users.outreach, role: 'OUTREACH_WORKER', type: 'Referral', id: stranger.referral });
    await event({ actor: users.outreach, role: 'OUTREACH_WORKER', type: 'Incident', id: stranger.incident });
    await event({ actor: users.outreach, role: 'OUTREACH_WORKER', type: 'User', id: users.manager });
    const seen = await all({ subjectId: person.subject });
    const got = seen.map((e) => `${e.entityType}:${e.entityId}`);
    // A page reads only each record's newest events after the cursor: small pages give the same events, in the same order, as the count.
    const total = (await t.gql(EVENTS, { f: { subjectId: person.subject }, first: 1 }, tok.dpo)).data.auditEvents.totalCount;
    expect((await all({ subjectId: person.subject }, tok.dpo, 2)).map((e) => e.id)).toEqual(seen.map((e) => e.id));
    expect(seen).toHaveLength(total);
    const reads = await all({ subjectId: person.subject, actions: ['READ'] }, tok.dpo, 3);
    expect(reads.map((e) => e.id)).toEqual(seen.filter((e) => e.action === 'READ').map((e) => e.id));
    for (const [type, id] of linked) if (id) expect(got).toContain(`${type}:${id}`);
    expect(got).toContain(`Case:${person.caseId}`);
    expect(got).not.toContain(`Subject:${stranger.subject}`);
    expect(got).not.toContain(`Referral:${stranger.referral}`);
    // Links lead to records about people, not to the staff who made them (nor, through them, to everything they recorded).
    expect(got).not.toContain(`Incident:${stranger.incident}`);
    expect(got).not.toContain(`User:${users.manager}`);
    expect(seen.find((e) => e.actorRole === 'PARTNER')).toMatchObject({
      purpose: 'Following up the referral',
      actor: { partnerOrganisationName: 'Town Centre Neighbourhood Policing Team' },
    });
    // A person of another service (or nobody): only events naming that id directly, of the reader's own service.
    const none = await t.gql(EVENTS, { f: { subjectId: '00000000-0000-4000-8000-000000000000' } }, tok.dpo);
    expect(none.data.auditEvents.totalCount).toBe(0);
    const fromElsewhere = await t.gql(EVENTS, { f: { subjectId: person.subject } }, tok.otherDpo);
    expect(fromElsewhere.data.auditEvents.totalCount).toBe(0);
  });

  it("by subject, the person's records come from one statement that finds what the crawl finds", async () => {
    const graph = t.running.app.get(SubjectGraph);
    const key = (refs: { entityType: string; id: string }[]) => [...new Set(refs.map((r) => `${r.entityType}:${r.id}`))].sort();
    const crawled = async (id: string, service: string) => {
      try {
        return key(auditedRecords(await graph.crawl(t.db.manager, id, service)));
      } catch {
        return key([{ entityType: 'Subject', id }]);
      }
    };
    const seeded: { id: string }[] = await q(`SELECT id FROM subject WHERE library_service_id = $1 ORDER BY id LIMIT 20`, [demo]);
    const cases: [string, string][] = [
      [person.subject, demo],
      [person.duplicate, demo],
      [stranger.subject, demo],
      [person.subject, other],
      ['00000000-0000-4000-8000-000000000000', demo],
      ...seeded.map((r): [string, string] => [r.id, demo]),
    ];
    for (const [id, service] of cases) expect([id, key(await graph.auditedRecordsOf(t.db.manager, id, service))]).toEqual([id, await crawled(id, service)]);
    expect((await graph.auditedRecordsOf(t.db.manager, person.subject, demo)).length).toBeGreaterThan(10);
  });

  it('is for the DPO only: everyone else gets nothing, another service never shows', async () => {
    for (const who of ['admin', 'manager', 'outreach', 'staff', 'pcso']) {
      const r = await t.gql(EVENTS, {}, tok[who]);
      expect([who, r.errors, r.data.auditEvents.totalCount, r.data.auditEvents.edges]).toEqual([who, undefined, 0, []]);
    }
    expect(codeOf(await t.gql(EVENTS, {}))).toBe('UNAUTHENTICATED');
    const theirs = await all({ entityType: 'TieTest' }, tok.otherDpo);
    expect(theirs.map((e) => e.entityId)).toEqual(['elsewhere']);
    const [{ n }] = await q(`SELECT count(*)::int AS n FROM audit_event WHERE library_service_id = $1`, [demo]);
    const mine = await t.gql(EVENTS, { first: 1 }, tok.dpo);
    expect(mine.data.auditEvents.totalCount).toBeGreaterThanOrEqual(n);
    expect((await all({}, tok.dpo)).every((e) => e.libraryServiceId === demo)).toBe(true);
  });

  it('refuses bad cursors and ids, and records each page read', async () => {
    expect(codeOf(await t.gql(EVENTS, { after: 'not-a-cursor' }, tok.dpo))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(EVENTS, { f: { actorId: 'nope' } }, tok.dpo))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(EVENTS, { first: 500 }, tok.dpo))).toBe('BAD_USER_INPUT');
    const before = (
      await q(`SELECT count(*)::int AS n FROM audit_event WHERE actor_id = $1 AND action = 'READ' AND entity_type = 'AuditEvent'`, [users.dpo])
    )[0].n;
    await t.gql(EVENTS, { first: 5 }, tok.dpo);
    expect(
      (await q(`SELECT count(*)::int AS n FROM audit_event WHERE actor_id = $1 AND action = 'READ' AND entity_type = 'AuditEvent'`, [users.dpo]))[0].n,
    ).toBe(before + 1);
  });

  it('exports CSV over HTTP: escaped properly, the same rows as the query, the filter from the query string, and the export itself audited', async () => {
    const tricky = 'Safeguarding, "urgent"\nsee =SUM(A1)';
    await event({ actor: users.outreach, role: 'OUTREACH_WORKER', type: 'CsvTest', id: 'a', purpose: tricky });
    await event({ actor: users.outreach, role: 'OUTREACH_WORKER', type: 'CsvTest', id: 'b', purpose: '=HYPERLINK("http://x")' });
    await event({ actor: users.outreach, role: 'OUTREACH_WORKER', action: 'UPDATE', type: 'CsvTest', id: 'c' });
    const r = await csv({ entityType: 'CsvTest', actions: ['READ'] }, tok.dpo, { 'x-purpose': 'Quarterly review' });
    expect(r).toMatchObject({ status: 200, type: 'text/csv; charset=utf-8' });
    expect(r.text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(r.text);
    expect(rows[0]).toEqual([
      'id',
      'occurred_at',
      'action',
      'entity_type',
      'entity_id',
      'actor_id',
      'actor_name',
      'actor_role',
      'actor_organisation',
      'purpose',
      'request_id',
    ]);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatchObject({ 2: 'READ', 3: 'CsvTest', 4: 'b', 6: 'Olu Outreach', 7: 'OUTREACH_WORKER', 9: `'=HYPERLINK("http://x")` });
    expect(rows[2][9]).toBe(tricky);
    expect(rows.slice(1).every((row) => row.length === 11)).toBe(true);
    const [exported] = await q(
      `SELECT purpose FROM audit_event WHERE actor_id = $1 AND action = 'EXPORT' AND entity_type = 'AuditEvent' ORDER BY id DESC LIMIT 1`,
      [users.dpo],
    );
    expect(exported.purpose).toBe('Quarterly review — CSV export of 2 audit events (entityType=CsvTest, actions=READ)');
    expect(parseCsv((await csv({ entityType: 'CsvTest', actions: ['READ', 'UPDATE'] }, tok.dpo)).text)).toHaveLength(4);
    const everything = await csv({}, tok.dpo);
    const count = (await t.gql(EVENTS, { first: 1 }, tok.dpo)).data.auditEvents.totalCount;
    // The export holds what was there when it started: not its own EXPORT event, nor the READ of the page counted just after it.
    expect(parseCsv(everything.text).length - 1).toBe(count - 2);
    for (const who of ['admin', 'manager', 'pcso']) expect(await csv({}, tok[who])).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(await csv({}, 'not-a-token')).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect((await fetch(`${t.running.url}/exports/audit-events.csv`)).status).toBe(401);
    expect(await csv({ actions: ['NOPE'] }, tok.dpo)).toMatchObject({ status: 400, code: 'BAD_USER_INPUT' });
    expect(await csv({ from: 'yesterday' }, tok.dpo)).toMatchObject({ status: 400, code: 'BAD_USER_INPUT' });
    expect((await csv({}, tok.otherDpo)).status).toBe(200);
    expect(parseCsv((await csv({ entityType: 'CsvTest' }, tok.otherDpo)).text)).toHaveLength(1);
  });

  it('each filter is served by an index on a large trail (EXPLAIN)', async () => {
    // 40,000 events in one statement, as a builder call per row would take minutes.
    await q(
      `INSERT INTO audit_event (occurred_at, actor_id, actor_role, action, entity_type, entity_id, library_service_id)
      SELECT now() - (n || ' minutes')::interval, (ARRAY[$2, $3, $4]::uuid[])[1 + n % 3], 'MANAGER',
        (ARRAY['READ','READ','READ','UPDATE','CREATE','EXPORT'])[1 + n % 6], (ARRAY['ContactLog','Subject','Referral','Case'])[1 + n % 4], md5(n::text),
        (ARRAY[$1, $5]::uuid[])[1 + n % 2]
      FROM generate_series(1, 40000) AS n`,
      [demo, users.manager, users.outreach, users.pcso, other],
    );
    await q('ANALYZE audit_event');
    const service = t.running.app.get(AuditQueryService);
    const principal = { id: users.dpo, role: Role.DPO, libraryServiceId: demo, partnerOrganisationId: null, branchIds: [] };
    const actor: Actor = { principal, ability: defineAbilityFor(principal), requestId: 'explain' };
    const plans: Record<string, string> = {};
    for (const [name, filter] of Object.entries({
      none: {},
      actor: { actorId: users.outreach },
      entityType: { entityType: 'Referral' },
      action: { actions: ['EXPORT'] },
      partner: { partnerOrganisationId: police },
      subject: { subjectId: person.subject },
      dates: { from: new Date('2026-01-01'), to: new Date('2026-02-01') },
    })) {
      const qb = (await service.page(t.db.manager, actor, filter as never, { first: 20 }))!;
      const [sql, params] = qb.getQueryAndParameters();
      const [{ 'QUERY PLAN': plan }] = await q(`EXPLAIN (FORMAT JSON) ${sql}`, params);
      plans[name] = JSON.stringify(plan);
    }
    for (const [name, plan] of Object.entries(plans)) {
      expect([name, /"Index (Only )?Scan"|"Bitmap Index Scan"/.test(plan)]).toEqual([name, true]);
      expect([name, /"Relation Name":"audit_event"[^}]*"Node Type":"Seq Scan"|"Node Type":"Seq Scan"[^}]*"Relation Name":"audit_event"/.test(plan)]).toEqual([
        name,
        false,
      ]);
    }
    expect(plans.actor).toContain('audit_event_service_actor_idx');
    expect(plans.action).toContain('audit_event_service_action_idx');
    expect(plans.entityType).toContain('audit_event_service_entity_idx');
    // About a person: each record's newest events, backwards on the entity index, never the service's whole trail.
    expect(plans.subject).toContain('audit_event_entity_idx');
    if (process.env.SHOW_PLANS) for (const [name, plan] of Object.entries(plans)) console.log(name, plan.match(/"Index Name":"[a-z_]+"/g));
  });

  it('streams a large export in keyset batches: every event once, newest first', async () => {
    // After the EXPLAIN test: 40,000 events of the demo service, so 40 batches and more.
    const expected = (await q(`SELECT count(*)::int AS n FROM audit_event WHERE library_service_id = $1`, [demo]))[0].n;
    const r = await csv({}, tok.dpo);
    expect(r.status).toBe(200);
    const ids = parseCsv(r.text)
      .slice(1)
      .map((row) => BigInt(row[0]));
    expect(ids).toHaveLength(expected);
    expect(new Set(ids).size).toBe(ids.length);
    const times = parseCsv(r.text)
      .slice(1)
      .map((row) => Date.parse(row[1]));
    expect(times.every((at, i) => i === 0 || at <= times[i - 1])).toBe(true);
  });
});
