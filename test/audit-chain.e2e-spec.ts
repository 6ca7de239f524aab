import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityManager } from 'typeorm';
import { AuditTrailBroken, buildProgram } from '../apps/cli/program.js';
import { AuditChainVerifier, AuditDigestService, dataProtectionEngines, parseDigest } from '../libs/governance/src/engines.js';
import { auditRows, createAuditEvent, createLibraryService, createUser, demoServiceId } from './support/builders.js';
import { codeOf, startTestApp, type TestApp } from './support/test-app.js';
import { openTestDatabase } from './support/test-database.js';

const VERIFY = `query($input: AuditTrailVerificationInput) { auditTrailVerification(input: $input) {
  libraryServiceId isIntact eventsChecked headPosition headHash prunedThroughPosition digestEntriesChecked
  firstBreak { kind position auditEventId detail auditEvent { id entityType entityId } } } }`;

/**
 * The tamper-evident audit trail (migration AuditChain): every event is chained by the database as
 * it is written, and verification (the verifier, `audit-verify`, `auditTrailVerification`) names the
 * first event that no longer fits after the database's owner changed, deleted or inserted rows with
 * the triggers off, or inserted a backdated one with them on; a digest kept outside the database
 * catches a chain whose hashes were all recomputed.
 */
describe('audit chain (e2e)', () => {
  let t: TestApp;
  let dir: string;
  let digestFile: string;
  let verifier: AuditChainVerifier;
  let demo: string;
  const logs: string[] = [];
  const q = (sql: string, params: unknown[] = []) => t.db.query(sql, params);
  /** As the database owner with every ordinary trigger off: what the append-only and chain triggers cannot stop. */
  const asOwner = (fn: (m: EntityManager) => Promise<unknown>) =>
    t.db.transaction(async (m) => {
      await m.query('SET LOCAL session_replication_role = replica');
      await fn(m);
    });
  /** A library service of its own with `n` events written as the app writes them (chained by the trigger). */
  const chainOf = async (n: number, name: string) => {
    const serviceId = await createLibraryService(t.db, { name });
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push(await createAuditEvent(t.db, { serviceId, entityType: 'Case', entityId: `case-${i}`, purpose: `read ${i}` }));
    return { serviceId, ids };
  };
  const out: string[] = [];
  const cli = (...args: string[]) =>
    buildProgram(
      async (fn) => fn(t.running.db),
      (l) => out.push(l),
    ).parseAsync(['node', 'cli', ...args]);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'audit-digest-'));
    digestFile = join(dir, 'digest.jsonl');
    t = await startTestApp({ AUDIT_DIGEST_FILE: digestFile, LOG_LEVEL: 'info' }, { write: (line: string) => void logs.push(line) });
    verifier = t.running.app.get(AuditChainVerifier);
    demo = await demoServiceId(t.db);
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    out.length = 0;
  });

  it('chains each event to the one before it in its service, in the inserting transaction, and a clean chain verifies', async () => {
    const { serviceId, ids } = await chainOf(5, 'Chain Clean Libraries');
    const rows = await q(
      `SELECT id::text, chain_position::int AS position, encode(previous_hash, 'hex') AS previous, encode(hash, 'hex') AS hash
       FROM audit_event WHERE library_service_id = $1 ORDER BY chain_position`,
      [serviceId],
    );
    expect(rows.map((r: any) => r.id)).toEqual(ids);
    expect(rows.map((r: any) => r.position)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0].previous).toBeNull();
    for (let i = 1; i < rows.length; i++) expect(rows[i].previous).toBe(rows[i - 1].hash);
    // A transaction that rolls back takes its position with it: no gap for verification to report.
    await t.db
      .transaction(async (m) => {
        await createAuditEvent(m, { serviceId, entityType: 'Case', entityId: 'rolled-back' });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    const next = await createAuditEvent(t.db, { serviceId, entityType: 'Case', entityId: 'after' });
    expect((await q('SELECT chain_position::int AS p FROM audit_event WHERE id = $1', [next]))[0].p).toBe(6);
    // Text of more than one byte a character, empty text and NULLs, as they come.
    await createAuditEvent(t.db, { serviceId, entityType: 'Case', entityId: '', purpose: 'Vérification — señal 🎉', actorId: null, actorRole: null });
    const result = await verifier.verify(serviceId);
    expect(result).toMatchObject({ isIntact: true, eventsChecked: 7, headPosition: 7, firstBreak: null });
    // The verifier's own hashing agrees with the database's, byte for byte.
    const [head] = await q(`SELECT encode(hash, 'hex') AS hash FROM audit_chain WHERE chain = $1`, [serviceId]);
    expect(result.headHash).toBe(head.hash);
  });

  it('the application cannot write an event outside the chain, nor choose its place in it', async () => {
    const serviceId = await createLibraryService(t.db, { name: 'Chain Forced Libraries' });
    await q(
      `INSERT INTO audit_event (action, entity_type, library_service_id, chain_position, previous_hash, hash) VALUES ('READ', 'Case', $1, 42, '\\x00', '\\x00')`,
      [serviceId],
    );
    expect(await q('SELECT chain_position::int AS p, length(hash) AS n FROM audit_event WHERE library_service_id = $1', [serviceId])).toEqual([
      { p: 1, n: 32 },
    ]);
    await expect(q(`UPDATE audit_event SET purpose = 'x' WHERE library_service_id = $1`, [serviceId])).rejects.toThrow(/append-only/);
    expect((await verifier.verify(serviceId)).isIntact).toBe(true);
  });

  it('names a row changed by the owner: CHANGED, with its id and position', async () => {
    const { serviceId, ids } = await chainOf(6, 'Chain Changed Libraries');
    await asOwner((m) => m.query(`UPDATE audit_event SET entity_id = 'case-other' WHERE id = $1`, [ids[3]]));
    expect((await verifier.verify(serviceId)).firstBreak).toMatchObject({ kind: 'CHANGED', position: 4, auditEventId: ids[3] });
    // A changed row whose own hash was recomputed no longer links to the next one: the next is named.
    await asOwner((m) =>
      m.query(
        `UPDATE audit_event SET hash = audit_event_hash(id, chain_position, occurred_at, actor_id, actor_role, action, entity_type, entity_id,
           library_service_id, purpose, request_id, client_request_id, previous_hash) WHERE id = $1`,
        [ids[3]],
      ),
    );
    const relinked = (await verifier.verify(serviceId)).firstBreak!;
    expect(relinked).toMatchObject({ kind: 'CHANGED', position: 5, auditEventId: ids[4] });
    expect(relinked.detail).toContain(`event ${ids[3]}`);
  });

  it('names the event after a row deleted by the owner: MISSING; and the end of a chain whose last rows were deleted', async () => {
    const { serviceId, ids } = await chainOf(6, 'Chain Deleted Libraries');
    await asOwner((m) => m.query('DELETE FROM audit_event WHERE id = $1', [ids[2]]));
    const gap = (await verifier.verify(serviceId)).firstBreak!;
    expect(gap).toMatchObject({ kind: 'MISSING', position: 4, auditEventId: ids[3] });
    expect(gap.detail).toMatch(/position 3 is missing/);
    // Deleting did not move the pruned mark: only the retention sweep's deletions do.
    expect(await q('SELECT pruned_position FROM audit_chain WHERE chain = $1', [serviceId])).toEqual([{ pruned_position: null }]);

    const tail = await chainOf(4, 'Chain Truncated Libraries');
    await asOwner((m) => m.query('DELETE FROM audit_event WHERE id = ANY($1::bigint[])', [tail.ids.slice(2)]));
    expect((await verifier.verify(tail.serviceId)).firstBreak).toMatchObject({ kind: 'MISSING', position: 3, auditEventId: null });
  });

  it('names a backdated row: OUT_OF_ORDER when chained by the trigger, INSERTED when slipped in with the triggers off', async () => {
    const { serviceId, ids } = await chainOf(4, 'Chain Backdated Libraries');
    const backdated = await createAuditEvent(t.db, { serviceId, entityType: 'Case', entityId: 'case-1', occurredAt: '2024-01-01T09:00:00Z' });
    const late = (await verifier.verify(serviceId)).firstBreak!;
    expect(late).toMatchObject({ kind: 'OUT_OF_ORDER', position: 5, auditEventId: backdated });
    expect(late.detail).toContain('2024-01-01T09:00:00.000000Z');
    expect(late.detail).toContain(ids[3]);

    // With the triggers off the owner must pick a position and a hash: past the head, computed with
    // the database's own function, it still was never chained.
    const other = await chainOf(3, 'Chain Inserted Libraries');
    let slipped = '';
    await asOwner(async (m) => {
      [{ id: slipped }] = await m.query(
        `INSERT INTO audit_event (occurred_at, action, entity_type, entity_id, library_service_id, chain_position, previous_hash, hash)
         SELECT '2024-01-01T09:00:00Z', 'READ', 'Case', 'case-0', $1, 4, h.hash, '\\x00' FROM audit_chain h WHERE h.chain = $2 RETURNING id::text`,
        [other.serviceId, other.serviceId],
      );
      await m.query(
        `UPDATE audit_event SET hash = audit_event_hash(id, chain_position, occurred_at, actor_id, actor_role, action, entity_type, entity_id,
           library_service_id, purpose, request_id, client_request_id, previous_hash) WHERE id = $1`,
        [slipped],
      );
    });
    expect((await verifier.verify(other.serviceId)).firstBreak).toMatchObject({ kind: 'INSERTED', position: 4, auditEventId: slipped });
  });

  it('a rewrite with every hash recomputed verifies alone, but not against the digest kept outside the database', async () => {
    const { serviceId, ids } = await chainOf(5, 'Chain Rewritten Libraries');
    const digest = t.running.app.get(AuditDigestService);
    const day = new Date('2031-01-02T00:30:00Z');
    const written = (await digest.write(day))!;
    expect(written.find((e) => e.chain === serviceId)).toMatchObject({ day: '2031-01-02', position: 5 });
    // One digest a day, whichever replica asks first.
    expect(await digest.write(new Date('2031-01-02T13:00:00Z'))).toBeNull();
    expect(await q(`SELECT chains FROM audit_digest WHERE day = '2031-01-02'`)).toEqual([{ chains: written.length }]);
    const fileEntries = parseDigest(await readFile(digestFile, 'utf8')).filter((e) => e.day === '2031-01-02');
    expect(fileEntries).toEqual(written);
    // The same entries are in the log, which --against reads as well.
    const logged = parseDigest(logs.join('\n')).filter((e) => e.day === '2031-01-02');
    expect(logged).toEqual(written);

    await createAuditEvent(t.db, { serviceId, entityType: 'Case', entityId: 'after-digest' });
    // The owner rewrites event 2 and recomputes every hash after it, head included.
    await asOwner(async (m) => {
      await m.query(`UPDATE audit_event SET entity_id = 'case-innocent' WHERE id = $1`, [ids[1]]);
      const rows = await m.query(`SELECT id FROM audit_event WHERE library_service_id = $1 AND chain_position >= 2 ORDER BY chain_position`, [serviceId]);
      for (const { id } of rows) {
        await m.query(
          `UPDATE audit_event e SET previous_hash = p.hash, hash = audit_event_hash(e.id, e.chain_position, e.occurred_at, e.actor_id, e.actor_role,
             e.action, e.entity_type, e.entity_id, e.library_service_id, e.purpose, e.request_id, e.client_request_id, p.hash)
           FROM audit_event p WHERE e.id = $1 AND p.library_service_id = e.library_service_id AND p.chain_position = e.chain_position - 1`,
          [id],
        );
      }
      await m.query(
        `UPDATE audit_chain c SET hash = e.hash FROM audit_event e WHERE c.chain = $1 AND e.library_service_id = $2 AND e.chain_position = c.position`,
        [serviceId, serviceId],
      );
    });
    expect((await verifier.verify(serviceId)).isIntact).toBe(true);
    const against = await verifier.verify(serviceId, { digest: fileEntries });
    expect(against.firstBreak).toMatchObject({ kind: 'CHANGED', position: 5, auditEventId: ids[4] });
    expect(against.firstBreak!.detail).toContain('2031-01-02');

    await expect(cli('audit-verify', '--service', serviceId, '--against', digestFile)).rejects.toThrow(AuditTrailBroken);
    expect(out.join('\n')).toMatch(new RegExp(`BROKEN library service ${serviceId}: CHANGED at position 5 \\(audit event ${ids[4]}\\)`));
  });

  it('retention deletions move the pruned mark: the chain still verifies, from there; a deletion past it does not', async () => {
    const serviceId = await createLibraryService(t.db, { name: 'Chain Pruned Libraries' });
    const old: string[] = [];
    for (let i = 0; i < 4; i++)
      old.push(await createAuditEvent(t.db, { serviceId, entityType: 'Case', entityId: `old-${i}`, occurredAt: `2015-0${i + 1}-01T00:00:00Z` }));
    const kept: string[] = [];
    for (let i = 0; i < 3; i++) kept.push(await createAuditEvent(t.db, { serviceId, entityType: 'Case', entityId: `new-${i}` }));
    const engines = dataProtectionEngines(t.db);
    await engines.catalog.all();
    await engines.sweep.sweep({ libraryServiceId: serviceId, triggeredBy: 'CLI', batchSize: 3 });
    expect(await q('SELECT id::text FROM audit_event WHERE id = ANY($1::bigint[])', [old])).toEqual([]);
    const [{ pruned }] = await q(`SELECT pruned_position::int AS pruned FROM audit_chain WHERE chain = $1`, [serviceId]);
    expect(pruned).toBe(4);
    const result = await verifier.verify(serviceId);
    // The kept events, and the sweep's own audit events of what it deleted, after them.
    expect(result).toMatchObject({
      isIntact: true,
      prunedThroughPosition: 4,
      eventsChecked: 3 + (await auditRows(t.db, { entityType: 'AuditEvent', action: 'DELETE' })).filter((r: any) => r.library_service_id === serviceId).length,
    });

    await asOwner((m) => m.query('DELETE FROM audit_event WHERE id = $1', [kept[0]]));
    expect((await verifier.verify(serviceId)).firstBreak).toMatchObject({ kind: 'MISSING', position: 6, auditEventId: kept[1] });
  });

  it('audit-verify checks every chain and says which do not verify', async () => {
    await createAuditEvent(t.db, { serviceId: null, entityType: 'User', action: 'LOGIN_FAILED' });
    await t.login('manager@demo.test');
    await cli('audit-verify', '--service', demo);
    expect(out).toEqual([expect.stringMatching(new RegExp(`^ok +library service ${demo}: \\d+ events through position \\d+, head [0-9a-f]{64}$`))]);
    out.length = 0;
    await expect(cli('audit-verify')).rejects.toThrow(/audit chain\(s\) do not verify/);
    expect(out.some((l) => l.startsWith('ok     events of no library service'))).toBe(true);
    expect(out.filter((l) => l.startsWith('BROKEN')).length).toBeGreaterThanOrEqual(5);
    await expect(cli('audit-verify', '--service', 'not-a-uuid')).rejects.toThrow(/not a library service id/);
  });

  it('auditTrailVerification: the DPO verifies their own service, names a changed event, and nobody else may ask', async () => {
    const dpo = await t.login('dpo@demo.test');
    await t.gql(`{ partnerContacts { totalCount } }`, {}, await t.login('manager@demo.test'));
    const [{ n }] = await q('SELECT count(*)::int AS n FROM audit_event WHERE library_service_id = $1', [demo]);
    const clean = await t.gql(VERIFY, {}, dpo);
    expect(clean.errors).toBeUndefined();
    expect(clean.data.auditTrailVerification).toMatchObject({ libraryServiceId: demo, isIntact: true, eventsChecked: n, firstBreak: null });

    const [victim] = await q(`SELECT id::text, entity_id FROM audit_event WHERE library_service_id = $1 AND action = 'LOGIN' ORDER BY chain_position LIMIT 1`, [
      demo,
    ]);
    await asOwner((m) => m.query(`UPDATE audit_event SET entity_id = 'someone-else' WHERE id = $1`, [victim.id]));
    const tampered = await t.gql(VERIFY, { input: {} }, dpo);
    expect(tampered.data.auditTrailVerification).toMatchObject({
      isIntact: false,
      firstBreak: { kind: 'CHANGED', auditEventId: victim.id, auditEvent: { id: victim.id, entityType: 'User', entityId: 'someone-else' } },
    });
    await asOwner((m) => m.query(`UPDATE audit_event SET entity_id = $2 WHERE id = $1`, [victim.id, victim.entity_id]));
    expect((await t.gql(VERIFY, {}, dpo)).data.auditTrailVerification.isIntact).toBe(true);

    // A digest given in the query is compared too; lines of other services are not this DPO's business.
    const entries = parseDigest(await readFile(digestFile, 'utf8'));
    const withDigest = await t.gql(VERIFY, { input: { digest: await readFile(digestFile, 'utf8') } }, dpo);
    expect(withDigest.data.auditTrailVerification.digestEntriesChecked).toBe(entries.filter((e) => e.chain === demo).length);
    expect(codeOf(await t.gql(VERIFY, { input: { digest: 'not json' } }, dpo))).toBe('BAD_USER_INPUT');

    for (const who of ['manager', 'admin', 'outreach', 'staff', 'pcso']) {
      const r = await t.gql(VERIFY, {}, await t.login(`${who}@demo.test`));
      expect({ who, code: codeOf(r) }).toEqual({ who, code: 'FORBIDDEN' });
    }
    const [{ id: managerId }] = await q(`SELECT id FROM app_user WHERE email = 'manager@demo.test'`);
    const refused = await auditRows(t.db, { action: 'REFUSED', actorId: managerId, entityType: 'AuditEvent' });
    expect(refused.at(-1)).toMatchObject({ library_service_id: demo, purpose: 'refused: FORBIDDEN (read) on query auditTrailVerification' });

    // Another service's DPO gets their own service's chain, never the demo's.
    const other = await createLibraryService(t.db, { name: 'Chain Other DPO Libraries' });
    await createUser(t.db, { email: 'dpo@chain-other.test', role: 'DPO', serviceId: other });
    const theirs = await t.gql(VERIFY, {}, await t.login('dpo@chain-other.test'));
    expect(theirs.data.auditTrailVerification).toMatchObject({ libraryServiceId: other, isIntact: true });
  });
});

