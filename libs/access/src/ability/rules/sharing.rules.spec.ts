import { subject } from '@casl/ability';
import { Role } from '../../users/role.enum.js';
import { abilityFrom, principal, S1 } from '../../../../../test/support/abilities.js';
import type { Principal } from '../actor.js';
import type { AppAbility, SubjectType } from '../subjects.js';
import { PERSON_RECORD_TYPES } from './restriction.rules.js';
import { SHARED_CASE_VIEWS, shareRecipientOf, sharingRules } from './sharing.rules.js';

const S2 = 'service-2';
const P1 = 'partner-1';
const B1 = 'branch-1';
const ability = (p: Principal): AppAbility => abilityFrom(sharingRules, p);
const on = (type: SubjectType, fields: object) => subject(type as never, { libraryServiceId: S1, subjectRestricted: false, ...fields } as never);
/** The conditions of the rules for (action, type), to check the SQL-only (virtual) conditions. */
const conditions = (a: AppAbility, action: 'read' | 'create', type: SubjectType) => a.rulesFor(action, type).map((r) => r.conditions);

describe('sharingRules', () => {
  it('MANAGER runs agreements, shares, intelligence and warnings in their service only', () => {
    const a = ability(principal(Role.MANAGER));
    for (const type of ['DataSharingAgreement', 'IntelligenceItem'] as const) {
      for (const action of ['read', 'create', 'update', 'transition'] as const) expect(a.can(action, on(type, {}))).toBe(true);
      expect(a.can('read', on(type, { libraryServiceId: S2 }))).toBe(false);
    }
    for (const action of ['read', 'create', 'update'] as const) expect(a.can(action, on('CaseShare', {}))).toBe(true);
    expect(a.can('create', on('CaseShare', { libraryServiceId: S2 }))).toBe(false);
    expect(a.can('create', on('BranchWarning', { branchId: B1 }))).toBe(true);
    expect(a.can('create', on('CaseUpdate', { partnerOrganisationId: P1 }))).toBe(false);
    // Reviews intelligence: renews or changes it (update), deletes it, and reads the review history, in their service only.
    expect(a.can('delete', on('IntelligenceItem', {}))).toBe(true);
    expect(a.can('delete', on('IntelligenceItem', { libraryServiceId: S2 }))).toBe(false);
    expect(a.can('update', on('IntelligenceItem', { libraryServiceId: S2, submittedByLibraryServiceId: S1 }))).toBe(false);
    expect(a.can('read', on('IntelligenceReview', {}))).toBe(true);
    expect(a.can('read', on('IntelligenceReview', { libraryServiceId: S2 }))).toBe(false);
  });

  it('only a MANAGER reviews intelligence; the review history is read in the service that holds the item', () => {
    for (const role of [Role.OUTREACH_WORKER, Role.DPO, Role.STAFF, Role.ADMIN, Role.PARTNER]) {
      const a = ability(principal(role, { partnerOrganisationId: P1 }));
      for (const action of ['update', 'delete'] as const)
        expect([role, action, a.can(action, on('IntelligenceItem', { submittedByOrganisationId: P1 }))]).toEqual([role, action, false]);
      expect([role, a.can('read', on('IntelligenceReview', {}))]).toEqual([role, role === Role.OUTREACH_WORKER || role === Role.DPO]);
    }
  });

  it.each([Role.MANAGER, Role.OUTREACH_WORKER])('%s records a partner’s update on its behalf, in their own service’s cases only', (role) => {
    const a = ability(principal(role));
    expect(a.can('recordOnBehalf', on('CaseUpdate', { partnerOrganisationId: P1 }))).toBe(true);
    expect(a.can('recordOnBehalf', on('CaseUpdate', { partnerOrganisationId: P1, libraryServiceId: S2 }))).toBe(false);
  });

  it.each([Role.PARTNER, Role.STAFF, Role.DPO, Role.ADMIN])('%s records no update on a partner’s behalf', (role) => {
    const a = ability(principal(role, { partnerOrganisationId: P1 }));
    expect(a.can('recordOnBehalf', on('CaseUpdate', { partnerOrganisationId: P1 }))).toBe(false);
  });

  it('OUTREACH_WORKER reads and records intelligence, but shares, decides and publishes nothing', () => {
    const a = ability(principal(Role.OUTREACH_WORKER));
    for (const type of ['DataSharingAgreement', 'CaseShare', 'CaseUpdate', 'IntelligenceItem', 'BranchWarning'] as const)
      expect(a.can('read', on(type, {}))).toBe(true);
    expect(a.can('create', on('IntelligenceItem', { status: 'ACCEPTED' }))).toBe(true);
    expect(a.can('transition', on('IntelligenceItem', {}))).toBe(false);
    expect(a.can('create', on('CaseShare', {}))).toBe(false);
    expect(a.can('update', on('CaseShare', {}))).toBe(false);
    expect(a.can('create', on('DataSharingAgreement', {}))).toBe(false);
    expect(a.can('create', on('BranchWarning', {}))).toBe(false);
  });

  it('STAFF see the warnings of their own branches and nothing else here', () => {
    const a = ability(principal(Role.STAFF, { branchIds: [B1] }));
    expect(a.can('read', on('BranchWarning', { branchId: B1 }))).toBe(true);
    expect(a.can('read', on('BranchWarning', { branchId: 'branch-2' }))).toBe(false);
    expect(a.can('read', on('BranchWarning', { branchId: B1, libraryServiceId: S2 }))).toBe(false);
    for (const type of ['DataSharingAgreement', 'CaseShare', 'CaseUpdate', 'IntelligenceItem', 'SharedCase'] as const) expect(a.can('read', type)).toBe(false);
  });

  it('PARTNER reads shared cases only through a live share to their organisation (in SQL), adds updates and submits intelligence as itself', () => {
    const a = ability(principal(Role.PARTNER, { partnerOrganisationId: P1 }));
    expect(conditions(a, 'read', 'SharedCase')).toEqual([{ libraryServiceId: S1, liveShareOrganisationId: P1 }]);
    expect(conditions(a, 'read', 'DataSharingAgreement')).toEqual([{ libraryServiceId: S1, status: { $ne: 'DRAFT' }, partyOrganisationId: P1 }]);
    expect(a.can('create', on('CaseUpdate', { partnerOrganisationId: P1 }))).toBe(true);
    expect(a.can('create', on('CaseUpdate', { partnerOrganisationId: 'partner-2' }))).toBe(false);
    expect(a.can('create', on('IntelligenceItem', { submittedByOrganisationId: P1, status: 'SUBMITTED' }))).toBe(true);
    expect(a.can('create', on('IntelligenceItem', { submittedByOrganisationId: P1, status: 'ACCEPTED' }))).toBe(false);
    expect(a.can('read', on('IntelligenceItem', { submittedByOrganisationId: 'partner-2' }))).toBe(false);
    expect(a.can('transition', on('IntelligenceItem', { submittedByOrganisationId: P1 }))).toBe(false);
    for (const type of ['CaseShare', 'BranchWarning'] as const) expect(a.can('read', on(type, {}))).toBe(false);
    expect(a.can('read', 'Case')).toBe(false);
  });

  it('a PARTNER without an organisation gets nothing', () => {
    const a = ability(principal(Role.PARTNER));
    expect(a.rules).toEqual([]);
  });

  it('managers and outreach workers receive cross-service shares through their own service', () => {
    for (const role of [Role.MANAGER, Role.OUTREACH_WORKER]) {
      const a = ability(principal(role));
      expect(conditions(a, 'read', 'SharedCase')).toEqual([{ liveShareLibraryServiceId: S1 }]);
      expect(a.can('create', subject('CaseUpdate' as never, { libraryServiceId: S2, authorLibraryServiceId: S1, partnerOrganisationId: null } as never))).toBe(
        true,
      );
      expect(a.can('create', subject('CaseUpdate' as never, { libraryServiceId: S2, authorLibraryServiceId: S2, partnerOrganisationId: null } as never))).toBe(
        false,
      );
    }
  });

  it('DPO reads everything of its service and changes nothing; ADMIN gets nothing here', () => {
    const dpo = ability(principal(Role.DPO));
    for (const type of ['DataSharingAgreement', 'CaseShare', 'CaseUpdate', 'IntelligenceItem', 'BranchWarning'] as const) {
      expect(dpo.can('read', on(type, {}))).toBe(true);
      expect(dpo.can('create', on(type, {}))).toBe(false);
    }
    expect(dpo.can('read', 'SharedCase')).toBe(false);
    expect(ability(principal(Role.ADMIN)).rules).toEqual([]);
  });

  it('the views of a shared case: a partner reads the rows addressed to its organisation, a receiving service those addressed to it, nobody else any', () => {
    const partner = ability(principal(Role.PARTNER, { partnerOrganisationId: P1 }));
    for (const type of SHARED_CASE_VIEWS) {
      expect(conditions(partner, 'read', type)).toEqual([{ libraryServiceId: S1, partnerOrganisationId: P1 }]);
      expect(partner.can('read', on(type, { partnerOrganisationId: 'partner-2' }))).toBe(false);
      expect(partner.can('read', on(type, { partnerOrganisationId: P1, libraryServiceId: S2 }))).toBe(false);
      for (const role of [Role.MANAGER, Role.OUTREACH_WORKER]) {
        const a = ability(principal(role));
        expect(conditions(a, 'read', type)).toEqual([{ recipientLibraryServiceId: S1 }]);
        // The rows of the manager's own service shared with a partner are not theirs to read here.
        expect(a.can('read', on(type, { partnerOrganisationId: P1, recipientLibraryServiceId: null }))).toBe(false);
      }
      for (const role of [Role.STAFF, Role.DPO, Role.ADMIN]) expect(ability(principal(role)).can('read', type)).toBe(false);
      // Every row is about the case's person: restriction (Art 18) applies.
      expect(PERSON_RECORD_TYPES).toContain(type);
    }
  });

  it("shareRecipientOf: a partner's organisation, a manager's or outreach worker's service, or nobody", () => {
    expect(shareRecipientOf(principal(Role.PARTNER, { partnerOrganisationId: P1 }))).toEqual({ organisationId: P1 });
    expect(shareRecipientOf(principal(Role.PARTNER))).toBeNull();
    expect(shareRecipientOf(principal(Role.MANAGER))).toEqual({ libraryServiceId: S1 });
    expect(shareRecipientOf(principal(Role.OUTREACH_WORKER))).toEqual({ libraryServiceId: S1 });
    for (const role of [Role.STAFF, Role.DPO, Role.ADMIN]) expect(shareRecipientOf(principal(role))).toBeNull();
  });
});
