import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, actorOf, CurrentActor, type GqlContext } from '../../../access/src/index.js';
import { type Connection, ConnectionType, IdArgs, VersionedIdInput } from '../../../common/src/index.js';
import { CreatePartnerContactInput } from './dto/create-partner-contact.input.js';
import { PartnerContactsArgs } from './dto/partner-contact-filter.input.js';
import { UpdatePartnerContactInput } from './dto/update-partner-contact.input.js';
import { PartnerContact } from './partner-contact.entity.js';
import { PartnerOrganisation } from '../partner-organisation/partner-organisation.entity.js';
import { PartnerOrganisationService } from '../partner-organisation/partner-organisation.service.js';
import { PartnerContactService } from './partner-contact.service.js';

const PartnerContactConnection = ConnectionType(PartnerContact);

@Resolver(() => PartnerContact)
export class PartnerContactResolver {
  constructor(
    private readonly contacts: PartnerContactService,
    private readonly organisations: PartnerOrganisationService,
  ) {}

  @Query(() => PartnerContactConnection, { description: 'Partner contacts you may see (not archived), by name; each read is audited' })
  partnerContacts(@CurrentActor() actor: Actor, @Args() args: PartnerContactsArgs): Promise<Connection<PartnerContact>> {
    return this.contacts.list(actor, args);
  }

  @Query(() => PartnerContact, { description: 'Audited read' })
  partnerContact(@CurrentActor() actor: Actor, @Args() { id }: IdArgs): Promise<PartnerContact> {
    return this.contacts.get(actor, id);
  }

  @Mutation(() => PartnerContact)
  createPartnerContact(@CurrentActor() actor: Actor, @Args('input') input: CreatePartnerContactInput): Promise<PartnerContact> {
    return this.contacts.create(actor, input);
  }

  @Mutation(() => PartnerContact)
  updatePartnerContact(@CurrentActor() actor: Actor, @Args('input') input: UpdatePartnerContactInput): Promise<PartnerContact> {
    return this.contacts.update(actor, input);
  }

  @Mutation(() => PartnerContact)
  archivePartnerContact(@CurrentActor() actor: Actor, @Args('input') { id, version }: VersionedIdInput): Promise<PartnerContact> {
    return this.contacts.archive(actor, id, version);
  }

  @ResolveField(() => PartnerOrganisation, { nullable: true, description: 'Null if you may not see the organisation' })
  partnerOrganisation(@Parent() contact: PartnerContact, @Context() ctx: GqlContext): Promise<PartnerOrganisation | null> {
    return this.organisations.byId(ctx, actorOf(ctx), contact.partnerOrganisationId);
  }
}
