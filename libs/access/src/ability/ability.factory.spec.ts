import { Role } from '../users/role.enum.js';
import { defineAbilityFor } from './ability.factory.js';
import { readableFields } from './casl-to-sql.js';
import { on, principal, S1 } from '../../../../test/support/abilities.js';

const S2 = 'service-2';
const P1 = 'partner-1';

describe('defineAbilityFor', () => {
  const org1 = on('PartnerOrganisation', { id: P1, libraryServiceId: S1 });
  const org2 = on('PartnerOrganisation', { id: 'partner-2', libraryServiceId: S1 });
  const otherServiceOrg = on('PartnerOrganisation', { id: 'partner-9', libraryServiceId: S2 });
  const contact1 = on('PartnerContact', { libraryServiceId: S1, partnerOrganisationId: P1 });
  const contact2 = on('PartnerContact', { libraryServiceId: S1, partnerOrganisationId: 'partner-2' });
  const log = on('ContactLog', { libraryServiceId: S1 });

  it.each([Role.MANAGER, Role.ADMIN])('%s manages partners, contacts and contact logs in their service only', (role) => {
    const a = defineAbilityFor(principal(role));
    for (const s of [org1, contact1, log]) {
      for (const action of ['read', 'create', 'update', 'archive'] as const) expect(a.can(action, s)).toBe(true);
    }
    expect(a.can('read', otherServiceOrg)).toBe(false);
    expect(a.can('update', on('ContactLog', { libraryServiceId: S2 }))).toBe(false);
  });

  it.each([Role.OUTREACH_WORKER, Role.STAFF])('%s reads organisations and contacts but not contact logs, and changes nothing', (role) => {
    const a = defineAbilityFor(principal(role));
    expect(a.can('read', org1)).toBe(true);
    expect(a.can('read', contact1)).toBe(true);
    expect(a.can('read', log)).toBe(false);
    expect(a.can('update', org1)).toBe(false);
    expect(a.can('create', contact1)).toBe(false);
    expect(a.can('read', otherServiceOrg)).toBe(false);
    expect(a.can('read', org1, 'notes')).toBe(false);
    expect(a.can('read', org1, 'name')).toBe(true);
  });

  it('PARTNER reads its own organisation and contacts, updates its own contacts, nothing else', () => {
    const a = defineAbilityFor(principal(Role.PARTNER, { partnerOrganisationId: P1 }));
    expect(a.can('read', org1)).toBe(true);
    expect(a.can('read', org2)).toBe(false);
    expect(a.can('read', contact1)).toBe(true);
    expect(a.can('update', contact1)).toBe(true);
    expect(a.can('read', contact2)).toBe(false);
    expect(a.can('update', contact2)).toBe(false);
    expect(a.can('update', org1)).toBe(false);
    expect(a.can('create', contact1)).toBe(false);
    expect(a.can('read', log)).toBe(false);
    expect(a.can('read', on('FollowUpAction', { libraryServiceId: S1 }))).toBe(false);
    expect(a.can('read', org1, 'notes')).toBe(false);
  });

  it('a PARTNER without an organisation gets nothing', () => {
    const a = defineAbilityFor(principal(Role.PARTNER));
    expect(a.can('read', org1)).toBe(false);
    expect(a.can('read', contact1)).toBe(false);
  });

  it('DPO reads everything in its service, including the audit trail, and changes nothing', () => {
    const a = defineAbilityFor(principal(Role.DPO));
    for (const s of [org1, contact1, log, on('AuditEvent', { libraryServiceId: S1 })]) expect(a.can('read', s)).toBe(true);
    expect(a.can('read', org1, 'notes')).toBe(true);
    for (const s of [org1, contact1, log]) expect(a.can('update', s)).toBe(false);
    expect(a.can('read', otherServiceOrg)).toBe(false);
  });

  it('only the DPO reads the audit trail', () => {
    for (const role of [Role.ADMIN, Role.MANAGER, Role.OUTREACH_WORKER, Role.STAFF, Role.PARTNER]) {
      expect(defineAbilityFor(principal(role, { partnerOrganisationId: P1 })).can('read', on('AuditEvent', { libraryServiceId: S1 }))).toBe(false);
    }
  });

  it('restricts the readable fields of a partner organisation for non-managers', () => {
    expect(readableFields(defineAbilityFor(principal(Role.MANAGER)), 'PartnerOrganisation')).toBeNull();
    const staff = readableFields(defineAbilityFor(principal(Role.STAFF)), 'PartnerOrganisation')!;
    expect(staff.has('name')).toBe(true);
    expect(staff.has('notes')).toBe(false);
  });
});
