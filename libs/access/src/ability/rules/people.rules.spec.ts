import { subject } from '@casl/ability';
import { Role } from '../../users/role.enum.js';
import { defineAbilityFor } from '../ability.factory.js';
import { principal as userOf, S1 } from '../../../../../test/support/abilities.js';
import type { Principal } from '../actor.js';

/** A user with a partner organisation and a branch, so that rules which ignore them are seen to. */
const principal = (role: Role, extra: Partial<Principal> = {}): Principal => userOf(role, { partnerOrganisationId: 'p1', branchIds: ['b1'], ...extra });
/** A record of an unrestricted person (`subjectRestricted` is a SQL condition; in memory it is a plain field). */
const on = (type: string, libraryServiceId = S1, subjectRestricted = false) => subject(type as never, { libraryServiceId, subjectRestricted } as never);
const TYPES = ['Subject', 'SubjectSpecialCategory', 'Case', 'CaseNote'];

describe('people rules', () => {
  it('MANAGER reads, creates and updates people, special category details and cases, merges people, and only adds notes', () => {
    const a = defineAbilityFor(principal(Role.MANAGER));
    for (const t of TYPES) for (const action of ['read', 'create'] as const) expect(a.can(action, on(t))).toBe(true);
    expect(a.can('merge', on('Subject'))).toBe(true);
    expect(a.can('update', on('Case'))).toBe(true);
    expect(a.can('update', on('CaseNote'))).toBe(false);
    for (const t of TYPES) expect(a.can('read', on(t, 'service-2'))).toBe(false);
  });

  it('OUTREACH_WORKER works with people and cases but does not merge', () => {
    const a = defineAbilityFor(principal(Role.OUTREACH_WORKER));
    for (const t of ['Subject', 'SubjectSpecialCategory', 'Case'])
      for (const action of ['read', 'create', 'update'] as const) expect(a.can(action, on(t))).toBe(true);
    expect(a.can('create', on('CaseNote'))).toBe(true);
    expect(a.can('update', on('CaseNote'))).toBe(false);
    expect(a.can('merge', on('Subject'))).toBe(false);
  });

  it("a restricted person's records are read by the DPO only (Art 18)", () => {
    for (const role of [Role.MANAGER, Role.OUTREACH_WORKER]) {
      const a = defineAbilityFor(principal(role));
      for (const t of ['Subject', 'SubjectSpecialCategory', 'Case']) expect(a.can('read', on(t, S1, true))).toBe(false);
    }
    const dpo = defineAbilityFor(principal(Role.DPO));
    for (const t of ['Subject', 'SubjectSpecialCategory', 'Case']) expect(dpo.can('read', on(t, S1, true))).toBe(true);
  });

  it('STAFF may record a person and nothing else about people', () => {
    const a = defineAbilityFor(principal(Role.STAFF));
    expect(a.can('create', on('Subject'))).toBe(true);
    expect(a.can('create', on('Subject', 'service-2'))).toBe(false);
    expect(a.can('read', on('Subject'))).toBe(false);
    expect(a.can('read', 'SubjectSpecialCategory')).toBe(false);
    for (const t of ['Case', 'CaseNote']) expect(a.can('read', on(t))).toBe(false);
  });

  it('DPO reads everything here in their service and changes nothing', () => {
    const a = defineAbilityFor(principal(Role.DPO));
    for (const t of TYPES) {
      expect(a.can('read', on(t))).toBe(true);
      expect(a.can('create', on(t))).toBe(false);
      expect(a.can('update', on(t))).toBe(false);
    }
  });

  it.each([Role.ADMIN, Role.PARTNER])('%s gets nothing (partner sharing comes with case shares)', (role) => {
    const a = defineAbilityFor(principal(role));
    for (const t of TYPES) for (const action of ['read', 'create', 'update'] as const) expect(a.can(action, on(t))).toBe(false);
    expect(a.can('read', 'SubjectSpecialCategory')).toBe(false);
  });
});
