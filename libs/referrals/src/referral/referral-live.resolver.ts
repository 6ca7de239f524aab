import { Context, Resolver, Subscription } from '@nestjs/graphql';
import { type LiveContext, LiveStreams } from '../../../access/src/index.js';
import { Referral } from './referral.entity.js';
import { ReferralService } from './referral.service.js';

@Resolver(() => Referral)
export class ReferralLiveResolver {
  constructor(
    private readonly referrals: ReferralService,
    private readonly live: LiveStreams,
  ) {}

  /**
   * For the two ends of a referral: the worker who made it, and the users of the organisation it
   * is sent to. Each is read through the reader's rules (a partner sees a referral once it is sent),
   * so a draft reaches only its worker.
   */
  @Subscription(() => Referral, {
    description:
      'Each referral you made, or your organisation receives, as it is created, sent or moves on (over the WebSocket, graphql-ws); each delivery is an audited read',
    resolve: (referral: Referral) => referral,
  })
  referralChanged(@Context() ctx: LiveContext): AsyncIterableIterator<Referral> {
    return this.live.stream(ctx, ['REFERRAL_CHANGED'], async (event, actor) => {
      const { id, partnerOrganisationId } = actor.principal;
      const receiving = partnerOrganisationId !== null && event.partnerOrganisationId === partnerOrganisationId;
      if (!receiving && (await this.referrals.referrerOf(actor, event.id)) !== id) return null;
      return this.referrals.get(actor, event.id);
    });
  }
}
