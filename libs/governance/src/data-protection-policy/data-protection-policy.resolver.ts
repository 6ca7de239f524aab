import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor } from '../../../access/src/index.js';
import { DataProtectionPolicyService } from './data-protection-policy.service.js';
import { DataProtectionPolicyView } from './data-protection-policy.types.js';
import { UpdateDataProtectionPolicyInput } from './dto/update-data-protection-policy.input.js';

@Resolver()
export class DataProtectionPolicyResolver {
  constructor(private readonly policies: DataProtectionPolicyService) {}

  @Query(() => [DataProtectionPolicyView], {
    description: "Your library service's criminal offence condition per record type, e.g. for bans (administrators and the DPO)",
  })
  dataProtectionPolicies(@CurrentActor() actor: Actor): Promise<DataProtectionPolicyView[]> {
    return this.policies.list(actor);
  }

  @Mutation(() => DataProtectionPolicyView, {
    description: 'Changes the criminal offence condition new records of a type record by default (administrators); existing records keep theirs',
  })
  updateDataProtectionPolicy(@CurrentActor() actor: Actor, @Args('input') input: UpdateDataProtectionPolicyInput): Promise<DataProtectionPolicyView> {
    return this.policies.update(actor, input);
  }
}
