import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { actorOf, type GqlContext, User } from '../../../access/src/index.js';
import { AuditActorView } from '../../../governance/src/audit-queries/audit-query.types.js';
import { ProcessingRecipient } from '../../../governance/src/processing/record-of-processing.types.js';
import { PartnerOrganisation } from './partner-organisation.entity.js';
import { PartnerOrganisationService } from './partner-organisation.service.js';

/*
 * `partnerOrganisation` on types of other contexts that only hold its id (access, governance):
 * declared here, where organisations are read, so those contexts need not depend on this one.
 */
const FIELD = { nullable: true, description: 'Null if you may not see the organisation' } as const;

@Resolver(() => User)
export class UserPartnerOrganisationResolver {
  constructor(private readonly organisations: PartnerOrganisationService) {}

  @ResolveField(() => PartnerOrganisation, FIELD)
  partnerOrganisation(@Parent() user: User, @Context() ctx: GqlContext): Promise<PartnerOrganisation | null> | null {
    return user.partnerOrganisationId ? this.organisations.byId(ctx, actorOf(ctx), user.partnerOrganisationId) : null;
  }
}

@Resolver(() => AuditActorView)
export class AuditActorPartnerOrganisationResolver {
  constructor(private readonly organisations: PartnerOrganisationService) {}

  @ResolveField(() => PartnerOrganisation, FIELD)
  partnerOrganisation(@Parent() view: AuditActorView, @Context() ctx: GqlContext): Promise<PartnerOrganisation | null> | null {
    return view.partnerOrganisationId ? this.organisations.byId(ctx, actorOf(ctx), view.partnerOrganisationId) : null;
  }
}

@Resolver(() => ProcessingRecipient)
export class ProcessingRecipientPartnerOrganisationResolver {
  constructor(private readonly organisations: PartnerOrganisationService) {}

  @ResolveField(() => PartnerOrganisation, FIELD)
  partnerOrganisation(@Parent() recipient: ProcessingRecipient, @Context() ctx: GqlContext): Promise<PartnerOrganisation | null> {
    return this.organisations.byId(ctx, actorOf(ctx), recipient.partnerOrganisationId);
  }
}

export const PARTNER_ORGANISATION_RELATION_RESOLVERS = [
  UserPartnerOrganisationResolver,
  AuditActorPartnerOrganisationResolver,
  ProcessingRecipientPartnerOrganisationResolver,
];
