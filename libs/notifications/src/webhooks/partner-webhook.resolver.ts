import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';
import { ArgsType, Field } from '@nestjs/graphql';
import { type Actor, CurrentActor } from '../../../access/src/index.js';
import { PartnerWebhook, RemovePartnerWebhookInput, SetPartnerWebhookInput } from './partner-webhook.js';
import { PartnerWebhookService } from './partner-webhook.service.js';

@ArgsType()
class PartnerWebhookArgs {
  @Field(() => ID) @IsUUID('all', { message: 'partnerOrganisationId must be a UUID' }) partnerOrganisationId: string;
}

@Resolver(() => PartnerWebhook)
export class PartnerWebhookResolver {
  constructor(private readonly webhooks: PartnerWebhookService) {}

  @Query(() => PartnerWebhook, { nullable: true, description: "A partner organisation's webhook (managers, administrators); null when it has none" })
  partnerWebhook(@CurrentActor() actor: Actor, @Args() { partnerOrganisationId }: PartnerWebhookArgs): Promise<PartnerWebhook | null> {
    return this.webhooks.get(actor, partnerOrganisationId);
  }

  @Mutation(() => PartnerWebhook, { description: "Sets (or replaces) a partner organisation's webhook URL and signing secret" })
  setPartnerWebhook(@CurrentActor() actor: Actor, @Args('input') input: SetPartnerWebhookInput): Promise<PartnerWebhook> {
    return this.webhooks.set(actor, input);
  }

  @Mutation(() => Boolean, { description: "Removes a partner organisation's webhook; false when it had none" })
  removePartnerWebhook(@CurrentActor() actor: Actor, @Args('input') input: RemovePartnerWebhookInput): Promise<boolean> {
    return this.webhooks.remove(actor, input);
  }
}
