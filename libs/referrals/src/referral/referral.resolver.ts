import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, actorOf, CurrentActor, type GqlContext } from '../../../access/src/index.js';
import { type Connection, ConnectionType, IdArgs, PageArgs, VersionedIdInput, DateTimeScalar } from '../../../common/src/index.js';
import { PartnerContact, PartnerContactService, PartnerOrganisation, PartnerOrganisationService } from '../../../partners/src/index.js';
import { ReferralUpdate } from '../referral-update/referral-update.entity.js';
import { ReferralUpdateService } from '../referral-update/referral-update.service.js';
import { CreateReferralInput } from './dto/create-referral.input.js';
import { IncomingReferralsArgs, ReferralsArgs } from './dto/referral-filter.input.js';
import {
  CloseReferralInput,
  CloseReferralOnBehalfInput,
  DeclineReferralInput,
  DeclineReferralOnBehalfInput,
  ReferralOnBehalfInput,
  WithdrawReferralInput,
} from './dto/transition.args.js';
import { UpdateReferralInput } from './dto/update-referral.input.js';
import { isOverdue, responseDueAt } from './referral-deadlines.js';
import { ReferralDetailsService } from './referral-details.service.js';
import { ReferralSubject } from './referral-subject.js';
import { ReferralTransition } from './referral-transition.entity.js';
import { ReferralWorkflowService } from './referral-workflow.service.js';
import { Referral } from './referral.entity.js';
import { ReferralStatus } from './referral.enums.js';
import { ReferralService } from './referral.service.js';

const ReferralConnection = ConnectionType(Referral);
const ReferralUpdateConnection = ConnectionType(ReferralUpdate);

@Resolver(() => Referral)
export class ReferralResolver {
  constructor(
    private readonly referralService: ReferralService,
    private readonly workflow: ReferralWorkflowService,
    private readonly details: ReferralDetailsService,
    private readonly updateService: ReferralUpdateService,
    private readonly organisations: PartnerOrganisationService,
    private readonly contacts: PartnerContactService,
  ) {}

  @Query(() => ReferralConnection, { description: 'Referrals you may see, newest first; each read is audited' })
  referrals(@CurrentActor() actor: Actor, @Args() args: ReferralsArgs): Promise<Connection<Referral>> {
    return this.referralService.list(actor, args);
  }

  @Query(() => ReferralConnection, { description: 'Partner users: referrals sent to your organisation, most recently sent first; each read is audited' })
  incomingReferrals(@CurrentActor() actor: Actor, @Args() args: IncomingReferralsArgs): Promise<Connection<Referral>> {
    return this.referralService.incoming(actor, args);
  }

  @Query(() => ReferralConnection, { description: 'SENT referrals not accepted or declined within the working days of their urgency; longest waiting first' })
  overdueReferrals(@CurrentActor() actor: Actor, @Args() args: PageArgs): Promise<Connection<Referral>> {
    return this.referralService.overdue(actor, args);
  }

  @Query(() => Referral, { description: 'Audited read; NOT_FOUND when you may not see it' })
  referral(@CurrentActor() actor: Actor, @Args() { id }: IdArgs): Promise<Referral> {
    return this.referralService.get(actor, id);
  }

  @Mutation(() => Referral, { description: 'Creates a DRAFT (outreach workers and managers)' })
  createReferral(@CurrentActor() actor: Actor, @Args('input') input: CreateReferralInput): Promise<Referral> {
    return this.referralService.create(actor, input);
  }

  @Mutation(() => Referral, { description: 'Edits a DRAFT; a sent referral answers CONFLICT' })
  updateReferral(@CurrentActor() actor: Actor, @Args('input') input: UpdateReferralInput): Promise<Referral> {
    return this.referralService.update(actor, input);
  }

  @Mutation(() => Referral, {
    description:
      'DRAFT → SENT. BAD_USER_INPUT lists what is missing (consent record, lawful basis and justification, special category condition, contact route)',
  })
  sendReferral(@CurrentActor() actor: Actor, @Args('input') { id, version }: VersionedIdInput): Promise<Referral> {
    return this.workflow.transition(actor, id, version, ReferralStatus.SENT);
  }

  @Mutation(() => Referral, { description: 'SENT → WITHDRAWN (the library)' })
  withdrawReferral(@CurrentActor() actor: Actor, @Args('input') { id, version, reason }: WithdrawReferralInput): Promise<Referral> {
    return this.workflow.transition(actor, id, version, ReferralStatus.WITHDRAWN, { withdrawalReason: reason });
  }

  @Mutation(() => Referral, { description: 'SENT → ACCEPTED (the receiving partner)' })
  acceptReferral(@CurrentActor() actor: Actor, @Args('input') { id, version }: VersionedIdInput): Promise<Referral> {
    return this.workflow.transition(actor, id, version, ReferralStatus.ACCEPTED);
  }

  @Mutation(() => Referral, { description: 'SENT → DECLINED with a reason (the receiving partner)' })
  declineReferral(@CurrentActor() actor: Actor, @Args('input') { id, version, reason, details }: DeclineReferralInput): Promise<Referral> {
    return this.workflow.transition(actor, id, version, ReferralStatus.DECLINED, { declineReason: reason, declineDetails: details });
  }

