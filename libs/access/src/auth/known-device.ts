import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';

/** A device stays known this long after its last successful sign-in. */
export const KNOWN_DEVICE_DAYS = 180;

const VERSION = 1;
const AAD = Buffer.from('safer-libraries known device v1');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Known-device tokens: given to a client at each successful sign-in and shown at the next one, so
 * that failed sign-ins by others against the same email do not hold this client back. Opaque
 * (AES-256-GCM, so a client can neither read nor forge one), bound to one user, and stateless, so
 * every replica accepts them. They prove only that this client once signed in as this user: they
 * exempt from the per-email and per-IP counters, never from the password or the client's own counter.
 */
export class KnownDevices {
  constructor(
    private readonly key: Buffer,
    private readonly now: () => number = () => Date.now(),
  ) {
    if (key.length !== 32) throw new Error('a known-device key has 32 bytes');
  }

  /** A token for this user's client; keeps the device id the client already had. */
  issue(userId: string, deviceId: string = randomUUID()): string {
    const plain = Buffer.alloc(37);
    plain.writeUInt8(VERSION, 0);
    Buffer.from(userId.replace(/-/g, ''), 'hex').copy(plain, 1);
    Buffer.from(deviceId.replace(/-/g, ''), 'hex').copy(plain, 17);
    plain.writeUInt32BE(Math.floor(this.now() / 1000), 33);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(AAD);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
  }

  /** The device id when the token is genuine, in date and this user's; otherwise null. */
  deviceOf(token: string | null | undefined, userId: string): string | null {
    if (!token || token.length > 200 || !/^[\w-]+$/.test(token) || !UUID.test(userId)) return null;
    const raw = Buffer.from(token, 'base64url');
    if (raw.length !== 12 + 37 + 16) return null;
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12)).setAAD(AAD);
      decipher.setAuthTag(raw.subarray(49));
      plain = Buffer.concat([decipher.update(raw.subarray(12, 49)), decipher.final()]);
    } catch {
      return null;
    }
    if (plain.readUInt8(0) !== VERSION) return null;
    if (plain.subarray(1, 17).toString('hex') !== userId.replace(/-/g, '').toLowerCase()) return null;
    const issuedAt = plain.readUInt32BE(33) * 1000;
    if (issuedAt > this.now() + 60_000 || this.now() - issuedAt > KNOWN_DEVICE_DAYS * 86_400_000) return null;
    const hex = plain.subarray(17, 33).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}
