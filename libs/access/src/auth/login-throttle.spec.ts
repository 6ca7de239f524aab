import { LoginThrottle } from './login-throttle.js';

describe('LoginThrottle', () => {
  it('locks an email after the maximum failures within the window, then lets it try again', () => {
    let now = 0;
    const t = new LoginThrottle(3, 60_000, () => now);
    t.fail('a'); t.fail('a');
    expect(t.retryAfterSeconds('a')).toBe(0);
    t.fail('a');
    expect(t.retryAfterSeconds('a')).toBe(60);
    expect(t.retryAfterSeconds('b')).toBe(0);
    now = 30_000;
    expect(t.retryAfterSeconds('a')).toBe(30);
    now = 60_001;
    expect(t.retryAfterSeconds('a')).toBe(0);
  });

  it('forgets failures after a successful sign-in', () => {
    const t = new LoginThrottle(2, 60_000, () => 0);
    t.fail('a'); t.succeed('a'); t.fail('a');
    expect(t.retryAfterSeconds('a')).toBe(0);
  });
});
