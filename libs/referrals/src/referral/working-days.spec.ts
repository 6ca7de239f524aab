import { isPastDeadline, overdueCutoff, workingDayDeadline } from './working-days.js';

// 2026-03-09 is a Monday (GMT); 2026-06-08 is a Monday (BST, UTC+1).
const d = (iso: string) => new Date(iso);

describe('workingDayDeadline', () => {
  it('counts weekdays at the same UK time of day', () => {
    expect(workingDayDeadline(d('2026-03-09T10:00:00Z'), 1)).toEqual(d('2026-03-10T10:00:00Z'));
    expect(workingDayDeadline(d('2026-03-09T10:00:00Z'), 5)).toEqual(d('2026-03-16T10:00:00Z'));
    expect(workingDayDeadline(d('2026-03-09T10:00:00Z'), 10)).toEqual(d('2026-03-23T10:00:00Z'));
  });

  it('skips the weekend: sent Friday 15:00, one working day → Monday 15:00', () => {
    expect(workingDayDeadline(d('2026-03-13T15:00:00Z'), 1)).toEqual(d('2026-03-16T15:00:00Z'));
    expect(workingDayDeadline(d('2026-03-12T15:00:00Z'), 2)).toEqual(d('2026-03-16T15:00:00Z'));
  });

  it('sent at the weekend, the clock starts at 00:00 on Monday', () => {
    expect(workingDayDeadline(d('2026-03-14T11:00:00Z'), 1)).toEqual(d('2026-03-17T00:00:00Z'));
    expect(workingDayDeadline(d('2026-03-15T23:59:00Z'), 1)).toEqual(d('2026-03-17T00:00:00Z'));
  });

  it('uses the UK wall clock in summer (BST): Monday 00:30 BST is Sunday 23:30 UTC', () => {
    // Sunday 23:30 UTC = Monday 00:30 in London: a working day already.
    expect(workingDayDeadline(d('2026-06-07T23:30:00Z'), 1)).toEqual(d('2026-06-08T23:30:00Z'));
    // Friday 23:30 UTC = Saturday 00:30 in London: the weekend, so Monday 00:00 BST + 1 = Tuesday 00:00 BST.
    expect(workingDayDeadline(d('2026-06-05T23:30:00Z'), 1)).toEqual(d('2026-06-08T23:00:00Z'));
  });

  it('keeps the wall-clock time across a clock change (Friday 09:00 GMT before the spring change → Monday 09:00 BST)', () => {
    // Clocks go forward on Sunday 29 March 2026.
    expect(workingDayDeadline(d('2026-03-27T09:00:00Z'), 1)).toEqual(d('2026-03-30T08:00:00Z'));
  });

  it('does not skip bank holidays (documented): Good Friday counts', () => {
    expect(workingDayDeadline(d('2026-04-02T10:00:00+01:00'), 1)).toEqual(d('2026-04-03T10:00:00+01:00'));
  });

  it('refuses negative or fractional days', () => {
    expect(() => workingDayDeadline(d('2026-03-09T10:00:00Z'), -1)).toThrow(RangeError);
    expect(() => workingDayDeadline(d('2026-03-09T10:00:00Z'), 1.5)).toThrow(RangeError);
  });
});

describe('isPastDeadline', () => {
  it('is overdue only after the deadline', () => {
    const sent = d('2026-03-13T15:00:00Z'); // Friday
    expect(isPastDeadline(sent, 1, d('2026-03-16T14:59:59Z'))).toBe(false);
    expect(isPastDeadline(sent, 1, d('2026-03-16T15:00:00Z'))).toBe(false);
    expect(isPastDeadline(sent, 1, d('2026-03-16T15:00:01Z'))).toBe(true);
  });
});

describe('overdueCutoff', () => {
  it('matches the deadline rule for sent times all around the cut-off', () => {
    const nows = [
      '2026-03-16T15:00:00Z',
      '2026-03-14T12:00:00Z',
      '2026-03-17T00:00:00Z',
      '2026-06-08T07:15:00Z',
      '2026-03-30T08:30:00Z',
      '2026-12-28T09:00:00Z',
    ];
    for (const nowIso of nows) {
      const now = d(nowIso);
      for (const days of [1, 2, 5, 10]) {
        const cutoff = overdueCutoff(now, days);
        expect(isPastDeadline(new Date(cutoff.getTime() - 1), days, now)).toBe(true);
        expect(isPastDeadline(cutoff, days, now)).toBe(false);
        // And on an hourly grid over the previous three weeks.
        for (let t = now.getTime() - 21 * 86_400_000; t < now.getTime(); t += 3_600_000 + 17_000) {
          expect(t < cutoff.getTime()).toBe(isPastDeadline(new Date(t), days, now));
        }
      }
    }
  });

  it('on Monday 15:00, a 1-day referral is overdue if sent before Friday 15:00 (sent exactly then, it is due exactly now)', () => {
    expect(overdueCutoff(d('2026-03-16T15:00:00Z'), 1)).toEqual(d('2026-03-13T15:00:00Z'));
  });
});
