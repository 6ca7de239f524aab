import { base32Encode, hotp, otpauthUri, totpStep, verifyTotp } from './totp.js';

// RFC 6238 Appendix B (SHA-1): the secret is the ASCII of "12345678901234567890".
const RFC_SECRET = Buffer.from('12345678901234567890');
const VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(VECTORS)('gives the RFC test vector at %i seconds', (seconds, code) => {
    expect(hotp(RFC_SECRET, totpStep(seconds * 1000), 8)).toBe(code);
  });

  it('accepts a code of now or one step either side, once, and nothing else', () => {
    const at = 1_700_000_000_000;
    const now = totpStep(at);
    const code = hotp(RFC_SECRET, now);
    expect(verifyTotp(RFC_SECRET, code, null, at)).toBe(now);
    expect(verifyTotp(RFC_SECRET, hotp(RFC_SECRET, now - 1), null, at)).toBe(now - 1);
    expect(verifyTotp(RFC_SECRET, hotp(RFC_SECRET, now + 1), null, at)).toBe(now + 1);
    expect(verifyTotp(RFC_SECRET, hotp(RFC_SECRET, now - 2), null, at)).toBeNull();
    // Replayed: its step is not after the last one used.
    expect(verifyTotp(RFC_SECRET, code, now, at)).toBeNull();
    expect(verifyTotp(RFC_SECRET, '12345', null, at)).toBeNull();
    expect(verifyTotp(RFC_SECRET, 'abcdef', null, at)).toBeNull();
  });

  it('encodes base32 as RFC 4648 does, and builds an otpauth URI', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Encode(RFC_SECRET)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(otpauthUri(RFC_SECRET, 'user-123')).toBe(
      'otpauth://totp/Safer%20Libraries%3Auser-123?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Safer%20Libraries&algorithm=SHA1&digits=6&period=30',
    );
  });
});
