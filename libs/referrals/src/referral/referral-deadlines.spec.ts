import { isOverdue, overdueCutoffs, responseDaysFrom, responseDueAt } from './referral-deadlines.js';
import { ReferralStatus, ReferralUrgency } from './referral.enums.js';

const days = responseDaysFrom({ REFERRAL_RESPONSE_DAYS_URGENT: 1, REFERRAL_RESPONSE_DAYS_SOON: 5, REFERRAL_RESPONSE_DAYS_ROUTINE: 10 });
const monday = new Date('2026-03-09T10:00:00Z');

describe('referral deadlines', () => {
  it('takes the working days per urgency from configuration', () => {
    expect(days).toEqual({ URGENT: 1, SOON: 5, ROUTINE: 10 });
  });

  it('a draft has no due date and is never overdue', () => {
    const draft = { status: ReferralStatus.DRAFT, sentAt: null, urgency: ReferralUrgency.URGENT };
    expect(responseDueAt(draft, days)).toBeNull();
    expect(isOverdue(draft, days)).toBe(false);
  });

  it('due dates follow urgency', () => {
    const sent = (urgency: ReferralUrgency) => ({ status: ReferralStatus.SENT, sentAt: monday, urgency });
    expect(responseDueAt(sent(ReferralUrgency.URGENT), days)).toEqual(new Date('2026-03-10T10:00:00Z'));
    expect(responseDueAt(sent(ReferralUrgency.SOON), days)).toEqual(new Date('2026-03-16T10:00:00Z'));
    expect(responseDueAt(sent(ReferralUrgency.ROUTINE), days)).toEqual(new Date('2026-03-23T10:00:00Z'));
    const wednesday = new Date('2026-03-11T10:00:00Z');
    expect(isOverdue(sent(ReferralUrgency.URGENT), days, wednesday)).toBe(true);
    expect(isOverdue(sent(ReferralUrgency.SOON), days, wednesday)).toBe(false);
  });

  it('only SENT referrals are overdue: an answer stops the clock', () => {
    const late = new Date('2026-04-30T10:00:00Z');
    for (const status of [ReferralStatus.ACCEPTED, ReferralStatus.DECLINED, ReferralStatus.WITHDRAWN, ReferralStatus.IN_PROGRESS, ReferralStatus.CLOSED]) {
      expect(isOverdue({ status, sentAt: monday, urgency: ReferralUrgency.URGENT }, days, late)).toBe(false);
    }
  });

  it('gives one SQL cut-off per urgency, later for the more urgent', () => {
    const c = overdueCutoffs(days, new Date('2026-03-23T12:00:00Z'));
    expect(c.URGENT > c.SOON && c.SOON > c.ROUTINE).toBe(true);
    expect(c.ROUTINE).toEqual(new Date('2026-03-09T12:00:00Z'));
  });
});
