import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { retainUntil, RETENTION_YEARS } from './retention.js';

describe('retainUntil', () => {
  it('applies the default periods in whole calendar years', () => {
    expect(retainUntil('CONTACT_LOG', new Date('2026-03-15T10:00:00Z'))).toBe('2032-03-15');
    expect(retainUntil('INCIDENT', new Date('2026-01-01T00:00:00Z'))).toBe('2032-01-01');
    expect(retainUntil('BAN', new Date('2026-12-31T23:59:59Z'))).toBe('2028-12-31');
    expect(RETENTION_YEARS.AUDIT_EVENT).toBe(7);
  });

  it('rolls 29 February forward to 1 March, never back to an earlier date', () => {
    expect(retainUntil('PARTNER_CONTACT', new Date('2028-02-29T12:00:00Z'))).toBe('2030-03-01');
  });

  it('uses UTC dates, not the server time zone', () => {
    expect(retainUntil('CONTACT_LOG', new Date('2026-06-30T23:30:00Z'))).toBe('2032-06-30');
  });
});

describe('docs/domain.md', () => {
  it('lists the same default retention periods as RETENTION_YEARS', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../../../docs/domain.md', import.meta.url)), 'utf8');
    const section = doc.slice(doc.indexOf('#### Retention defaults'));
    const listed = Object.fromEntries([...section.matchAll(/^\| `([A-Z_]+)` \| (\d+) \|/gm)].map((m) => [m[1], Number(m[2])]));
    expect(listed).toEqual(RETENTION_YEARS);
  });
});
