import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CreateReferralInput } from './dto/create-referral.input.js';
import { ReferralStatisticsArgs } from './dto/referral-statistics.args.js';
import { CloseReferralInput, DeclineReferralInput } from './dto/transition.args.js';
import { UpdateReferralInput } from './dto/update-referral.input.js';
import { acceptanceRate } from './referral-statistics.service.js';

const failing = async (cls: new () => object, plain: object) => (await validate(plainToInstance(cls, plain), { whitelist: true })).map((e) => e.property);

const ID = '0b7e4c1e-8a4e-4f57-9a53-6f0a8f0b2c11';
const minimal = { subjectId: ID, partnerOrganisationId: ID, needs: ['HOUSING'], reason: ' Needs a bed tonight ', urgency: 'URGENT', consent: 'GIVEN' };

describe('referral inputs', () => {
  it('accepts a minimal draft and trims its text', async () => {
    const input = plainToInstance(CreateReferralInput, minimal);
    expect(await validate(input)).toEqual([]);
    expect(input.reason).toBe('Needs a bed tonight');
  });

  it('needs at least one known need, each once', async () => {
    expect(await failing(CreateReferralInput, { ...minimal, needs: [] })).toEqual(['needs']);
    expect(await failing(CreateReferralInput, { ...minimal, needs: ['HOUSING', 'HOUSING'] })).toEqual(['needs']);
    expect(await failing(CreateReferralInput, { ...minimal, needs: ['PIRATES'] })).toEqual(['needs']);
  });

  it('refuses bad ids, enums, empty reasons, future consent dates and over-long text', async () => {
    expect(
      await failing(CreateReferralInput, {
        ...minimal,
        subjectId: 'x',
        urgency: 'WHENEVER',
        consent: 'MAYBE',
        reason: '   ',
        consentRecordedAt: new Date(Date.now() + 86_400_000).toISOString(),
        contactRoute: 'x'.repeat(1001),
      }),
    ).toEqual(expect.arrayContaining(['subjectId', 'urgency', 'consent', 'reason', 'consentRecordedAt', 'contactRoute']));
  });

  it('an update may not null a required field but may clear an optional one', async () => {
    const base = { id: ID, version: 1 };
    expect(await failing(UpdateReferralInput, { ...base, reason: null, needs: null, urgency: null })).toEqual(['needs', 'reason', 'urgency']);
    expect(await failing(UpdateReferralInput, { ...base, contactRoute: null, partnerContactId: null })).toEqual([]);
    expect(await failing(UpdateReferralInput, { ...base, partnerOrganisationId: null, consent: null })).toEqual(['partnerOrganisationId', 'consent']);
    expect(
      await failing(UpdateReferralInput, { ...base, consentRecordedAt: null, consentMethod: null, lawfulBasisJustification: null, dataProtection: null }),
    ).toEqual([]);
  });

  it('an update validates a value as the create does, and cannot move the referral to another person', async () => {
    const base = { id: ID, version: 1 };
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect(await failing(UpdateReferralInput, { ...base, needs: ['HOUSING', 'HOUSING'], consentRecordedAt: future })).toEqual(['needs', 'consentRecordedAt']);
    const input = plainToInstance(UpdateReferralInput, { ...base, subjectId: ID, reason: ' Still needs a bed ' });
    expect(await validate(input, { whitelist: true })).toEqual([]);
    expect(input).toMatchObject({ reason: 'Still needs a bed' });
    expect(input).not.toHaveProperty('subjectId');
  });

  it('declining needs a known reason; closing needs a known outcome', async () => {
    expect(await failing(DeclineReferralInput, { id: ID, version: 1 })).toEqual(['reason']);
    expect(await failing(DeclineReferralInput, { id: ID, version: 1, reason: 'NO_CAPACITY' })).toEqual([]);
    expect(await failing(CloseReferralInput, { id: ID, version: 1, outcome: 'FINE' })).toEqual(['outcome']);
    expect(await failing(CloseReferralInput, { id: ID, version: 0, outcome: 'NEEDS_MET' })).toEqual(['version']);
  });

  it('statistics need real dates and a grouping', async () => {
    expect(await failing(ReferralStatisticsArgs, { from: 'yesterday', to: '2026-01-01T00:00:00Z', groupBy: 'COLOUR' })).toEqual(['from', 'groupBy']);
  });
});

describe('acceptanceRate', () => {
  it('is accepted / (accepted + declined), null when nothing was answered', () => {
    expect(acceptanceRate(3, 1)).toBe(0.75);
    expect(acceptanceRate(0, 2)).toBe(0);
    expect(acceptanceRate(0, 0)).toBeNull();
  });
});
