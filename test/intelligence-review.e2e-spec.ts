import { addYears } from '../libs/common/src/index.js';
import { dataProtectionEngines } from '../libs/governance/src/engines.js';
import {
  auditRows,
  createIntelligence,
  createLibraryService,
  createRestriction,
  createSubject,
  createUser,
  demoServiceId,
  isoDaysFromNow,
  userId,
} from './support/builders.js';
import { codeOf, type GqlResult, startTestApp, type TestApp } from './support/test-app.js';

const ITEM = `id version status reviewOn handlingCode handlingConditions handlingOrganisationIds sourceEvaluation intelligenceAssessment
  dataProtection { retainUntil legalHold }`;
const REVIEWS = `reviews { totalCount edges { node { id intelligenceItemId decision reason decidedById decidedAt previousReviewOn reviewOn
  previousHandlingCode handlingCode previousSourceEvaluation sourceEvaluation previousIntelligenceAssessment intelligenceAssessment } } }`;
const RENEW = `mutation($i: RenewIntelligenceInput!) { renewIntelligence(input: $i) { ${ITEM} } }`;
const HANDLING = `mutation($i: ChangeIntelligenceHandlingInput!) { changeIntelligenceHandling(input: $i) { ${ITEM} } }`;
const REGRADE = `mutation($i: RegradeIntelligenceInput!) { regradeIntelligence(input: $i) { ${ITEM} } }`;
const DELETE = `mutation($i: VersionedReasonInput!) { deleteIntelligence(input: $i) { id deletedById deletedAt } }`;
const READ = `query($id: ID!) { intelligenceItem(id: $id) { ${ITEM} ${REVIEWS} } }`;
const DUE = `query($by: Date!) { intelligenceItems(filter: { reviewDueBy: $by, statuses: [ACCEPTED] }, first: 100) { edges { node { id version reviewOn } } } }`;

/** The UK date a year from today: the latest review date a renewal may give (as when recorded). */
const latestReviewOn = () => addYears(new Date(`${isoDaysFromNow(0)}T00:00:00Z`), 1);

/**
 * Intelligence review (docs/domain.md#intelligence): a manager of the service that holds an item on
 * the review list renews it, changes its handling or grading, or deletes it, each with a reason;
 * each decision is kept in the item's `reviews` (deleted with the item) and audited, and moves the
 * item's keep-until date. An item nobody reviews goes with the retention sweep at its date.
 */
