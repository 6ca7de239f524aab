import { ACCESS_ENTITIES } from '../../libs/access/src/index.js';
import { ALARMS_ENTITIES } from '../../libs/alarms/src/index.js';
import { CASES_ENTITIES } from '../../libs/cases/src/index.js';
import { GOVERNANCE_ENTITIES } from '../../libs/governance/src/index.js';
import { NOTIFICATIONS_ENTITIES } from '../../libs/notifications/src/index.js';
import { PARTNERS_ENTITIES } from '../../libs/partners/src/index.js';
import { REFERRALS_ENTITIES } from '../../libs/referrals/src/index.js';
import { SHARING_ENTITIES } from '../../libs/sharing/src/index.js';
import { TENANCY_ENTITIES } from '../../libs/tenancy/src/index.js';

/** Every entity of every context, for the one DataSource. */
export const ALL_ENTITIES = [
  ...TENANCY_ENTITIES,
  ...ACCESS_ENTITIES,
  ...GOVERNANCE_ENTITIES,
  ...PARTNERS_ENTITIES,
  ...CASES_ENTITIES,
  ...REFERRALS_ENTITIES,
  ...SHARING_ENTITIES,
  ...ALARMS_ENTITIES,
  ...NOTIFICATIONS_ENTITIES,
];
