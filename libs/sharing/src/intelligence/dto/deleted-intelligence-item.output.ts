import { Field, ID, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar } from '../../../../common/src/index.js';

/** What deleteIntelligence answers: the item is gone, with its review history; the audit trail keeps this. */
@ObjectType({ description: 'An intelligence item deleted by a review decision' })
export class DeletedIntelligenceItem {
  @Field(() => ID, { description: 'The id the item had' }) id: string;
  @Field(() => ID) deletedById: string;
  @Field(() => DateTimeScalar) deletedAt: Date;
}
