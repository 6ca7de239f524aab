import { ArgsType, Context, Field, ID, Args, Resolver, Subscription } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { type LiveContext, LiveStreams, Role } from '../../../access/src/index.js';
import { AccessDeniedError } from '../../../common/src/index.js';
import { Incident } from './incident.entity.js';
import { IncidentSeverity } from './incident.enums.js';
import { IncidentService } from './incident.service.js';

/** Lowest first: minSeverity HIGH matches HIGH and CRITICAL. */
const SEVERITY_ORDER = [IncidentSeverity.LOW, IncidentSeverity.MEDIUM, IncidentSeverity.HIGH, IncidentSeverity.CRITICAL];

/** Who watches incidents as they are recorded: the people who act on them across the service. */
const WATCHERS = new Set<Role>([Role.MANAGER, Role.OUTREACH_WORKER]);

@ArgsType()
export class IncidentRecordedArgs {
  @Field(() => [ID], { nullable: true, description: 'Only incidents at any of these branches (at most 100); null: every branch' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'each of $property must be a UUID' })
  branchIds?: string[] | null;

  @Field(() => IncidentSeverity, { nullable: true, description: 'Only incidents assessed at least this severe (an unassessed one does not match)' })
  @IsOptional()
  @IsEnum(IncidentSeverity)
  minSeverity?: IncidentSeverity | null;
}

export function meetsSeverity(severity: IncidentSeverity | null, min: IncidentSeverity | null | undefined): boolean {
  if (!min) return true;
  return severity !== null && SEVERITY_ORDER.indexOf(severity) >= SEVERITY_ORDER.indexOf(min);
}

@Resolver(() => Incident)
export class IncidentLiveResolver {
  constructor(
    private readonly incidents: IncidentService,
    private readonly live: LiveStreams,
  ) {}

  @Subscription(() => Incident, {
    description:
      'Each incident recorded from now on that you may read (MANAGER, OUTREACH_WORKER), over the WebSocket (graphql-ws); each delivery is an audited read',
    resolve: (incident: Incident) => incident,
  })
  incidentRecorded(@Args() { branchIds, minSeverity }: IncidentRecordedArgs, @Context() ctx: LiveContext): AsyncIterableIterator<Incident> {
    if (!ctx.actor || !WATCHERS.has(ctx.actor.principal.role))
      throw new AccessDeniedError('Only managers and outreach workers watch incidents as they are recorded');
    const branches = branchIds ? new Set(branchIds) : null;
    return this.live.stream(ctx, ['INCIDENT_RECORDED'], async (event, actor, share) => {
      if (!WATCHERS.has(actor.principal.role) || (branches && !(event.branchId && branches.has(event.branchId)))) return null;
      const incident = await share('Incident', () => this.incidents.get(actor, event.id));
      return meetsSeverity(incident.severity, minSeverity) ? incident : null;
    });
  }
}
