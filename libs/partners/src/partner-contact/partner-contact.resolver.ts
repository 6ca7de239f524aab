import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor } from '../../../access/src/index.js';
import { type Connection, ConnectionType, IdArgs, VersionedIdArgs } from '../../../common/src/index.js';
import { CreatePartnerContactInput } from './dto/create-partner-contact.input.js';
import { PartnerContactsArgs } from './dto/partner-contact-filter.input.js';
import { UpdatePartnerContactInput } from './dto/update-partner-contact.input.js';
import { PartnerContact } from './partner-contact.entity.js';
import { PartnerContactService } from './partner-contact.service.js';

const PartnerContactConnection = ConnectionType(PartnerContact);

@Resolver(() => PartnerContact)
export class PartnerContactResolver {
  constructor(private readonly contacts: PartnerContactService) {}

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
  archivePartnerContact(@CurrentActor() actor: Actor, @Args() { id, version }: VersionedIdArgs): Promise<PartnerContact> {
    return this.contacts.archive(actor, id, version);
  }
}
