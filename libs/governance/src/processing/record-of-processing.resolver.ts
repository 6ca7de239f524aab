import { Query, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor } from '../../../access/src/index.js';
import { RecordOfProcessingService } from './record-of-processing.service.js';
import { RecordOfProcessing } from './record-of-processing.types.js';
import { REPORT_COST } from '../../../common/src/index.js';

@Resolver()
export class RecordOfProcessingResolver {
  constructor(private readonly service: RecordOfProcessingService) {}

  @Query(() => RecordOfProcessing, {
    complexity: REPORT_COST,
    description: 'Record of processing activities, generated from the entities’ declarations and the live data (the DPO)',
  })
  recordOfProcessing(@CurrentActor() actor: Actor): Promise<RecordOfProcessing> {
    return this.service.build(actor);
  }
}
