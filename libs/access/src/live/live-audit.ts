import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { withTenantSlot } from '../../../common/src/index.js';
import { type AuditedEvent, AuditService } from '../../../governance/src/index.js';
import { type Actor, auditActor } from '../ability/actor.js';

interface Pending {
  actor: Actor;
  events: AuditedEvent[];
  settle: (error?: unknown) => void;
}

/**
 * The READ rows of live deliveries, written together: one event reaches hundreds of subscribers at
 * once, and a row each, each its own INSERT, would queue them all on the service's audit chain lock
 * one commit at a time. Rows handed over in the same turn of the event loop go in one statement,
 * and each delivery waits for it: nothing is sent to a client before its read is in the trail.
 */
@Injectable()
export class LiveAuditBatch {
  private pending: Pending[] = [];

  constructor(
    private readonly audit: AuditService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  write(actor: Actor, events: AuditedEvent[]): Promise<void> {
    if (!events.length) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      if (!this.pending.length) setImmediate(() => void this.flush());
      this.pending.push({ actor, events, settle: (error) => (error ? reject(error) : resolve()) });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      // As the platform: the rows are of several subscribers, each attributed to its record's own service.
      await withTenantSlot(() =>
        this.audit.writeForActors(
          this.db.manager,
          batch.map((p) => ({ actor: auditActor(p.actor), events: p.events })),
        ),
      );
      for (const p of batch) p.settle();
    } catch (error) {
      for (const p of batch) p.settle(error);
    }
  }
}
