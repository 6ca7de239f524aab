import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CreateContactLogInput } from './contact-log/dto/create-contact-log.input.js';
import { CreatePartnerOrganisationInput } from './partner-organisation/dto/create-partner-organisation.input.js';
import { UpdateContactLogInput } from './contact-log/dto/update-contact-log.input.js';
import { UpdatePartnerContactInput } from './partner-contact/dto/update-partner-contact.input.js';
import { UpdatePartnerOrganisationInput } from './partner-organisation/dto/update-partner-organisation.input.js';
import { escapeLike, isCalendarDate, isNotInFuture, PHONE_PATTERN } from '../../common/src/index.js';

const failing = async (cls: new () => object, plain: object) => (await validate(plainToInstance(cls, plain), { whitelist: true })).map((e) => e.property);

describe('escapeLike', () => {
  it('escapes LIKE wildcards and the escape character', () => {
    expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
  });
});

describe('isCalendarDate', () => {
  it.each(['2025-01-31', '2024-02-29'])('accepts %s', (d) => expect(isCalendarDate(d)).toBe(true));
  it.each(['2025-02-29', '2025-13-01', '2025-1-1', '2025-01-01T00:00:00Z', 20250101])('refuses %s', (d) => expect(isCalendarDate(d)).toBe(false));
});

describe('isNotInFuture', () => {
  const now = new Date('2025-03-10T12:00:00Z');
  it('accepts the past and "just now" within clock skew', () => {
    expect(isNotInFuture(new Date('2025-03-10T11:00:00Z'), now)).toBe(true);
    expect(isNotInFuture(new Date('2025-03-10T12:01:00Z'), now)).toBe(true);
  });
  it('refuses the future and invalid dates', () => {
    expect(isNotInFuture(new Date('2025-03-10T13:00:00Z'), now)).toBe(false);
    expect(isNotInFuture(new Date('nonsense'), now)).toBe(false);
  });
});

describe('PHONE_PATTERN', () => {
  it.each(['01234 567890', '+44 (0)20 7946-0000', '999 1234'])('accepts %s', (p) => expect(PHONE_PATTERN.test(p)).toBe(true));
  it.each(['call me', '123', '+44 20 7946 0000 ext 12'])('refuses %s', (p) => expect(PHONE_PATTERN.test(p)).toBe(false));
});

describe('input validation', () => {
  const org = { name: ' Hope Foodbank ', type: 'CHARITY', relationship: 'COLLABORATIVE_RELATIONSHIP' };

  it('accepts a minimal partner organisation and trims its name', async () => {
    const input = plainToInstance(CreatePartnerOrganisationInput, org);
    expect(await validate(input)).toEqual([]);
    expect(input.name).toBe('Hope Foodbank');
  });

  it('refuses bad contact points, too many services and an ARCHIVED status', async () => {
    expect(
      await failing(CreatePartnerOrganisationInput, {
        ...org,
        email: 'not-an-email',
        phone: 'call me',
        website: 'javascript:alert(1)',
        servicesOffered: Array.from({ length: 31 }, (_, i) => `s${i}`),
        status: 'ARCHIVED',
      }),
    ).toEqual(expect.arrayContaining(['email', 'phone', 'website', 'servicesOffered', 'status']));
  });

  it('refuses null for a NOT NULL field on update but lets null clear an optional one', async () => {
    const base = { id: '0b7e4c1e-8a4e-4f57-9a53-6f0a8f0b2c11', version: 1 };
    expect(await failing(UpdatePartnerOrganisationInput, { ...base, name: null })).toEqual(['name']);
    expect(await failing(UpdatePartnerOrganisationInput, { ...base, phone: null })).toEqual([]);
  });

  // Each update input takes its fields from the create input; these are the ones whose null handling differs.
  it.each([
    [UpdatePartnerOrganisationInput, ['name', 'type', 'relationship', 'status', 'servicesOffered', 'areasCovered'], ['email', 'website', 'address', 'notes']],
    [UpdatePartnerContactInput, ['name', 'preferredContact'], ['jobTitle', 'phone', 'email', 'notes', 'dataProtection']],
    [UpdateContactLogInput, ['occurredAt', 'channel', 'summary'], ['branchId', 'attendees', 'dataProtection']],
  ])('%p refuses null for %j and lets null clear %j', async (cls, refused, cleared) => {
    const base = { id: '0b7e4c1e-8a4e-4f57-9a53-6f0a8f0b2c11', version: 1 };
    for (const field of refused) expect(await failing(cls, { ...base, [field]: null })).toEqual([field]);
    for (const field of cleared) expect(await failing(cls, { ...base, [field]: null })).toEqual([]);
  });

  it('validates an update like the create: an ARCHIVED status, a future contact; the organisation of a contact log stays', async () => {
    const base = { id: '0b7e4c1e-8a4e-4f57-9a53-6f0a8f0b2c11', version: 1 };
    expect(await failing(UpdatePartnerOrganisationInput, { ...base, status: 'ARCHIVED', servicesOffered: [' '] })).toEqual(['status', 'servicesOffered']);
    expect(await failing(UpdateContactLogInput, { ...base, occurredAt: new Date(Date.now() + 3_600_000), branchId: 'x' })).toEqual(
      expect.arrayContaining(['occurredAt', 'branchId']),
    );
    const moved = plainToInstance(UpdateContactLogInput, { ...base, partnerOrganisationId: base.id });
    await validate(moved, { whitelist: true });
    expect(moved).not.toHaveProperty('partnerOrganisationId');
  });

  it('refuses a contact log in the future and a follow-up with an impossible due date', async () => {
    const log = {
      partnerOrganisationId: '0b7e4c1e-8a4e-4f57-9a53-6f0a8f0b2c11',
      channel: 'MEETING',
      summary: 'Met',
      occurredAt: new Date(Date.now() + 3_600_000),
      followUpActions: [{ description: 'Call back', ownerId: '0b7e4c1e-8a4e-4f57-9a53-6f0a8f0b2c11', dueOn: '2025-02-30' }],
    };
    expect(await failing(CreateContactLogInput, log)).toEqual(expect.arrayContaining(['occurredAt', 'followUpActions']));
  });
});
