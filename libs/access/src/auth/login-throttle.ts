import { createHmac } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import type { ThrottleStore } from './throttle-store.js';

/** Failures allowed before a wait, per counter. */
export interface ThrottleLimits {
  /** One email from one client: its IP address, or a known device of the email's user. */
  perClient: number;
  /** One email from every client that is not a known device of its user. */
  perEmail: number;
  /** One IP address (an IPv6 /64), whatever the email, for clients that are not a known device. */
  perIp: number;
}

/** Who is trying to sign in, as far as throttling needs to know. */
export interface SignInSource {
  /** Normalised (trimmed, lower case). */
  email: string;
  ip: string;
  /** The device id from a valid known-device token of the user this email belongs to, else null. */
  knownDeviceId: string | null;
}

export type ThrottleDecision = { allowed: true; attempt: CountedAttempt } | { allowed: false; retryAfterSeconds: number };

/** An attempt that is counted as a failure unless `succeeded` is called. */
export interface CountedAttempt {
  succeeded(): Promise<void>;
}

/**
 * Decides whether a sign-in attempt may check its password. Counters (in a store shared by all
 * replicas) are kept per (email, client), per email and per IP; a known device of the user is held
 * back only by its own (email, device) counter, so somebody else's guesses cannot lock it out.
 * Counter keys are keyed hashes: the store never holds an email or an IP address.
 */
export class LoginThrottle {
  constructor(
    private readonly store: ThrottleStore,
    private readonly limits: ThrottleLimits,
    private readonly keySecret: Buffer,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async begin(source: SignInSource): Promise<ThrottleDecision> {
    const client = source.knownDeviceId ? `device\0${source.knownDeviceId}` : `ip\0${clientNetwork(source.ip)}`;
    const counters: [string, number][] = [[this.key('client', source.email, client), this.limits.perClient]];
    if (!source.knownDeviceId) {
      counters.push([this.key('email', source.email), this.limits.perEmail], [this.key('ip', clientNetwork(source.ip)), this.limits.perIp]);
    }
    const now = this.now();
    const reserved: string[] = [];
    for (const [key, limit] of counters) {
      const r = await this.store.reserve(key, limit, now);
      if (!r.allowed) {
        // All or nothing: an attempt refused by one counter is not a failure for the others.
        for (const k of reserved) await this.store.release(k);
        return { allowed: false, retryAfterSeconds: Math.ceil(r.retryAfterMs / 1000) };
      }
      reserved.push(key);
    }
    const [clientKey, ...shared] = reserved;
    return {
      allowed: true,
      attempt: {
        // The client proved the password: its own counter starts again. The shared counters only
        // give this attempt back, so a sign-in of one's own cannot wipe out somebody else's failures.
        succeeded: async () => {
          await this.store.reset(clientKey);
          for (const k of shared) await this.store.release(k);
        },
      },
    };
  }

  private key(kind: string, ...parts: string[]): string {
    return `${kind}:${createHmac('sha256', this.keySecret).update(kind).update('\0').update(parts.join('\0')).digest('base64url')}`;
  }
}

/**
 * The address a limit applies to: an IPv4 address, or the /64 network of an IPv6 address (one
 * subscriber or host gets a whole /64, so single IPv6 addresses would be free to rotate).
 */
export function clientNetwork(ip: string): string {
  const address = ip.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (isIPv4(address) || !isIPv6(address)) return address;
  const [head, tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(8 - left.length - right.length, 0)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
