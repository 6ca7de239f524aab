/**
 * Counts failed sign-ins per email (in memory, per process). After `maxFailures` within the
 * lockout window, sign-in for that email is refused until the window passes, whatever the password.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly maxFailures: number, private readonly windowMs: number, private readonly now = () => Date.now()) {}

  /** Seconds to wait before trying again, or 0 when sign-in may be attempted. */
  retryAfterSeconds(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.maxFailures) return 0;
    return Math.ceil((recent[0] + this.windowMs - this.now()) / 1000);
  }

  fail(key: string): void {
    this.failures.set(key, [...this.recent(key), this.now()]);
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length) this.failures.set(key, list); else this.failures.delete(key);
    return list;
  }
}
