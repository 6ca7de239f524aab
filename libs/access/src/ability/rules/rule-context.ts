import type { AbilityBuilder } from '@casl/ability';
import type { Principal } from '../actor.js';
import type { AppAbility } from '../subjects.js';

/** What each context's rules file gets: the builder, the user, and the tenancy condition every rule must include. */
export interface RuleContext {
  can: AbilityBuilder<AppAbility>['can'];
  cannot: AbilityBuilder<AppAbility>['cannot'];
  p: Principal;
  inService: { libraryServiceId: string };
}
