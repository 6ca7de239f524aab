import { VersionedReasonArgs, type Connection, ConnectionType, IdArgs, VersionedIdArgs } from '../../../common/src/index.js';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor, type GqlContext } from '../../../access/src/index.js';
import { AgreementParty } from './agreement-party.entity.js';
import { AgreementSignatory } from './agreement-signatory.entity.js';
import { AgreementService } from './agreement.service.js';
import { DataSharingAgreement } from './data-sharing-agreement.entity.js';
import { AgreementsArgs, CreateAgreementInput, DueForReviewArgs, UpdateAgreementInput } from './dto/agreement.input.js';

const AgreementConnection = ConnectionType(DataSharingAgreement);

@Resolver(() => DataSharingAgreement)
export class AgreementResolver {
  constructor(private readonly agreements: AgreementService) {}

  @Query(() => AgreementConnection, { description: 'Agreements you may see, newest first: your service\'s, or (partners, other services) those naming you once activated' })
  dataSharingAgreements(@CurrentActor() actor: Actor, @Args() args: AgreementsArgs): Promise<Connection<DataSharingAgreement>> {
    return this.agreements.list(actor, args);
  }

  @Query(() => DataSharingAgreement)
  dataSharingAgreement(@CurrentActor() actor: Actor, @Args() { id }: IdArgs): Promise<DataSharingAgreement> {
    return this.agreements.get(actor, id);
  }

  @Query(() => [DataSharingAgreement], { description: 'ACTIVE or SUSPENDED agreements whose review date is within withinDays of today, or overdue; soonest first' })
  agreementsDueForReview(@CurrentActor() actor: Actor, @Args() { withinDays }: DueForReviewArgs): Promise<DataSharingAgreement[]> {
    return this.agreements.dueForReview(actor, withinDays);
  }

  @Mutation(() => DataSharingAgreement, { description: 'Drafts an agreement (status DRAFT); managers only' })
  createDataSharingAgreement(@CurrentActor() actor: Actor, @Args('input') input: CreateAgreementInput): Promise<DataSharingAgreement> {
    return this.agreements.create(actor, input);
  }

  @Mutation(() => DataSharingAgreement, { description: 'Everything may change while DRAFT; afterwards only reviewOn, endsOn, retentionAgreed and securityMeasures' })
  updateDataSharingAgreement(@CurrentActor() actor: Actor, @Args('input') input: UpdateAgreementInput): Promise<DataSharingAgreement> {
    return this.agreements.update(actor, input);
  }

  @Mutation(() => DataSharingAgreement, { description: 'DRAFT or SUSPENDED → ACTIVE. Needs a start date, a review date, at least one party and one signatory, and the conditions its categories call for' })
  activateDataSharingAgreement(@CurrentActor() actor: Actor, @Args() { id, version }: VersionedIdArgs): Promise<DataSharingAgreement> {
    return this.agreements.transition(actor, id, version, 'activate', null);
  }

  @Mutation(() => DataSharingAgreement, { description: 'ACTIVE → SUSPENDED: every share under it stops working at once' })
  suspendDataSharingAgreement(@CurrentActor() actor: Actor, @Args() { id, version, reason }: VersionedReasonArgs): Promise<DataSharingAgreement> {
    return this.agreements.transition(actor, id, version, 'suspend', reason);
  }

  @Mutation(() => DataSharingAgreement, { description: '→ TERMINATED (final): every share under it stops working at once' })
  terminateDataSharingAgreement(@CurrentActor() actor: Actor, @Args() { id, version, reason }: VersionedReasonArgs): Promise<DataSharingAgreement> {
    return this.agreements.transition(actor, id, version, 'terminate', reason);
  }

  @ResolveField(() => [AgreementParty], { description: 'The parties besides the owning library service' })
  parties(@Parent() a: DataSharingAgreement, @Context() ctx: GqlContext): Promise<AgreementParty[]> {
    return this.agreements.parties(ctx, a.id);
  }

  @ResolveField(() => [AgreementSignatory])
  signatories(@Parent() a: DataSharingAgreement, @Context() ctx: GqlContext): Promise<AgreementSignatory[]> {
    return this.agreements.signatories(ctx, a.id);
  }
}
