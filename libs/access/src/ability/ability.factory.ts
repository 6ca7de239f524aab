import { AbilityBuilder, createMongoAbility } from '@casl/ability';
import type { Principal } from './actor.js';
import { alarmsRules } from './rules/alarms.rules.js';
import { governanceRules } from './rules/governance.rules.js';
import { incidentsRules } from './rules/incidents.rules.js';
import { notificationsRules } from './rules/notifications.rules.js';
import { partnersRules } from './rules/partners.rules.js';
import { peopleRules } from './rules/people.rules.js';
import { referralsRules } from './rules/referrals.rules.js';
import { reportsRules } from './rules/reports.rules.js';
import { restrictionRules } from './rules/restriction.rules.js';
import { sharingRules } from './rules/sharing.rules.js';
import type { RuleContext } from './rules/rule-context.js';
import { tenancyRules } from './rules/tenancy.rules.js';
import type { AppAbility } from './subjects.js';

export { PARTNER_CONTACT_SELF_SERVICE_FIELDS, PARTNER_ORGANISATION_PUBLIC_FIELDS } from './rules/partners.rules.js';
export { SHARED_CASE_VIEWS, shareRecipientOf, type ShareRecipient } from './rules/sharing.rules.js';
export { PERSON_RECORD_TYPES } from './rules/restriction.rules.js';
export { INCIDENT_RECORD_FIELDS } from './rules/incidents.rules.js';

/** Each context's rules, in one list so the ability is built in one place. */
const RULES: ((ctx: RuleContext) => void)[] = [
  tenancyRules,
  partnersRules,
  governanceRules,
  peopleRules,
  incidentsRules,
  alarmsRules,
  referralsRules,
  sharingRules,
  reportsRules,
  notificationsRules,
  // Last, so it wins over every grant above: a restricted person's records are for the DPO only.
  restrictionRules,
];

/**
 * The one place that says who may do what. Denied by default: a role gets only what a rules
 * file grants. Every rule includes the user's library service (`inService`); rules that restrict
 * fields always carry conditions too (a field-only rule without conditions would open every row
 * when turned into SQL: casl#957, refused in casl-to-sql.ts).
 */
export function defineAbilityFor(p: Principal): AppAbility {
  const { can, cannot, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  const inService = { libraryServiceId: p.libraryServiceId };
  const ctx: RuleContext = { can, cannot, p, inService };
  for (const rules of RULES) rules(ctx);
  return build();
}
