import { VersionedReasonInput, type Connection, ConnectionType, IdArgs, VersionedIdInput } from '../../../common/src/index.js';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, actorOf, CurrentActor, type GqlContext } from '../../../access/src/index.js';
import { PartnerOrganisation, PartnerOrganisationService } from '../../../partners/src/index.js';
import { Branch, BranchService } from '../../../tenancy/src/index.js';
import { AgreementParty } from './agreement-party.entity.js';
import { AgreementSignatory } from './agreement-signatory.entity.js';
import { AgreementService } from './agreement.service.js';
import { DataSharingAgreement } from './data-sharing-agreement.entity.js';
import { AgreementsArgs, CreateAgreementInput, DueForReviewArgs, UpdateAgreementInput } from './dto/agreement.input.js';

const AgreementConnection = ConnectionType(DataSharingAgreement);

@Resolver(() => DataSharingAgreement)
export class AgreementResolver {
  constructor(
    private readonly agreements: AgreementService,
    private readonly branches: BranchService,
  ) {}

  @Query(() => AgreementConnection, {
    description: "Agreements you may see, newest first: your service's, or (partners, other services) those naming you once activated",
  })
  dataSharingAgreements(@CurrentActor() actor: Actor, @Args() args: AgreementsArgs): Promise<Connection<DataSharingAgreement>> {
    return this.agreements.list(actor, args);
  }

  @Query(() => DataSharingAgreement)
  dataSharingAgreement(@CurrentActor() actor: Actor, @Args() { id }: IdArgs): Promise<DataSharingAgreement> {
    return this.agreements.get(actor, id);
  }

  @Query(() => AgreementConnection, {
    description: 'ACTIVE or SUSPENDED agreements whose review date is within withinDays of today, or overdue; soonest first',
  })
  agreementsDueForReview(@CurrentActor() actor: Actor, @Args() { withinDays, ...page }: DueForReviewArgs): Promise<Connection<DataSharingAgreement>> {
    return this.agreements.dueForReview(actor, withinDays, page);
  }

  @Mutation(() => DataSharingAgreement, { description: 'Drafts an agreement (status DRAFT); managers only' })
  createDataSharingAgreement(@CurrentActor() actor: Actor, @Args('input') input: CreateAgreementInput): Promise<DataSharingAgreement> {
    return this.agreements.create(actor, input);
  }

  @Mutation(() => DataSharingAgreement, {
    description: 'Everything may change while DRAFT; afterwards only reviewOn, endsOn, retentionAgreed and securityMeasures',
  })
  updateDataSharingAgreement(@CurrentActor() actor: Actor, @Args('input') input: UpdateAgreementInput): Promise<DataSharingAgreement> {
    return this.agreements.update(actor, input);
  }

  @Mutation(() => DataSharingAgreement, {
    description:
      'DRAFT or SUSPENDED → ACTIVE. Needs a start date, a review date, at least one party and one signatory, and the conditions its categories call for',
  })
  activateDataSharingAgreement(@CurrentActor() actor: Actor, @Args('input') { id, version }: VersionedIdInput): Promise<DataSharingAgreement> {
    return this.agreements.transition(actor, id, version, 'activate', null);
  }

  @Mutation(() => DataSharingAgreement, { description: 'ACTIVE → SUSPENDED: every share under it stops working at once' })
  suspendDataSharingAgreement(@CurrentActor() actor: Actor, @Args('input') { id, version, reason }: VersionedReasonInput): Promise<DataSharingAgreement> {
    return this.agreements.transition(actor, id, version, 'suspend', reason);
  }

  @Mutation(() => DataSharingAgreement, { description: '→ TERMINATED (final): every share under it stops working at once' })
  terminateDataSharingAgreement(@CurrentActor() actor: Actor, @Args('input') { id, version, reason }: VersionedReasonInput): Promise<DataSharingAgreement> {
    return this.agreements.transition(actor, id, version, 'terminate', reason);
  }

  @ResolveField(() => [AgreementParty], { description: 'The parties besides the owning library service' })
  parties(@Parent() a: DataSharingAgreement, @Context() ctx: GqlContext): Promise<AgreementParty[]> {
    return this.agreements.parties(ctx, a.id);
  }

  @ResolveField(() => [Branch], { description: 'The branches of alertBranchIds you may see' })
  alertBranches(@Parent() a: DataSharingAgreement, @Context() ctx: GqlContext): Promise<Branch[]> {
    return this.branches.byIds(ctx, actorOf(ctx), a.alertBranchIds ?? []);
  }

  @ResolveField(() => [AgreementSignatory])
  signatories(@Parent() a: DataSharingAgreement, @Context() ctx: GqlContext): Promise<AgreementSignatory[]> {
    return this.agreements.signatories(ctx, a.id);
  }
}

@Resolver(() => AgreementParty)
export class AgreementPartyResolver {
  constructor(private readonly organisations: PartnerOrganisationService) {}

  @ResolveField(() => PartnerOrganisation, { nullable: true, description: 'Null if none, or you may not see the organisation' })
  partnerOrganisation(@Parent() party: AgreementParty, @Context() ctx: GqlContext): Promise<PartnerOrganisation | null> | null {
    return party.partnerOrganisationId ? this.organisations.byId(ctx, actorOf(ctx), party.partnerOrganisationId) : null;
  }
}
