import { AbilityBuilder, createMongoAbility, subject } from '@casl/ability';
import type { AppAbility, Principal, Role } from '../../libs/access/src/index.js';
import type { RuleContext } from '../../libs/access/src/ability/rules/rule-context.js';

/** The one library service of the ability specs; other services are other strings. */
export const S1 = 'service-1';

/** A signed-in user of S1 with the role; `extra` gives their partner organisation, branches or another service. */
export const principal = (role: Role, extra: Partial<Principal> = {}): Principal => ({
  id: 'u1',
  role,
  libraryServiceId: S1,
  partnerOrganisationId: null,
  branchIds: [],
  ...extra,
});

/** A record of a type with these fields, as CASL checks it in memory. */
export const on = (type: string, fields: object) => subject(type as never, fields as never);

/** The ability built from one context's rules file alone, for a user of S1. */
export function abilityFrom(rules: (c: RuleContext) => void, p: Principal): AppAbility {
  const { can, cannot, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  rules({ can, cannot, p, inService: { libraryServiceId: S1 } });
  return build();
}
