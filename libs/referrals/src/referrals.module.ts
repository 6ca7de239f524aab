import { Module } from '@nestjs/common';
import { PartnersModule } from '../../partners/src/index.js';
import { ReferralUpdateResolver } from './referral-update/referral-update.resolver.js';
import { ReferralUpdateService } from './referral-update/referral-update.service.js';
import { ReferralDetailsService } from './referral/referral-details.service.js';
import { ReferralStatisticsResolver } from './referral/referral-statistics.resolver.js';
import { ReferralStatisticsService } from './referral/referral-statistics.service.js';
import { ReferralWorkflowService } from './referral/referral-workflow.service.js';
import { ReferralResolver } from './referral/referral.resolver.js';
import { ReferralLiveResolver } from './referral/referral-live.resolver.js';
import { ReferralService } from './referral/referral.service.js';
import { ReferralSuggestionsResolver } from './referral/referral-suggestions.resolver.js';

const SERVICES = [ReferralService, ReferralWorkflowService, ReferralDetailsService, ReferralStatisticsService, ReferralUpdateService];

/** Referrals to partner organisations: the closed loop from DRAFT to outcome, with messages and statistics. */
@Module({
  imports: [PartnersModule],
  providers: [...SERVICES, ReferralResolver, ReferralLiveResolver, ReferralSuggestionsResolver, ReferralStatisticsResolver, ReferralUpdateResolver],
  exports: SERVICES,
})
export class ReferralsModule {}
