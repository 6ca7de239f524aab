import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, actorOf, CurrentActor, type GqlContext } from '../../../access/src/index.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { AuditQueryService } from './audit-query.service.js';
import { AuditActorView, AuditEventConnection } from './audit-query.types.js';
import { AuditEventsArgs } from './dto/audit-event-filter.input.js';

@Resolver(() => AuditEvent)
export class AuditQueryResolver {
  constructor(private readonly service: AuditQueryService) {}

  @Query(() => AuditEventConnection, { description: 'The audit trail of your library service, newest first (the DPO; empty for everyone else)' })
  auditEvents(@CurrentActor() actor: Actor, @Args() args: AuditEventsArgs): Promise<AuditEventConnection> {
    return this.service.list(actor, args);
  }

  @ResolveField(() => AuditActorView, { nullable: true, description: 'The user, if one of your service (null for the CLI and the retention sweep)' })
  actor(@Parent() event: AuditEvent, @Context() ctx: GqlContext): Promise<AuditActorView | null> | null {
    return event.actorId ? this.service.actorOf(ctx, actorOf(ctx), event.actorId) : null;
  }
}

@Resolver(() => AuditEventConnection)
export class AuditEventConnectionResolver {
  @ResolveField(() => Int)
  totalCount(@Parent() connection: AuditEventConnection): Promise<number> {
    return connection.count();
  }
}
