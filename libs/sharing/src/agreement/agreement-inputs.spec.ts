import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { UpdateAgreementInput } from './dto/agreement.input.js';

const ID = '0b7e4c1e-8a4e-4f57-9a53-6f0a8f0b2c11';
const failing = async (change: object) =>
  (await validate(plainToInstance(UpdateAgreementInput, { id: ID, version: 1, ...change }), { whitelist: true })).map((e) => e.property);

describe('UpdateAgreementInput', () => {
  it.each(['title', 'purpose', 'lawfulBasis', 'usesSection115', 'dpaPart3', 'categories'])('refuses null for %s', async (field) => {
    expect(await failing({ [field]: null })).toEqual([field]);
  });

  it.each(['lawfulBasisDetails', 'retentionAgreed', 'startsOn', 'endsOn', 'reviewOn', 'partnerOrganisationIds', 'signatories'])(
    'lets null clear %s',
    async (field) => {
      expect(await failing({ [field]: null })).toEqual([]);
    },
  );

  it('validates a value as the create does', async () => {
    expect(await failing({ categories: ['IDENTITY', 'IDENTITY'] })).toEqual(['categories']);
    expect(await failing({ startsOn: '2026-02-30' })).toEqual(['startsOn']);
    expect(await failing({ signatories: [{ name: 'A' }] })).toEqual(['signatories']);
  });
});
