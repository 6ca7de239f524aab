import { addYears } from '../../../common/src/index.js';
import { addDays, dueCutoff, todayUtc } from './retention-dates.js';

describe('retention dates', () => {
  it('todayUtc is the UTC calendar date', () => {
    expect(todayUtc(new Date('2026-06-30T23:30:00-02:00'))).toBe('2026-07-01');
  });

  it('addDays crosses months and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });

  it('dueCutoff agrees with addYears for every clock date around leap years', () => {
    for (const years of [1, 2, 6, 7]) {
      for (let today = '2027-12-20'; today < '2029-04-01'; today = addDays(today, 1)) {
        const cutoff = dueCutoff(today, years);
        for (const d of [addDays(cutoff, -2), addDays(cutoff, -1), cutoff, addDays(cutoff, 1)]) {
          const due = addYears(new Date(`${d}T00:00:00Z`), years) < today;
          expect([today, years, d, due]).toEqual([today, years, d, d < cutoff]);
        }
      }
    }
  });
});
