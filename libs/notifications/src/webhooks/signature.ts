import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Safer-Libraries-Signature';
export const TIMESTAMP_HEADER = 'X-Safer-Libraries-Timestamp';

/** `sha256=<hex HMAC-SHA256 of the raw body>` under the organisation's secret. */
export function signature(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

/** What a receiver does (shown in README): recompute over the raw bytes and compare in constant time. */
export function verifySignature(secret: string, rawBody: string, header: string | undefined): boolean {
  const expected = Buffer.from(signature(secret, rawBody));
  const given = Buffer.from(header ?? '');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * Where a webhook may point: https, or plain http to this machine only (a receiver under test, or
 * a relay beside the service). Anywhere else plain http would carry the body and its signature
 * across a network in clear, and a signature a listener has seen can be replayed until its
 * timestamp is refused. Refused, too: user and password in the URL (the secret is the credential).
 */
export function webhookUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'url must be an absolute URL';
  }
  if (url.username || url.password) return 'url must not hold a user or password: the signature is the credential';
  if (url.hash) return 'url must not have a fragment';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return null;
  return 'url must be https:// (plain http:// only to 127.0.0.1 or localhost)';
}
