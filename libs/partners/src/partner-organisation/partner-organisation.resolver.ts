import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor, actorOf, type GqlContext } from '../../../access/src/index.js';
import { type Connection, ConnectionType, IdArgs, VersionedIdInput } from '../../../common/src/index.js';
import { PartnerContact } from '../partner-contact/partner-contact.entity.js';
import { PartnerContactService } from '../partner-contact/partner-contact.service.js';
import { CreatePartnerOrganisationInput } from './dto/create-partner-organisation.input.js';
import { PartnerOrganisationsArgs } from './dto/partner-organisation-filter.input.js';
import { UpdatePartnerOrganisationInput } from './dto/update-partner-organisation.input.js';
import { PartnerOrganisation } from './partner-organisation.entity.js';
import { PartnerOrganisationService } from './partner-organisation.service.js';

const PartnerOrganisationConnection = ConnectionType(PartnerOrganisation);

@Resolver(() => PartnerOrganisation)
export class PartnerOrganisationResolver {
  constructor(
    private readonly organisations: PartnerOrganisationService,
    private readonly partnerContacts: PartnerContactService,
  ) {}

  @Query(() => PartnerOrganisationConnection, { description: 'Partner organisations you may see, by name' })
  partnerOrganisations(@CurrentActor() actor: Actor, @Args() args: PartnerOrganisationsArgs): Promise<Connection<PartnerOrganisation>> {
    return this.organisations.list(actor, args);
  }

  @Query(() => PartnerOrganisation)
  partnerOrganisation(@CurrentActor() actor: Actor, @Args() { id }: IdArgs): Promise<PartnerOrganisation> {
    return this.organisations.get(actor, id);
  }

  @Mutation(() => PartnerOrganisation)
  createPartnerOrganisation(@CurrentActor() actor: Actor, @Args('input') input: CreatePartnerOrganisationInput): Promise<PartnerOrganisation> {
    return this.organisations.create(actor, input);
  }

  @Mutation(() => PartnerOrganisation)
  updatePartnerOrganisation(@CurrentActor() actor: Actor, @Args('input') input: UpdatePartnerOrganisationInput): Promise<PartnerOrganisation> {
    return this.organisations.update(actor, input);
  }

  @Mutation(() => PartnerOrganisation, { description: 'Sets status ARCHIVED; archived organisations are left out of lists unless asked for' })
  archivePartnerOrganisation(@CurrentActor() actor: Actor, @Args('input') { id, version }: VersionedIdInput): Promise<PartnerOrganisation> {
    return this.organisations.archive(actor, id, version);
  }

  @ResolveField(() => [PartnerContact], { description: 'Contacts that are not archived and that you may see' })
  contacts(@Parent() org: PartnerOrganisation, @Context() ctx: GqlContext): Promise<PartnerContact[]> {
    return this.partnerContacts.forOrganisation(ctx, actorOf(ctx), org.id);
  }
}