describe('intelligence review (e2e over HTTP)', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let demo: string;
  let other: string;
  let police: string;
  let subject: string;

  const ok = <T>(r: GqlResult<T>): T => {
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data;
  };
  const item = (over: Partial<Parameters<typeof createIntelligence>[1]> = {}) =>
    createIntelligence(t.db, { serviceId: demo, subjectId: subject, authorId: ids.manager!, retainUntil: isoDaysFromNow(360), ...over });
  const read = async (id: string, who = 'manager') => ok(await t.gql(READ, { id }, tok[who])).intelligenceItem;
  const row = async (id: string) => (await t.db.query(`SELECT version, review_on::text AS "reviewOn" FROM intelligence_item WHERE id = $1`, [id]))[0];
  const reviewRows = async (id: string) => t.db.query(`SELECT * FROM intelligence_review WHERE intelligence_item_id = $1`, [id]);

  beforeAll(async () => {
    t = await startTestApp();
    demo = await demoServiceId(t.db);
    for (const who of ['manager', 'outreach', 'staff', 'pcso', 'dpo', 'admin']) {
      tok[who] = await t.login(`${who}@demo.test`);
      ids[who] = await userId(t.db, `${who}@demo.test`);
    }
    [{ id: police }] = await t.db.query(`SELECT partner_organisation_id AS id FROM app_user WHERE email = 'pcso@demo.test'`);
    other = await createLibraryService(t.db, { name: 'Other County Libraries' });
    await createUser(t.db, { email: 'manager@other.test', role: 'MANAGER', serviceId: other });
    tok.managerOther = await t.login('manager@other.test');
    subject = await createSubject(t.db, { serviceId: demo, createdById: ids.manager, name: 'Robin Review' });
  });
  afterAll(() => t?.close());

  describe('the decisions', () => {
    it('renew: a new review date and a reason (trimmed); the keep-until date moves to a year from the review; kept in reviews; audited as UPDATE', async () => {
      const id = await item({ reviewOn: isoDaysFromNow(5) });
      const due = ok(await t.gql(DUE, { by: isoDaysFromNow(7) }, tok.manager)).intelligenceItems.edges.map((e: any) => e.node);
      expect(due.find((n: any) => n.id === id)).toMatchObject({ version: 1, reviewOn: isoDaysFromNow(5) });

      const reviewOn = isoDaysFromNow(120);
      const renewed = ok(await t.gql(RENEW, { i: { id, version: 1, reviewOn, reason: '  Seen again at Central last week  ' } }, tok.manager)).renewIntelligence;
      expect(renewed).toMatchObject({ id, version: 2, reviewOn, status: 'ACCEPTED' });
      // The INTELLIGENCE period (1 year) from the review, not from when it was recorded.
      expect(renewed.dataProtection.retainUntil).toBe(addYears(new Date(), 1));

      const { reviews } = await read(id);
      expect(reviews.totalCount).toBe(1);
      const [review] = reviews.edges.map((e: any) => e.node);
      expect(review).toMatchObject({
        intelligenceItemId: id,
        decision: 'RENEWED',
        reason: 'Seen again at Central last week',
        decidedById: ids.manager,
        previousReviewOn: isoDaysFromNow(5),
        reviewOn,
        handlingCode: null,
        sourceEvaluation: null,
      });
      expect(Math.abs(Date.parse(review.decidedAt) - Date.now())).toBeLessThan(60_000);

      const [audit] = await auditRows(t.db, { action: 'UPDATE', entityType: 'IntelligenceItem', entityId: id });
      expect(audit).toMatchObject({
        actor_id: ids.manager,
        actor_role: 'MANAGER',
        library_service_id: demo,
        purpose: `intelligence review: RENEWED (review ${review.id})`,
      });
      // Reading the history is audited too, one row per decision read.
      expect(await auditRows(t.db, { action: 'READ', entityType: 'IntelligenceReview', entityId: review.id })).toHaveLength(1);
      // Off the list due for review.
      const dueNow = ok(await t.gql(DUE, { by: isoDaysFromNow(7) }, tok.manager)).intelligenceItems.edges.map((e: any) => e.node.id);
      expect(dueNow).not.toContain(id);
    });

    it('a renewal is at most 12 months ahead, the day itself allowed; the purpose the reviewer stated is kept after the decision', async () => {
      const id = await item({ reviewOn: isoDaysFromNow(2) });
      const r = await t.gql(RENEW, { i: { id, version: 1, reviewOn: latestReviewOn(), reason: 'Still current' } }, tok.manager, {
        'x-purpose': 'Monthly review',
      });
      expect(ok(r).renewIntelligence.reviewOn).toBe(latestReviewOn());
      const [audit] = await auditRows(t.db, { action: 'UPDATE', entityType: 'IntelligenceItem', entityId: id });
      expect(audit.purpose).toMatch(/^intelligence review: RENEWED \(review [0-9a-f-]{36}\); Monthly review$/);
    });

    it('change the handling code (P to C with its conditions, then back to P), each kept with the code it replaced', async () => {
      const id = await item({});
      const toC = ok(
        await t.gql(
          HANDLING,
          { i: { id, version: 1, handlingCode: 'C', handlingConditions: 'Police only', handlingOrganisationIds: [police], reason: 'Source is vulnerable' } },
          tok.manager,
        ),
      ).changeIntelligenceHandling;
      expect(toC).toMatchObject({ version: 2, handlingCode: 'C', handlingConditions: 'Police only', handlingOrganisationIds: [police] });
      const toP = ok(
        await t.gql(HANDLING, { i: { id, version: 2, handlingCode: 'P', reason: 'Source has moved away' } }, tok.manager),
      ).changeIntelligenceHandling;
      expect(toP).toMatchObject({ version: 3, handlingCode: 'P', handlingConditions: null, handlingOrganisationIds: [] });
      expect(toP.dataProtection.retainUntil).toBe(addYears(new Date(), 1));

      const { reviews } = await read(id);
      // Newest first.
      expect(reviews.edges.map((e: any) => [e.node.decision, e.node.previousHandlingCode, e.node.handlingCode, e.node.reason])).toEqual([
        ['HANDLING_CHANGED', 'C', 'P', 'Source has moved away'],
        ['HANDLING_CHANGED', 'P', 'C', 'Source is vulnerable'],
      ]);
      const audits = await auditRows(t.db, { action: 'UPDATE', entityType: 'IntelligenceItem', entityId: id });
      expect(audits.map((a: any) => a.purpose.replace(/[0-9a-f-]{36}/, '<id>'))).toEqual([
        'intelligence review: HANDLING_CHANGED (review <id>)',
        'intelligence review: HANDLING_CHANGED (review <id>)',
      ]);
    });

    it('change the grading: both parts, kept with the grading it replaced; the history reads decision by decision', async () => {
      const id = await item({});
      const regraded = ok(
        await t.gql(REGRADE, { i: { id, version: 1, sourceEvaluation: 3, intelligenceAssessment: 'E', reason: 'Source shown to be malicious' } }, tok.manager),
      ).regradeIntelligence;
      expect(regraded).toMatchObject({ version: 2, sourceEvaluation: 3, intelligenceAssessment: 'E' });
      ok(await t.gql(RENEW, { i: { id, version: 2, reviewOn: isoDaysFromNow(30), reason: 'Check again in a month' } }, tok.manager));
      const { reviews } = await read(id);
      expect(reviews.totalCount).toBe(2);
      expect(reviews.edges.map((e: any) => e.node.decision)).toEqual(['RENEWED', 'REGRADED']);
      expect(reviews.edges[1].node).toMatchObject({
        previousSourceEvaluation: 2,
        previousIntelligenceAssessment: 'B',
        sourceEvaluation: 3,
        intelligenceAssessment: 'E',
        previousReviewOn: null,
        reviewOn: null,
      });
      // A page of one, then the next.
      const first = ok(
        await t.gql(
          `query($id: ID!) { intelligenceItem(id: $id) { reviews(first: 1) { pageInfo { hasNextPage endCursor } edges { node { decision } } } } }`,
          { id },
          tok.manager,
        ),
      ).intelligenceItem.reviews;
      expect(first).toMatchObject({ pageInfo: { hasNextPage: true }, edges: [{ node: { decision: 'RENEWED' } }] });
      const next = ok(
        await t.gql(
          `query($id: ID!, $after: String) { intelligenceItem(id: $id) { reviews(first: 1, after: $after) { edges { node { decision } } } } }`,
          {
            id,
            after: first.pageInfo.endCursor,
          },
          tok.manager,
        ),
      ).intelligenceItem.reviews;
      expect(next.edges.map((e: any) => e.node.decision)).toEqual(['REGRADED']);
    });

    it('delete: the item and its review history go; the audit trail keeps which item, when and by whom, as a review; the reason is kept nowhere', async () => {
      const id = await item({});
      ok(await t.gql(RENEW, { i: { id, version: 1, reviewOn: isoDaysFromNow(60), reason: 'Renewed before it was deleted' } }, tok.manager));
      expect(await reviewRows(id)).toHaveLength(1);
      const reason = 'Shown to be about someone else: Alex at number 12';
      const deleted = ok(await t.gql(DELETE, { i: { id, version: 2, reason } }, tok.manager)).deleteIntelligence;
      expect(deleted).toMatchObject({ id, deletedById: ids.manager });
      expect(Math.abs(Date.parse(deleted.deletedAt) - Date.now())).toBeLessThan(60_000);

      expect(codeOf(await t.gql(READ, { id }, tok.manager))).toBe('NOT_FOUND');
      expect(await t.db.query(`SELECT id FROM intelligence_item WHERE id = $1`, [id])).toEqual([]);
      expect(await reviewRows(id)).toEqual([]);
      const [audit] = await auditRows(t.db, { action: 'DELETE', entityType: 'IntelligenceItem', entityId: id });
      expect(audit).toMatchObject({ actor_id: ids.manager, actor_role: 'MANAGER', library_service_id: demo, purpose: 'intelligence review: DELETED' });
      // Free text about a record that no longer exists is not kept, in the history or the audit trail.
      const [{ n }] = await t.db.query(
        `SELECT (SELECT count(*) FROM intelligence_review WHERE reason LIKE '%Alex%') + (SELECT count(*) FROM audit_event WHERE purpose LIKE '%Alex%') AS n`,
      );
      expect(Number(n)).toBe(0);
    });
  });

  describe('retention follows the review', () => {
    it('the sweep deletes an item nobody reviewed once past its date, and keeps one renewed on the review list', async () => {
      // Both recorded 13 months ago and never reviewed: past their review date and their keep-until date.
      const recordedAt = new Date(Date.now() - 395 * 86_400_000);
      const overdue = { reviewOn: isoDaysFromNow(-30), retainUntil: isoDaysFromNow(-30), recordedAt };
      const unreviewed = await item(overdue);
      const renewed = await item(overdue);
      // Renewed once, 14 months ago, and not since: swept all the same, and its history with it.
      const lapsed = await item({ ...overdue, recordedAt: new Date(Date.now() - 425 * 86_400_000) });
      await t.db.query(
        `INSERT INTO intelligence_review (library_service_id, intelligence_item_id, decision, reason, decided_by_id, decided_at, previous_review_on, review_on)
         VALUES ($1, $2, 'RENEWED', 'Renewed long ago', $3, now() - interval '14 months', current_date - 400, current_date - 30)`,
        [demo, lapsed, ids.manager],
      );
      const kept = ok(
        await t.gql(RENEW, { i: { id: renewed, version: 1, reviewOn: isoDaysFromNow(90), reason: 'Still relevant' } }, tok.manager),
      ).renewIntelligence;
      expect(kept.dataProtection.retainUntil).toBe(addYears(new Date(), 1));

      const engines = dataProtectionEngines(t.db);
      const [run] = await engines.sweep.sweep({ libraryServiceId: demo, triggeredBy: 'CLI' });
      expect(run!.counts.find((c) => c.recordType === 'INTELLIGENCE')).toMatchObject({ action: 'DELETE', deleted: 2 });

      for (const gone of [unreviewed, lapsed]) {
        expect(await t.db.query(`SELECT id FROM intelligence_item WHERE id = $1`, [gone])).toEqual([]);
        expect(await auditRows(t.db, { action: 'DELETE', entityType: 'IntelligenceItem', entityId: gone })).toEqual([
          expect.objectContaining({ actor_role: 'RETENTION_SWEEP', purpose: 'retention: deleted' }),
        ]);
      }
      expect(await reviewRows(lapsed)).toEqual([]);
      expect(await read(renewed)).toMatchObject({ id: renewed, reviewOn: isoDaysFromNow(90), reviews: { totalCount: 1 } });
    });
  });

  describe('who may review', () => {
    let target: string;
    let submitted: string;
    let restricted: string;
    beforeAll(async () => {
      target = await item({});
      // Submitted by the police (their PCSO reads it), accepted into the record by the manager.
      submitted = await item({ submittedByOrganisationId: police, decidedById: ids.manager, sourceType: 'PARTNER' });
      const person = await createSubject(t.db, { serviceId: demo, createdById: ids.manager, name: 'Rita Restricted' });
      restricted = await item({ subjectId: person });
      await createRestriction(t.db, { serviceId: demo, subjectId: person, restrictedById: ids.dpo! });
    });

    const attempts = (id: string) =>
      [
        [RENEW, { i: { id, version: 1, reviewOn: isoDaysFromNow(30), reason: 'Renewed' } }],
        [HANDLING, { i: { id, version: 1, handlingCode: 'C', handlingConditions: 'Police only', handlingOrganisationIds: [police], reason: 'Narrowed' } }],
        [REGRADE, { i: { id, version: 1, sourceEvaluation: 1, intelligenceAssessment: 'A', reason: 'Corroborated' } }],
        [DELETE, { i: { id, version: 1, reason: 'No longer needed' } }],
      ] as const;
    const codes = async (id: string, who: string) => {
      const out: unknown[] = [];
      for (const [query, variables] of attempts(id)) out.push(codeOf(await t.gql(query, variables as Record<string, unknown>, tok[who])));
      return out;
    };

    it('outreach workers and the DPO read the item but may not decide (FORBIDDEN); staff, and the manager of another service, do not see it (NOT_FOUND)', async () => {
      expect(await codes(target, 'outreach')).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
      expect(await codes(target, 'dpo')).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
      expect(await codes(target, 'staff')).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
      expect(await codes(target, 'admin')).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
      expect(await codes(target, 'managerOther')).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
      expect(await row(target)).toMatchObject({ version: 1 });
      expect(await reviewRows(target)).toEqual([]);
      // Each refusal is audited for the DPO.
      expect((await auditRows(t.db, { action: 'REFUSED', entityId: target })).length).toBeGreaterThanOrEqual(20);
    });

    it('a partner may not review what it submitted (FORBIDDEN), nor anything else (NOT_FOUND); it does not see the review history', async () => {
      expect(await codes(submitted, 'pcso')).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
      expect(await codes(target, 'pcso')).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
      ok(await t.gql(RENEW, { i: { id: submitted, version: 1, reviewOn: isoDaysFromNow(30), reason: 'Police still want it kept' } }, tok.manager));
      expect((await read(submitted, 'pcso')).reviews).toEqual({ totalCount: 0, edges: [] });
      for (const who of ['manager', 'outreach', 'dpo']) expect((await read(submitted, who)).reviews.totalCount).toBe(1);
    });

    it("a restricted person's intelligence is out of review (NOT_FOUND) while the restriction lasts", async () => {
      expect(await codes(restricted, 'manager')).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
      expect(await row(restricted)).toMatchObject({ version: 1 });
    });
  });

  describe('bad input', () => {
    it('a review date today or in the past, or more than 12 months ahead, is refused', async () => {
      const id = await item({});
      for (const reviewOn of [isoDaysFromNow(-1), isoDaysFromNow(0), isoDaysFromNow(400)]) {
        const r = await t.gql(RENEW, { i: { id, version: 1, reviewOn, reason: 'Renewed' } }, tok.manager);
        expect([reviewOn, codeOf(r)]).toEqual([reviewOn, 'BAD_USER_INPUT']);
        expect(r.errors![0].message).toMatch(/reviewOn must be/);
      }
      const dayAfterLatest = new Date(`${latestReviewOn()}T00:00:00Z`);
      dayAfterLatest.setUTCDate(dayAfterLatest.getUTCDate() + 1);
      const tooFar = await t.gql(RENEW, { i: { id, version: 1, reviewOn: dayAfterLatest.toISOString().slice(0, 10), reason: 'Renewed' } }, tok.manager);
      expect(tooFar.errors![0].message).toMatch(/at most 12 months ahead/);
      expect(codeOf(await t.gql(RENEW, { i: { id, version: 1, reviewOn: '2026-02-30', reason: 'Renewed' } }, tok.manager))).toBe('BAD_USER_INPUT');
      expect(await row(id)).toMatchObject({ version: 1 });
    });

    it('a reason is required (not empty, not blank) and at most 2,000 characters, for every decision', async () => {
      const id = await item({});
      for (const reason of ['', '   ', 'x'.repeat(2001)]) {
        for (const [query, i] of [
          [RENEW, { id, version: 1, reviewOn: isoDaysFromNow(30), reason }],
          [HANDLING, { id, version: 1, handlingCode: 'C', handlingConditions: 'Police only', handlingOrganisationIds: [police], reason }],
          [REGRADE, { id, version: 1, sourceEvaluation: 1, intelligenceAssessment: 'A', reason }],
          [DELETE, { id, version: 1, reason }],
        ] as const) {
          expect([query.slice(11, 40), reason.length, codeOf(await t.gql(query, { i }, tok.manager))]).toEqual([
            query.slice(11, 40),
            reason.length,
            'BAD_USER_INPUT',
          ]);
        }
      }
      expect(codeOf(await t.gql(RENEW, { i: { id, version: 1, reviewOn: isoDaysFromNow(30) } }, tok.manager))).toBe('BAD_USER_INPUT');
      expect(await row(id)).toMatchObject({ version: 1 });
      expect(await reviewRows(id)).toEqual([]);
    });

    it('a stale version is a CONFLICT, with the versions; nothing changes', async () => {
      const id = await item({});
      ok(await t.gql(RENEW, { i: { id, version: 1, reviewOn: isoDaysFromNow(30), reason: 'First reviewer' } }, tok.manager));
      for (const [query, i] of [
        [RENEW, { id, version: 1, reviewOn: isoDaysFromNow(60), reason: 'Second reviewer, late' }],
        [REGRADE, { id, version: 1, sourceEvaluation: 1, intelligenceAssessment: 'A', reason: 'Second reviewer, late' }],
        [DELETE, { id, version: 1, reason: 'Second reviewer, late' }],
      ] as const) {
        const r = await t.gql(query, { i }, tok.manager);
        expect(codeOf(r)).toBe('CONFLICT');
        expect(r.errors![0].extensions).toMatchObject({ expectedVersion: 1, currentVersion: 2 });
      }
      expect(await row(id)).toMatchObject({ version: 2, reviewOn: isoDaysFromNow(30) });
      expect(await reviewRows(id)).toHaveLength(1);
    });

    it('only ACCEPTED intelligence is reviewed; an unchanged handling or grading, or handling code C without its conditions, is refused; a legal hold stops a deletion', async () => {
      const waiting = await item({ status: 'SUBMITTED', submittedByOrganisationId: police });
      expect(codeOf(await t.gql(RENEW, { i: { id: waiting, version: 1, reviewOn: isoDaysFromNow(30), reason: 'Renewed' } }, tok.manager))).toBe('CONFLICT');
      expect(codeOf(await t.gql(DELETE, { i: { id: waiting, version: 1, reason: 'Gone' } }, tok.manager))).toBe('CONFLICT');

      const id = await item({});
      const same = await t.gql(REGRADE, { i: { id, version: 1, sourceEvaluation: 2, intelligenceAssessment: 'B', reason: 'Regraded' } }, tok.manager);
      expect([codeOf(same), same.errors![0].message]).toEqual(['BAD_USER_INPUT', expect.stringMatching(/grading is unchanged/)]);
      const samePlace = await t.gql(HANDLING, { i: { id, version: 1, handlingCode: 'P', reason: 'Changed' } }, tok.manager);
      expect([codeOf(samePlace), samePlace.errors![0].message]).toEqual(['BAD_USER_INPUT', expect.stringMatching(/handling is unchanged/)]);
      const noConditions = await t.gql(HANDLING, { i: { id, version: 1, handlingCode: 'C', reason: 'Narrowed' } }, tok.manager);
      expect([codeOf(noConditions), noConditions.errors![0].message]).toEqual([
        'BAD_USER_INPUT',
        expect.stringMatching(/handling code C needs its conditions/),
      ]);
      expect(await row(id)).toMatchObject({ version: 1 });

      const held = await item({ legalHold: true });
      const refused = await t.gql(DELETE, { i: { id: held, version: 1, reason: 'No longer needed' } }, tok.manager);
      expect([codeOf(refused), refused.errors![0].message]).toEqual(['CONFLICT', expect.stringMatching(/legal hold/)]);
      expect(await row(held)).toMatchObject({ version: 1 });
      // Renewing a held item is fine: the hold keeps it whatever its dates.
      expect(
        ok(await t.gql(RENEW, { i: { id: held, version: 1, reviewOn: isoDaysFromNow(30), reason: 'Held for court' } }, tok.manager)).renewIntelligence.version,
      ).toBe(2);
    });
  });
});
