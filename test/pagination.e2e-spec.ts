import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Ban } from '../libs/cases/src/bans/ban.entity.js';
import { BanNotice } from '../libs/cases/src/bans/ban-notice.entity.js';
import { BadInputError, type Connection, paginate, type SortKey } from '../libs/common/src/index.js';
import { AuditEvent } from '../libs/governance/src/audit/audit-event.entity.js';
import { createBranch, createLibraryService, createPartner, createUser } from './support/builders.js';
import { codeOf, startTestApp, type TestApp } from './support/test-app.js';

/**
 * Keyset pagination at the precision the database keeps (issue 9). PostgreSQL stores timestamps
 * to the microsecond; a cursor that went through a JavaScript Date (milliseconds) skipped every
 * row later in the same millisecond. Rows here share timestamps exactly, or lie microseconds
 * apart within one millisecond, and each list is paged through with small pages: following
 * endCursor must reach exactly totalCount rows, in the database's order, none twice.
 */

/** Microseconds after a base instant: eight identical, eight one microsecond apart, then ties and near-ties in the next milliseconds. */
const OFFSETS = [0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 1000, 1000, 1000, 1001, 1001, 1001, 1500, 1999, 2000];
const PAGE_SIZES = [1, 3, 7, 25];
/** 60 days ago at .123456 of a second, plus the offset (so SENT referrals are long overdue). */
const AT = (offsetParam: string) =>
  `date_trunc('second', now()) - interval '60 days' + interval '123456 microseconds' + ${offsetParam} * interval '1 microsecond'`;

type Page = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: { id: string } }[] };

/** Follows endCursor from the first page to the last; returns the ids in the order served, and the totalCount of each page. */
async function walk(pageAt: (after: string | null) => Promise<Page>, expectedRows: number): Promise<{ ids: string[]; totals: number[] }> {
  const ids: string[] = [];
  const totals: number[] = [];
  let after: string | null = null;
  for (let i = 0; i <= expectedRows + 1; i++) {
    const page = await pageAt(after);
    ids.push(...page.edges.map((e) => e.node.id));
    totals.push(page.totalCount);
    if (page.edges.length) expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)!.cursor);
    if (!page.pageInfo.hasNextPage) return { ids, totals };
    after = page.pageInfo.endCursor;
  }
  throw new Error('paging did not end');
}

