import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, actorOf, CurrentActor, type GqlContext } from '../../../access/src/index.js';
import { type Connection, ConnectionType, IdArgs } from '../../../common/src/index.js';
import {
  AddIncidentEvidenceInput,
  AddIncidentSubjectInput,
  RecordIncidentDebriefInput,
  RemoveIncidentEvidenceInput,
  RemoveIncidentSubjectInput,
} from './dto/incident-details.input.js';
import { IncidentsArgs } from './dto/incident-filter.input.js';
import { RecordIncidentInput } from './dto/record-incident.input.js';
import { UpdateIncidentInput } from './dto/update-incident.input.js';
import { IncidentEvidence, IncidentFollowUpAction, IncidentPerson, IncidentStaffMember, IncidentWelfareCheck } from './incident-details.types.js';
import { IncidentDetailsService } from './incident-details.service.js';
import { Branch, BranchService } from '../../../tenancy/src/index.js';
import { Subject } from '../subjects/subject.entity.js';
import { SubjectService } from '../subjects/subject.service.js';
import { Incident } from './incident.entity.js';
import { IncidentService } from './incident.service.js';

const IncidentConnection = ConnectionType(Incident);

@Resolver(() => Incident)
export class IncidentResolver {
  constructor(
    private readonly incidentService: IncidentService,
    private readonly details: IncidentDetailsService,
    private readonly branches: BranchService,
  ) {}

  @Query(() => IncidentConnection, { description: 'Incidents you may see (STAFF: at your branches), most recent first; each read is audited' })
  incidents(@CurrentActor() actor: Actor, @Args() args: IncidentsArgs): Promise<Connection<Incident>> {
    return this.incidentService.list(actor, args);
  }

  @Query(() => Incident, { description: 'Audited read; NOT_FOUND when it does not exist or you may not see it' })
  incident(@CurrentActor() actor: Actor, @Args() { id }: IdArgs): Promise<Incident> {
    return this.incidentService.get(actor, id);
  }

  @Mutation(() => Incident, { description: 'Records an incident: only occurredAt, branchId, category and description are required' })
  recordIncident(@CurrentActor() actor: Actor, @Args('input') input: RecordIncidentInput): Promise<Incident> {
    return this.incidentService.record(actor, input);
  }

  @Mutation(() => Incident, { description: 'Changes the given fields; a stale version answers CONFLICT' })
  updateIncident(@CurrentActor() actor: Actor, @Args('input') input: UpdateIncidentInput): Promise<Incident> {
    return this.incidentService.update(actor, input);
  }

  @Mutation(() => Incident, { description: 'Adds a person (a recorded subject) with their part' })
  addIncidentSubject(@CurrentActor() actor: Actor, @Args('input') input: AddIncidentSubjectInput): Promise<Incident> {
    return this.details.addSubject(actor, input);
  }

  @Mutation(() => Incident)
  removeIncidentSubject(@CurrentActor() actor: Actor, @Args('input') input: RemoveIncidentSubjectInput): Promise<Incident> {
    return this.details.removeSubject(actor, input);
  }

  @Mutation(() => Incident, { description: 'Adds a reference to CCTV, bodycam footage, a photo or other evidence' })
  addIncidentEvidence(@CurrentActor() actor: Actor, @Args('input') input: AddIncidentEvidenceInput): Promise<Incident> {
    return this.details.addEvidence(actor, input);
  }

  @Mutation(() => Incident, { description: 'Removes an evidence reference (by its id)' })
  removeIncidentEvidence(@CurrentActor() actor: Actor, @Args('input') { id }: RemoveIncidentEvidenceInput): Promise<Incident> {
    return this.details.removeEvidence(actor, id);
  }

  @Mutation(() => Incident, { description: 'Records the post-incident debrief and staff welfare checklist (managers)' })
  recordIncidentDebrief(@CurrentActor() actor: Actor, @Args('input') input: RecordIncidentDebriefInput): Promise<Incident> {
    return this.details.recordDebrief(actor, input);
  }

  @ResolveField(() => Branch, { nullable: true, description: 'Null if you may not see the branch' })
  branch(@Parent() incident: Incident, @Context() ctx: GqlContext): Promise<Branch | null> {
    return this.branches.byId(ctx, actorOf(ctx), incident.branchId);
  }

  @ResolveField(() => [IncidentPerson], { description: 'People involved, with their part' })
  people(@Parent() incident: Incident, @Context() ctx: GqlContext): Promise<IncidentPerson[]> {
    return this.details.people(ctx, actorOf(ctx), incident.id);
  }

  @ResolveField(() => [IncidentStaffMember], { description: 'Staff involved' })
  staffInvolved(@Parent() incident: Incident, @Context() ctx: GqlContext): Promise<IncidentStaffMember[]> {
    return this.details.staff(ctx, actorOf(ctx), incident.id);
  }

  @ResolveField(() => [ID], { description: 'Ids of the staff involved' })
  async staffInvolvedIds(@Parent() incident: Incident, @Context() ctx: GqlContext): Promise<string[]> {
    return (await this.details.staff(ctx, actorOf(ctx), incident.id)).map((s) => s.userId);
  }

  @ResolveField(() => [IncidentEvidence])
  evidence(@Parent() incident: Incident, @Context() ctx: GqlContext): Promise<IncidentEvidence[]> {
    return this.details.evidence(ctx, actorOf(ctx), incident.id);
  }

  @ResolveField(() => [IncidentWelfareCheck], { nullable: true, description: 'Staff welfare checklist answers; null unless you are a manager or the DPO' })
  welfareChecks(@Parent() incident: Incident, @Context() ctx: GqlContext): Promise<IncidentWelfareCheck[] | null> {
    return this.details.welfareChecks(ctx, actorOf(ctx), incident);
  }

  @ResolveField(() => [IncidentFollowUpAction])
  followUpActions(@Parent() incident: Incident, @Context() ctx: GqlContext): Promise<IncidentFollowUpAction[]> {
    return this.details.followUps(ctx, actorOf(ctx), incident.id);
  }
}

@Resolver(() => IncidentPerson)
export class IncidentPersonResolver {
  constructor(private readonly subjects: SubjectService) {}

  @ResolveField(() => Subject, { nullable: true, description: "The person's record: null if you may not see it (staff see the label only). Audited" })
  subject(@Parent() person: IncidentPerson, @Context() ctx: GqlContext): Promise<Subject | null> {
    return this.subjects.byId(ctx, actorOf(ctx), person.subjectId);
  }
}
