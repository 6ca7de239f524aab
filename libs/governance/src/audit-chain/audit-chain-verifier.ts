import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BadInputError } from '../../../common/src/index.js';
import { auditEventHash, OCCURRED_AT_SQL, PLATFORM_CHAIN } from '../audit/audit-chain.js';
import type { DigestEntry } from './audit-digest.js';

/** How an event does not fit its chain. */
export enum AuditChainBreakKind {
  /** Its fields no longer give its hash, or its link to the event before it (or to a digest) is broken. */
  CHANGED = 'CHANGED',
  /** Events are missing before it (or after it, at the end of the chain) that the retention sweep did not delete. */
  MISSING = 'MISSING',
  /** It is in the trail but was never chained by the database: beyond the chain's head. */
  INSERTED = 'INSERTED',
  /** It is dated before the event before it: written later than its date says (backdated). */
  OUT_OF_ORDER = 'OUT_OF_ORDER',
}

export interface AuditChainBreak {
  kind: AuditChainBreakKind;
  position: number;
  /** The event that does not fit; null when the events at the end of a chain are missing. */
  auditEventId: string | null;
  detail: string;
}

export interface AuditChainVerification {
  chain: string;
  libraryServiceId: string | null;
  isIntact: boolean;
  eventsChecked: number;
  /** The last position the retention sweep deleted (verification starts after it); null when nothing was. */
  prunedThroughPosition: number | null;
  headPosition: number;
  headHash: string | null;
  digestEntriesChecked: number;
  firstBreak: AuditChainBreak | null;
}

export interface VerifyOptions {
  /** Digest entries (from outside the database) to compare with; entries of other chains are ignored. */
  digest?: DigestEntry[];
  batchSize?: number;
}

interface Row {
  id: string;
  /** As text: a bigint, and the name `position` so that ORDER BY chain_position sorts the column, not this text. */
  position: string;
  occurred_at: string;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  library_service_id: string | null;
  purpose: string | null;
  request_id: string | null;
  client_request_id: string | null;
  previous_hash: Buffer | null;
  hash: Buffer;
}

interface Mark {
  position: number;
  hash: Buffer | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const hex = (b: Buffer | null) => (b ? b.toString('hex') : null);
const same = (a: Buffer | null, b: Buffer | null) => (a === null || b === null ? a === b : a.equals(b));
const positions = (from: number, to: number) => (from === to ? `position ${from} is` : `positions ${from}–${to} are`);

/**
 * Recomputes audit chains (migration AuditChain) and names the first event that does not fit.
 * Walks a chain by position in keyset batches (one index range each, never the whole chain in
 * memory), recomputing every hash here, outside the database (audit-chain.ts). Each event must
 * give its own hash, link to the one before it, and not be dated before it; positions may be
 * absent only up to the retention sweep's pruned mark; the chain's head must be its last event,
 * and no event may lie beyond it. With a digest, the events it names must still have the hashes it
 * recorded: an owner who rewrote an event and recomputed every hash after it passes every other
 * test, but not this one.
 *
 * Without a transaction across batches (a long one would hold up the embedded database's one
 * connection): the head is read first and the walk stops there, so events added meanwhile are
 * not mistaken for insertions; a sweep deleting meanwhile is seen by reading the pruned mark again.
 */
@Injectable()
export class AuditChainVerifier {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Every chain the database knows. */
  async chains(): Promise<string[]> {
    const rows: { chain: string }[] = await this.db.query(`SELECT chain FROM audit_chain ORDER BY chain`);
    return rows.map((r) => r.chain);
  }

