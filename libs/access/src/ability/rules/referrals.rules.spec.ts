import { subject } from '@casl/ability';
import { Role } from '../../users/role.enum.js';
import { abilityFrom, principal, S1 } from '../../../../../test/support/abilities.js';
import type { Principal } from '../actor.js';
import type { AppAbility } from '../subjects.js';
import { referralsRules } from './referrals.rules.js';

const P1 = 'partner-1';
const ability = (role: Role, extra: Partial<Principal> = {}): AppAbility => abilityFrom(referralsRules, principal(role, extra));
const referral = (fields: object) =>
  subject('Referral' as never, { libraryServiceId: S1, partnerOrganisationId: P1, status: 'SENT', subjectRestricted: false, ...fields } as never);
const update = (fields: object) => subject('ReferralUpdate' as never, { libraryServiceId: S1, partnerOrganisationId: P1, ...fields } as never);

describe('referralsRules', () => {
  it.each([Role.OUTREACH_WORKER, Role.MANAGER])('%s creates, reads, sends, withdraws and closes in their service only', (role) => {
    const a = ability(role);
    for (const status of ['DRAFT', 'SENT', 'CLOSED']) expect(a.can('read', referral({ status }))).toBe(true);
    expect(a.can('create', referral({}))).toBe(true);
    for (const to of ['SENT', 'WITHDRAWN', 'CLOSED']) expect(a.can('transition', referral({}), to)).toBe(true);
    for (const to of ['ACCEPTED', 'DECLINED', 'IN_PROGRESS']) expect(a.can('transition', referral({}), to)).toBe(false);
    expect(a.can('read', referral({ libraryServiceId: 'service-2' }))).toBe(false);
    expect(a.can('transition', referral({ libraryServiceId: 'service-2' }), 'SENT')).toBe(false);
    expect(a.can('create', update({}))).toBe(true);
  });

  it('a PARTNER reads and answers only sent referrals addressed to their organisation', () => {
    const a = ability(Role.PARTNER, { partnerOrganisationId: P1 });
    expect(a.can('read', referral({}))).toBe(true);
    expect(a.can('read', referral({ status: 'DRAFT' }))).toBe(false);
    expect(a.can('read', referral({ partnerOrganisationId: 'partner-2' }))).toBe(false);
    expect(a.can('read', referral({ libraryServiceId: 'service-2' }))).toBe(false);
    for (const to of ['ACCEPTED', 'DECLINED', 'IN_PROGRESS', 'CLOSED']) expect(a.can('transition', referral({}), to)).toBe(true);
    for (const to of ['SENT', 'WITHDRAWN']) expect(a.can('transition', referral({}), to)).toBe(false);
    expect(a.can('transition', referral({ partnerOrganisationId: 'partner-2' }), 'ACCEPTED')).toBe(false);
    expect(a.can('create', referral({}))).toBe(false);
    expect(a.can('update', referral({}))).toBe(false);
    expect(a.can('read', update({}))).toBe(true);
    expect(a.can('create', update({}))).toBe(true);
    expect(a.can('read', update({ partnerOrganisationId: 'partner-2' }))).toBe(false);
  });

  it('the referring OUTREACH_WORKER, and any MANAGER of the service, record a partner’s answers on its behalf', () => {
    const mine = referral({ referredById: 'u1' });
    const colleagues = referral({ referredById: 'u2' });
    for (const role of [Role.OUTREACH_WORKER, Role.MANAGER]) {
      const a = ability(role);
      for (const what of ['ACCEPTED', 'DECLINED', 'IN_PROGRESS', 'CLOSED', 'ReferralUpdate', 'CaseUpdate'])
        expect(a.can('recordOnBehalf', mine, what)).toBe(true);
      for (const what of ['SENT', 'WITHDRAWN', 'DRAFT']) expect(a.can('recordOnBehalf', mine, what)).toBe(false);
      expect(a.can('recordOnBehalf', referral({ referredById: 'u1', libraryServiceId: 'service-2' }))).toBe(false);
      expect(a.can('recordOnBehalf', colleagues, 'ACCEPTED')).toBe(role === Role.MANAGER);
    }
  });

  it.each([Role.PARTNER, Role.DPO, Role.STAFF, Role.ADMIN])('%s records nothing on a partner’s behalf (a partner user answers as themselves)', (role) => {
    const a = ability(role, { partnerOrganisationId: P1 });
    expect(a.can('recordOnBehalf', referral({ referredById: 'u1' }))).toBe(false);
    expect(a.rulesFor('recordOnBehalf', 'Referral')).toEqual([]);
  });

  it('a PARTNER without an organisation gets nothing', () => {
    const a = ability(Role.PARTNER);
    expect(a.can('read', referral({ partnerOrganisationId: null }))).toBe(false);
    expect(a.can('read', update({ partnerOrganisationId: null }))).toBe(false);
  });

  it('the DPO reads and changes nothing', () => {
    const a = ability(Role.DPO);
    expect(a.can('read', referral({ status: 'DRAFT' }))).toBe(true);
    expect(a.can('read', update({}))).toBe(true);
    expect(a.can('create', referral({}))).toBe(false);
    expect(a.can('transition', referral({}))).toBe(false);
    expect(a.can('create', update({}))).toBe(false);
  });

  it.each([Role.STAFF, Role.ADMIN])('%s gets nothing at all', (role) => {
    const a = ability(role);
    expect(a.rulesFor('read', 'Referral')).toEqual([]);
    expect(a.can('read', referral({}))).toBe(false);
    expect(a.can('read', update({}))).toBe(false);
    expect(a.can('create', referral({}))).toBe(false);
  });
});
