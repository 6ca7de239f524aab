import { VersionedReasonArgs, type Connection, ConnectionType, IdArgs, VersionedIdArgs } from '../../../common/src/index.js';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor } from '../../../access/src/index.js';
import { IntelligenceItemsArgs, RecordIntelligenceInput, SubmitIntelligenceInput } from './dto/intelligence.input.js';
import { IntelligenceItem } from './intelligence-item.entity.js';
import { IntelligenceService } from './intelligence.service.js';

const IntelligenceItemConnection = ConnectionType(IntelligenceItem);

@Resolver(() => IntelligenceItem)
export class IntelligenceResolver {
  constructor(private readonly intelligence: IntelligenceService) {}

  @Query(() => IntelligenceItemConnection, {
    description: 'Intelligence of your library service (managers, outreach workers, DPO), or that you submitted (partners); newest first; audited. Staff see none',
  })
  intelligenceItems(@CurrentActor() actor: Actor, @Args() args: IntelligenceItemsArgs): Promise<Connection<IntelligenceItem>> {
    return this.intelligence.list(actor, args);
  }

  @Query(() => IntelligenceItem, { description: 'Audited read' })
  intelligenceItem(@CurrentActor() actor: Actor, @Args() { id }: IdArgs): Promise<IntelligenceItem> {
    return this.intelligence.get(actor, id);
  }

  @Mutation(() => IntelligenceItem, { description: 'Managers and outreach workers record intelligence (ACCEPTED at once)' })
  recordIntelligence(@CurrentActor() actor: Actor, @Args('input') input: RecordIntelligenceInput): Promise<IntelligenceItem> {
    return this.intelligence.record(actor, input);
  }

  @Mutation(() => IntelligenceItem, { description: 'A partner (or receiving library service) submits intelligence to a case shared with it now (SUBMITTED)' })
  submitIntelligence(@CurrentActor() actor: Actor, @Args('input') input: SubmitIntelligenceInput): Promise<IntelligenceItem> {
    return this.intelligence.submit(actor, input);
  }

  @Mutation(() => IntelligenceItem, { description: 'SUBMITTED → ACCEPTED (into the record); managers only' })
  acceptIntelligence(@CurrentActor() actor: Actor, @Args() { id, version }: VersionedIdArgs): Promise<IntelligenceItem> {
    return this.intelligence.decide(actor, id, version, true, null);
  }

  @Mutation(() => IntelligenceItem, { description: 'SUBMITTED → REJECTED; managers only' })
  rejectIntelligence(@CurrentActor() actor: Actor, @Args() { id, version, reason }: VersionedReasonArgs): Promise<IntelligenceItem> {
    return this.intelligence.decide(actor, id, version, false, reason);
  }
}
