import { BanStatus } from './ban.enums.js';
import {
  assertBanTransition,
  BAN_TRANSITIONS,
  banDateProblems,
  type BanDates,
  banRetainUntil,
  BanRuleError,
  effectiveBanStatus,
  isBanInForce,
} from './ban-state.js';

const today = '2026-03-10';
const ban = (status: BanStatus, endsOn: string | null = '2026-06-30', startsOn = '2026-03-01') => ({ status, startsOn, endsOn });
const attempt = (from: ReturnType<typeof ban>, to: BanStatus, note: string | null = 'reason given') => {
  try {
    assertBanTransition(from, to, today, note);
    return 'ok';
  } catch (e) {
    if (!(e instanceof BanRuleError)) throw e;
    return `${e.kind}: ${e.message}`;
  }
};

describe('ban state machine', () => {
  it.each([
    [BanStatus.PROPOSED, BanStatus.ACTIVE],
    [BanStatus.PROPOSED, BanStatus.LIFTED],
    [BanStatus.ACTIVE, BanStatus.UNDER_REVIEW],
    [BanStatus.ACTIVE, BanStatus.LIFTED],
    [BanStatus.UNDER_REVIEW, BanStatus.ACTIVE],
    [BanStatus.UNDER_REVIEW, BanStatus.LIFTED],
  ])('allows %s → %s', (from, to) => {
    expect(attempt(ban(from), to)).toBe('ok');
  });

  it.each([
    [BanStatus.PROPOSED, BanStatus.UNDER_REVIEW],
    [BanStatus.ACTIVE, BanStatus.ACTIVE],
    [BanStatus.LIFTED, BanStatus.ACTIVE],
    [BanStatus.LIFTED, BanStatus.UNDER_REVIEW],
    [BanStatus.LIFTED, BanStatus.LIFTED],
  ])('refuses %s → %s as a conflict naming both statuses', (from, to) => {
    const result = attempt(ban(from), to);
    expect(result).toMatch(/^conflict: /);
    expect(result).toContain(`from ${from} to ${to}`);
  });

  it('says which moves are possible, or that the status is final', () => {
    expect(attempt(ban(BanStatus.PROPOSED), BanStatus.UNDER_REVIEW)).toMatch(/may go to ACTIVE or LIFTED/);
    expect(attempt(ban(BanStatus.LIFTED), BanStatus.ACTIVE)).toMatch(/LIFTED is final/);
  });

  it('never moves to EXPIRED or back to PROPOSED: those are input errors', () => {
    expect(attempt(ban(BanStatus.ACTIVE), BanStatus.EXPIRED)).toMatch(/^input: .*from ACTIVE to EXPIRED.*endsOn/);
    expect(attempt(ban(BanStatus.ACTIVE), BanStatus.PROPOSED)).toMatch(/^input: .*from ACTIVE to PROPOSED/);
  });

  it('works from the effective status: an expired ban cannot be lifted or reviewed', () => {
    const expired = ban(BanStatus.ACTIVE, '2026-03-09');
    expect(attempt(expired, BanStatus.LIFTED)).toMatch(/^conflict: .*from EXPIRED to LIFTED.*EXPIRED is final/);
    expect(attempt(ban(BanStatus.UNDER_REVIEW, '2026-01-01', '2025-12-01'), BanStatus.ACTIVE)).toMatch(/from EXPIRED to ACTIVE/);
  });

  it('confirming needs an end date that has not passed', () => {
    expect(attempt(ban(BanStatus.PROPOSED, null), BanStatus.ACTIVE)).toMatch(/^input: .*without an end date/);
    expect(attempt(ban(BanStatus.PROPOSED, '2026-03-09'), BanStatus.ACTIVE)).toMatch(/^input: .*has already passed/);
    expect(attempt(ban(BanStatus.PROPOSED, today), BanStatus.ACTIVE)).toBe('ok');
  });

  it('lifting needs a note saying why', () => {
    expect(attempt(ban(BanStatus.ACTIVE), BanStatus.LIFTED, '  ')).toMatch(/^input: .*without a note/);
  });

  it('has no way out of LIFTED or EXPIRED', () => {
    expect(BAN_TRANSITIONS[BanStatus.LIFTED]).toEqual([]);
    expect(BAN_TRANSITIONS[BanStatus.EXPIRED]).toEqual([]);
  });
});

