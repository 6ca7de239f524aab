import {
  combineSubjects,
  duplicateKeys,
  isPlausibleDateOfBirth,
  isPossibleDuplicate,
  nameKey,
  normaliseAliases,
  normaliseName,
  subjectRetainUntil,
} from './subject-rules.js';

const person = (p: Partial<{ name: string | null; aliases: string[]; dateOfBirth: string | null }>) => ({ name: null, aliases: [], dateOfBirth: null, ...p });

describe('names and aliases', () => {
  it('normalises spaces and compares names without case', () => {
    expect(normaliseName('  John   Smith ')).toBe('John Smith');
    expect(nameKey(' john  SMITH')).toBe('john smith');
    expect(nameKey('   ')).toBeNull();
    expect(nameKey(null)).toBeNull();
  });

  it('keeps unique aliases in the order given, dropping blanks', () => {
    expect(normaliseAliases(['Lex', ' lex ', '', 'A  J', 'a j'])).toEqual(['Lex', 'A J']);
  });

  it('collects the keys a duplicate search compares', () => {
    expect(duplicateKeys({ name: 'Jo  Bloggs', aliases: ['JB', 'jo bloggs'], dateOfBirth: '2001-02-03' })).toEqual({
      nameKey: 'jo bloggs',
      aliasKeys: ['jb', 'jo bloggs'],
      allKeys: ['jo bloggs', 'jb'],
      dateOfBirth: '2001-02-03',
    });
  });
});

describe('isPossibleDuplicate', () => {
  const keys = duplicateKeys({ name: 'John Smith', dateOfBirth: '1990-01-01', aliases: ['Smithy'] });

  it('same name and same date of birth', () => {
    expect(isPossibleDuplicate(person({ name: 'john smith', dateOfBirth: '1990-01-01' }), keys)).toBe(true);
  });

  it('same name and a date of birth unknown on one side', () => {
    expect(isPossibleDuplicate(person({ name: 'John Smith' }), keys)).toBe(true);
    expect(isPossibleDuplicate(person({ name: 'John Smith', dateOfBirth: '1990-01-01' }), duplicateKeys({ name: 'John Smith' }))).toBe(true);
  });

  it('same name but a different known date of birth is someone else', () => {
    expect(isPossibleDuplicate(person({ name: 'John Smith', dateOfBirth: '1975-06-30' }), keys)).toBe(false);
  });

  it('an alias matching a name or an alias, either way', () => {
    expect(isPossibleDuplicate(person({ name: 'Jonathan Smythe', aliases: ['SMITHY'] }), keys)).toBe(true);
    expect(isPossibleDuplicate(person({ name: 'Smithy' }), keys)).toBe(true);
    expect(isPossibleDuplicate(person({ name: 'Someone', aliases: ['John Smith'], dateOfBirth: '1975-06-30' }), keys)).toBe(true);
  });

  it('a described, unnamed person matches only on aliases', () => {
    expect(isPossibleDuplicate(person({ name: null }), duplicateKeys({ name: null }))).toBe(false);
  });
});

describe('isPlausibleDateOfBirth', () => {
  it('refuses the future and dates before 1900', () => {
    expect(isPlausibleDateOfBirth('2010-05-01', '2026-01-01')).toBe(true);
    expect(isPlausibleDateOfBirth('2026-01-01', '2026-01-01')).toBe(true);
    expect(isPlausibleDateOfBirth('2026-01-02', '2026-01-01')).toBe(false);
    expect(isPlausibleDateOfBirth('1899-12-31', '2026-01-01')).toBe(false);
  });
});

describe('subjectRetainUntil', () => {
  it('is 6 years after the latest activity (now), in UTC calendar years', () => {
    expect(subjectRetainUntil(null, 6, new Date('2026-03-15T23:30:00Z'))).toBe('2032-03-15');
  });

  it('never moves an existing date earlier', () => {
    expect(subjectRetainUntil('2040-01-01', 6, new Date('2026-03-15T10:00:00Z'))).toBe('2040-01-01');
    expect(subjectRetainUntil('2030-01-01', 6, new Date('2026-03-15T10:00:00Z'))).toBe('2032-03-15');
  });

  it('follows a service policy with another period', () => {
    expect(subjectRetainUntil(null, 2, new Date('2026-03-15T10:00:00Z'))).toBe('2028-03-15');
  });

  it('rolls 29 February forward to 1 March', () => {
    expect(subjectRetainUntil(null, 6, new Date('2028-02-29T12:00:00Z'))).toBe('2034-03-01');
  });
});

describe('combineSubjects', () => {
  const base = { description: null, aliases: [], dateOfBirth: null, ageBand: null, photoReference: null, isChildSafeguarding: false, isAdultAtRisk: false };

  it("keeps the kept record's values, fills its blanks, adds the other names as aliases and keeps every safeguarding flag", () => {
    const keep = { ...base, name: 'John Smith', aliases: ['Smithy'], ageBand: 'AGE_25_34' };
    const merged = {
      ...base,
      name: 'Johnny Smith',
      aliases: ['john smith', 'JS'],
      dateOfBirth: '1990-01-01',
      photoReference: 'P1',
      isAdultAtRisk: true,
      description: 'tall',
    };
    expect(combineSubjects(keep, merged)).toEqual({
      name: 'John Smith',
      description: 'tall',
      aliases: ['Smithy', 'Johnny Smith', 'JS'],
      dateOfBirth: '1990-01-01',
      ageBand: null,
      photoReference: 'P1',
      isChildSafeguarding: false,
      isAdultAtRisk: true,
    });
  });

  it("gives an unnamed kept record the merged record's name, not as an alias too", () => {
    const keep = { ...base, name: null, description: 'male, 30s, red jacket', isChildSafeguarding: true };
    const merged = { ...base, name: 'Dan Doe', aliases: ['DD'] };
    expect(combineSubjects(keep, merged)).toMatchObject({ name: 'Dan Doe', aliases: ['DD'], description: 'male, 30s, red jacket', isChildSafeguarding: true });
  });
});
