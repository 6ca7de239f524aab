import { Injectable } from '@nestjs/common';
import { AccessScopes, type Actor } from '../../access/src/index.js';
import { BadInputError, type Connection, NotFoundError } from '../../common/src/index.js';
import type { MarkNotificationsReadInput, NotificationsArgs, SetNotificationPreferenceInput } from './dto/notification.inputs.js';
import { NotificationDelivery, NotificationKind } from './notification-kind.enum.js';
import { Notification } from './notification.entity.js';
import { NotificationPreference } from './notification-preference.entity.js';

const TYPE = 'Notification';
const PREFERENCE = 'NotificationPreference';

/**
 * A user's own notifications and preferences. The access rules (notifications.rules.ts) give
 * each user their own rows only, and apply in SQL as for every other list: another user's
 * notification is not found, whoever asks. Notifications hold identifiers only, so their reads
 * are not audited as reads of personal data.
 */
@Injectable()
export class NotificationService {
  constructor(private readonly scopes: AccessScopes) {}

  list(actor: Actor, args: NotificationsArgs): Promise<Connection<Notification>> {
    const unread = args.filter?.unread;
    return this.scopes.of(actor).list(Notification, TYPE, args, { property: 'createdAt', direction: 'DESC' }, (qb, a) => {
      if (unread === true) qb.andWhere(`${a}.readAt IS NULL`);
      if (unread === false) qb.andWhere(`${a}.readAt IS NOT NULL`);
    });
  }

  /** One of your own notifications; NOT_FOUND otherwise (notificationAdded reads each new one through this). */
  get(actor: Actor, id: string): Promise<Notification> {
    return this.scopes.of(actor).find(Notification, TYPE, id);
  }

  async unreadCount(actor: Actor): Promise<number> {
    const qb = this.scopes.of(actor).query(Notification, TYPE);
    return qb ? qb.andWhere(`${qb.alias}.readAt IS NULL`).getCount() : 0;
  }

  /** Marks the given notifications (or all) read; answers how many were unread. Any id not one of the user's own: NOT_FOUND, nothing marked. */
  async markRead(actor: Actor, input: MarkNotificationsReadInput): Promise<number> {
    if (Boolean(input.all) === Boolean(input.ids?.length)) throw new BadInputError('Give either ids or all: true');
    const scope = this.scopes.of(actor);
    return scope.transaction(async (s) => {
      const qb = s.query(Notification, TYPE);
      if (!qb) throw new NotFoundError(TYPE, input.ids?.[0] ?? 'all');
      const a = qb.alias;
      if (input.ids) qb.andWhere(`${a}.id IN (:...ids)`, { ids: input.ids });
      const rows = await qb
        .select(`${a}.id`, 'id')
        .addSelect(`${a}.read_at IS NULL`, 'unread')
        .setLock('pessimistic_write')
        .getRawMany<{ id: string; unread: boolean }>();
      const found = new Set(rows.map((r) => r.id));
      const missing = input.ids?.find((id) => !found.has(id));
      if (missing) throw new NotFoundError(TYPE, missing);
      const unread = rows.filter((r) => r.unread).map((r) => r.id);
      if (unread.length) await s.manager.query('UPDATE notification SET read_at = clock_timestamp() WHERE id = ANY($1) AND read_at IS NULL', [unread]);
      return unread.length;
    });
  }

  /** One entry per kind: the user's choice, or the default (IMMEDIATE, version 0). */
  async preferences(actor: Actor): Promise<NotificationPreference[]> {
    const qb = this.scopes.of(actor).query(NotificationPreference, PREFERENCE);
    const chosen = new Map((qb ? await qb.getMany() : []).map((p) => [p.kind, p]));
    return Object.values(NotificationKind).map(
      (kind) =>
        chosen.get(kind) ??
        Object.assign(new NotificationPreference(), {
          userId: actor.principal.id,
          libraryServiceId: actor.principal.libraryServiceId,
          kind,
          delivery: NotificationDelivery.IMMEDIATE,
          version: 0,
          updatedAt: null,
        }),
    );
  }

  async setPreference(actor: Actor, input: SetNotificationPreferenceInput): Promise<NotificationPreference> {
    const record = { userId: actor.principal.id, libraryServiceId: actor.principal.libraryServiceId, kind: input.kind };
    const scope = this.scopes.of(actor);
    scope.assertCan('update', PREFERENCE, record);
    return scope.transaction(async (_s, m) => {
      await m.query(
        `INSERT INTO notification_preference (user_id, library_service_id, kind, delivery) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, kind) DO UPDATE SET delivery = EXCLUDED.delivery, version = notification_preference.version + 1, updated_at = now()`,
        [record.userId, record.libraryServiceId, input.kind, input.delivery],
      );
      return m.getRepository(NotificationPreference).findOneByOrFail({ userId: record.userId, kind: input.kind });
    });
  }
}
