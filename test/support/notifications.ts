import { waitFor as waitUntil } from './wait.js';
import type { TestApp } from './test-app.js';

/** Polls `check` until it returns something truthy (test/support/wait.ts), for at most `ms`, and returns it; fails naming `what`. */
export async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> {
  let value: T | null | undefined | false = null;
  await waitUntil(async () => Boolean((value = await check())), ms, what);
  return value as T;
}

/** The notification rows of one user (as the database holds them). */
export const notificationsOf = (
  t: TestApp,
  userId: string,
): Promise<{ id: string; kind: string; record_type: string; record_id: string; read_at: Date | null }[]> =>
  t.db.query('SELECT id, kind, record_type, record_id, read_at FROM notification WHERE user_id = $1 ORDER BY created_at, id', [userId]);

/** Jobs not yet sent or given up. */
export const pendingJobs = async (t: TestApp): Promise<number> =>
  (await t.db.query('SELECT count(*)::int AS n FROM notification_job WHERE sent_at IS NULL AND dead_at IS NULL'))[0].n;

/** An email-capable environment for the notification tests: fast polls and retries, a public address to link to. */
export const NOTIFY_ENV = (smtpUrl: string): Record<string, string> => ({
  SMTP_URL: smtpUrl,
  PUBLIC_URL: 'https://safer.example',
  NOTIFICATION_POLL_MS: '50',
  NOTIFICATION_RETRY_BASE_MS: '100',
  NOTIFICATION_RETRY_MAX_MS: '400',
});

export const tomorrowUtc = (): string => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);
