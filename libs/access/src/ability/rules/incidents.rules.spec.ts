import { Role } from '../../users/role.enum.js';
import { defineAbilityFor } from '../ability.factory.js';
import { readableFields } from '../casl-to-sql.js';
import { on, principal, S1 } from '../../../../../test/support/abilities.js';

const A = 'branch-a';
const B = 'branch-b';

describe('incidentsRules', () => {
  const atA = on('Incident', { libraryServiceId: S1, branchId: A, recordedById: 'someone' });
  const atB = on('Incident', { libraryServiceId: S1, branchId: B });
  const elsewhere = on('Incident', { libraryServiceId: 'service-2', branchId: A });

  it('STAFF record, read and add to incidents at their own branches only; never the welfare checklist', () => {
    const a = defineAbilityFor(principal(Role.STAFF, { branchIds: [A] }));
    for (const action of ['create', 'read', 'update'] as const) {
      expect(a.can(action, atA)).toBe(true);
      expect(a.can(action, atB)).toBe(false);
      expect(a.can(action, elsewhere)).toBe(false);
    }
    expect(a.can('read', atA, 'description')).toBe(true);
    expect(a.can('read', atA, 'welfareChecks')).toBe(false);
    expect(a.can('update', atA, 'severity')).toBe(true);
    expect(a.can('update', atA, 'debriefHeldAt')).toBe(false);
    expect(a.can('update', atA, 'dataProtection')).toBe(false);
    expect(readableFields(a, 'Incident')!.has('welfareChecks')).toBe(false);
  });

  it('a STAFF user with no branch can do nothing with incidents', () => {
    const a = defineAbilityFor(principal(Role.STAFF));
    expect(a.can('create', atA)).toBe(false);
    expect(a.can('read', atA)).toBe(false);
  });

  it('MANAGER does everything in the service, welfare included; OUTREACH_WORKER all but welfare and debrief; DPO reads', () => {
    const m = defineAbilityFor(principal(Role.MANAGER));
    expect(m.can('update', atB, 'welfareChecks')).toBe(true);
    expect(m.can('read', elsewhere)).toBe(false);
    const o = defineAbilityFor(principal(Role.OUTREACH_WORKER));
    expect(o.can('create', atB)).toBe(true);
    expect(o.can('read', atB, 'welfareChecks')).toBe(false);
    expect(o.can('update', atB, 'debriefNotes')).toBe(false);
    const d = defineAbilityFor(principal(Role.DPO));
    expect(d.can('read', atB, 'welfareChecks')).toBe(true);
    expect(d.can('create', atB)).toBe(false);
    expect(d.can('update', atB)).toBe(false);
  });

  it('PARTNER and ADMIN get nothing', () => {
    for (const role of [Role.PARTNER, Role.ADMIN]) {
      const a = defineAbilityFor(principal(role, role === Role.PARTNER ? { partnerOrganisationId: 'p1' } : {}));
      for (const s of [atA, on('Ban', { subjectRestricted: false, libraryServiceId: S1 }), on('BanNotice', { libraryServiceId: S1, branchId: A })]) {
        expect(a.can('read', s)).toBe(false);
        expect(a.can('create', s)).toBe(false);
      }
    }
  });

  it('bans: anyone on staff proposes, only a manager confirms; STAFF read their own proposals and the desk view of their branches', () => {
    const proposal = on('Ban', { subjectRestricted: false, libraryServiceId: S1, status: 'PROPOSED' });
    const active = on('Ban', { subjectRestricted: false, libraryServiceId: S1, status: 'ACTIVE', proposedById: 'someone' });
    const s = defineAbilityFor(principal(Role.STAFF, { branchIds: [A] }));
    expect(s.can('create', proposal)).toBe(true);
    expect(s.can('create', active)).toBe(false);
    expect(s.can('read', active)).toBe(false);
    expect(s.can('read', on('Ban', { subjectRestricted: false, libraryServiceId: S1, proposedById: 'u1' }))).toBe(true);
    expect(s.can('transition', proposal)).toBe(false);
    expect(s.can('read', on('BanNotice', { libraryServiceId: S1, branchId: A }))).toBe(true);
    expect(s.can('read', on('BanNotice', { libraryServiceId: S1, branchId: B }))).toBe(false);
    const m = defineAbilityFor(principal(Role.MANAGER));
    expect(m.can('transition', active)).toBe(true);
    expect(m.can('create', active)).toBe(false);
    expect(m.can('transition', on('Ban', { libraryServiceId: 'service-2' }))).toBe(false);
    const o = defineAbilityFor(principal(Role.OUTREACH_WORKER));
    expect(o.can('create', proposal)).toBe(true);
    expect(o.can('read', active)).toBe(true);
    expect(o.can('transition', active)).toBe(false);
    expect(o.can('update', active)).toBe(false);
  });
});
