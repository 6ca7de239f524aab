import { ArgsType, InputType } from '@nestjs/graphql';
import { AnyOfFilter, DateTimeFilter, FilterArg, IdFilter, PageArgs } from '../../../../common/src/index.js';
import { ReferralNeed, ReferralStatus, ReferralUrgency } from '../referral.enums.js';

/** Conditions on the referral itself, the same in the service's view and a partner's. */
@InputType({ isAbstract: true })
abstract class ReferralConditionsInput {
  @AnyOfFilter(ReferralStatus, 10)
  statuses?: ReferralStatus[];

  @AnyOfFilter(ReferralNeed, 11, 'Referrals naming any of these needs')
  needs?: ReferralNeed[];

  @AnyOfFilter(ReferralUrgency, 10)
  urgencies?: ReferralUrgency[];
}

@InputType()
export class ReferralFilterInput extends ReferralConditionsInput {
  @IdFilter('Receiving partner organisation')
  partnerOrganisationId?: string;

  @IdFilter('The worker who made the referral')
  referredById?: string;

  @IdFilter('The person referred (their page lists their referrals)')
  subjectId?: string;

  @DateTimeFilter('Created at or after')
  from?: Date;

  @DateTimeFilter('Created before')
  to?: Date;
}

@ArgsType()
export class ReferralsArgs extends PageArgs {
  @FilterArg(() => ReferralFilterInput)
  filter?: ReferralFilterInput;
}

/** A partner's view: what was sent to their organisation, filtered on when it was sent. */
@InputType()
export class IncomingReferralFilterInput extends ReferralConditionsInput {
  @DateTimeFilter('Sent at or after')
  from?: Date;

  @DateTimeFilter('Sent before')
  to?: Date;
}

@ArgsType()
export class IncomingReferralsArgs extends PageArgs {
  @FilterArg(() => IncomingReferralFilterInput)
  filter?: IncomingReferralFilterInput;
}
