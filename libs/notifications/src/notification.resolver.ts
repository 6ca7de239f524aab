import { Args, Context, Int, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { type Actor, CurrentActor, type LiveContext, LiveStreams } from '../../access/src/index.js';
import { type Connection, ConnectionType } from '../../common/src/index.js';
import { MarkNotificationsReadInput, NotificationsArgs, SetNotificationPreferenceInput } from './dto/notification.inputs.js';
import { NotificationPreference } from './notification-preference.entity.js';
import { Notification } from './notification.entity.js';
import { NotificationService } from './notification.service.js';

const NotificationConnection = ConnectionType(Notification);

@Resolver(() => Notification)
export class NotificationResolver {
  constructor(
    private readonly service: NotificationService,
    private readonly live: LiveStreams,
  ) {}

  /**
   * Each notification for you, as it is added (the bell's count can go up without asking). The
   * event names the user it is for; the notification is then read through your own rules, so
   * another user's never reaches you even if the event did.
   */
  @Subscription(() => Notification, {
    description: 'Your notifications as they are added (over the WebSocket, graphql-ws): identifiers and kind only, like the list',
    resolve: (notification: Notification) => notification,
  })
  notificationAdded(@Context() ctx: LiveContext): AsyncIterableIterator<Notification> {
    return this.live.stream(ctx, ['NOTIFICATION_ADDED'], (event, actor) =>
      event.userId === actor.principal.id ? this.service.get(actor, event.id) : Promise.resolve(null),
    );
  }

  @Query(() => NotificationConnection, { description: 'Your own notifications, newest first' })
  notifications(@CurrentActor() actor: Actor, @Args() args: NotificationsArgs): Promise<Connection<Notification>> {
    return this.service.list(actor, args);
  }

  @Query(() => Int, { description: 'How many of your notifications are unread' })
  unreadNotificationCount(@CurrentActor() actor: Actor): Promise<number> {
    return this.service.unreadCount(actor);
  }

  @Mutation(() => Int, { description: 'Marks your notifications read (by id, or all); answers how many were unread' })
  markNotificationsRead(@CurrentActor() actor: Actor, @Args('input') input: MarkNotificationsReadInput): Promise<number> {
    return this.service.markRead(actor, input);
  }

  @Query(() => [NotificationPreference], { description: 'How you hear of each kind of notification (one per kind)' })
  notificationPreferences(@CurrentActor() actor: Actor): Promise<NotificationPreference[]> {
    return this.service.preferences(actor);
  }

  @Mutation(() => NotificationPreference, { description: 'Chooses how you hear of one kind: IMMEDIATE (the default), DAILY_DIGEST or OFF' })
  setNotificationPreference(@CurrentActor() actor: Actor, @Args('input') input: SetNotificationPreferenceInput): Promise<NotificationPreference> {
    return this.service.setPreference(actor, input);
  }
}
