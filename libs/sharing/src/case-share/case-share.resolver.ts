import { VersionedReasonInput, type Connection, ConnectionType, IdArgs } from '../../../common/src/index.js';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, actorOf, CurrentActor, type GqlContext } from '../../../access/src/index.js';
import { Case, CaseService } from '../../../cases/src/index.js';
import { PartnerOrganisation, PartnerOrganisationService } from '../../../partners/src/index.js';
import { AgreementService } from '../agreement/agreement.service.js';
import { DataSharingAgreement } from '../agreement/data-sharing-agreement.entity.js';
import { CaseShare } from './case-share.entity.js';
import { CaseShareService } from './case-share.service.js';
import { CaseUpdate, CaseUpdateConnection } from './case-update.entity.js';
import { CaseUpdateService } from './case-update.service.js';
import { CaseSharesArgs, ShareCaseInput } from './dto/case-share.input.js';
import { AddCaseUpdateInput, AddCaseUpdateOnBehalfInput, CaseUpdatesArgs } from './dto/case-update.input.js';

const CaseShareConnection = ConnectionType(CaseShare);

/** The library side of sharing: share, revoke, list shares, read the updates recipients added. */
@Resolver(() => CaseShare)
export class CaseShareResolver {
  constructor(
    private readonly shares: CaseShareService,
    private readonly updates: CaseUpdateService,
    private readonly agreements: AgreementService,
    private readonly cases: CaseService,
    private readonly organisations: PartnerOrganisationService,
  ) {}

  @Query(() => CaseShareConnection, { description: "Shares of your library service's cases, newest first" })
  caseShares(@CurrentActor() actor: Actor, @Args() args: CaseSharesArgs): Promise<Connection<CaseShare>> {
    return this.shares.list(actor, args);
  }

  @Query(() => CaseShare)
  caseShare(@CurrentActor() actor: Actor, @Args() { id }: IdArgs): Promise<CaseShare> {
    return this.shares.get(actor, id);
  }

  @Mutation(() => CaseShare, {
    description:
      'Shares a case with a party of an ACTIVE agreement in force, for categories the agreement covers (IDENTITY always included); managers only. Audited as SHARE',
  })
  shareCase(@CurrentActor() actor: Actor, @Args('input') input: ShareCaseInput): Promise<CaseShare> {
    return this.shares.share(actor, input);
  }

  @Mutation(() => CaseShare, { description: 'Stops a share at once; managers only' })
  revokeCaseShare(@CurrentActor() actor: Actor, @Args('input') { id, version, reason }: VersionedReasonInput): Promise<CaseShare> {
    return this.shares.revoke(actor, id, version, reason);
  }

  @Mutation(() => CaseUpdate, { description: 'A partner (or receiving library service) adds what it did or knows to a case shared with it now' })
  addCaseUpdate(@CurrentActor() actor: Actor, @Args('input') input: AddCaseUpdateInput): Promise<CaseUpdate> {
    return this.updates.add(actor, input);
  }

  @Mutation(() => CaseUpdate, {
    description:
      'An update a partner organisation gave outside the app (by phone, email, at a meeting, by letter), recorded on its behalf on a case shared with it now, for a referral of the person to it (the referring worker or a manager)',
  })
  addCaseUpdateOnBehalf(@CurrentActor() actor: Actor, @Args('input') input: AddCaseUpdateOnBehalfInput): Promise<CaseUpdate> {
    return this.updates.addOnBehalf(actor, input);
  }

  @Query(() => CaseUpdateConnection, { description: "Updates recipients added to one of your service's cases, oldest first; audited" })
  caseUpdates(@CurrentActor() actor: Actor, @Args() { caseId, ...page }: CaseUpdatesArgs): Promise<Connection<CaseUpdate>> {
    return this.updates.forCase(actor, caseId, page);
  }

  @ResolveField(() => Boolean, { description: 'Works now: not revoked, started, not past until, agreement ACTIVE and in force (computed at read time)' })
  isLive(@Parent() s: CaseShare, @Context() ctx: GqlContext): Promise<boolean> {
    return this.shares.isLive(ctx, s.id);
  }

  @ResolveField(() => String, { nullable: true, description: 'The partner organisation or library service it goes to' })
  recipientName(@Parent() s: CaseShare, @Context() ctx: GqlContext): Promise<string | null> {
    return this.shares.recipientName(ctx, s);
  }

  @ResolveField(() => DataSharingAgreement, { nullable: true, description: 'The agreement it is made under; null if you may not see it' })
  agreement(@Parent() s: CaseShare, @Context() ctx: GqlContext): Promise<DataSharingAgreement | null> {
    return this.agreements.byId(ctx, actorOf(ctx), s.agreementId);
  }

  @ResolveField(() => Case, { nullable: true, description: 'Null if you may not see the case. Audited' })
  case(@Parent() s: CaseShare, @Context() ctx: GqlContext): Promise<Case | null> {
    return this.cases.byId(ctx, actorOf(ctx), s.caseId);
  }

  @ResolveField(() => PartnerOrganisation, { nullable: true, description: 'Null if none, or you may not see the organisation' })
  partnerOrganisation(@Parent() s: CaseShare, @Context() ctx: GqlContext): Promise<PartnerOrganisation | null> | null {
    return s.partnerOrganisationId ? this.organisations.byId(ctx, actorOf(ctx), s.partnerOrganisationId) : null;
  }
}

/**
 * CaseUpdate is a type partners read: it leads to no internal record (Case, CaseShare), so the
 * schema itself keeps a partner's client from them; the library reads those by caseId and caseShareId.
 */
@Resolver(() => CaseUpdate)
export class CaseUpdateResolver {
  constructor(private readonly organisations: PartnerOrganisationService) {}

  @ResolveField(() => PartnerOrganisation, { nullable: true, description: 'Null if none, or you may not see the organisation' })
  partnerOrganisation(@Parent() u: CaseUpdate, @Context() ctx: GqlContext): Promise<PartnerOrganisation | null> | null {
    return u.partnerOrganisationId ? this.organisations.byId(ctx, actorOf(ctx), u.partnerOrganisationId) : null;
  }
}