  @Mutation(() => Referral, { description: 'ACCEPTED → IN_PROGRESS (the receiving partner)' })
  startReferral(@CurrentActor() actor: Actor, @Args('input') { id, version }: VersionedIdInput): Promise<Referral> {
    return this.workflow.transition(actor, id, version, ReferralStatus.IN_PROGRESS);
  }

  @Mutation(() => Referral, { description: 'IN_PROGRESS → CLOSED with the outcome (the library or the receiving partner)' })
  closeReferral(@CurrentActor() actor: Actor, @Args('input') { id, version, outcome, notes }: CloseReferralInput): Promise<Referral> {
    return this.workflow.transition(actor, id, version, ReferralStatus.CLOSED, { outcome, outcomeNotes: notes });
  }

  // A partner with no login answers by phone, email, at a meeting or by letter: the library records its moves on its behalf.

  @Mutation(() => Referral, {
    description: 'SENT → ACCEPTED, recorded on behalf of the receiving partner, which answered outside the app (the referring worker or a manager)',
  })
  acceptReferralOnBehalf(@CurrentActor() actor: Actor, @Args('input') { id, version, onBehalf }: ReferralOnBehalfInput): Promise<Referral> {
    return this.workflow.transition(actor, id, version, ReferralStatus.ACCEPTED, {}, onBehalf);
  }

  @Mutation(() => Referral, { description: 'SENT → DECLINED with a reason, recorded on behalf of the receiving partner (the referring worker or a manager)' })
  declineReferralOnBehalf(
    @CurrentActor() actor: Actor,
    @Args('input') { id, version, reason, details, onBehalf }: DeclineReferralOnBehalfInput,
  ): Promise<Referral> {
    return this.workflow.transition(actor, id, version, ReferralStatus.DECLINED, { declineReason: reason, declineDetails: details }, onBehalf);
  }

  @Mutation(() => Referral, { description: 'ACCEPTED → IN_PROGRESS, recorded on behalf of the receiving partner (the referring worker or a manager)' })
  startReferralOnBehalf(@CurrentActor() actor: Actor, @Args('input') { id, version, onBehalf }: ReferralOnBehalfInput): Promise<Referral> {
    return this.workflow.transition(actor, id, version, ReferralStatus.IN_PROGRESS, {}, onBehalf);
  }

  @Mutation(() => Referral, {
    description: 'IN_PROGRESS → CLOSED with the outcome the receiving partner gave outside the app, recorded on its behalf (the referring worker or a manager)',
  })
  closeReferralOnBehalf(@CurrentActor() actor: Actor, @Args('input') { id, version, outcome, notes, onBehalf }: CloseReferralOnBehalfInput): Promise<Referral> {
    return this.workflow.transition(actor, id, version, ReferralStatus.CLOSED, { outcome, outcomeNotes: notes }, onBehalf);
  }

  @ResolveField(() => ReferralSubject, { nullable: true, description: 'Name or description of the person; nothing else of their record' })
  subject(@Parent() referral: Referral, @Context() ctx: GqlContext): Promise<ReferralSubject | null> {
    return this.details.subject(ctx, actorOf(ctx), referral.id);
  }

  @ResolveField(() => PartnerOrganisation, { nullable: true, description: 'Null if you may not see the organisation' })
  partnerOrganisation(@Parent() referral: Referral, @Context() ctx: GqlContext): Promise<PartnerOrganisation | null> {
    return this.organisations.byId(ctx, actorOf(ctx), referral.partnerOrganisationId);
  }

  @ResolveField(() => PartnerContact, { nullable: true, description: 'The named contact at the partner; null if none or you may not see them. Audited' })
  partnerContact(@Parent() referral: Referral, @Context() ctx: GqlContext): Promise<PartnerContact | null> | null {
    return referral.partnerContactId ? this.contacts.byId(ctx, actorOf(ctx), referral.partnerContactId) : null;
  }

  @ResolveField(() => [ReferralTransition], { description: 'Every status change, oldest first: who and when' })
  transitions(@Parent() referral: Referral, @Context() ctx: GqlContext): Promise<ReferralTransition[]> {
    return this.details.transitions(ctx, actorOf(ctx), referral.id);
  }

  @ResolveField(() => ReferralUpdateConnection, { description: 'Messages between library and partner, oldest first; each read is audited' })
  updates(@Parent() referral: Referral, @Context() ctx: GqlContext, @Args() args: PageArgs): Promise<Connection<ReferralUpdate>> {
    return this.updateService.forReferral(ctx, actorOf(ctx), referral.id, args);
  }

  @ResolveField(() => DateTimeScalar, {
    nullable: true,
    description: "When the partner's answer is (or was) due, in working days by urgency; null for a draft",
  })
  responseDueAt(@Parent() referral: Referral): Date | null {
    return responseDueAt(referral, this.referralService.responseDays);
  }

  @ResolveField(() => Boolean, { description: 'SENT and not answered by responseDueAt' })
  isOverdue(@Parent() referral: Referral): boolean {
    return isOverdue(referral, this.referralService.responseDays);
  }
}
