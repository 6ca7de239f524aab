import { directoryQuery, directoryWords } from './directory-query.js';
import { parseOrganisation, toOpenReferral } from './open-referral.js';

describe('directory search terms', () => {
  it('keeps words only, so nothing typed reaches to_tsquery syntax', () => {
    expect(directoryWords("Food & !(bank) | ':* Café")).toEqual(['food', 'bank', 'café']);
    expect(directoryQuery({ text: 'food bank' }).query).toBe('(food:* & bank:*)');
    expect(directoryQuery({ servicesOffered: ['debt advice', 'food'], areasCovered: ['Rye'] }).query).toBe('((debt:*B & advice:*B) | (food:*B)) & ((rye:*C))');
    expect(directoryQuery({ areasCovered: [] })).toEqual({ query: null, matchesNothing: true });
    expect(() => directoryQuery({ text: '!!' })).toThrow('text must hold at least one word');
  });
});

describe('Open Referral UK organisations', () => {
  it('maps services, areas (service areas and locations) and contacts (one per name)', () => {
    const parsed = parseOrganisation({
      id: 42,
      name: ' Pantry ',
      url: 'https://pantry.example.org',
      services: [
        { name: 'Food parcels', service_areas: [{ service_area: 'Hastings' }], contacts: [{ name: 'Pat', title: 'Lead' }] },
        { name: 'food parcels', service_at_locations: [{ location: { name: 'Rye' } }] },
      ],
      locations: [{ name: 'hastings' }],
      contacts: [{ name: 'pat' }],
    });
    expect(parsed).toMatchObject({
      ok: true,
      record: {
        sourceId: '42',
        organisation: { name: 'Pantry', website: 'https://pantry.example.org', servicesOffered: ['Food parcels'], areasCovered: ['Hastings', 'Rye'] },
        contacts: [{ name: 'pat', jobTitle: 'Lead' }],
      },
    });
  });

  it('refuses a record with a reason: no id, no name, a bad email, a contact without a name', () => {
    expect(parseOrganisation({ name: 'x' })).toEqual({ ok: false, sourceId: null, reason: 'no id' });
    expect(parseOrganisation({ id: 'a' })).toEqual({ ok: false, sourceId: 'a', reason: 'no name' });
    expect(parseOrganisation({ id: 'a', name: 'A', email: 'nope' })).toMatchObject({ ok: false, reason: expect.stringMatching(/email/) });
    expect(parseOrganisation({ id: 'a', name: 'A', contacts: [{ title: 'Boss' }] })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^contact: .*name/),
    });
  });

  it('exports a partner under its source id, the areas on every service (or as locations)', () => {
    const base = { id: 'uuid-1', sourceId: 'src', name: 'P', email: null, website: null, phone: '01', areasCovered: ['Rye'], contacts: [] };
    expect(toOpenReferral({ ...base, servicesOffered: ['Debt advice'] })).toMatchObject({
      id: 'src',
      phones: [{ number: '01' }],
      services: [{ name: 'Debt advice', service_areas: [{ name: 'Rye' }] }],
      locations: [],
    });
    expect(toOpenReferral({ ...base, sourceId: null, servicesOffered: [] })).toMatchObject({ id: 'uuid-1', services: [], locations: [{ name: 'Rye' }] });
  });
});
