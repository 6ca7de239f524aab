import { createHmac, randomBytes } from 'node:crypto';

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA1, 30-second steps, six
 * digits, as every authenticator app reads an `otpauth://` URI. Written out here (forty lines,
 * checked against the RFC's test vectors in totp.spec.ts) rather than taken from a package.
 */
export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes one step either side of now are accepted: a phone's clock a little off, a code typed as it changes. */
const WINDOW = 1;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** A new shared secret: 160 bits, the size RFC 4226 recommends for HMAC-SHA1. */
export const newTotpSecret = (): Buffer => randomBytes(20);

/** The code of one time step (HOTP of the step counter), `digits` long. */
export function hotp(secret: Buffer, counter: number, digits = TOTP_DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secret).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export const totpStep = (at: number = Date.now()): number => Math.floor(at / 1000 / TOTP_STEP_SECONDS);

/**
 * The time step a code belongs to, if it is right for now (within the window) and later than
 * `lastStep` (the step of the last code this user signed in with): a code works once, so one seen
 * over a shoulder or replayed from a log is refused. Null otherwise.
 */
export function verifyTotp(secret: Buffer, code: string, lastStep: number | null, at: number = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const now = totpStep(at);
  for (let step = now - WINDOW; step <= now + WINDOW; step++) {
    if (lastStep !== null && step <= lastStep) continue;
    if (hotp(secret, step) === code) return step;
  }
  return null;
}

/** The URI an authenticator app scans (as a QR code) or is given, labelled with the issuer and the account (shown to its own user only, never logged). */
export function otpauthUri(secret: Buffer, accountLabel: string): string {
  const issuer = 'Safer Libraries';
  return `otpauth://totp/${encodeURIComponent(`${issuer}:${accountLabel}`)}?secret=${base32Encode(secret)}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=${TOTP_DIGITS}&period=${TOTP_STEP_SECONDS}`;
}