describe('effectiveBanStatus and isBanInForce', () => {
  it('an ACTIVE or UNDER_REVIEW ban whose end date has passed reads as EXPIRED', () => {
    expect(effectiveBanStatus(ban(BanStatus.ACTIVE, '2026-03-09'), today)).toBe(BanStatus.EXPIRED);
    expect(effectiveBanStatus(ban(BanStatus.UNDER_REVIEW, '2026-03-09'), today)).toBe(BanStatus.EXPIRED);
  });
  it('a ban is still in force on its last day', () => {
    expect(effectiveBanStatus(ban(BanStatus.ACTIVE, today), today)).toBe(BanStatus.ACTIVE);
    expect(isBanInForce(ban(BanStatus.ACTIVE, today), today)).toBe(true);
  });
  it('proposals and lifted bans keep their status whatever the dates', () => {
    expect(effectiveBanStatus(ban(BanStatus.PROPOSED, '2026-01-01'), today)).toBe(BanStatus.PROPOSED);
    expect(effectiveBanStatus(ban(BanStatus.LIFTED, '2026-01-01'), today)).toBe(BanStatus.LIFTED);
  });
  it('is in force only once confirmed and started; a review does not suspend it', () => {
    expect(isBanInForce(ban(BanStatus.PROPOSED), today)).toBe(false);
    expect(isBanInForce(ban(BanStatus.ACTIVE, '2026-06-30', '2026-03-11'), today)).toBe(false);
    expect(isBanInForce(ban(BanStatus.UNDER_REVIEW), today)).toBe(true);
    expect(isBanInForce(ban(BanStatus.LIFTED), today)).toBe(false);
  });
});

describe('banDateProblems', () => {
  const ok: BanDates = {
    startsOn: '2026-03-01',
    endsOn: '2026-09-01',
    reviewOn: '2026-06-01',
    abaOffered: false,
    abaSigned: false,
    abaSignedOn: null,
    appealLodgedOn: null,
    appealOutcome: null,
    appealOutcomeOn: null,
  };
  const problems = (patch: Partial<BanDates>) => banDateProblems({ ...ok, ...patch }, today);

  it('accepts consistent dates, including a one-day ban reviewed on its day', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ startsOn: today, endsOn: today, reviewOn: today })).toEqual([]);
  });
  it('refuses an end before the start', () => {
    expect(problems({ endsOn: '2026-02-28', reviewOn: null })).toEqual([expect.stringMatching(/endsOn \(2026-02-28\) is before startsOn/)]);
  });
  it('refuses a review after the end, or before the start', () => {
    expect(problems({ reviewOn: '2026-09-02' })).toEqual([expect.stringMatching(/reviewOn \(2026-09-02\) is after endsOn/)]);
    expect(problems({ reviewOn: '2026-02-01' })).toEqual([expect.stringMatching(/reviewOn .* is before startsOn/)]);
  });
  it('an acceptable behaviour agreement is offered before it is signed, and signed on a past date', () => {
    expect(problems({ abaSigned: true })).toEqual([expect.stringMatching(/without being offered/)]);
    expect(problems({ abaSignedOn: '2026-03-05' })).toEqual([expect.stringMatching(/abaSignedOn needs abaSigned/)]);
    expect(problems({ abaOffered: true, abaSigned: true, abaSignedOn: '2026-03-11' })).toEqual([expect.stringMatching(/in the future/)]);
    expect(problems({ abaOffered: true, abaSigned: true, abaSignedOn: '2026-03-05' })).toEqual([]);
  });
  it('an appeal is lodged before it is decided', () => {
    expect(problems({ appealOutcome: 'UPHELD' })).toEqual([expect.stringMatching(/appealOutcome needs appealLodgedOn/)]);
    expect(problems({ appealLodgedOn: '2026-03-05', appealOutcome: 'UPHELD', appealOutcomeOn: '2026-03-04' })).toEqual([
      expect.stringMatching(/before appealLodgedOn/),
    ]);
    expect(problems({ appealLodgedOn: '2026-03-05', appealOutcomeOn: '2026-03-06' })).toEqual([expect.stringMatching(/appealOutcomeOn needs appealOutcome/)]);
    expect(problems({ appealLodgedOn: '2026-03-05', appealOutcome: 'VARIED', appealOutcomeOn: '2026-03-06' })).toEqual([]);
  });
});

describe('banRetainUntil', () => {
  it('is 2 years after the end date', () => {
    expect(banRetainUntil({ startsOn: '2026-03-01', endsOn: '2026-09-01', liftedOn: null }, 2)).toBe('2028-09-01');
  });
  it('counts from the day it was lifted when lifted early', () => {
    expect(banRetainUntil({ startsOn: '2026-03-01', endsOn: '2026-09-01', liftedOn: '2026-04-15' }, 2)).toBe('2028-04-15');
    expect(banRetainUntil({ startsOn: '2026-03-01', endsOn: null, liftedOn: '2026-03-02' }, 2)).toBe('2028-03-02');
  });
  it('counts from the start while a proposal has no end date', () => {
    expect(banRetainUntil({ startsOn: '2026-03-01', endsOn: null, liftedOn: null }, 2)).toBe('2028-03-01');
  });
  it('follows a service policy with another period', () => {
    expect(banRetainUntil({ startsOn: '2026-03-01', endsOn: '2026-09-01', liftedOn: null }, 5)).toBe('2031-09-01');
  });
  it('rolls 29 February forward', () => {
    expect(banRetainUntil({ startsOn: '2028-01-01', endsOn: '2028-02-29', liftedOn: null }, 2)).toBe('2030-03-01');
  });
});
