export * from './referral/referral.enums.js';
export * from './referral/referral-status.machine.js';
export * from './referral/referral-send.rules.js';
export * from './referral/working-days.js';
export * from './referral/referral-deadlines.js';
export * from './referral/referral.entity.js';
export * from './referral/referral-transition.entity.js';
export * from './referral/referral-subject.js';
export * from './referral/referral.service.js';
export * from './referral/referral-workflow.service.js';
export * from './referral/referral-statistics.service.js';
export * from './referral-update/referral-update.entity.js';
export * from './referral-update/referral-update.service.js';
export * from './referrals.module.js';

import { ReferralTransition } from './referral/referral-transition.entity.js';
import { Referral } from './referral/referral.entity.js';
import { ReferralUpdate } from './referral-update/referral-update.entity.js';
export const REFERRALS_ENTITIES = [Referral, ReferralTransition, ReferralUpdate];