describe('audit chain migration', () => {
  it('chains the events written before it, in the order they were written, per service', async () => {
    const db = await openTestDatabase();
    const ds = db.dataSource;
    try {
      const applied = async () => (await ds.query(`SELECT name FROM migrations`)).map((r: { name: string }) => r.name);
      while ((await applied()).includes('AuditChain1765500000000')) await ds.undoLastMigration({ transaction: 'each' });
      const a = await createLibraryService(ds, { name: 'Before Chain A' });
      const b = await createLibraryService(ds, { name: 'Before Chain B' });
      // Written out of id order on purpose: the chain follows the time they happened.
      for (const [service, at] of [
        [a, '2026-03-01T10:00:00Z'],
        [b, '2026-03-01T09:00:00Z'],
        [a, '2026-02-01T10:00:00Z'],
        [null, '2026-01-01T10:00:00Z'],
        [a, '2026-03-02T10:00:00Z'],
      ]) {
        await ds.query(`INSERT INTO audit_event (occurred_at, action, entity_type, library_service_id) VALUES ($1, 'READ', 'Case', $2)`, [at, service]);
      }
      await ds.runMigrations({ transaction: 'each' });
      const order = await ds.query(
        `SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'MM-DD') AS day, chain_position::int AS position FROM audit_event WHERE library_service_id = $1 ORDER BY chain_position`,
        [a],
      );
      expect(order).toEqual([
        { day: '02-01', position: 1 },
        { day: '03-01', position: 2 },
        { day: '03-02', position: 3 },
      ]);
      const verifier = new AuditChainVerifier(ds);
      for (const chain of [a, b, 'platform']) expect(await verifier.verify(chain)).toMatchObject({ chain, isIntact: true });
      expect((await verifier.verify(a)).headPosition).toBe(3);
      // And the trigger carries on from there.
      await createAuditEvent(ds, { serviceId: a, entityType: 'Case' });
      expect(await verifier.verify(a)).toMatchObject({ isIntact: true, headPosition: 4 });
    } finally {
      await db.close();
    }
  });
});
