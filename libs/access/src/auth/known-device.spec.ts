import { randomBytes, randomUUID } from 'node:crypto';
import { KNOWN_DEVICE_DAYS, KnownDevices } from './known-device.js';

describe('KnownDevices', () => {
  const key = randomBytes(32);
  const user = randomUUID();
  let now = Date.UTC(2026, 5, 1);
  const devices = new KnownDevices(key, () => now);

  it('gives back the device id for its own user only, and keeps the id across sign-ins', () => {
    const token = devices.issue(user);
    const device = devices.deviceOf(token, user);
    expect(device).toMatch(/^[0-9a-f-]{36}$/);
    expect(devices.deviceOf(token, randomUUID())).toBeNull();
    expect(devices.deviceOf(devices.issue(user, device!), user)).toBe(device);
    expect(devices.issue(user, device!)).not.toBe(devices.issue(user, device!));
  });

  it('is opaque: the user id cannot be read from it', () => {
    const token = devices.issue(user);
    expect(Buffer.from(token, 'base64url').toString('hex')).not.toContain(user.replace(/-/g, ''));
  });

  it('refuses altered, foreign, malformed and stale tokens', () => {
    const token = devices.issue(user);
    const raw = Buffer.from(token, 'base64url');
    for (let i = 0; i < raw.length; i += 7) {
      const altered = Buffer.from(raw);
      altered[i] ^= 1;
      expect(devices.deviceOf(altered.toString('base64url'), user)).toBeNull();
    }
    expect(new KnownDevices(randomBytes(32), () => now).deviceOf(token, user)).toBeNull();
    for (const bad of [null, undefined, '', 'x', '%%%', token + 'A', 'A'.repeat(500), token.slice(1)]) expect(devices.deviceOf(bad, user)).toBeNull();
    expect(devices.deviceOf(token, 'not-a-uuid')).toBeNull();
    now += (KNOWN_DEVICE_DAYS - 1) * 86_400_000;
    expect(devices.deviceOf(token, user)).not.toBeNull();
    now += 2 * 86_400_000;
    expect(devices.deviceOf(token, user)).toBeNull();
  });
});
