import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor, actorOf, type GqlContext } from '../../../access/src/index.js';
import { type Connection, ConnectionType, IdArgs, VersionedIdInput } from '../../../common/src/index.js';
import { Branch, BranchService } from '../../../tenancy/src/index.js';
import { PartnerOrganisation } from '../partner-organisation/partner-organisation.entity.js';
import { PartnerOrganisationService } from '../partner-organisation/partner-organisation.service.js';
import { ContactLog } from './contact-log.entity.js';
import { ContactLogService } from './contact-log.service.js';
import { ContactLogsArgs } from './dto/contact-log-filter.input.js';
import { CreateContactLogInput } from './dto/create-contact-log.input.js';
import { UpdateContactLogInput } from './dto/update-contact-log.input.js';
import { FollowUpAction } from './follow-up-action.entity.js';
import { FollowUpActionService } from './follow-up-action.service.js';

const ContactLogConnection = ConnectionType(ContactLog);

@Resolver(() => ContactLog)
export class ContactLogResolver {
  constructor(
    private readonly logs: ContactLogService,
    private readonly followUps: FollowUpActionService,
    private readonly organisations: PartnerOrganisationService,
    private readonly branches: BranchService,
  ) {}

  @Query(() => ContactLogConnection, { description: 'Contact logs you may see (not archived), most recent first; each read is audited' })
  contactLogs(@CurrentActor() actor: Actor, @Args() args: ContactLogsArgs): Promise<Connection<ContactLog>> {
    return this.logs.list(actor, args);
  }

  @Query(() => ContactLog, { description: 'Audited read' })
  contactLog(@CurrentActor() actor: Actor, @Args() { id }: IdArgs): Promise<ContactLog> {
    return this.logs.get(actor, id);
  }

  @Mutation(() => ContactLog)
  createContactLog(@CurrentActor() actor: Actor, @Args('input') input: CreateContactLogInput): Promise<ContactLog> {
    return this.logs.create(actor, input);
  }

  @Mutation(() => ContactLog)
  updateContactLog(@CurrentActor() actor: Actor, @Args('input') input: UpdateContactLogInput): Promise<ContactLog> {
    return this.logs.update(actor, input);
  }

  @Mutation(() => ContactLog)
  archiveContactLog(@CurrentActor() actor: Actor, @Args('input') { id, version }: VersionedIdInput): Promise<ContactLog> {
    return this.logs.archive(actor, id, version);
  }

  @ResolveField(() => PartnerOrganisation, { nullable: true, description: 'Null if you may not see the organisation' })
  partnerOrganisation(@Parent() log: ContactLog, @Context() ctx: GqlContext): Promise<PartnerOrganisation | null> {
    return this.organisations.byId(ctx, actorOf(ctx), log.partnerOrganisationId);
  }

  @ResolveField(() => Branch, { nullable: true, description: 'Null when none is given or you may not see it' })
  branch(@Parent() log: ContactLog, @Context() ctx: GqlContext): Promise<Branch | null> | null {
    return log.branchId ? this.branches.byId(ctx, actorOf(ctx), log.branchId) : null;
  }

  @ResolveField(() => [FollowUpAction])
  followUpActions(@Parent() log: ContactLog, @Context() ctx: GqlContext): Promise<FollowUpAction[]> {
    return this.followUps.forContactLog(ctx, actorOf(ctx), log.id);
  }
}
