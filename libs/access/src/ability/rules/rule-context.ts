import type { AbilityBuilder } from '@casl/ability';
import type { Principal } from '../actor.js';
import type { AppAbility } from '../subjects.js';

/** What each context's rules file gets: the builder, the user, and the tenancy condition every rule must include. */
export interface RuleContext {
  can: AbilityBuilder<AppAbility>['can'];
  cannot: AbilityBuilder<AppAbility>['cannot'];
  p: Principal;
  inService: { libraryServiceId: string };
  /**
   * `inService`, and the record's person is not restricted (UK GDPR Art 18: only the DPO reads a
   * restricted person's records). For read rules of person-linked types, for every role but the
   * DPO. `subjectRestricted` is a SQL condition registered by libs/governance, so it works in the
   * SQL WHERE only: never put it on a write rule (in-memory checks cannot see other tables).
   */
  unrestricted: { libraryServiceId: string; subjectRestricted: false };
}
