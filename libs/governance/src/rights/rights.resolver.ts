import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, actorOf, CurrentActor, type GqlContext } from '../../../access/src/index.js';
import { type Connection, ConnectionType, IdArgs, REPORT_COST } from '../../../common/src/index.js';
import { DecideRightsRequestInput, LiftRestrictionInput, LogRightsRequestInput, RightsRequestsArgs, SubjectIdArgs } from './dto/rights-request.inputs.js';
import { RightsRequest } from './rights-request.entity.js';
import { RightsRequestService } from './rights-request.service.js';
import { RightsOutcomeView, SubjectAccessExport } from './rights.types.js';
import { SubjectAccessService } from './subject-access.service.js';
import { SubjectRestriction } from './subject-restriction.entity.js';

const RightsRequestConnection = ConnectionType(RightsRequest);

@Resolver(() => RightsRequest)
export class RightsResolver {
  constructor(
    private readonly requests: RightsRequestService,
    private readonly access: SubjectAccessService,
  ) {}

  @Query(() => RightsRequestConnection, { description: "Data subjects' requests, most recently received first (the DPO)" })
  rightsRequests(@CurrentActor() actor: Actor, @Args() args: RightsRequestsArgs): Promise<Connection<RightsRequest>> {
    return this.requests.list(actor, args);
  }

  @Query(() => RightsRequest)
  rightsRequest(@CurrentActor() actor: Actor, @Args() { id }: IdArgs): Promise<RightsRequest> {
    return this.requests.get(actor, id);
  }

  @Mutation(() => RightsRequest, { description: 'Logs a request received from a person (the DPO)' })
  logRightsRequest(@CurrentActor() actor: Actor, @Args('input') input: LogRightsRequestInput): Promise<RightsRequest> {
    return this.requests.log(actor, input);
  }

  @Mutation(() => RightsRequest, { description: 'Decides a request and carries the decision out, in one transaction (the DPO)' })
  decideRightsRequest(@CurrentActor() actor: Actor, @Args('input') input: DecideRightsRequestInput): Promise<RightsRequest> {
    return this.requests.decide(actor, input);
  }

  @Query(() => SubjectAccessExport, {
    complexity: REPORT_COST,
    description: 'Everything held about a person, as JSON and as a readable document (the DPO); audited as EXPORT',
  })
  subjectAccessExport(@CurrentActor() actor: Actor, @Args() { subjectId }: SubjectIdArgs): Promise<SubjectAccessExport> {
    return this.access.exportFor(actor, subjectId);
  }

  @Query(() => SubjectRestriction, { nullable: true, description: "The person's active restriction of processing, if any (the DPO)" })
  subjectRestriction(@CurrentActor() actor: Actor, @Args() { subjectId }: SubjectIdArgs): Promise<SubjectRestriction | null> {
    return this.requests.activeRestriction(actor, subjectId);
  }

  @Mutation(() => SubjectRestriction, { description: 'Ends a restriction of processing (the DPO)' })
  liftSubjectRestriction(@CurrentActor() actor: Actor, @Args('input') input: LiftRestrictionInput): Promise<SubjectRestriction> {
    return this.requests.liftRestriction(actor, input);
  }

  @ResolveField(() => RightsOutcomeView, { nullable: true, description: 'What the decision did (null until decided)' })
  outcome(@Parent() request: RightsRequest): RightsOutcomeView | null {
    const o = request.outcome;
    if (!o) return null;
    return {
      erased: o.erased ?? [],
      kept: o.kept ?? [],
      linksRemoved: o.linksRemoved ?? [],
      corrected: o.corrected ?? [],
      restrictionId: o.restrictionId ?? null,
    };
  }
}

@Resolver(() => SubjectRestriction)
export class SubjectRestrictionResolver {
  constructor(private readonly requests: RightsRequestService) {}

  @ResolveField(() => RightsRequest, { nullable: true, description: 'The request that led to it; null if none or you may not see it. Audited' })
  rightsRequest(@Parent() restriction: SubjectRestriction, @Context() ctx: GqlContext): Promise<RightsRequest | null> | null {
    return restriction.rightsRequestId ? this.requests.byId(ctx, actorOf(ctx), restriction.rightsRequestId) : null;
  }
}
