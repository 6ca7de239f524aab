import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { UpdateBanInput } from './bans/dto/update-ban.input.js';
import { UpdateCaseInput } from './case/dto/update-case.input.js';
import { UpdateIncidentInput } from './incidents/dto/update-incident.input.js';
import { UpdateSubjectSpecialCategoryInput } from './subjects/dto/special-category.input.js';
import { UpdateSubjectInput } from './subjects/dto/update-subject.input.js';

const ID = '0b7e4c1e-8a4e-4f57-9a53-6f0a8f0b2c11';
const failing = async (cls: new () => object, change: object) =>
  (await validate(plainToInstance(cls, { id: ID, version: 1, ...change }), { whitelist: true })).map((e) => e.property).sort();

/** Each update input takes most fields from the create input; null must still be refused where the column is NOT NULL. */
describe.each([
  [UpdateCaseInput, ['title', 'riskLevel', 'status', 'ownerId'], ['summary', 'dataProtection']],
  [
    UpdateSubjectInput,
    ['aliases', 'isChildSafeguarding', 'isAdultAtRisk'],
    ['name', 'description', 'dateOfBirth', 'ageBand', 'photoReference', 'notes', 'dataProtection'],
  ],
  [
    UpdateIncidentInput,
    ['branchId', 'occurredAt', 'reportedAt', 'category', 'byelawsBreached', 'description', 'reportedToPolice', 'staffInvolvedIds'],
    ['locationInBuilding', 'severity', 'byelawDetails', 'actionsTaken', 'crimeReferenceNumber', 'dataProtection'],
  ],
  [
    UpdateBanInput,
    ['scope', 'branchIds', 'reason', 'incidentIds', 'startsOn', 'abaOffered', 'abaSigned'],
    ['conditions', 'notes', 'endsOn', 'reviewOn', 'abaSignedOn', 'appealLodgedOn', 'appealOutcome', 'appealOutcomeOn', 'appealNotes', 'dataProtection'],
  ],
  [UpdateSubjectSpecialCategoryInput, ['category', 'details'], ['dataProtection']],
])('%p', (cls, refused, cleared) => {
  it.each(refused)('refuses null for %s', async (field) => expect(await failing(cls, { [field]: null })).toEqual([field]));
  it.each(cleared)('lets null clear %s', async (field) => expect(await failing(cls, { [field]: null })).toEqual([]));
});

describe('update inputs validate a value as the create does', () => {
  it('refuses a CLOSED status, a future incident and a repeated byelaw', async () => {
    expect(await failing(UpdateCaseInput, { status: 'CLOSED' })).toEqual(['status']);
    expect(await failing(UpdateIncidentInput, { occurredAt: new Date(Date.now() + 3_600_000), reportedAt: 'soon' })).toEqual(['occurredAt', 'reportedAt']);
    expect(await failing(UpdateIncidentInput, { byelawsBreached: ['CAUSING_INJURY', 'CAUSING_INJURY'] })).toEqual(['byelawsBreached']);
  });

  it('refuses an impossible ban date and too many aliases, and trims what the create trims', async () => {
    expect(await failing(UpdateBanInput, { endsOn: '2026-02-30' })).toEqual(['endsOn']);
    expect(await failing(UpdateSubjectInput, { aliases: Array.from({ length: 21 }, (_, i) => `a${i}`) })).toEqual(['aliases']);
    expect(plainToInstance(UpdateSubjectInput, { name: ' Sam ', aliases: [' Sammy '] })).toMatchObject({ name: 'Sam', aliases: ['Sammy'] });
  });
});
