import { Role } from '../../users/role.enum.js';
import { defineAbilityFor } from '../ability.factory.js';
import { on, principal, S1 } from '../../../../../test/support/abilities.js';

describe('reportsRules', () => {
  const own = on('Report', { libraryServiceId: S1 });
  const elsewhere = on('Report', { libraryServiceId: 'service-2' });

  it('MANAGER reads, exports and shares the reports of their own service only', () => {
    const a = defineAbilityFor(principal(Role.MANAGER));
    for (const action of ['read', 'export', 'share'] as const) {
      expect(a.can(action, own)).toBe(true);
      expect(a.can(action, elsewhere)).toBe(false);
    }
  });

  it('DPO reads and exports them but does not share a summary with partners', () => {
    const a = defineAbilityFor(principal(Role.DPO));
    expect(a.can('read', own)).toBe(true);
    expect(a.can('export', own)).toBe(true);
    expect(a.can('share', own)).toBe(false);
    expect(a.can('read', elsewhere)).toBe(false);
  });

  it('nobody else gets any of them', () => {
    for (const role of [Role.ADMIN, Role.STAFF, Role.OUTREACH_WORKER, Role.PARTNER]) {
      const a = defineAbilityFor(principal(role, { branchIds: ['branch-a'], partnerOrganisationId: role === Role.PARTNER ? 'p1' : null }));
      for (const action of ['read', 'export', 'share'] as const) expect([role, action, a.can(action, own)]).toEqual([role, action, false]);
    }
  });
});
