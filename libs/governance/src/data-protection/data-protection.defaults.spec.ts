import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assertLawfulBasisAllowed, LAWFUL_BASES, newDataProtection } from './data-protection.defaults.js';
import { LawfulBasis } from './lawful-basis.enum.js';

describe('lawful bases per record type', () => {
  it('refuses legitimate interests for a public task, naming the bases allowed; accepts it where allowed', () => {
    expect(() => newDataProtection('INCIDENT', { lawfulBasis: LawfulBasis.LEGITIMATE_INTERESTS }, '2032-01-01')).toThrow(
      'lawful basis LEGITIMATE_INTERESTS is not allowed for INCIDENT records: a public authority cannot rely on legitimate interests for its public tasks (UK GDPR Article 6(1)); use one of CONSENT, CONTRACT, LEGAL_OBLIGATION, VITAL_INTERESTS, PUBLIC_TASK',
    );
    expect(newDataProtection('PARTNER_CONTACT', { lawfulBasis: LawfulBasis.LEGITIMATE_INTERESTS }, '2032-01-01').lawfulBasis).toBe(
      LawfulBasis.LEGITIMATE_INTERESTS,
    );
    expect(newDataProtection('BAN', undefined, '2032-01-01').lawfulBasis).toBe(LawfulBasis.PUBLIC_TASK);
    expect(() => assertLawfulBasisAllowed('RIGHTS_REQUEST', LawfulBasis.CONSENT)).toThrow(
      'lawful basis CONSENT is not allowed for RIGHTS_REQUEST records; use one of LEGAL_OBLIGATION',
    );
  });
});

describe('docs/domain.md', () => {
  it('lists the same bases per record type as LAWFUL_BASES', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../../../docs/domain.md', import.meta.url)), 'utf8');
    const section = doc.slice(doc.indexOf('#### Lawful bases allowed'), doc.indexOf('### Special category and criminal offence data'));
    const all = Object.values(LawfulBasis);
    const words = (bases: readonly LawfulBasis[]): string => {
      if (bases.length === all.length) return 'all';
      if (bases.length === all.length - 1 && !bases.includes(LawfulBasis.LEGITIMATE_INTERESTS)) return 'all but legitimate interests';
      return bases.map((b) => b.toLowerCase().replace(/_/g, ' ')).join(', ');
    };
    const listed = Object.fromEntries([...section.matchAll(/^\| `([A-Z_]+)` \| ([a-z ,]+?)(?: \(.*\))? \|$/gm)].map((m) => [m[1], m[2]]));
    expect(listed).toEqual(Object.fromEntries(Object.entries(LAWFUL_BASES).map(([type, bases]) => [type, words(bases)])));
  });
});
