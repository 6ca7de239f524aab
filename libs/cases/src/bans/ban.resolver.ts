import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, actorOf, CurrentActor, type GqlContext } from '../../../access/src/index.js';
import { type Connection, ConnectionType, IdArgs } from '../../../common/src/index.js';
import { Branch, BranchService } from '../../../tenancy/src/index.js';
import { Incident } from '../incidents/incident.entity.js';
import { Subject } from '../subjects/subject.entity.js';
import { SubjectService } from '../subjects/subject.service.js';
import { BanDetailsService } from './ban-details.service.js';
import { effectiveBanStatus, isBanInForce } from './ban-state.js';
import { BanTransition } from './ban-transition.entity.js';
import { Ban } from './ban.entity.js';
import { BanStatus } from './ban.enums.js';
import { BanService, banToday } from './ban.service.js';
import { BansArgs, BansDueForReviewArgs, TransitionBanInput } from './dto/ban-args.js';
import { ProposeBanInput } from './dto/propose-ban.input.js';
import { RecordHistoricBanInput } from './dto/record-historic-ban.input.js';
import { UpdateBanInput } from './dto/update-ban.input.js';

const BanConnection = ConnectionType(Ban);

@Resolver(() => Ban)
export class BanResolver {
  constructor(
    private readonly banService: BanService,
    private readonly details: BanDetailsService,
    private readonly subjects: SubjectService,
    private readonly branchService: BranchService,
  ) {}

  @Query(() => BanConnection, { description: 'Bans you may see, newest first; each read is audited' })
  bans(@CurrentActor() actor: Actor, @Args() args: BansArgs): Promise<Connection<Ban>> {
    return this.banService.list(actor, args);
  }

  @Query(() => Ban, { description: 'Audited read; NOT_FOUND when it does not exist or you may not see it' })
  ban(@CurrentActor() actor: Actor, @Args() { id }: IdArgs): Promise<Ban> {
    return this.banService.get(actor, id);
  }

  @Query(() => BanConnection, {
    description: 'Bans you may review (managers) whose review date is within withinDays of today, overdue included, earliest first',
  })
  bansDueForReview(@CurrentActor() actor: Actor, @Args() args: BansDueForReviewArgs): Promise<Connection<Ban>> {
    return this.banService.dueForReview(actor, args);
  }

  @Mutation(() => Ban, { description: 'Any member of staff may propose a ban in the moment; it applies once a manager confirms it' })
  proposeBan(@CurrentActor() actor: Actor, @Args('input') input: ProposeBanInput): Promise<Ban> {
    return this.banService.propose(actor, input);
  }

  @Mutation(() => Ban, {
    description:
      'Records a ban that was decided and has ended before it was in the system, from paper records, with its real dates (managers): ' +
      'historic, confirmed, reads EXPIRED; retention counts from its real end',
  })
  recordHistoricBan(@CurrentActor() actor: Actor, @Args('input') input: RecordHistoricBanInput): Promise<Ban> {
    return this.banService.recordHistoric(actor, input);
  }

  @Mutation(() => Ban, { description: 'Changes the given fields (managers); a stale version answers CONFLICT' })
  updateBan(@CurrentActor() actor: Actor, @Args('input') input: UpdateBanInput): Promise<Ban> {
    return this.banService.update(actor, input);
  }

  @Mutation(() => Ban, {
    description:
      'Moves a ban (managers): PROPOSED → ACTIVE (confirm) or LIFTED (not confirmed); ACTIVE → UNDER_REVIEW or LIFTED; UNDER_REVIEW → ACTIVE or LIFTED. ' +
      'A move the current status does not allow answers CONFLICT; EXPIRED follows from endsOn and is never set',
  })
  transitionBan(@CurrentActor() actor: Actor, @Args('input') input: TransitionBanInput): Promise<Ban> {
    return this.banService.transition(actor, input);
  }

  @ResolveField(() => BanStatus, { description: 'The status today: EXPIRED once endsOn has passed' })
  effectiveStatus(@Parent() ban: Ban): BanStatus {
    return effectiveBanStatus(ban, banToday());
  }

  @ResolveField(() => Boolean, { description: 'Confirmed, started and not ended: staff must apply it today' })
  isInForce(@Parent() ban: Ban): boolean {
    return isBanInForce(ban, banToday());
  }

  @ResolveField(() => String, { nullable: true, description: 'The person: name, or description when the name is unknown' })
  subjectLabel(@Parent() ban: Ban, @Context() ctx: GqlContext): Promise<string | null> {
    return this.details.subjectLabel(ctx, actorOf(ctx), ban);
  }

  @ResolveField(() => Subject, { nullable: true, description: 'Null if you may not see the person. Audited' })
  subject(@Parent() ban: Ban, @Context() ctx: GqlContext): Promise<Subject | null> {
    return this.subjects.byId(ctx, actorOf(ctx), ban.subjectId);
  }

  @ResolveField(() => [ID], { description: 'The branches it covers when scope is LISTED_BRANCHES (empty for ALL_BRANCHES)' })
  branchIds(@Parent() ban: Ban, @Context() ctx: GqlContext): Promise<string[]> {
    return this.details.branchIds(ctx, actorOf(ctx), ban.id, 'Ban');
  }

  @ResolveField(() => [Branch], { description: 'The branches of branchIds you may see' })
  async branches(@Parent() ban: Ban, @Context() ctx: GqlContext): Promise<Branch[]> {
    return this.branchService.byIds(ctx, actorOf(ctx), await this.details.branchIds(ctx, actorOf(ctx), ban.id, 'Ban'));
  }

  @ResolveField(() => [ID], { description: 'Ids of the incidents that led to it' })
  incidentIds(@Parent() ban: Ban, @Context() ctx: GqlContext): Promise<string[]> {
    return this.details.incidentIds(ctx, actorOf(ctx), ban.id);
  }

  @ResolveField(() => [Incident], { description: 'The linked incidents you may also read; each read is audited' })
  incidents(@Parent() ban: Ban, @Context() ctx: GqlContext): Promise<Incident[]> {
    return this.details.incidents(ctx, actorOf(ctx), ban.id);
  }

  @ResolveField(() => [BanTransition], { description: 'Every move, oldest first: who, when, from, to, why' })
  transitions(@Parent() ban: Ban, @Context() ctx: GqlContext): Promise<BanTransition[]> {
    return this.details.transitions(ctx, actorOf(ctx), ban.id);
  }
}
