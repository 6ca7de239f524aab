/** What a valid access token says: its user and session generation, and when it expires. */
export interface AccessClaims {
  sub: string;
  gen: unknown;
  /** Expiry, seconds since the epoch (the token's `exp`). */
  exp: number;
}

/** Tokens remembered at most: a process serves this many signed-in clients without verifying any twice. */
const CAPACITY = 10_000;

/**
 * Access tokens whose signature has been checked, by the exact token string, until they expire.
 * A token is verified once; each later use (every HTTP request, every live event for every
 * subscriber) only checks the expiry here, then the user and session generation in the database
 * as before. Keyed by the whole signed string, so a token changed in any way is verified afresh.
 */
export class VerifiedTokens {
  private readonly claims = new Map<string, AccessClaims>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The remembered claims of a token still in date, else undefined (never verified, or expired). */
  get(token: string): AccessClaims | undefined {
    const claims = this.claims.get(token);
    if (claims && claims.exp * 1000 > this.now()) return claims;
    if (claims) this.claims.delete(token);
    return undefined;
  }

  remember(token: string, claims: AccessClaims): void {
    // Oldest first out: a Map keeps insertion order.
    if (this.claims.size >= CAPACITY) this.claims.delete(this.claims.keys().next().value!);
    this.claims.set(token, claims);
  }
}
