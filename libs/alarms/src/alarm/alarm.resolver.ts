import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { type Actor, actorOf, CurrentActor, type GqlContext, type LiveContext, LiveStreams } from '../../../access/src/index.js';
import { type Connection, ConnectionType, IdArgs, VersionedIdInput } from '../../../common/src/index.js';
import type { LiveEvent, LiveEventKind } from '../../../events/src/index.js';
import { Branch, BranchService } from '../../../tenancy/src/index.js';
import { Alarm, AlarmTimelineEntry } from './alarm.entity.js';
import { AlarmService } from './alarm.service.js';
import { StandDownAlarmPayload } from './draft-incident.js';
import { AlarmsArgs, AlarmUpdatesArgs, RaiseAlarmInput, StandDownAlarmInput } from './dto/alarm.input.js';

const AlarmConnection = ConnectionType(Alarm);

@Resolver(() => Alarm)
export class AlarmResolver {
  constructor(
    private readonly alarmService: AlarmService,
    private readonly branches: BranchService,
    private readonly live: LiveStreams,
  ) {}

  @Query(() => AlarmConnection, {
    description: 'Alarms you may see (STAFF: at your branches; partners: branches an active agreement names them for), newest first; audited',
  })
  alarms(@CurrentActor() actor: Actor, @Args() args: AlarmsArgs): Promise<Connection<Alarm>> {
    return this.alarmService.list(actor, args);
  }

  @Query(() => Alarm, { description: 'Audited read; NOT_FOUND when it does not exist or you may not see it' })
  alarm(@CurrentActor() actor: Actor, @Args() { id }: IdArgs): Promise<Alarm> {
    return this.alarmService.get(actor, id);
  }

  @Mutation(() => Alarm, { description: 'Raises an alarm at a branch you work at: it reaches colleagues and partners named for the branch at once' })
  raiseAlarm(@CurrentActor() actor: Actor, @Args('input') input: RaiseAlarmInput): Promise<Alarm> {
    return this.alarmService.raise(actor, input);
  }

  @Mutation(() => Alarm, { description: 'Acknowledges an active alarm ("seen, on my way"): once per person; CONFLICT once stood down' })
  acknowledgeAlarm(@CurrentActor() actor: Actor, @Args('input') input: VersionedIdInput): Promise<Alarm> {
    return this.alarmService.acknowledge(actor, input);
  }

  @Mutation(() => StandDownAlarmPayload, {
    description: 'Stands an alarm down; the answer offers a draft incident for recordIncident (none is recorded by itself)',
  })
  standDownAlarm(@CurrentActor() actor: Actor, @Args('input') input: StandDownAlarmInput): Promise<StandDownAlarmPayload> {
    return this.alarmService.standDown(actor, input);
  }

  @Subscription(() => Alarm, {
    description: 'Each alarm raised at these branches that you may read, as it is raised (over the WebSocket, graphql-ws)',
    resolve: (alarm: Alarm) => alarm,
  })
  alarmRaised(@Args() { branchIds }: AlarmUpdatesArgs, @Context() ctx: LiveContext): AsyncIterableIterator<Alarm> {
    return this.watch(ctx, ['ALARM_RAISED'], branchIds);
  }

  @Subscription(() => Alarm, {
    description: 'Each acknowledgement and stand-down of an alarm at these branches that you may read (over the WebSocket, graphql-ws)',
    resolve: (alarm: Alarm) => alarm,
  })
  alarmChanged(@Args() { branchIds }: AlarmUpdatesArgs, @Context() ctx: LiveContext): AsyncIterableIterator<Alarm> {
    return this.watch(ctx, ['ALARM_CHANGED'], branchIds);
  }

  @ResolveField(() => [AlarmTimelineEntry], { description: 'Raised, each acknowledgement, stood down: oldest first' })
  timeline(@Parent() alarm: Alarm, @Context() ctx: GqlContext): Promise<AlarmTimelineEntry[]> {
    return this.alarmService.timeline(ctx, actorOf(ctx), alarm.id);
  }

  @ResolveField(() => Boolean, { description: 'Not yet stood down' })
  active(@Parent() alarm: Alarm): boolean {
    return alarm.stoodDownAt === null;
  }

  @ResolveField(() => Branch, { nullable: true, description: 'Null when you may not see it' })
  branch(@Parent() alarm: Alarm, @Context() ctx: GqlContext): Promise<Branch | null> {
    return this.branches.byId(ctx, actorOf(ctx), alarm.branchId);
  }

  private watch(ctx: LiveContext, kinds: LiveEventKind[], branchIds: string[]): AsyncIterableIterator<Alarm> {
    const watched = new Set(branchIds);
    // One read of the alarm serves every subscriber with the same rules (a branch's staff): see LiveStreams.
    return this.live.stream(ctx, kinds, (event: LiveEvent, actor, share) =>
      event.branchId && watched.has(event.branchId) ? share('Alarm', () => this.alarmService.get(actor, event.id)) : Promise.resolve(null),
    );
  }
}
