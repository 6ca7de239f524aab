import { calendarDate } from '../../../common/src/index.js';
import { isOverdue } from './follow-up-action.rules.js';

describe('calendarDate', () => {
  it('is the UK date, not the UTC date, late on a summer evening', () => {
    // 23:30 UTC on 30 June is 00:30 BST on 1 July.
    expect(calendarDate(new Date('2025-06-30T23:30:00Z'))).toBe('2025-07-01');
  });

  it('equals the UTC date in winter (GMT)', () => {
    expect(calendarDate(new Date('2025-12-31T23:30:00Z'))).toBe('2025-12-31');
  });
});

describe('isOverdue', () => {
  const today = '2025-03-10';

  it('is overdue when open and due before today', () => {
    expect(isOverdue({ dueOn: '2025-03-09', completedAt: null }, today)).toBe(true);
  });

  it('is not overdue on the day it is due', () => {
    expect(isOverdue({ dueOn: '2025-03-10', completedAt: null }, today)).toBe(false);
  });

  it('is not overdue when due later', () => {
    expect(isOverdue({ dueOn: '2026-01-01', completedAt: null }, today)).toBe(false);
  });

  it('is never overdue once completed', () => {
    expect(isOverdue({ dueOn: '2020-01-01', completedAt: new Date('2020-02-01') }, today)).toBe(false);
  });

  it('compares dates across month and year boundaries', () => {
    expect(isOverdue({ dueOn: '2024-12-31', completedAt: null }, '2025-01-01')).toBe(true);
  });
});
