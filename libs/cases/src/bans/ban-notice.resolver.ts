import { Args, Context, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, actorOf, CurrentActor, type GqlContext } from '../../../access/src/index.js';
import { type Connection, ConnectionType } from '../../../common/src/index.js';
import { BanDetailsService } from './ban-details.service.js';
import { BanNotice } from './ban-notice.entity.js';
import { BanNoticeService } from './ban-notice.service.js';
import { ActiveBansArgs } from './dto/ban-args.js';

const BanNoticeConnection = ConnectionType(BanNotice);

@Resolver(() => BanNotice)
export class BanNoticeResolver {
  constructor(private readonly notices: BanNoticeService, private readonly details: BanDetailsService) {}

  @Query(() => BanNoticeConnection, {
    nullable: true,
    description: 'The desk view: bans in force today at a branch (STAFF: your branches), by name; no reasons, notes or special category data. '
      + 'Each read is audited. A branch not yours answers null with FORBIDDEN (the rest of the request stands)',
  })
  activeBans(@CurrentActor() actor: Actor, @Args() args: ActiveBansArgs): Promise<Connection<BanNotice>> {
    return this.notices.activeAt(actor, args);
  }

  @ResolveField(() => [ID], { description: 'The branches it covers when scope is LISTED_BRANCHES' })
  branchIds(@Parent() notice: BanNotice, @Context() ctx: GqlContext): Promise<string[]> {
    return this.details.branchIds(ctx, actorOf(ctx), notice.id, 'BanNotice');
  }
}
