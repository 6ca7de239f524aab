import { AccessDeniedError, BadInputError } from '../../../common/src/index.js';
import { ReferralStatus } from '../referral/referral.enums.js';
import { type AnsweredReferral, assertAnswerOfRecipient, type OnBehalfAnswer, planOnBehalf } from './on-behalf.rules.js';
import { AnswerChannel, recordedOnBehalf } from './recorded-on-behalf.js';

const NOW = new Date('2026-03-10T12:00:00Z');
const at = (iso: string) => new Date(iso);
const referral = (r: Partial<AnsweredReferral> = {}): AnsweredReferral => ({
  id: 'r1',
  partnerOrganisationId: 'p1',
  status: ReferralStatus.SENT,
  sentAt: at('2026-03-09T09:00:00Z'),
  acceptedAt: null,
  startedAt: null,
  ...r,
});
const answer = (a: Partial<OnBehalfAnswer> = {}): OnBehalfAnswer => ({
  partnerOrganisationId: 'p1',
  answeredBy: 'Duty officer',
  channel: AnswerChannel.PHONE,
  answeredAt: at('2026-03-09T11:00:00Z'),
  ...a,
});
const plan = (a: Partial<OnBehalfAnswer>, r: Partial<AnsweredReferral> = {}, sinceCurrentStep = true) =>
  planOnBehalf(answer(a), referral(r), { sinceCurrentStep, now: NOW });

describe('planOnBehalf', () => {
  it('returns the columns to store, the answer’s own time among them', () => {
    expect(plan({})).toEqual({ onBehalfAnsweredBy: 'Duty officer', onBehalfChannel: 'PHONE', onBehalfAnsweredAt: at('2026-03-09T11:00:00Z') });
    // Exactly when it was sent is not before it.
    expect(plan({ answeredAt: at('2026-03-09T09:00:00Z') }).onBehalfAnsweredAt).toEqual(at('2026-03-09T09:00:00Z'));
  });

  it('only for the organisation the referral was sent to: FORBIDDEN otherwise', () => {
    expect(() => plan({ partnerOrganisationId: 'p2' })).toThrow(AccessDeniedError);
    expect(() => assertAnswerOfRecipient({ partnerOrganisationId: 'p2' }, referral())).toThrow(/sent to another organisation/);
  });

  it('refuses an answer older than the referral, or than its current step for a move', () => {
    expect(() => plan({ answeredAt: at('2026-03-09T08:59:59Z') })).toThrow(/before the referral was sent/);
    const accepted = { status: ReferralStatus.ACCEPTED, acceptedAt: at('2026-03-09T15:00:00Z') };
    expect(() => plan({ answeredAt: at('2026-03-09T14:00:00Z') }, accepted)).toThrow(/before the referral was accepted/);
    const started = { status: ReferralStatus.IN_PROGRESS, acceptedAt: at('2026-03-09T15:00:00Z'), startedAt: at('2026-03-10T09:00:00Z') };
    expect(() => plan({ answeredAt: at('2026-03-10T08:00:00Z') }, started)).toThrow(/before the referral was started/);
    // A message is an answer to the referral, whatever its step: only the sending bounds it.
    expect(plan({ answeredAt: at('2026-03-09T14:00:00Z') }, accepted, false).onBehalfAnsweredAt).toEqual(at('2026-03-09T14:00:00Z'));
    expect(() => plan({}, { status: ReferralStatus.DRAFT, sentAt: null })).toThrow(BadInputError);
  });

  it('takes a time a moment ahead of the server’s clock as now', () => {
    expect(plan({ answeredAt: new Date(NOW.getTime() + 30_000) }).onBehalfAnsweredAt).toEqual(NOW);
  });
});

describe('recordedOnBehalf', () => {
  it('is null for a record its author made as themselves, and names the recorder otherwise', () => {
    expect(recordedOnBehalf({ onBehalfAnsweredBy: null, onBehalfChannel: null, onBehalfAnsweredAt: null }, 'u1')).toBeNull();
    expect(
      recordedOnBehalf({ onBehalfAnsweredBy: 'Duty officer', onBehalfChannel: AnswerChannel.LETTER, onBehalfAnsweredAt: at('2026-03-09T11:00:00Z') }, 'u1'),
    ).toEqual({ answeredBy: 'Duty officer', channel: 'LETTER', answeredAt: at('2026-03-09T11:00:00Z'), recordedById: 'u1' });
  });
});
