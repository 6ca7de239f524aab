import { AbilityBuilder, createMongoAbility } from '@casl/ability';
import { rulesToAST } from '@casl/ability/extra';
import type { OpenDatabase } from '../../../database/src/index.js';
import { createLibraryService, createPartner, createPartnerContact } from '../../../../test/support/builders.js';
import { openTestDatabase } from '../../../../test/support/test-database.js';
import { PartnerOrganisation } from '../../../partners/src/index.js';
import { Role } from '../users/role.enum.js';
import { defineAbilityFor } from './ability.factory.js';
import { SqlConditions } from '../scope/sql-conditions.js';
import { applyAccessRules, UnsafeRuleError } from './casl-to-sql.js';
import type { AppAbility } from './subjects.js';

/** The rules-to-SQL translation, run against a real (embedded or PostgreSQL) database. */
describe('applyAccessRules', () => {
  let db: OpenDatabase;
  let s1: string;
  let s2: string;
  const orgs: Record<string, string> = {};
  const conditions = new SqlConditions();

  beforeAll(async () => {
    db = await openTestDatabase();
    s1 = await createLibraryService(db.dataSource, { name: 'One' });
    s2 = await createLibraryService(db.dataSource, { name: 'Two' });
    for (const [name, serviceId, type] of [
      ['A', s1, 'CHARITY'],
      ['B', s1, 'OTHER'],
      ['C', s2, 'CHARITY'],
    ]) {
      orgs[name] = await createPartner(db.dataSource, { serviceId, name, type });
    }
  });
  afterAll(() => db.close());

  const names = async (ability: AppAbility, prefilter?: string) => {
    const qb = db.dataSource.getRepository(PartnerOrganisation).createQueryBuilder('o');
    if (prefilter) qb.where('o.type = :t', { t: prefilter });
    if (!applyAccessRules(qb, ability, 'read', 'PartnerOrganisation', conditions)) return null;
    return (await qb.orderBy('o.name').getMany()).map((o) => o.name);
  };
  const build = (define: (b: AbilityBuilder<AppAbility>) => void) => {
    const b = new AbilityBuilder<AppAbility>(createMongoAbility);
    define(b);
    return b.build();
  };

  it('filters rows by the role rules in SQL: a manager sees only their own service', async () => {
    expect(await names(defineAbilityFor({ id: 'u', role: Role.MANAGER, libraryServiceId: s1, partnerOrganisationId: null, branchIds: [] }))).toEqual([
      'A',
      'B',
    ]);
    expect(await names(defineAbilityFor({ id: 'u', role: Role.MANAGER, libraryServiceId: s2, partnerOrganisationId: null, branchIds: [] }))).toEqual(['C']);
  });

  it('a partner sees only its own organisation', async () => {
    expect(await names(defineAbilityFor({ id: 'u', role: Role.PARTNER, libraryServiceId: s1, partnerOrganisationId: orgs.B, branchIds: [] }))).toEqual(['B']);
  });

  it('returns false (no query) when nothing is allowed', async () => {
    expect(await names(build(() => {}))).toBeNull();
    expect(await names(build(({ can }) => can('read', 'ContactLog')))).toBeNull();
  });

  it('keeps an existing WHERE (the @ucast/sql TypeORM interpreter would replace it)', async () => {
    const ability = defineAbilityFor({ id: 'u', role: Role.MANAGER, libraryServiceId: s1, partnerOrganisationId: null, branchIds: [] });
    expect(await names(ability, 'CHARITY')).toEqual(['A']);
  });

  it('ORs allowing rules and honours inverted rules with CASL priority', async () => {
    const ability = build(({ can, cannot }) => {
      can('read', 'PartnerOrganisation', { libraryServiceId: s1 });
      can('read', 'PartnerOrganisation', { id: orgs.C });
      cannot('read', 'PartnerOrganisation', { type: 'OTHER' });
    });
    expect(await names(ability)).toEqual(['A', 'C']);
    const later = build(({ can, cannot }) => {
      cannot('read', 'PartnerOrganisation', { type: 'OTHER' });
      can('read', 'PartnerOrganisation', { libraryServiceId: s1 }); // later rule wins for B
    });
    expect(await names(later)).toEqual(['A', 'B']);
  });

  it('supports $in and $ne, and an empty $in matches nothing', async () => {
    expect(await names(build(({ can }) => can('read', 'PartnerOrganisation', { id: { $in: [orgs.A, orgs.C] } })))).toEqual(['A', 'C']);
    expect(await names(build(({ can }) => can('read', 'PartnerOrganisation', { id: { $in: [] } })))).toEqual([]);
    expect(await names(build(({ can }) => can('read', 'PartnerOrganisation', { type: { $ne: 'CHARITY' } })))).toEqual(['B']);
  });

  it('casl#957: rulesToAST drops conditional rules when a field-only rule has no conditions; we refuse such a rule', async () => {
    const risky = build(({ can }) => {
      can('read', 'PartnerOrganisation', { libraryServiceId: s1 });
      can('read', 'PartnerOrganisation', ['name']);
    });
    // The library's translation opens every row (an empty AND = no filter at all):
    expect(rulesToAST(risky, 'read', 'PartnerOrganisation')).toEqual({ operator: 'and', value: [] });
    // Ours refuses to build SQL from it rather than leaking another service's rows.
    await expect(names(risky)).rejects.toThrow(UnsafeRuleError);
  });

  it('refuses rule fields the entity does not have and operators it cannot translate', async () => {
    await expect(names(build(({ can }) => can('read', 'PartnerOrganisation', { nope: 1 } as never)))).rejects.toThrow(UnsafeRuleError);
    await expect(names(build(({ can }) => can('read', 'PartnerOrganisation', { name: { $regex: 'A' } } as never)))).rejects.toThrow(UnsafeRuleError);
  });

  it('virtual conditions (facts in other tables) become EXISTS subqueries, with equality or $in', async () => {
    await createPartnerContact(db.dataSource, { serviceId: s1, partnerId: orgs.B, name: 'Pat', retainUntil: '2030-01-01' });
    // Not registered yet: refused, never ignored.
    await expect(names(build(({ can }) => can('read', 'PartnerOrganisation', { hasContactNamed: 'Pat' } as never)))).rejects.toThrow(UnsafeRuleError);
    conditions.register(
      'PartnerOrganisation',
      'hasContactNamed',
      (alias, param) => `EXISTS (SELECT 1 FROM partner_contact c WHERE c.partner_organisation_id = ${alias}.id AND c.name IN ${param})`,
    );
    expect(await names(build(({ can }) => can('read', 'PartnerOrganisation', { libraryServiceId: s1, hasContactNamed: 'Pat' } as never)))).toEqual(['B']);
    expect(await names(build(({ can }) => can('read', 'PartnerOrganisation', { hasContactNamed: { $in: ['Nobody', 'Pat'] } } as never)))).toEqual(['B']);
    expect(await names(build(({ can }) => can('read', 'PartnerOrganisation', { hasContactNamed: 'Nobody' } as never)))).toEqual([]);
  });

  it('the rules of every role translate to SQL without error', async () => {
    for (const role of Object.values(Role)) {
      const ability = defineAbilityFor({ id: 'u', role, libraryServiceId: s1, partnerOrganisationId: orgs.A, branchIds: [] });
      await expect(names(ability)).resolves.toBeDefined();
    }
  });
});
