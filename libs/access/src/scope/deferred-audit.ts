import type { EntityManager } from 'typeorm';
import type { AuditedEvent, AuditService } from '../../../governance/src/index.js';
import { type Actor, auditActor } from '../ability/actor.js';

/**
 * The READ events of one GraphQL request, gathered as its resolvers read and written in one
 * statement before the response leaves (apps/api/audit-flush.ts). A page of shared cases reads
 * from five views; written as it went, each section was an INSERT of its own, each one a turn on
 * the service's audit chain lock and a commit. Gathered, the request costs one.
 *
 * Only reads outside a transaction are gathered (AccessScope.audited): a write's audit rows
 * commit with the write, in its transaction. The request's ceiling on audit rows
 * (REQUEST_MAX_AUDIT_ROWS) is still counted as each read is made, before anything is returned.
 */
export class DeferredAudit {
  private events: AuditedEvent[] = [];

  add(events: readonly AuditedEvent[]): void {
    for (const e of events) this.events.push(e);
  }

  get size(): number {
    return this.events.length;
  }

  /** What was gathered, handed over to be written elsewhere (the live deliveries' batch), and forgotten here. */
  take(): AuditedEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  /** Writes what was gathered, once; a response must not leave when this fails. */
  async flush(audit: AuditService, manager: EntityManager, actor: Actor): Promise<void> {
    const events = this.events;
    this.events = [];
    await audit.write(manager, auditActor(actor), events);
  }
}
