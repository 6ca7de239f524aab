import { Global, Module } from '@nestjs/common';
import { DeliveryWorker } from './delivery-worker.js';
import { NotificationOutbox } from './notification-outbox.service.js';
import { NotificationResolver } from './notification.resolver.js';
import { NotificationService } from './notification.service.js';
import { NotificationScheduler } from './scheduled/notification-scheduler.js';
import { PartnerWebhookResolver } from './webhooks/partner-webhook.resolver.js';
import { PartnerWebhookService } from './webhooks/partner-webhook.service.js';

/**
 * In-app notifications, their emails and webhooks: the outbox other libs queue into (inside
 * their own transactions; global, so referrals and sharing need not import it), the durable queue and its sender, and the daily reminders and digests.
 */
@Global()
@Module({
  providers: [
    NotificationOutbox,
    NotificationService,
    NotificationResolver,
    DeliveryWorker,
    NotificationScheduler,
    PartnerWebhookService,
    PartnerWebhookResolver,
  ],
  exports: [NotificationOutbox],
})
export class NotificationsModule {}
