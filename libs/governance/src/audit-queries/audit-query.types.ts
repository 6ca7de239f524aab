import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Role } from '../../../access/src/users/role.enum.js';
import { PageInfo } from '../../../common/src/index.js';
import { AuditEvent } from '../audit/audit-event.entity.js';

@ObjectType('AuditEventEdge')
export class AuditEventEdge {
  @Field() cursor: string;
  @Field(() => AuditEvent) node: AuditEvent;
}

/** `totalCount` is counted only when asked for: on millions of events the page itself stays fast. */
@ObjectType('AuditEventConnection')
export class AuditEventConnection {
  @Field(() => [AuditEventEdge]) edges: AuditEventEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int, { description: 'Events matching the filter (counted on request)' }) totalCount?: number;
  /** Not a GraphQL field: counts the same filter. */
  count: () => Promise<number>;
}

@ObjectType({ description: 'Who acted, as far as the DPO may see (users of the same library service)' })
export class AuditActorView {
  @Field(() => ID) id: string;
  @Field() displayName: string;
  @Field(() => Role) role: Role;
  @Field(() => ID, { nullable: true }) partnerOrganisationId: string | null;
  @Field(() => String, { nullable: true }) partnerOrganisationName: string | null;
}
