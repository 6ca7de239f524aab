import type { Request } from 'express';
import { KNOWN_DEVICE_DAYS } from './known-device.js';

/** Browsers keep the known-device token in this cookie; other clients pass it to `login` themselves. */
export const KNOWN_DEVICE_COOKIE = 'known_device';

/** What sign-in needs to know about the client of one request. */
export interface SignInClient {
  /** The client's address (behind proxies, as TRUST_PROXY allows Express to read it). */
  ip: string;
  /** The known-device token from the cookie, if any. */
  knownDeviceToken: string | null;
  /** Gives a browser the known-device token as a cookie it cannot read from scripts. */
  rememberDevice(token: string): void;
}

export function signInClientOf(req: Request): SignInClient {
  return {
    ip: req.ip ?? req.socket?.remoteAddress ?? 'unknown',
    knownDeviceToken: cookie(req.headers.cookie, KNOWN_DEVICE_COOKIE),
    rememberDevice(token) {
      req.res?.cookie(KNOWN_DEVICE_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: req.secure,
        path: '/graphql',
        maxAge: KNOWN_DEVICE_DAYS * 86_400_000,
      });
    },
  };
}

function cookie(header: string | undefined, name: string): string | null {
  if (!header || header.length > 8192) return null;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) {
      const value = part.slice(at + 1).trim();
      return /^[\w-]{1,200}$/.test(value) ? value : null;
    }
  }
  return null;
}
