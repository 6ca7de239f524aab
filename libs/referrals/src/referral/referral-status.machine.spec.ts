import { BadInputError, ConflictError } from '../../../common/src/index.js';
import {
  canTransition,
  InvalidReferralTransitionError,
  isTerminal,
  planTransition,
  REFERRAL_TRANSITIONS,
  TERMINAL_STATUSES,
} from './referral-status.machine.js';
import { ReferralDeclineReason, ReferralOutcome, ReferralStatus as S } from './referral.enums.js';

const AT = new Date('2026-03-10T10:00:00Z');
const ALLOWED: [S, S][] = [
  [S.DRAFT, S.SENT],
  [S.SENT, S.ACCEPTED],
  [S.SENT, S.DECLINED],
  [S.SENT, S.WITHDRAWN],
  [S.ACCEPTED, S.IN_PROGRESS],
  [S.IN_PROGRESS, S.CLOSED],
];
const ALL = Object.values(S);
const allPairs = ALL.flatMap((from) => ALL.map((to) => [from, to] as [S, S]));
const isAllowed = (from: S, to: S) => ALLOWED.some(([f, t]) => f === from && t === to);
const full = { outcome: ReferralOutcome.NEEDS_MET, declineReason: ReferralDeclineReason.NO_CAPACITY };

describe('referral status machine', () => {
  it('allows exactly the documented moves', () => {
    const listed = ALL.flatMap((from) => REFERRAL_TRANSITIONS[from].map((to) => [from, to]));
    expect(listed.sort()).toEqual([...ALLOWED].sort());
  });

  it.each(allPairs.filter(([f, t]) => !isAllowed(f, t)))('refuses %s → %s with a CONFLICT naming both', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    let error: unknown;
    try {
      planTransition(from, to, full, AT);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidReferralTransitionError);
    expect(error).toBeInstanceOf(ConflictError);
    const e = error as InvalidReferralTransitionError;
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain(`from ${from} to ${to}`);
    expect(e.details).toEqual({ from, to, allowed: [...REFERRAL_TRANSITIONS[from]] });
  });

  it.each(ALLOWED)('allows %s → %s and stamps the step', (from, to) => {
    const patch = planTransition(from, to, full, AT);
    expect(patch.status).toBe(to);
    const stamp = { SENT: 'sentAt', ACCEPTED: 'acceptedAt', DECLINED: 'declinedAt', WITHDRAWN: 'withdrawnAt', IN_PROGRESS: 'startedAt', CLOSED: 'closedAt' }[
      to as string
    ]!;
    expect((patch as unknown as Record<string, unknown>)[stamp]).toBe(AT);
  });

  it('final statuses go nowhere', () => {
    expect(TERMINAL_STATUSES).toEqual([S.DECLINED, S.WITHDRAWN, S.CLOSED]);
    for (const s of TERMINAL_STATUSES) {
      expect(REFERRAL_TRANSITIONS[s]).toEqual([]);
      expect(isTerminal(s)).toBe(true);
    }
    expect(() => planTransition(S.CLOSED, S.SENT, {}, AT)).toThrow('(CLOSED is final)');
    expect(isTerminal(S.IN_PROGRESS)).toBe(false);
  });

  it('the message lists where the referral can go instead', () => {
    expect(() => planTransition(S.SENT, S.CLOSED, full, AT)).toThrow(
      'A referral cannot go from SENT to CLOSED (from SENT it can go to ACCEPTED or DECLINED or WITHDRAWN)',
    );
  });

  it('closing needs an outcome (BAD_USER_INPUT); notes are trimmed and optional', () => {
    expect(() => planTransition(S.IN_PROGRESS, S.CLOSED, {}, AT)).toThrow(BadInputError);
    expect(() => planTransition(S.IN_PROGRESS, S.CLOSED, {}, AT)).toThrow('outcome is required');
    expect(planTransition(S.IN_PROGRESS, S.CLOSED, { outcome: ReferralOutcome.REFERRED_ON, outcomeNotes: '  to Shelter  ' }, AT)).toEqual({
      status: S.CLOSED,
      closedAt: AT,
      outcome: ReferralOutcome.REFERRED_ON,
      outcomeNotes: 'to Shelter',
    });
  });

  it('declining needs a reason, and details when the reason is OTHER', () => {
    expect(() => planTransition(S.SENT, S.DECLINED, {}, AT)).toThrow('declineReason is required');
    expect(() => planTransition(S.SENT, S.DECLINED, { declineReason: ReferralDeclineReason.OTHER, declineDetails: '  ' }, AT)).toThrow(
      'declineDetails is required',
    );
    expect(planTransition(S.SENT, S.DECLINED, { declineReason: ReferralDeclineReason.OUTSIDE_AREA }, AT)).toEqual({
      status: S.DECLINED,
      declinedAt: AT,
      declineReason: ReferralDeclineReason.OUTSIDE_AREA,
      declineDetails: null,
    });
  });

  it('an invalid move is refused before missing details are looked at', () => {
    expect(() => planTransition(S.DRAFT, S.CLOSED, {}, AT)).toThrow(InvalidReferralTransitionError);
  });

  it('withdrawal keeps an optional reason', () => {
    expect(planTransition(S.SENT, S.WITHDRAWN, { withdrawalReason: 'Person moved away' }, AT)).toEqual({
      status: S.WITHDRAWN,
      withdrawnAt: AT,
      withdrawalReason: 'Person moved away',
    });
  });
});
