import { Role } from '../../users/role.enum.js';
import type { RuleContext } from './rule-context.js';

/**
 * Notifications (libs/notifications). Everyone's own, and nobody else's: a user reads and marks
 * read only the notifications addressed to them, and chooses only their own preferences (an
 * administrator included: a notification says what someone is working on). The webhooks that
 * tell a partner organisation's own system of events are set by the service's managers and
 * administrators, who manage the partner organisations; the secret is never read back.
 */
export function notificationsRules({ can, p, inService }: RuleContext): void {
  const own = { ...inService, userId: p.id };
  can(['read', 'update'], ['Notification', 'NotificationPreference'], own);
  if (p.role === Role.MANAGER || p.role === Role.ADMIN) can(['read', 'update'], 'PartnerWebhook', inService);
}
