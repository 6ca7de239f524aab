import { ArgsType, Args, Field, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { IsOptional, IsUUID, Max, Min } from 'class-validator';
import { type Actor, CurrentActor } from '../../../access/src/index.js';
import { PartnerDirectoryService, PartnerOrganisation } from '../../../partners/src/index.js';
import { serviceWordsFor } from './referral-suggestions.js';
import { ReferralService } from './referral.service.js';

@ArgsType()
class SuggestedPartnersArgs {
  @Field(() => ID)
  @IsUUID('all', { message: '$property must be a UUID' })
  referralId: string;

  @Field(() => Int, { nullable: true, defaultValue: 5, description: 'At most 20' })
  @IsOptional()
  @Min(1)
  @Max(20)
  first?: number = 5;
}

@Resolver()
export class ReferralSuggestionsResolver {
  constructor(
    private readonly referrals: ReferralService,
    private readonly directory: PartnerDirectoryService,
  ) {}

  /**
   * Referrals carry no branch and branches no area: the places are the names and addresses of the
   * branches the referring worker works at, matched against the partners' areas covered (docs/domain.md).
   */
  @Query(() => [PartnerOrganisation], {
    description:
      "Partners whose services match the referral's needs, those covering the referring worker's branches first; for whoever may read the referral (the referral read is audited)",
  })
  async suggestedPartners(@CurrentActor() actor: Actor, @Args() { referralId, first }: SuggestedPartnersArgs): Promise<PartnerOrganisation[]> {
    const referral = await this.referrals.get(actor, referralId);
    return this.directory.suggest(actor, serviceWordsFor(referral.needs), await this.referrals.placesOf(actor, referral), first ?? 5);
  }
}
