import { auditEventHash, type ChainedFields } from './audit-chain.js';

const event: ChainedFields = {
  id: '7',
  chainPosition: '3',
  occurredAt: '2026-05-01T09:30:00.123456Z',
  actorId: '11111111-1111-4111-8111-111111111111',
  actorRole: 'MANAGER',
  action: 'READ',
  entityType: 'Case',
  entityId: 'abc',
  libraryServiceId: '22222222-2222-4222-8222-222222222222',
  purpose: 'Checking',
  requestId: 'r1',
  clientRequestId: null,
  previousHash: Buffer.alloc(32, 1),
};

/** The encoding under every audit event's hash: each field on its own, so no two different events hash alike. */
describe('auditEventHash', () => {
  it('is a SHA-256 that changes with every field, the previous hash included', () => {
    const base = auditEventHash(event);
    expect(base).toHaveLength(32);
    for (const key of Object.keys(event) as (keyof ChainedFields)[]) {
      const changed = { ...event, [key]: key === 'previousHash' ? Buffer.alloc(32, 2) : `${event[key] ?? ''}x` };
      expect({ key, same: auditEventHash(changed).equals(base) }).toEqual({ key, same: false });
    }
  });

  it('keeps field boundaries: moving text from one field to the next, or NULL against empty, gives another hash', () => {
    expect(auditEventHash({ ...event, entityType: 'Cas', entityId: 'eabc' }).equals(auditEventHash(event))).toBe(false);
    expect(auditEventHash({ ...event, purpose: '' }).equals(auditEventHash({ ...event, purpose: null }))).toBe(false);
    expect(auditEventHash({ ...event, previousHash: null }).equals(auditEventHash({ ...event, previousHash: Buffer.alloc(0) }))).toBe(false);
  });
});
