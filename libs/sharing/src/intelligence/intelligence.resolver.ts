import { VersionedReasonInput, type Connection, ConnectionType, IdArgs, VersionedIdInput } from '../../../common/src/index.js';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, actorOf, CurrentActor, type GqlContext } from '../../../access/src/index.js';
import { PartnerOrganisation, PartnerOrganisationService } from '../../../partners/src/index.js';
import { Branch, BranchService } from '../../../tenancy/src/index.js';
import { IntelligenceItemsArgs, RecordIntelligenceInput, SubmitIntelligenceInput } from './dto/intelligence.input.js';
import { IntelligenceItem } from './intelligence-item.entity.js';
import { IntelligenceService } from './intelligence.service.js';

const IntelligenceItemConnection = ConnectionType(IntelligenceItem);

/**
 * IntelligenceItem is a type partners read (what they submitted): it leads to no internal record
 * (Subject, Case, CaseShare), so subjectId, caseId and submittedViaShareId stay ids.
 */
@Resolver(() => IntelligenceItem)
export class IntelligenceResolver {
  constructor(
    private readonly intelligence: IntelligenceService,
    private readonly branches: BranchService,
    private readonly organisations: PartnerOrganisationService,
  ) {}

  @Query(() => IntelligenceItemConnection, {
    description:
      'Intelligence of your library service (managers, outreach workers, DPO), or that you submitted (partners); newest first; audited. Staff see none',
  })
  intelligenceItems(@CurrentActor() actor: Actor, @Args() args: IntelligenceItemsArgs): Promise<Connection<IntelligenceItem>> {
    return this.intelligence.list(actor, args);
  }

  @Query(() => IntelligenceItem, { description: 'Audited read' })
  intelligenceItem(@CurrentActor() actor: Actor, @Args() { id }: IdArgs): Promise<IntelligenceItem> {
    return this.intelligence.get(actor, id);
  }

  @Mutation(() => IntelligenceItem, { description: 'Managers and outreach workers record intelligence (ACCEPTED at once)' })
  recordIntelligence(@CurrentActor() actor: Actor, @Args('input') input: RecordIntelligenceInput): Promise<IntelligenceItem> {
    return this.intelligence.record(actor, input);
  }

  @Mutation(() => IntelligenceItem, { description: 'A partner (or receiving library service) submits intelligence to a case shared with it now (SUBMITTED)' })
  submitIntelligence(@CurrentActor() actor: Actor, @Args('input') input: SubmitIntelligenceInput): Promise<IntelligenceItem> {
    return this.intelligence.submit(actor, input);
  }

  @Mutation(() => IntelligenceItem, { description: 'SUBMITTED → ACCEPTED (into the record); managers only' })
  acceptIntelligence(@CurrentActor() actor: Actor, @Args('input') { id, version }: VersionedIdInput): Promise<IntelligenceItem> {
    return this.intelligence.decide(actor, id, version, true, null);
  }

  @Mutation(() => IntelligenceItem, { description: 'SUBMITTED → REJECTED; managers only' })
  rejectIntelligence(@CurrentActor() actor: Actor, @Args('input') { id, version, reason }: VersionedReasonInput): Promise<IntelligenceItem> {
    return this.intelligence.decide(actor, id, version, false, reason);
  }

  @ResolveField(() => Branch, { nullable: true, description: 'The branch it is about; null if none or you may not see it' })
  branch(@Parent() item: IntelligenceItem, @Context() ctx: GqlContext): Promise<Branch | null> | null {
    return item.branchId ? this.branches.byId(ctx, actorOf(ctx), item.branchId) : null;
  }

  @ResolveField(() => PartnerOrganisation, { nullable: true, description: 'The partner organisation that submitted it; null if none or you may not see it' })
  submittedByOrganisation(@Parent() item: IntelligenceItem, @Context() ctx: GqlContext): Promise<PartnerOrganisation | null> | null {
    return item.submittedByOrganisationId ? this.organisations.byId(ctx, actorOf(ctx), item.submittedByOrganisationId) : null;
  }

  @ResolveField(() => [PartnerOrganisation], { description: 'Handling code C: the organisations of handlingOrganisationIds you may see' })
  async handlingOrganisations(@Parent() item: IntelligenceItem, @Context() ctx: GqlContext): Promise<PartnerOrganisation[]> {
    const found = await Promise.all((item.handlingOrganisationIds ?? []).map((id) => this.organisations.byId(ctx, actorOf(ctx), id)));
    return found.filter((o): o is PartnerOrganisation => o !== null);
  }
}
