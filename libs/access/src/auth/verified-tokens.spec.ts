import { VerifiedTokens } from './verified-tokens.js';

describe('VerifiedTokens (a token is verified once, then used until it expires)', () => {
  const claims = (exp: number) => ({ sub: '00000000-0000-4000-8000-000000000001', gen: 0, exp });

  it('answers a remembered token while in date, and forgets it from its expiry on', () => {
    let now = 1_000_000;
    const tokens = new VerifiedTokens(() => now);
    tokens.remember('a.b.c', claims(1_001)); // expires at 1,001,000 ms
    expect(tokens.get('a.b.c')).toEqual(claims(1_001));
    expect(tokens.get('a.b.d')).toBeUndefined();
    now = 1_000_999;
    expect(tokens.get('a.b.c')).toBeDefined();
    now = 1_001_000;
    expect(tokens.get('a.b.c')).toBeUndefined();
    now = 0; // even were the clock to go back, the expired token was forgotten: it is verified again
    expect(tokens.get('a.b.c')).toBeUndefined();
  });

  it('keeps at most 10,000 tokens, the oldest going first', () => {
    const tokens = new VerifiedTokens(() => 0);
    for (let i = 0; i <= 10_000; i++) tokens.remember(`t${i}`, claims(10));
    expect(tokens.get('t0')).toBeUndefined();
    expect(tokens.get('t1')).toBeDefined();
    expect(tokens.get('t10000')).toBeDefined();
  });
});