describe('keyset pagination at full precision (e2e over HTTP, and the paginator on the real database)', () => {
  let t: TestApp;
  let service: string;
  let branch: string;
  let manager: string;
  let token: string;
  const ids = async (sql: string, params: unknown[] = [service]) => (await t.db.query(sql, params)).map((r: { id: string }) => String(r.id));

  beforeAll(async () => {
    t = await startTestApp();
    // A service of its own, so every list holds exactly the rows made here.
    service = await createLibraryService(t.db, { name: 'Paging Test Libraries' });
    branch = await createBranch(t.db, { serviceId: service, name: 'Paging Central' });
    manager = await createUser(t.db, { email: 'manager@paging.test', role: 'MANAGER', serviceId: service });
    token = await t.login('manager@paging.test');
    const partner = await createPartner(t.db, { serviceId: service, name: 'Paging Partner' });
    // Set-based, so the set-up stays quick on a busy machine. People's names repeat (ties on the desk list's name order).
    await t.db.query(
      `INSERT INTO subject (library_service_id, name, description, aliases, is_child_safeguarding, is_adult_at_risk, created_by_id, lawful_basis, retain_until)
       SELECT $1, CASE WHEN n % 3 = 0 THEN NULL WHEN n % 2 = 1 THEN 'Alex Smith' ELSE 'Sam Jones' END, 'tall, green coat', '{}', false, false, $2, 'PUBLIC_TASK', '2099-01-01'
         FROM generate_series(0, $3 - 1) AS n`,
      [service, manager, OFFSETS.length],
    );
    /** Row i (from 0) pairs the i-th person with OFFSETS[i]. */
    const rows = `(SELECT p.id AS subject_id, o.off, CAST(o.n - 1 AS integer) AS i
        FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM subject WHERE library_service_id = $1) p
        JOIN unnest($2::int[]) WITH ORDINALITY AS o(off, n) ON o.n = p.n) r`;
    // Bans in force today, created in one burst; review dates shared, some not set.
    await t.db.query(
      `INSERT INTO ban (library_service_id, subject_id, status, scope, reason, proposed_by_id, confirmed_by_id, confirmed_at, starts_on, ends_on, review_on,
         lawful_basis, retain_until, created_at)
       SELECT $1, r.subject_id, 'ACTIVE', 'ALL_BRANCHES', 'Paging test', $3, $3, now(), current_date - 1, current_date + 1000,
         CASE WHEN r.i % 4 = 0 THEN NULL ELSE current_date + 10 * (1 + r.i % 3) END, 'PUBLIC_TASK', '2099-01-01', ${AT('r.off')}
         FROM ${rows}`,
      [service, OFFSETS, manager],
    );
    await t.db.query(
      `INSERT INTO referral (library_service_id, subject_id, referred_by_id, partner_organisation_id, needs, reason, urgency, consent, status, sent_at,
         lawful_basis, retain_until, created_at)
       SELECT $1, r.subject_id, $3, $4, ARRAY['HOUSING'], 'Needs support', 'SOON', 'GIVEN', 'SENT', ${AT('r.off')}, 'CONSENT', '2099-01-01', ${AT('r.off')}
         FROM ${rows}`,
      [service, OFFSETS, manager, partner],
    );
    await t.db.query(
      `INSERT INTO audit_event (occurred_at, actor_id, actor_role, action, entity_type, entity_id, library_service_id)
       SELECT ${AT('r.off')}, $3, 'MANAGER', 'READ', 'PagingTest', r.i::text, $1 FROM ${rows}`,
      [service, OFFSETS, manager],
    );
  });
  afterAll(() => t.close());

  describe('GraphQL lists', () => {
    const BANS = `query($first: Int, $after: String) { bans(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`;
    const OVERDUE = `query($first: Int, $after: String) { overdueReferrals(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`;
    const REFERRALS = `query($first: Int, $after: String) { referrals(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`;
    const DESK = `query($b: ID!, $first: Int, $after: String) { activeBans(branchId: $b, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`;
    const gqlPage =
      (query: string, field: string, vars: Record<string, unknown> = {}) =>
      (first: number) =>
      async (after: string | null) => {
        const r = await t.gql(query, { ...vars, first, after }, token);
        expect(r.errors).toBeUndefined();
        return r.data[field] as Page;
      };

    it.each(PAGE_SIZES)('bans, newest first (createdAt DESC), %i a page: every row once, in order', async (first) => {
      const expected = await ids('SELECT id FROM ban WHERE library_service_id = $1 ORDER BY created_at DESC, id DESC');
      const { ids: served, totals } = await walk(gqlPage(BANS, 'bans')(first), expected.length);
      expect(totals.every((n) => n === OFFSETS.length)).toBe(true);
      expect(served).toEqual(expected);
    });

    it.each(PAGE_SIZES)('overdue referrals, longest waiting first (sentAt ASC), %i a page', async (first) => {
      const expected = await ids('SELECT id FROM referral WHERE library_service_id = $1 ORDER BY sent_at ASC, id ASC');
      const { ids: served, totals } = await walk(gqlPage(OVERDUE, 'overdueReferrals')(first), expected.length);
      expect(totals.every((n) => n === OFFSETS.length)).toBe(true);
      expect(served).toEqual(expected);
    });

    it.each([2, 5])('referrals, newest first (createdAt DESC), %i a page', async (first) => {
      const expected = await ids('SELECT id FROM referral WHERE library_service_id = $1 ORDER BY created_at DESC, id DESC');
      expect((await walk(gqlPage(REFERRALS, 'referrals')(first), expected.length)).ids).toEqual(expected);
    });

    it.each([2, 4])('the desk view by name (a view; names repeat), %i a page', async (first) => {
      const expected = await ids('SELECT id FROM ban_notice WHERE branch_id = $1 ORDER BY subject_label ASC, id ASC', [branch]);
      expect(expected).toHaveLength(OFFSETS.length);
      expect((await walk(gqlPage(DESK, 'activeBans', { b: branch })(first), expected.length)).ids).toEqual(expected);
    });

    it('a cursor that is not one of ours is refused as BAD_USER_INPUT, never an internal error', async () => {
      const first = (await t.gql(BANS, { first: 1 }, token)).data.bans.pageInfo.endCursor as string;
      const [, value, id] = JSON.parse(Buffer.from(first, 'base64url').toString('utf8'));
      const forged = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
      for (const after of [
        'garbage',
        forged([value, id]),
        forged(['createdAt:DESC', '2026-02-30T10:00:00.000000', id]),
        forged(['createdAt:DESC', value, 'not-a-uuid']),
        forged(['createdAt:DESC', null, id]),
        forged(['reviewOn:ASC', '2027-01-01', id]),
        forged(['createdAt:DESC', "2026-01-01'; DROP TABLE ban; --", id]),
      ]) {
        const r = await t.gql(BANS, { first: 2, after }, token);
        expect([after, codeOf(r)]).toEqual([after, 'BAD_USER_INPUT']);
      }
      // The cursor of one list is not a cursor of another that orders differently.
      expect(codeOf(await t.gql(OVERDUE, { first: 2, after: first }, token))).toBe('BAD_USER_INPUT');
    });
  });

  describe('the paginator itself', () => {
    const pageOf =
      <T extends ObjectLiteral>(make: () => SelectQueryBuilder<T>, sort: SortKey) =>
      (first: number) =>
      async (after: string | null) =>
        (await paginate(make(), { first, after: after ?? undefined }, sort)) as unknown as Page;

    it.each([
      ['ASC', 'NULLS LAST'],
      ['DESC', 'NULLS FIRST'],
    ] as const)('a nullable date column (reviewOn %s): rows without a date are served too, as PostgreSQL orders them', async (direction, nulls) => {
      const expected = await ids(`SELECT id FROM ban WHERE library_service_id = $1 ORDER BY review_on ${direction} ${nulls}, id ${direction}`);
      expect(await t.db.query('SELECT count(*)::int AS n FROM ban WHERE library_service_id = $1 AND review_on IS NULL', [service])).toEqual([{ n: 7 }]);
      const make = () => t.db.getRepository(Ban).createQueryBuilder('ban').where('ban.libraryServiceId = :service', { service });
      for (const first of [1, 2, 6]) {
        const { ids: served } = await walk(pageOf(make, { property: 'reviewOn', direction })(first), expected.length);
        expect([first, served]).toEqual([first, expected]);
      }
    });

    it.each(['ASC', 'DESC'] as const)('a bigint id and microsecond timestamps (the audit trail, occurredAt %s)', async (direction) => {
      const expected = await ids(`SELECT id FROM audit_event WHERE entity_type = 'PagingTest' ORDER BY occurred_at ${direction}, id ${direction}`, []);
      const make = () => t.db.getRepository(AuditEvent).createQueryBuilder('auditEvent').where('auditEvent.entityType = :type', { type: 'PagingTest' });
      for (const first of [1, 4]) {
        const { ids: served, totals } = await walk(pageOf(make, { property: 'occurredAt', direction })(first), expected.length);
        expect([first, served, totals[0]]).toEqual([first, expected, OFFSETS.length]);
      }
    });

    it.each(['ASC', 'DESC'] as const)('a text column of a view, ties broken by id (subjectLabel %s)', async (direction) => {
      const expected = await ids(`SELECT id FROM ban_notice WHERE branch_id = $1 ORDER BY subject_label ${direction}, id ${direction}`, [branch]);
      const make = () => t.db.getRepository(BanNotice).createQueryBuilder('banNotice').where('banNotice.branchId = :branch', { branch });
      expect((await walk(pageOf(make, { property: 'subjectLabel', direction })(3), expected.length)).ids).toEqual(expected);
    });

    it('cursors are checked against the column: a forged value is BAD_USER_INPUT before any SQL runs', async () => {
      const make = () => t.db.getRepository(AuditEvent).createQueryBuilder('auditEvent').where('auditEvent.entityType = :type', { type: 'PagingTest' });
      const sort: SortKey = { property: 'occurredAt', direction: 'DESC' };
      const page: Connection<AuditEvent> = await paginate(make(), { first: 1 }, sort);
      const [key, value, id] = JSON.parse(Buffer.from(page.pageInfo.endCursor!, 'base64url').toString('utf8'));
      expect(key).toBe('occurredAt:DESC');
      expect(value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/);
      const forged = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
      for (const after of [
        forged([key, value, 'abc']),
        forged([key, value, '99999999999999999999']),
        forged([key, '2026-13-01T00:00:00.000000', id]),
        forged([key, value]),
      ]) {
        await expect(paginate(make(), { first: 1, after }, sort)).rejects.toBeInstanceOf(BadInputError);
      }
    });
  });
});
