import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Role } from '../../access/src/index.js';
import { EVENT_BUS, type EventBus } from '../../events/src/index.js';
import { AfterCommit } from './after-commit.js';
import { NotificationKind, RECORD_TYPE } from './notification-kind.enum.js';

/** Who an event is for. Only active users are told, and partner users only while their organisation is active (else they cannot sign in). */
export interface NotificationAudience {
  userIds?: readonly string[];
  /** The partner users of this organisation. */
  partnerOrganisationId?: string;
  /** The users of this library service with one of these roles (its managers, its DPO). */
  roles?: { libraryServiceId: string; roles: readonly Role[] };
  /** Not told of their own change. */
  exceptUserId?: string;
}

export interface NotificationEvent {
  kind: NotificationKind;
  recordId: string;
  to: NotificationAudience;
  /** Also the organisation itself: its inbox (its directory email) and its webhook, when it has them. */
  organisation?: { partnerOrganisationId: string; inbox: boolean; webhook: boolean };
  /** Names the event, so queueing it again notifies nobody twice (reminders); a new one each time by default. */
  eventKey?: string;
}

/** Told when messages were queued, so the sender looks at once rather than at its next poll. */
export type QueueListener = () => void;

/**
 * The outbox: `queue` writes an event's notifications and messages inside the transaction of the
 * change that causes it. A rolled-back change leaves nothing; a committed one leaves them in the
 * database, where the sender (delivery-worker.ts) finds them whatever happens to this process.
 * The live event for each notification is published only after the commit.
 */
@Injectable()
export class NotificationOutbox {
  private readonly afterCommit: AfterCommit;
  private readonly listeners: QueueListener[] = [];

  constructor(
    @InjectDataSource() db: DataSource,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
  ) {
    this.afterCommit = AfterCommit.on(db);
  }

  onQueued(listener: QueueListener): void {
    this.listeners.push(listener);
  }

  /** Tells the sender that messages were queued outside `queue` (the digest), once they are committed. */
  nudge(): void {
    for (const listener of this.listeners) listener();
  }

  /** Queues one event, in `m`'s transaction (refused outside one: the point is to commit with the change). */
  async queue(m: EntityManager, event: NotificationEvent): Promise<void> {
    const runner = m.queryRunner;
    if (!runner?.isTransactionActive) throw new Error('notifications are queued inside the transaction of the change that causes them');
    const eventKey = event.eventKey ?? `${event.kind}:${randomUUID()}`;
    const recordType = RECORD_TYPE[event.kind];
    const to = event.to;
    // The recipients and their choice for this kind; OFF leaves them out altogether.
    const added: { id: string; user_id: string; library_service_id: string; immediate: boolean }[] = await m.query(
      `WITH recipient AS (
         SELECT u.id, u.library_service_id, coalesce(p.delivery, 'IMMEDIATE') AS delivery
         FROM app_user u LEFT JOIN notification_preference p ON p.user_id = u.id AND p.kind = $1
         WHERE u.is_active AND u.id IS DISTINCT FROM $8::uuid
           -- Users of a partner organisation no longer active cannot sign in: they are not told either.
           AND (u.partner_organisation_id IS NULL OR EXISTS (
             SELECT 1 FROM partner_organisation po WHERE po.id = u.partner_organisation_id AND po.status = 'ACTIVE' AND po.archived_at IS NULL))
           AND (u.id = ANY($4::uuid[])
             OR (u.role = 'PARTNER' AND u.partner_organisation_id = $5::uuid)
             OR (u.library_service_id = $6::uuid AND u.role = ANY($7::text[]))))
       INSERT INTO notification (library_service_id, user_id, kind, record_type, record_id, event_key, digest)
       SELECT r.library_service_id, r.id, $1, $2, $3, $9, r.delivery = 'DAILY_DIGEST' FROM recipient r WHERE r.delivery <> 'OFF'
       ON CONFLICT (event_key, user_id) DO NOTHING
       RETURNING id, user_id, library_service_id, NOT digest AS immediate`,
      [
        event.kind,
        recordType,
        event.recordId,
        [...(to.userIds ?? [])],
        to.partnerOrganisationId ?? null,
        to.roles?.libraryServiceId ?? null,
        [...(to.roles?.roles ?? [])],
        to.exceptUserId ?? null,
        eventKey,
      ],
    );
    const emails = added.filter((n) => n.immediate);
    if (emails.length) {
      await m.query(
        `INSERT INTO notification_job (library_service_id, event_key, recipient, channel, kind, payload)
         SELECT s, $1, 'user:' || u, 'EMAIL', $2, jsonb_build_object('recordType', $3::text, 'recordId', $4::text, 'notificationId', n)
         FROM unnest($5::uuid[], $6::uuid[], $7::uuid[]) AS x(s, u, n)
         ON CONFLICT (event_key, recipient, channel) DO NOTHING`,
        [eventKey, event.kind, recordType, event.recordId, emails.map((n) => n.library_service_id), emails.map((n) => n.user_id), emails.map((n) => n.id)],
      );
    }
    let messages = emails.length;
    const org = event.organisation;
    if (org) {
      const payload = { recordType, recordId: event.recordId, partnerOrganisationId: org.partnerOrganisationId };
      const rows: unknown[] = await m.query(
        `INSERT INTO notification_job (library_service_id, event_key, recipient, channel, kind, payload)
         SELECT po.library_service_id, $2, 'org:' || po.id, 'EMAIL', $3, $4::jsonb FROM partner_organisation po
           WHERE po.id = $1 AND $5 AND po.email IS NOT NULL AND btrim(po.email) <> ''
         UNION ALL
         SELECT w.library_service_id, $2, 'webhook:' || w.partner_organisation_id, 'WEBHOOK', $3, $4::jsonb FROM partner_webhook w
           WHERE w.partner_organisation_id = $1 AND $6
         ON CONFLICT (event_key, recipient, channel) DO NOTHING
         RETURNING id`,
        [org.partnerOrganisationId, eventKey, event.kind, JSON.stringify(payload), org.inbox, org.webhook],
      );
      messages += rows.length;
    }
    const at = new Date().toISOString();
    this.afterCommit.add(runner, () => {
      for (const n of added) {
        // A live hint only: a subscriber that misses it still finds the notification in the list.
        this.bus.publish({ kind: 'NOTIFICATION_ADDED', libraryServiceId: n.library_service_id, id: n.id, userId: n.user_id, at }).catch(() => undefined);
      }
      if (messages) this.nudge();
    });
  }
}
