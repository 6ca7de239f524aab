import { VersionedReasonArgs, type Connection, ConnectionType, IdArgs } from '../../../common/src/index.js';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor, type GqlContext } from '../../../access/src/index.js';
import { CaseShare } from './case-share.entity.js';
import { CaseShareService } from './case-share.service.js';
import { CaseUpdate } from './case-update.entity.js';
import { CaseUpdateService } from './case-update.service.js';
import { CaseSharesArgs, ShareCaseInput } from './dto/case-share.input.js';
import { AddCaseUpdateInput, CaseUpdatesArgs } from './dto/case-update.input.js';

const CaseShareConnection = ConnectionType(CaseShare);

/** The library side of sharing: share, revoke, list shares, read the updates recipients added. */
@Resolver(() => CaseShare)
export class CaseShareResolver {
  constructor(private readonly shares: CaseShareService, private readonly updates: CaseUpdateService) {}

  @Query(() => CaseShareConnection, { description: 'Shares of your library service\'s cases, newest first' })
  caseShares(@CurrentActor() actor: Actor, @Args() args: CaseSharesArgs): Promise<Connection<CaseShare>> {
    return this.shares.list(actor, args);
  }

  @Query(() => CaseShare)
  caseShare(@CurrentActor() actor: Actor, @Args() { id }: IdArgs): Promise<CaseShare> {
    return this.shares.get(actor, id);
  }

  @Mutation(() => CaseShare, {
    description: 'Shares a case with a party of an ACTIVE agreement in force, for categories the agreement covers (IDENTITY always included); managers only. Audited as SHARE',
  })
  shareCase(@CurrentActor() actor: Actor, @Args('input') input: ShareCaseInput): Promise<CaseShare> {
    return this.shares.share(actor, input);
  }

  @Mutation(() => CaseShare, { description: 'Stops a share at once; managers only' })
  revokeCaseShare(@CurrentActor() actor: Actor, @Args() { id, version, reason }: VersionedReasonArgs): Promise<CaseShare> {
    return this.shares.revoke(actor, id, version, reason);
  }

  @Mutation(() => CaseUpdate, { description: 'A partner (or receiving library service) adds what it did or knows to a case shared with it now' })
  addCaseUpdate(@CurrentActor() actor: Actor, @Args('input') input: AddCaseUpdateInput): Promise<CaseUpdate> {
    return this.updates.add(actor, input);
  }

  @Query(() => [CaseUpdate], { description: 'Updates recipients added to one of your service\'s cases, oldest first; audited' })
  caseUpdates(@CurrentActor() actor: Actor, @Args() { caseId }: CaseUpdatesArgs): Promise<CaseUpdate[]> {
    return this.updates.forCase(actor, caseId);
  }

  @ResolveField(() => Boolean, { description: 'Works now: not revoked, started, not past until, agreement ACTIVE and in force (computed at read time)' })
  isLive(@Parent() s: CaseShare, @Context() ctx: GqlContext): Promise<boolean> {
    return this.shares.isLive(ctx, s.id);
  }

  @ResolveField(() => String, { nullable: true, description: 'The partner organisation or library service it goes to' })
  recipientName(@Parent() s: CaseShare, @Context() ctx: GqlContext): Promise<string | null> {
    return this.shares.recipientName(ctx, s);
  }
}
