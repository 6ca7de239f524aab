import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, actorOf, CurrentActor, type GqlContext } from '../../../access/src/index.js';
import { type Connection, ConnectionType, PageArgs } from '../../../common/src/index.js';
import { CaseUpdate, CaseUpdateConnection } from './case-update.entity.js';
import { AgreementService } from '../agreement/agreement.service.js';
import { DataSharingAgreement } from '../agreement/data-sharing-agreement.entity.js';
import { CaseUpdateService } from './case-update.service.js';
import { SharedCaseArgs, SharedCasesArgs } from './dto/shared-case.args.js';
import { SharedCaseService } from './shared-case.service.js';
import {
  SharedBan,
  SharedCase,
  SharedCaseShareInfo,
  SharedContact,
  SharedIncident,
  SharedIntelligenceItem,
  SharedReferral,
  SharedSpecialCategory,
  SharedSubject,
} from './shared-case.types.js';

const SharedCaseConnection = ConnectionType(SharedCase);
const SECTION = (category: string) => ({ nullable: true, description: `Null unless ${category} is shared with you` });

/**
 * The partner-facing read of shared cases. A purpose is required (argument `purpose` or header
 * X-Purpose) and written to the audit trail with every record returned.
 */
@Resolver(() => SharedCase)
export class SharedCaseResolver {
  constructor(
    private readonly shared: SharedCaseService,
    private readonly caseUpdates: CaseUpdateService,
  ) {}

  @Query(() => SharedCaseConnection, {
    description:
      'Cases with a live share to your organisation (partners) or your library service (managers and outreach workers of a receiving service), newest first. Requires a purpose',
  })
  sharedCases(@CurrentActor() actor: Actor, @Args() args: SharedCasesArgs): Promise<Connection<SharedCase>> {
    return this.shared.list(actor, args);
  }

  @Query(() => SharedCase, { description: 'One case shared with you now; NOT_FOUND otherwise. Requires a purpose' })
  sharedCase(@CurrentActor() actor: Actor, @Args() args: SharedCaseArgs): Promise<SharedCase> {
    return this.shared.get(actor, args);
  }

  @ResolveField(() => SharedSubject, SECTION('IDENTITY'))
  subject(@Parent() c: SharedCase, @Context() ctx: GqlContext): Promise<SharedSubject | null> {
    return this.shared.subject(ctx, actorOf(ctx), c);
  }

  @ResolveField(() => SharedContact, SECTION('CONTACT'))
  contact(@Parent() c: SharedCase, @Context() ctx: GqlContext): Promise<SharedContact | null> {
    return this.shared.contact(ctx, actorOf(ctx), c);
  }

  @ResolveField(() => [SharedIncident], SECTION('INCIDENTS'))
  incidents(@Parent() c: SharedCase, @Context() ctx: GqlContext): Promise<SharedIncident[] | null> {
    return this.shared.incidents(ctx, actorOf(ctx), c);
  }

  @ResolveField(() => [SharedBan], SECTION('BANS'))
  bans(@Parent() c: SharedCase, @Context() ctx: GqlContext): Promise<SharedBan[] | null> {
    return this.shared.bans(ctx, actorOf(ctx), c);
  }

  @ResolveField(() => [SharedReferral], SECTION('REFERRALS'))
  referrals(@Parent() c: SharedCase, @Context() ctx: GqlContext): Promise<SharedReferral[] | null> {
    return this.shared.referrals(ctx, actorOf(ctx), c);
  }

  @ResolveField(() => [SharedIntelligenceItem], SECTION('INTELLIGENCE'))
  intelligence(@Parent() c: SharedCase, @Context() ctx: GqlContext): Promise<SharedIntelligenceItem[] | null> {
    return this.shared.intelligence(ctx, actorOf(ctx), c);
  }

  @ResolveField(() => SharedSpecialCategory, SECTION('SPECIAL_CATEGORY'))
  specialCategory(@Parent() c: SharedCase, @Context() ctx: GqlContext): Promise<SharedSpecialCategory | null> {
    return this.shared.specialCategory(ctx, actorOf(ctx), c);
  }

  @ResolveField(() => [SharedCaseShareInfo], { description: 'The live shares of this case with you' })
  shares(@Parent() c: SharedCase, @Context() ctx: GqlContext): Promise<SharedCaseShareInfo[]> {
    return this.shared.shares(ctx, actorOf(ctx), c);
  }

  @ResolveField(() => CaseUpdateConnection, { description: 'The updates your organisation (or library service) added to this case, oldest first' })
  updates(@Parent() c: SharedCase, @Context() ctx: GqlContext, @Args() args: PageArgs): Promise<Connection<CaseUpdate>> {
    return this.caseUpdates.forSharedCase(ctx, actorOf(ctx), c.id, args);
  }
}

@Resolver(() => SharedCaseShareInfo)
export class SharedCaseShareInfoResolver {
  constructor(private readonly agreements: AgreementService) {}

  @ResolveField(() => DataSharingAgreement, { nullable: true, description: 'The agreement the share is made under, as you may read it' })
  agreement(@Parent() share: SharedCaseShareInfo, @Context() ctx: GqlContext): Promise<DataSharingAgreement | null> {
    return this.agreements.byId(ctx, actorOf(ctx), share.agreementId);
  }
}