  async verify(chain: string, options: VerifyOptions = {}): Promise<AuditChainVerification> {
    if (chain !== PLATFORM_CHAIN && !UUID.test(chain)) throw new BadInputError(`${chain} is not a library service id (UUID) or "${PLATFORM_CHAIN}"`);
    const batchSize = options.batchSize ?? 2000;
    const libraryServiceId = chain === PLATFORM_CHAIN ? null : chain;
    // The chain's own partial unique index (library service, position), or the platform chain's.
    const inChain = (n: number) => (libraryServiceId ? `library_service_id = $${n}` : 'library_service_id IS NULL');
    const service = libraryServiceId ? [libraryServiceId] : [];
    const head = await this.head(chain);
    let pruned = await this.pruned(chain);
    const digest = new Map((options.digest ?? []).filter((d) => d.chain === chain).map((d) => [d.position, d]));
    const result: AuditChainVerification = {
      chain,
      libraryServiceId,
      isIntact: true,
      eventsChecked: 0,
      prunedThroughPosition: pruned?.position ?? null,
      headPosition: head.position,
      headHash: hex(head.hash),
      digestEntriesChecked: 0,
      firstBreak: null,
    };
    const broken = (b: AuditChainBreak) => ({ ...result, prunedThroughPosition: pruned?.position ?? null, isIntact: false, firstBreak: b });

    let last: (Mark & { id: string; occurredAt: string }) | null = null;
    let digestMatched: number | null = null;
    for (;;) {
      const rows: Row[] = await this.db.query(
        `SELECT id::text AS id, chain_position::text AS position, ${OCCURRED_AT_SQL('occurred_at')} AS occurred_at, actor_id::text AS actor_id,
                actor_role, action, entity_type, entity_id, library_service_id::text AS library_service_id, purpose, request_id, client_request_id,
                previous_hash, hash
         FROM audit_event WHERE ${inChain(3)} AND chain_position > $1 AND chain_position <= $2 ORDER BY chain_position LIMIT ${batchSize}`,
        [last?.position ?? 0, head.position, ...service],
      );
      for (const r of rows) {
        const position = Number(r.position);
        const at = (kind: AuditChainBreakKind, detail: string) => broken({ kind, position, auditEventId: r.id, detail });
        result.eventsChecked++;
        const computed = auditEventHash({
          id: r.id,
          chainPosition: r.position,
          occurredAt: r.occurred_at,
          actorId: r.actor_id,
          actorRole: r.actor_role,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          libraryServiceId: r.library_service_id,
          purpose: r.purpose,
          requestId: r.request_id,
          clientRequestId: r.client_request_id,
          previousHash: r.previous_hash,
        });
        if (!computed.equals(r.hash)) return at(AuditChainBreakKind.CHANGED, 'its fields do not give its hash: it was changed after it was written');
        if (last && position === last.position + 1) {
          if (!same(r.previous_hash, last.hash)) {
            return at(
              AuditChainBreakKind.CHANGED,
              `its previous hash is not the hash of event ${last.id} (position ${last.position}): one of the two was changed`,
            );
          }
        } else {
          const expected = last ? last.position + 1 : 1;
          if (position > expected && position - 1 > (pruned?.position ?? 0)) pruned = await this.pruned(chain);
          if (position > expected && position - 1 > (pruned?.position ?? 0)) {
            return at(AuditChainBreakKind.MISSING, `${positions(expected, position - 1)} missing before it, and the retention sweep did not delete them`);
          }
          if (position === 1 && r.previous_hash !== null) return at(AuditChainBreakKind.CHANGED, 'it is the first of its chain but has a previous hash');
          if (pruned && position === pruned.position + 1 && !same(r.previous_hash, pruned.hash)) {
            return at(
              AuditChainBreakKind.CHANGED,
              `its previous hash is not the hash of the last event the retention sweep deleted (position ${pruned.position})`,
            );
          }
          // Otherwise its predecessor was pruned and this event was kept (not yet due): nothing to link to.
        }
        if (last && r.occurred_at < last.occurredAt) {
          return at(
            AuditChainBreakKind.OUT_OF_ORDER,
            `it is dated ${r.occurred_at}, before event ${last.id} (${last.occurredAt}) at position ${last.position}`,
          );
        }
        const recorded = digest.get(position);
        if (recorded) {
          result.digestEntriesChecked++;
          if (r.hash.toString('hex') !== recorded.hash) {
            const since = digestMatched === null ? '' : ` and after position ${digestMatched}, which matches`;
            return at(
              AuditChainBreakKind.CHANGED,
              `its hash is not the one the digest of ${recorded.day} recorded: the chain was rewritten at or before this event${since}`,
            );
          }
          digestMatched = position;
        }
        last = { id: r.id, position, hash: r.hash, occurredAt: r.occurred_at };
      }
      if (rows.length < batchSize) break;
    }

    const end = last?.position ?? 0;
    if (head.position > end) {
      pruned = await this.pruned(chain);
      if (head.position > (pruned?.position ?? 0)) {
        const from = Math.max(end, pruned?.position ?? 0) + 1;
        return broken({
          kind: AuditChainBreakKind.MISSING,
          position: from,
          auditEventId: null,
          detail: `${positions(from, head.position)} missing at the end of the chain`,
        });
      }
    }
    if (last && last.position === head.position && !same(last.hash, head.hash)) {
      return broken({
        kind: AuditChainBreakKind.CHANGED,
        position: last.position,
        auditEventId: last.id,
        detail: "its hash is not the one the chain's head recorded for its last event",
      });
    }
    // One statement, so the head it compares with is the one committed with the events it sees.
    const [beyond]: { id: string; position: string }[] = await this.db.query(
      `SELECT id::text AS id, chain_position::text AS position FROM audit_event
       WHERE ${inChain(2)} AND chain_position > coalesce((SELECT position FROM audit_chain WHERE chain = $1), 0)
       ORDER BY chain_position LIMIT 1`,
      [chain, ...service],
    );
    if (beyond) {
      return broken({
        kind: AuditChainBreakKind.INSERTED,
        position: Number(beyond.position),
        auditEventId: beyond.id,
        detail: "it lies beyond the chain's head: the database never chained it",
      });
    }
    const later = [...digest.values()].filter((d) => d.position > head.position).sort((a, b) => a.position - b.position)[0];
    if (later) {
      return broken({
        kind: AuditChainBreakKind.MISSING,
        position: later.position,
        auditEventId: null,
        detail: `the digest of ${later.day} recorded position ${later.position}, but the chain now ends at ${head.position}`,
      });
    }
    const atMark = pruned ? digest.get(pruned.position) : undefined;
    if (atMark && pruned) {
      result.digestEntriesChecked++;
      if (atMark.hash !== hex(pruned.hash)) {
        return broken({
          kind: AuditChainBreakKind.CHANGED,
          position: pruned.position,
          auditEventId: null,
          detail: `the retention sweep's record of the last event it deleted does not match the digest of ${atMark.day}`,
        });
      }
    }
    return { ...result, prunedThroughPosition: pruned?.position ?? null };
  }

  private async head(chain: string): Promise<Mark> {
    const [row]: { position: string; hash: Buffer | null }[] = await this.db.query(
      `SELECT position::text AS position, hash FROM audit_chain WHERE chain = $1`,
      [chain],
    );
    return row ? { position: Number(row.position), hash: row.hash } : { position: 0, hash: null };
  }

  /** The retention sweep's pruned mark: the last position it deleted, and that event's hash. */
  private async pruned(chain: string): Promise<Mark | null> {
    const [row]: { position: string | null; hash: Buffer | null }[] = await this.db.query(
      `SELECT pruned_position::text AS position, pruned_hash AS hash FROM audit_chain WHERE chain = $1`,
      [chain],
    );
    return row?.position ? { position: Number(row.position), hash: row.hash } : null;
  }
}
