export * from './notification-kind.enum.js';
export * from './notification.entity.js';
export * from './notification-preference.entity.js';
export * from './notification-outbox.service.js';
export * from './notifications.module.js';
export * from './delivery-worker.js';
export * from './job-queue.js';
export * from './templates.js';
export * from './scheduled/notification-scheduler.js';
export * from './webhooks/signature.js';

import { NotificationPreference } from './notification-preference.entity.js';
import { Notification } from './notification.entity.js';
export const NOTIFICATIONS_ENTITIES = [Notification, NotificationPreference];
