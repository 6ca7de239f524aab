import { permittedFieldsOf } from '@casl/ability/extra';
import { getMetadataArgsStorage } from 'typeorm';
import { ALL_ENTITIES } from '../../apps/api/entities.js';
import { defineAbilityFor, type Principal, Role, type SubjectType } from '../../libs/access/src/index.js';
import { WITHHELD_FIELDS } from '../../libs/access/src/ability/rules/withheld-fields.js';

const principal = (role: Role): Principal => ({ id: 'u1', role, libraryServiceId: 's1', partnerOrganisationId: 'p1', branchIds: ['b1'] });

/** The entity class a subject type reads (its class name, or the row class of a view). */
const ENTITY_OF: Partial<Record<SubjectType, string>> = { SharedCase: 'SharedCaseRecord' };

function propertiesOf(type: SubjectType): string[] {
  const name = ENTITY_OF[type] ?? type;
  const target = (ALL_ENTITIES as { name: string }[]).find((e) => e.name === name);
  if (!target) throw new Error(`No entity for ${type}`);
  const storage = getMetadataArgsStorage();
  return [
    ...storage.columns.filter((c) => c.target === target).map((c) => c.propertyName),
    ...storage.embeddeds.filter((e) => e.target === target).map((e) => e.propertyName),
    ...storage.relations.filter((r) => r.target === target).map((r) => r.propertyName),
  ];
}

describe('field lists in the access rules are tied to the entities', () => {
  for (const role of Object.values(Role)) {
    it(`${role}: every column of a type read with a field list is either listed or deliberately withheld`, () => {
      const ability = defineAbilityFor(principal(role));
      const fieldRestricted = [
        ...new Set(
          ability.rules
            .filter((r) => !r.inverted && r.fields && [r.action].flat().some((a) => a === 'read' || a === 'manage'))
            .flatMap((r) => [r.subject].flat() as SubjectType[]),
        ),
      ];
      for (const type of fieldRestricted) {
        const readable = new Set(permittedFieldsOf(ability, 'read', type, { fieldsFrom: (r) => r.fields ?? ['*'] }));
        if (readable.has('*')) continue;
        const withheld = WITHHELD_FIELDS[type] ?? [];
        const undecided = propertiesOf(type).filter((p) => !readable.has(p) && !withheld.includes(p));
        expect({ type, undecided }).toEqual({ type, undecided: [] });
        expect({ type, shownAndWithheld: withheld.filter((w) => readable.has(w)) }).toEqual({ type, shownAndWithheld: [] });
      }
    });
  }

  it('fails for a column nobody decided about (so it can fail)', () => {
    const ability = defineAbilityFor(principal(Role.STAFF));
    const readable = new Set(permittedFieldsOf(ability, 'read', 'Incident', { fieldsFrom: (r) => r.fields ?? ['*'] }));
    expect([...propertiesOf('Incident'), 'aNewColumn'].filter((p) => !readable.has(p) && !(WITHHELD_FIELDS.Incident ?? []).includes(p))).toEqual([
      'aNewColumn',
    ]);
  });
});
